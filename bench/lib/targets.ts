/**
 * The fixed ids and credentials every figure uses against the loopback simulator.
 * The credentials are placeholders: the simulator accepts any non-empty value.
 */
export const KENDRA_INDEX_ID = '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab';
export const BEDROCK_KNOWLEDGE_BASE_ID = 'KB12345678';
export const BEDROCK_DATA_SOURCE_ID = 'DS12345678';
export const AZURE_TRANSLATION_ID = '9dce0aa9-78dc-41ba-8cae-2e2f3c2ff8ec';
export const NAVER_SERVICE_ID = 'bench-svc';
export const NAVER_API_KEY = 'bench-api-key';
export const AZURE_KEY = 'bench-subscription-key';
export const AWS_REGION = 'us-east-1';
export const AWS_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };

/** A document id for Kendra, Bedrock and NAVER. */
export function docId(i: number): string {
  return `doc-${String(i).padStart(6, '0')}`;
}

/** A document id for Azure (a UUID). */
export function azureDocId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}
