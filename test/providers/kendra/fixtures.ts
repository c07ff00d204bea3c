import type { DocumentIndexError } from '../../../src/index';
import { createKendraIndex, type KendraIndexOptions } from '../../../src/providers/kendra/index';
import type { RunningSimulator } from '../../../src/testing/index';

export const INDEX_ID = '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab';
/** Dummy keys: the simulator accepts any credentials. The secret is distinctive so tests can look for leaks. */
export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'sekret-DO-NOT-LEAK-123' };
/** Real backoff code, millisecond delays. */
export const FAST_RETRY = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };

/** A Kendra index client pointed at the loopback simulator. */
export function kendraIndex(sim: RunningSimulator, options: Partial<KendraIndexOptions> = {}) {
  return createKendraIndex({
    indexId: INDEX_ID,
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: CREDENTIALS,
    retry: FAST_RETRY,
    ...options,
  });
}

/** The error a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<DocumentIndexError> {
  try {
    await promise;
  } catch (error) {
    return error as DocumentIndexError;
  }
  throw new Error('expected the call to reject');
}
