/**
 * The documents the status calls of figures 1 and 1b read (`status-calls.ts`), in a
 * module of their own so that a simulator process can seed them without loading
 * any client.
 */
import type { RunningSimulator } from 'docindex/testing';
import {
  AZURE_TRANSLATION_ID,
  azureDocId,
  BEDROCK_DATA_SOURCE_ID,
  BEDROCK_KNOWLEDGE_BASE_ID,
  docId,
  KENDRA_INDEX_ID,
  NAVER_API_KEY,
  NAVER_SERVICE_ID,
} from './targets';

export const IDS = Array.from({ length: 10 }, (_, i) => docId(i));
export const AZURE_IDS = IDS.map((_, i) => azureDocId(i));

/** Ten documents per provider (one for NAVER, which has no batch call), already terminal, so every call reads the same answer. */
export function seedStatusDocuments(sim: RunningSimulator): void {
  sim.kendra.putDocuments(
    KENDRA_INDEX_ID,
    IDS.map((id) => ({ id, status: 'INDEXED' as const })),
  );
  sim.bedrock.putDocuments(
    BEDROCK_KNOWLEDGE_BASE_ID,
    BEDROCK_DATA_SOURCE_ID,
    IDS.map((id) => ({ customId: id, status: 'INDEXED' })),
  );
  sim.azure.putTranslation(AZURE_TRANSLATION_ID);
  sim.azure.putDocuments(
    AZURE_TRANSLATION_ID,
    AZURE_IDS.map((id) => ({ id, status: 'Succeeded' })),
  );
  sim.naver.requireApiKey(NAVER_API_KEY);
  sim.naver.putDocument(NAVER_SERVICE_ID, { id: IDS[0] as string, status: 'DONE' });
}
