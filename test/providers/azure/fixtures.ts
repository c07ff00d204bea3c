import type { DocumentIndexError } from '../../../src/index';
import { type AzureTranslationIndexOptions, createAzureTranslationIndex } from '../../../src/providers/azure/index';
import type { RunningSimulator } from '../../../src/testing/index';

export const TRANSLATION = '9dce0aa9-78dc-41ba-8cae-2e2f3c2ff8ec';
export const KEY = 'sub-key-0123456789abcdef';
export const FAST_RETRY = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };

/** The i-th document id (a UUID). */
export const docId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** A client for TRANSLATION on the simulator (which gets the translation created). */
export function azureClient(sim: RunningSimulator, overrides: Partial<AzureTranslationIndexOptions> = {}) {
  sim.azure.putTranslation(TRANSLATION);
  return createAzureTranslationIndex({
    endpoint: sim.url,
    translationId: TRANSLATION,
    credential: KEY,
    retry: FAST_RETRY,
    ...overrides,
  });
}

/** Stores `count` documents with fixed statuses (Succeeded unless given). */
export function seedDocs(sim: RunningSimulator, count: number, status = 'Succeeded'): string[] {
  const ids = Array.from({ length: count }, (_, i) => docId(i + 1));
  sim.azure.putDocuments(
    TRANSLATION,
    ids.map((id) => ({ id, status })),
  );
  return ids;
}

/** Resolves with what a promise rejects with; fails if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<DocumentIndexError> {
  try {
    await promise;
  } catch (error) {
    return error as DocumentIndexError;
  }
  throw new Error('expected the call to reject');
}
