/**
 * A consumer compiled with `exactOptionalPropertyTypes` (test/types/tsconfig.exact-optional.json), against the
 * built declarations as an application sees them: every optional input also takes `undefined`, so settings read
 * from the environment or passed along from the application's own options type-check as they are.
 */
import type { BatchOptions, DocumentInput, ListOptions, PageSettings, RetryOptions, WaitOptions } from 'docindex';
import { createAzureTranslationIndex } from 'docindex/azure';
import { createBedrockIndex } from 'docindex/bedrock';
import { createKendraIndex } from 'docindex/kendra';
import { createNaverRagIndex } from 'docindex/naver';

const maybe = (name: string): string | undefined => process.env[name];
const maybeNumber = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);

export const kendra = createKendraIndex({
  indexId: 'index',
  region: maybe('AWS_REGION'),
  endpoint: maybe('KENDRA_ENDPOINT'),
  roleArn: maybe('KENDRA_ROLE_ARN'),
  credentials: undefined,
  client: undefined,
  userAgent: maybe('APP_USER_AGENT'),
});
export const bedrock = createBedrockIndex({
  knowledgeBaseId: 'KB12345678',
  dataSourceId: 'DS12345678',
  region: maybe('AWS_REGION'),
  endpoint: maybe('BEDROCK_ENDPOINT'),
  credentials: undefined,
  client: undefined,
});
export const azure = createAzureTranslationIndex({
  endpoint: 'https://example.cognitiveservices.azure.com',
  credential: 'key',
  translationId: '00000000-0000-4000-8000-000000000000',
  region: maybe('AZURE_REGION'),
  apiVersion: undefined,
  allowInsecureConnection: undefined,
  httpClient: undefined,
});
export const naver = createNaverRagIndex({
  serviceId: 'svc',
  apiKey: 'key',
  baseUrl: maybe('NAVER_BASE_URL'),
  timeoutMs: maybeNumber('NAVER_TIMEOUT_MS'),
  allowInsecureConnection: undefined,
  fetch: undefined,
});

const signal: AbortSignal | undefined = undefined;
export const batch: BatchOptions = { signal, timeoutMs: maybeNumber('TIMEOUT_MS'), concurrency: maybeNumber('N') };
export const wait: WaitOptions = { ...batch, minDelayMs: undefined, maxDelayMs: undefined, until: undefined };
export const list: ListOptions = { statuses: undefined, signal, timeoutMs: undefined };
export const page: PageSettings = { continuationToken: maybe('TOKEN'), maxPageSize: maybeNumber('PAGE') };
export const retry: RetryOptions = {
  maxAttempts: maybeNumber('ATTEMPTS'),
  minDelayMs: undefined,
  maxDelayMs: undefined,
};
export const input: DocumentInput = { id: 'a', content: 'x', contentType: maybe('TYPE'), title: maybe('TITLE') };

// Refs and translation inputs take `undefined` for their optional members too.
export const kendraRef: import('docindex/kendra').KendraDocumentRef = {
  id: 'a',
  dataSourceId: maybe('DATA_SOURCE_ID'),
  dataSourceSyncJobExecutionId: maybe('SYNC_JOB_ID'),
  version: maybe('DOCUMENT_VERSION'),
};
export const translationInput: import('docindex/azure').AzureTranslationInput = {
  source: {
    sourceUrl: 'https://acct.blob.core.windows.net/source',
    language: maybe('SOURCE_LANGUAGE'),
    filter: { prefix: maybe('PREFIX'), suffix: undefined },
    storageSource: undefined,
  },
  targets: [
    {
      targetUrl: 'https://acct.blob.core.windows.net/fr',
      language: 'fr',
      category: maybe('CATEGORY'),
      glossaries: [{ glossaryUrl: 'https://acct.blob.core.windows.net/g.tsv', format: 'TSV', version: undefined }],
      storageSource: undefined,
      options: { pdfOutputAdditionalFormat: undefined },
    },
  ],
  storageType: undefined,
};
