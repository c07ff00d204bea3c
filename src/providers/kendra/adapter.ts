import {
  BatchDeleteDocumentCommand,
  type BatchDeleteDocumentResponseFailedDocument,
  BatchGetDocumentStatusCommand,
  type BatchGetDocumentStatusResponseError,
  type KendraClient,
  type Status,
} from '@aws-sdk/client-kendra';
import type { ChunkResult, ProviderAdapter, RequestContext } from '../../spec/adapter';
import { observed } from '../aws/observe';
import { classifyKendraError } from './errors';
import { createKendraPut, type KendraPreparedDocument } from './put';
import { type KendraRef, type NormalizedKendraRef, normalizeKendraRef } from './refs';
import { deletingStatus, type KendraDocumentStatus, PROVIDER, toDocumentStatus } from './status';
import { batchOutcome, itemError, listOf } from './wire';

/** Kendra's batch calls take at most 10 documents. */
export const KENDRA_BATCH_LIMIT = 10;

/**
 * One request per chunk: BatchGetDocumentStatus for statuses, BatchDeleteDocument
 * for deletes, BatchPutDocument for puts (see `put.ts`). The core does the chunking, retries and deadlines around these.
 */
export function createKendraAdapter(
  client: Pick<KendraClient, 'send'>,
  indexId: string,
  roleArn?: string,
): ProviderAdapter<KendraRef, NormalizedKendraRef, KendraDocumentStatus, KendraPreparedDocument> {
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
    return batchOutcome(
      'delete',
      refs.map((ref) => ref.id),
      listOf<BatchDeleteDocumentResponseFailedDocument>(output.FailedDocuments, 'FailedDocuments'),
      output.$metadata?.requestId,
      deletingStatus,
    );
  };

  return {
    provider: PROVIDER,
    normalizeRef: normalizeKendraRef,
    classifyError: classifyKendraError,
    operations: {
      status: { batch: { name: 'BatchGetDocumentStatus', maxDocuments: KENDRA_BATCH_LIMIT, send: getStatuses } },
      delete: { batch: { name: 'BatchDeleteDocument', maxDocuments: KENDRA_BATCH_LIMIT, send: deleteDocuments } },
      put: createKendraPut({ client, indexId, roleArn }),
    },
    unsupportedHints: {
      list: 'Amazon Kendra has no API that lists documents; keep your own ids and use getStatuses',
    },
  };
}
