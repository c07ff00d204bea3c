import {
  BatchDeleteDocumentCommand,
  type BatchDeleteDocumentResponseFailedDocument,
  BatchGetDocumentStatusCommand,
  type BatchGetDocumentStatusResponseError,
  type KendraClient,
  type Status,
} from '@aws-sdk/client-kendra';
import type { ChunkResult, ProviderAdapter, RequestContext } from '../../core/adapter';
import { documentStatus } from '../../core/document-status';
import { DocumentIndexError } from '../../core/errors';
import type { DocumentStatus } from '../../core/types';
import { classifyKendraError } from './errors';
import { type KendraRef, type NormalizedKendraRef, normalizeKendraRef } from './refs';
import { mapKendraStatus } from './status';

/** Kendra's batch calls take at most 10 documents. */
export const KENDRA_BATCH_LIMIT = 10;

/**
 * One request per chunk: BatchGetDocumentStatus for statuses, BatchDeleteDocument
 * for deletes. The core does the chunking, retries and deadlines around these.
 */
export function createKendraAdapter(
  client: Pick<KendraClient, 'send'>,
  indexId: string,
): ProviderAdapter<KendraRef, NormalizedKendraRef> {
  return {
    provider: 'kendra',
    batchLimit: KENDRA_BATCH_LIMIT,
    unsupportedHints: {
      list: 'Amazon Kendra has no API that lists documents; keep your own ids and use getStatuses',
    },
    normalizeRef: normalizeKendraRef,
    classifyError: classifyKendraError,

    async getStatusChunk(refs: NormalizedKendraRef[], context: RequestContext): Promise<ChunkResult> {
      const output = await client.send(
        new BatchGetDocumentStatusCommand({ IndexId: indexId, DocumentInfoList: refs.map((ref) => ref.info) }),
        { abortSignal: context.signal },
      );
      const requestId = output.$metadata?.requestId;
      const result: ChunkResult = { items: [], errors: [] };
      for (const entry of listOf<Status>(output.DocumentStatusList, 'DocumentStatusList')) {
        if (typeof entry?.DocumentId === 'string') result.items.push(toDocumentStatus(entry.DocumentId, entry));
      }
      for (const entry of listOf<BatchGetDocumentStatusResponseError>(output.Errors, 'Errors')) {
        if (typeof entry?.DocumentId === 'string') {
          result.errors.push({ id: entry.DocumentId, error: itemError('get the status of', entry, requestId) });
        }
      }
      return result;
    },

    async deleteChunk(refs: NormalizedKendraRef[], context: RequestContext): Promise<ChunkResult> {
      const output = await client.send(
        new BatchDeleteDocumentCommand({ IndexId: indexId, DocumentIdList: refs.map((ref) => ref.id) }),
        { abortSignal: context.signal },
      );
      const requestId = output.$metadata?.requestId;
      const refused = new Map<string, DocumentIndexError>();
      for (const entry of listOf<BatchDeleteDocumentResponseFailedDocument>(
        output.FailedDocuments,
        'FailedDocuments',
      )) {
        if (typeof entry?.Id === 'string') refused.set(entry.Id, itemError('delete', entry, requestId));
      }
      const result: ChunkResult = { items: [], errors: [] };
      for (const ref of refs) {
        const error = refused.get(ref.id);
        // Kendra deletes asynchronously and reports no status: accepted means `deleting`.
        if (error) result.errors.push({ id: ref.id, error });
        else result.items.push(deletingStatus(ref.id));
      }
      return result;
    },
  };
}

/** One `Status` entry as our `DocumentStatus`; `raw` is the entry itself. */
export function toDocumentStatus(id: string, entry: Status): DocumentStatus {
  const providerStatus = typeof entry.DocumentStatus === 'string' ? entry.DocumentStatus : '';
  const status = mapKendraStatus(providerStatus);
  const document = documentStatus({ provider: 'kendra', id, status, providerStatus, raw: entry });
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

function deletingStatus(id: string): DocumentStatus {
  return documentStatus({ provider: 'kendra', id, status: 'deleting', providerStatus: '', raw: { Id: id } });
}

/**
 * A per-document `Errors` / `FailedDocuments` entry as our error: `InternalError`
 * is worth asking again, `InvalidRequest` is not. The provider's message stays in `cause`.
 */
function itemError(
  action: string,
  entry: { ErrorCode?: string | undefined; ErrorMessage?: string | undefined },
  requestId: string | undefined,
): DocumentIndexError {
  const providerCode = entry.ErrorCode;
  const code = providerCode === 'InvalidRequest' ? 'validation' : 'internal';
  return new DocumentIndexError(
    code,
    `Amazon Kendra could not ${action} the document${providerCode ? ` (${providerCode})` : ''}`,
    {
      provider: 'kendra',
      providerCode,
      requestId,
      // Unknown item error codes are not retried: polling them again is unlikely to help.
      retryable: providerCode === 'InternalError',
      cause: entry,
    },
  );
}

/** A response list, where the SDK passes through whatever JSON it was given. */
function listOf<T>(value: unknown, field: string): readonly (T | undefined)[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new DocumentIndexError('invalid_response', `Amazon Kendra sent a response whose ${field} is not a list`, {
      provider: 'kendra',
      retryable: false,
    });
  }
  return value as (T | undefined)[];
}
