/**
 * An AWS Lambda function that reports the indexing status of Kendra documents.
 * It imports only `docindex/kendra`, so its bundle carries the Kendra SDK and no
 * other provider's (see esbuild.config.mjs beside it).
 *
 * Environment:
 *
 *   KENDRA_INDEX_ID  the index id (36 characters)
 *   AWS_REGION       set by Lambda itself
 *   KENDRA_ENDPOINT  (optional) where to send requests instead of Kendra, e.g. the
 *                    docindex simulator's url in a test
 *
 * Credentials come from the function's execution role (the AWS default chain).
 *
 * Event: `{ "ids": ["doc-1", "doc-2"] }`.
 */
import { createKendraIndex } from 'docindex/kendra';

/** What the function answers: every id exactly once, with its status or its error. */
export interface StatusReport {
  statuses: Array<{ id: string; status: string; providerStatus: string; failure?: string }>;
  errors: Array<{ id: string; code: string; providerCode?: string }>;
}

// Created once per container and reused by every invocation it serves.
const endpoint = process.env.KENDRA_ENDPOINT;
const index = createKendraIndex({
  indexId: process.env.KENDRA_INDEX_ID ?? '',
  region: process.env.AWS_REGION,
  ...(endpoint ? { endpoint } : {}),
});

/** The Lambda entry point. */
export async function handler(event: { ids?: unknown }): Promise<StatusReport> {
  const ids = Array.isArray(event.ids) ? event.ids.filter((id): id is string => typeof id === 'string') : [];
  // Leave a margin before Lambda's own timeout: an unfinished call rejects with `timeout` instead.
  const { items, errors } = await index.getStatuses(ids, { timeoutMs: 10_000 });
  return {
    statuses: items.map((doc) => ({
      id: doc.id,
      status: doc.status,
      providerStatus: doc.providerStatus,
      ...(doc.failure?.message ? { failure: doc.failure.message } : {}),
    })),
    errors: errors.map(({ id, error }) => ({
      id,
      code: error.code,
      ...(error.providerCode ? { providerCode: error.providerCode } : {}),
    })),
  };
}
