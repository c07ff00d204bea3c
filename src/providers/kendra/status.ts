import type { DocumentStatus as KendraWireStatus, Status } from '@aws-sdk/client-kendra';
import type { DocumentStatus } from '../../spec/client';
import { createStatusMapper, documentStatus } from '../../spec/document-status';
import type { IndexStatus } from '../../spec/status';

/** This adapter's provider name, on its statuses and errors. */
export const PROVIDER = 'kendra';

/**
 * Kendra's raw document statuses in our union. Typed against the SDK's enum, so a
 * status a future SDK adds is a compile error here rather than a silent `unknown`.
 */
export const KENDRA_STATUS_TABLE: Readonly<Record<KendraWireStatus, IndexStatus>> = Object.freeze({
  NOT_FOUND: 'not_found',
  PROCESSING: 'processing',
  INDEXED: 'succeeded',
  UPDATED: 'succeeded',
  FAILED: 'failed',
  UPDATE_FAILED: 'failed',
});

const lookup = createStatusMapper(KENDRA_STATUS_TABLE);

/** Maps a raw Kendra status (exact match) to the union; anything else is `unknown`. */
export function mapKendraStatus(raw: unknown): IndexStatus {
  return lookup(raw);
}

/**
 * What `raw` holds on a Kendra status: the `DocumentStatusList` entry of
 * BatchGetDocumentStatus, or, for an accepted delete (Kendra reports none), `{ Id }`.
 */
export type KendraRawStatus = Status | { Id: string };

/** A Kendra document's status, `raw` typed. */
export type KendraDocumentStatus = DocumentStatus<KendraRawStatus, 'kendra'>;

/** One `Status` entry as our `DocumentStatus`; `raw` is the entry itself. */
export function toDocumentStatus(id: string, entry: Status): KendraDocumentStatus {
  const providerStatus = typeof entry.DocumentStatus === 'string' ? entry.DocumentStatus : '';
  const status = mapKendraStatus(providerStatus);
  const document = documentStatus<KendraRawStatus, typeof PROVIDER>({
    provider: PROVIDER,
    id,
    status,
    providerStatus,
    raw: entry,
  });
  // The SDK passes response JSON through untyped: only strings fill `failure`, so a
  // drifted answer cannot put an object where the contract promises a string.
  const failureCode = typeof entry.FailureCode === 'string' ? entry.FailureCode : undefined;
  const failureReason = typeof entry.FailureReason === 'string' ? entry.FailureReason : undefined;
  if (failureCode !== undefined || failureReason !== undefined) {
    document.failure = {};
    if (failureCode !== undefined) document.failure.code = failureCode;
    if (failureReason !== undefined) document.failure.message = failureReason;
  }
  return document;
}

/**
 * A document Kendra accepted a request for: it works asynchronously and reports
 * no status on acceptance, so the status the request leads to (`pending` for a
 * put, `deleting` for a delete) with `providerStatus` `''`.
 */
export function acceptedStatus(id: string, status: 'pending' | 'deleting'): KendraDocumentStatus {
  return documentStatus<KendraRawStatus, typeof PROVIDER>({
    provider: PROVIDER,
    id,
    status,
    providerStatus: '',
    raw: { Id: id },
  });
}

/** An accepted delete: `deleting`. */
export function deletingStatus(id: string): KendraDocumentStatus {
  return acceptedStatus(id, 'deleting');
}
