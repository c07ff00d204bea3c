import {
  BatchDeleteDocumentCommand,
  type BatchDeleteDocumentResponseFailedDocument,
  BatchGetDocumentStatusCommand,
  type BatchGetDocumentStatusResponseError,
  type KendraClient,
  type Status,
} from '@aws-sdk/client-kendra';
import type { ChunkResult, ProviderAdapter, RequestContext } from '../../spec/adapter';
import { DocumentIndexError } from '../../spec/errors';
import { observed } from '../aws/observe';
import { classifyKendraError } from './errors';
import { type KendraRef, type NormalizedKendraRef, normalizeKendraRef } from './refs';
import { deletingStatus, type KendraDocumentStatus, PROVIDER, toDocumentStatus } from './status';

/** Kendra's batch calls take at most 10 documents. */
export const KENDRA_BATCH_LIMIT = 10;

/**
 * One request per chunk: BatchGetDocumentStatus for statuses, BatchDeleteDocument
 * for deletes. The core does the chunking, retries and deadlines around these.
 */
export function createKendraAdapter(
  client: Pick<KendraClient, 'send'>,
  indexId: string,
): ProviderAdapter<KendraRef, NormalizedKendraRef, KendraDocumentStatus> {
  const getStatuses = async (
    refs: NormalizedKendraRef[],
    context: RequestContext,
  ): Promise<ChunkResult<KendraDocumentStatus>> => {
    const output = await client.send(
      observed(
        new BatchGetDocumentStatusCommand({ IndexId: indexId, DocumentInfoList: refs.map((ref) => ref.info) }),
        context,
      ),
      { abortSignal: context.signal },
    );
    const requestId = output.$metadata?.requestId;
    const result: ChunkResult<KendraDocumentStatus> = { items: [], errors: [] };
    for (const entry of listOf<Status>(output.DocumentStatusList, 'DocumentStatusList')) {
      if (typeof entry?.DocumentId === 'string') result.items.push(toDocumentStatus(entry.DocumentId, entry));
    }
    for (const entry of listOf<BatchGetDocumentStatusResponseError>(output.Errors, 'Errors')) {
      if (typeof entry?.DocumentId === 'string') {
        result.errors.push({ id: entry.DocumentId, error: itemError('get the status of', entry, requestId) });
      }
    }
    return result;
  };

  const deleteDocuments = async (
    refs: NormalizedKendraRef[],
    context: RequestContext,
  ): Promise<ChunkResult<KendraDocumentStatus>> => {
    const output = await client.send(
      observed(
        new BatchDeleteDocumentCommand({ IndexId: indexId, DocumentIdList: refs.map((ref) => ref.id) }),
        context,
      ),
      { abortSignal: context.signal },
    );
    const requestId = output.$metadata?.requestId;
    const refused = new Map<string, DocumentIndexError>();
    for (const entry of listOf<BatchDeleteDocumentResponseFailedDocument>(output.FailedDocuments, 'FailedDocuments')) {
      if (typeof entry?.Id === 'string') refused.set(entry.Id, itemError('delete', entry, requestId));
    }
    const result: ChunkResult<KendraDocumentStatus> = { items: [], errors: [] };
    for (const ref of refs) {
      const error = refused.get(ref.id);
      if (error) result.errors.push({ id: ref.id, error });
      else result.items.push(deletingStatus(ref.id));
    }
    return result;
  };

  return {
    provider: PROVIDER,
    normalizeRef: normalizeKendraRef,
    classifyError: classifyKendraError,
    operations: {
      status: { batch: { name: 'BatchGetDocumentStatus', maxDocuments: KENDRA_BATCH_LIMIT, send: getStatuses } },
      delete: { batch: { name: 'BatchDeleteDocument', maxDocuments: KENDRA_BATCH_LIMIT, send: deleteDocuments } },
    },
    unsupportedHints: {
      list: 'Amazon Kendra has no API that lists documents; keep your own ids and use getStatuses',
    },
  };
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
      retryable: false,
    });
  }
  return value as (T | undefined)[];
}
