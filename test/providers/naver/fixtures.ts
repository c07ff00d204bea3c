import { createNaverRagIndex, type NaverRagIndexOptions } from '../../../src/providers/naver/index';
import type { RunningSimulator } from '../../../src/testing/index';

/** The service every NAVER adapter test talks to. */
export const SERVICE_ID = 'svc-test';

/** A recognisable key, so leak checks can search for it. */
export const API_KEY = 'nv-SECRET-key-0123456789abcdef';

/** Real backoff code with millisecond delays. */
export const FAST_RETRY = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 } as const;

/** A client pointed at the loopback simulator, which is set to demand `API_KEY`. */
export function naverClient(sim: RunningSimulator, overrides: Partial<NaverRagIndexOptions> = {}) {
  sim.naver.requireApiKey(API_KEY);
  return createNaverRagIndex({
    serviceId: SERVICE_ID,
    apiKey: API_KEY,
    baseUrl: sim.url,
    retry: FAST_RETRY,
    ...overrides,
  });
}

/** The seed page's example response, verbatim (serviceId filled in). */
export const SEED_EXAMPLE = {
  code: 20000,
  message: 'Success',
  data: {
    serviceId: SERVICE_ID,
    docid: '12345',
    orgid: 'naver:media-ai-understanding.txt',
    step: {
      EXTRACT: {
        isFailed: false,
        startedAt: '2025-07-09T11:31:39.123000+00:00',
        finishedAt: '2025-07-09T11:31:39.123000+00:00',
        info: {},
      },
      CHUNK: {
        isFailed: false,
        startedAt: '2025-07-09T11:31:39.768000+00:00',
        finishedAt: '2025-07-09T11:31:39.768000+00:00',
        info: {},
      },
      EMBED: {
        isFailed: false,
        startedAt: '2025-07-09T11:31:39.784000+00:00',
        finishedAt: '2025-07-09T11:31:39.825000+00:00',
        info: {},
      },
      INDEX: {
        isFailed: false,
        startedAt: '2025-07-09T11:31:39.837000+00:00',
        finishedAt: '2025-07-09T11:31:39.856000+00:00',
        info: {},
      },
      DONE: {
        isFailed: false,
        startedAt: '2025-07-09T11:31:39.768000+00:00',
        finishedAt: '2025-07-09T11:31:39.891000+00:00',
        info: {},
      },
    },
    status: 'DONE',
    updatedAt: '2025-07-09T11:31:39.897000+00:00',
  },
};
