import type { ChunkResult, ProviderAdapter, RequestContext } from './adapter';
import { chunk, mapWithConcurrency, uniqueBy } from './batching';
import { withCallScope, withCallSignal } from './call-scope';
import { DocumentIndexError, unsupportedError, validationError } from './errors';
import { createPagedIterator } from './paging';
import { createRequestRunner } from './request-runner';
import type {
  BatchOptions,
  CallOptions,
  DocumentIndexClient,
  DocumentStatus,
  ListOptions,
  PagedAsyncIterableIterator,
  RetryOptions,
  StatusBatch,
  WaitOptions,
} from './types';
import { optionalInteger, validateCallOptions } from './validate';
import { waitForDocuments } from './waiting';

/** Provider requests in flight at once for a batch call when neither the client nor the call sets `concurrency`. */
export const DEFAULT_CONCURRENCY = 4;

/** Settings every factory accepts and hands to the core. */
export interface ClientConfig {
  retry?: RetryOptions | undefined;
  concurrency?: number | undefined;
}

/**
 * Errors that would fail every other chunk of the call too (bad credentials,
 * access denied, the index does not exist, invalid configuration): they reject the
 * whole call and stop further chunks. The call's own deadline and abort reject it
 * too, through its signal (see `runBatch`). `timeout` is not listed: reported by an
 * adapter while the call is still running, it is one request's own time limit
 * (NAVER's per-attempt `timeoutMs`, an SDK's request timeout), as transient as a
 * network error, so its chunk lands in `errors` like any retryable failure.
 */
const DOOMS_THE_CALL = new Set<DocumentIndexError['code']>([
  'unauthorized',
  'forbidden',
  'not_found',
  'validation',
  'unsupported',
  'aborted',
]);

/**
 * Builds the provider-neutral client around an adapter. Factories validate their
 * own options, then call this with the validated `retry` and `concurrency`.
 */
export function createDocumentIndexClient<Ref, Normalized extends { id: string }>(
  adapter: ProviderAdapter<Ref, Normalized>,
  config: ClientConfig = {},
): DocumentIndexClient<Ref> {
  const { provider } = adapter;
  const { attempt, call, classify } = createRequestRunner(provider, adapter.classifyError.bind(adapter), config.retry);
  const clientConcurrency =
    optionalInteger(config.concurrency, 'concurrency', { min: 1, max: 256 }, provider) ??
    adapter.defaultConcurrency ??
    DEFAULT_CONCURRENCY;

  const normalizeAll = (refs: unknown): Normalized[] => {
    if (!Array.isArray(refs)) throw validationError('refs', 'expected an array of document refs', provider);
    return uniqueBy(
      refs.map((ref, i) => adapter.normalizeRef(ref, `refs[${i}]`)),
      (ref) => ref.id,
    );
  };

  /** Chunks, runs and merges one batch operation under the accounting rule. */
  const runBatch = async (
    refs: Normalized[],
    operation: (refs: Normalized[], context: RequestContext) => Promise<ChunkResult>,
    signal: AbortSignal | undefined,
    concurrency: number,
  ): Promise<StatusBatch> => {
    const results = await mapWithConcurrency(chunk(refs, adapter.batchLimit), concurrency, async (part) => {
      try {
        return await attempt(signal, (context) => operation(part, context));
      } catch (thrown) {
        // The call itself ended (abort, deadline, or doomed by another chunk): reject with why.
        if (signal?.aborted) throw thrown;
        const error = classify(thrown);
        if (DOOMS_THE_CALL.has(error.code)) throw error;
        return { items: [], errors: part.map((ref) => ({ id: ref.id, error })) };
      }
    });
    return mergeChunkResults(refs, results, provider);
  };

  const requestsFor = (refs: readonly Normalized[]) => Math.ceil(refs.length / adapter.batchLimit);
  const concurrencyFor = (options: BatchOptions | undefined) => options?.concurrency ?? clientConcurrency;

  const client: DocumentIndexClient<Ref> = {
    provider,

    async getStatus(ref, options?: CallOptions) {
      const normalized = adapter.normalizeRef(ref, 'ref');
      return call(options, async (context) => {
        if (adapter.getOne) return adapter.getOne(normalized, context);
        return pickOne(await adapter.getStatusChunk([normalized], context), normalized.id, provider);
      });
    },

    async getStatuses(refs, options?: BatchOptions) {
      validateCallOptions(options, provider, { batch: true });
      const unique = normalizeAll(refs);
      if (unique.length === 0) return { items: [], errors: [] };
      return withCallSignal(options, provider, requestsFor(unique), (signal) =>
        runBatch(unique, adapter.getStatusChunk.bind(adapter), signal, concurrencyFor(options)),
      );
    },

    async deleteDocuments(refs, options?: BatchOptions) {
      const deleteChunk = adapter.deleteChunk?.bind(adapter);
      if (!deleteChunk) throw unsupportedError(provider, 'deleteDocuments', adapter.unsupportedHints?.delete);
      validateCallOptions(options, provider, { batch: true });
      const unique = normalizeAll(refs);
      if (unique.length === 0) return { items: [], errors: [] };
      return withCallSignal(options, provider, requestsFor(unique), (signal) =>
        runBatch(unique, deleteChunk, signal, concurrencyFor(options)),
      );
    },

    listStatuses(options?: ListOptions): PagedAsyncIterableIterator<DocumentStatus> {
      const listPage = adapter.listPage?.bind(adapter);
      return createPagedIterator<DocumentStatus>(
        async ({ continuationToken, maxPageSize }) => {
          // Checked on first use: listStatuses itself returns synchronously.
          if (!listPage) throw unsupportedError(provider, 'listStatuses', adapter.unsupportedHints?.list);
          validateCallOptions(options, provider, { list: true });
          // Built only after validation: a non-array `statuses` must reject with
          // `validation`, not throw a TypeError out of listStatuses() itself.
          const statuses = options?.statuses;
          const wanted = statuses && statuses.length > 0 ? new Set(statuses) : undefined;
          optionalInteger(maxPageSize, 'maxPageSize', { min: 1, max: adapter.maxListPageSize ?? 1000 }, provider);
          if (continuationToken !== undefined && (typeof continuationToken !== 'string' || continuationToken === '')) {
            throw validationError('continuationToken', 'expected a non-empty string', provider);
          }
          const page = await withCallSignal(options, provider, 1, (signal) =>
            attempt(signal, (context) =>
              listPage({ continuationToken, maxPageSize, statuses: wanted && [...wanted] }, context),
            ),
          );
          // The server filters where it can; this guarantees the contract where it cannot.
          return wanted ? { ...page, items: page.items.filter((item) => wanted.has(item.status)) } : page;
        },
        { provider },
      );
    },

    async waitFor(refs, options?: WaitOptions) {
      validateCallOptions(options, provider, { batch: true, wait: true });
      const unique = normalizeAll(refs);
      if (unique.length === 0) return { items: [], errors: [] };
      const concurrency = concurrencyFor(options);
      return withCallScope(options ?? {}, provider, (scope) =>
        waitForDocuments({
          provider,
          refs: unique,
          signal: scope.signal,
          poll: (pending, signal) => runBatch(pending, adapter.getStatusChunk.bind(adapter), signal, concurrency),
          minDelayMs: options?.minDelayMs,
          maxDelayMs: options?.maxDelayMs,
          until: options?.until,
          onProgress: options?.onProgress,
          notFoundGraceMs: options?.notFoundGraceMs,
        }),
      );
    },
  };
  return client;
}

/**
 * Merges chunk results in input order. Every unique id lands exactly once: its
 * status, else its error, else (the provider answered neither) an
 * `invalid_response` error, so nothing is silently dropped.
 */
export function mergeChunkResults(
  refs: readonly { id: string }[],
  results: readonly ChunkResult[],
  provider?: DocumentIndexError['provider'],
): StatusBatch {
  const items = new Map<string, DocumentStatus>();
  const errors = new Map<string, DocumentIndexError>();
  for (const result of results) {
    for (const item of result.items) if (!items.has(item.id)) items.set(item.id, item);
    for (const { id, error } of result.errors) if (!errors.has(id)) errors.set(id, error);
  }
  const batch: StatusBatch = { items: [], errors: [] };
  for (const { id } of refs) {
    const error = errors.get(id);
    const item = items.get(id);
    if (item && !error) batch.items.push(item);
    else if (error) batch.errors.push({ id, error });
    else batch.errors.push({ id, error: missingAnswer(id, provider) });
  }
  return batch;
}

function pickOne(result: ChunkResult, id: string, provider: DocumentIndexError['provider']): DocumentStatus {
  const item = result.items.find((candidate) => candidate.id === id);
  if (item) return item;
  const error = result.errors.find((candidate) => candidate.id === id)?.error;
  throw error ?? missingAnswer(id, provider);
}

function missingAnswer(id: string, provider: DocumentIndexError['provider']): DocumentIndexError {
  return new DocumentIndexError(
    'invalid_response',
    `The provider returned no status for document ${JSON.stringify(id)}`,
    {
      provider,
      retryable: false,
    },
  );
}
