/**
 * Builds the provider-neutral client around an adapter: one pipeline per client,
 * one batch runner over it, and each public method a short entry of the table
 * below over those two.
 */
import type { DocumentCalls, PreparedDocument, ProviderAdapter } from '../spec/adapter';
import type {
  BatchOptions,
  CallOptions,
  DocumentIndexClient,
  DocumentStatus,
  ListOptions,
  StatusBatch,
  WaitOptions,
} from '../spec/client';
import { unsupportedError, validationError } from '../spec/errors';
import { createBatchRunner } from './batch-runner';
import { uniqueBy } from './batching';
import { withCallScope, withCallSignal } from './call-scope';
import { type ClientConfig, type ClientOptions, resolveClientConfig } from './config';
import { openDocumentSource } from './document-source';
import { ingestDocuments } from './ingest';
import { listStatuses } from './listing';
import { createRequestPipeline, type RequestPipeline } from './pipeline';
import type { CallSpan } from './telemetry/tracing';
import { validateCallOptions } from './validate';
import { waitForDocuments } from './waiting';

export type { ClientOptions } from './config';

const idOf = (ref: { id: string }): string => ref.id;

/**
 * The one request pipeline of a client, from the shared options. A client builds
 * its own; a factory that must send a request before it can build the client
 * (Azure's `startAzureTranslation`, which learns the translation id from its
 * answer) builds it first with this, sends through it, and hands it on to
 * `createDocumentIndexClient`, so that the client's calls share it.
 */
export function createClientPipeline(
  adapter: Pick<ProviderAdapter<unknown, { id: string }>, 'provider' | 'classifyError'>,
  options?: ClientOptions,
): RequestPipeline {
  return pipelineOf(adapter, resolveClientConfig(options, adapter.provider));
}

function pipelineOf(
  adapter: Pick<ProviderAdapter<unknown, { id: string }>, 'provider' | 'classifyError'>,
  config: ClientConfig,
): RequestPipeline {
  return createRequestPipeline({
    provider: adapter.provider,
    classifyError: adapter.classifyError.bind(adapter),
    retry: config.retry,
    stages: config.stages,
  });
}

/**
 * Builds a `DocumentIndexClient` around an adapter. Factories validate their
 * own options, then hand the shared ones (`retry`, `concurrency`) over as
 * `options`, which are validated here. `extend` adds a provider's own operations
 * (Azure's `getTranslation()`), built on the client's one request pipeline so
 * that they are retried, limited and observed like every other request.
 * `given` is that pipeline when the factory built it already (see
 * {@link createClientPipeline}); by default the client builds its own.
 */
export function createDocumentIndexClient<
  Ref,
  Normalized extends { id: string },
  Status extends DocumentStatus = DocumentStatus,
  Extra extends object = object,
  Prepared extends PreparedDocument = PreparedDocument,
>(
  adapter: ProviderAdapter<Ref, Normalized, Status, Prepared>,
  options?: ClientOptions,
  extend?: (pipeline: RequestPipeline) => Extra,
  given?: RequestPipeline,
): DocumentIndexClient<Ref, Status> & Extra {
  const { provider, operations } = adapter;
  const config = resolveClientConfig(options, provider);
  const pipeline = given ?? pipelineOf(adapter, config);
  const batches = createBatchRunner<Normalized>(pipeline);
  // The runner works on the neutral status type; the adapter's operations produce `Status`.
  const statusCalls = operations.status as DocumentCalls<Normalized>;
  const deleteCalls = operations.delete as DocumentCalls<Normalized> | undefined;

  const normalize = (ref: unknown, field: string): Normalized => {
    try {
      return adapter.normalizeRef(ref, field);
    } catch (error) {
      throw pipeline.classify(error);
    }
  };
  const normalizeAll = (refs: unknown): Normalized[] => {
    if (!Array.isArray(refs)) throw validationError('refs', 'expected an array of document refs', provider);
    // By index, so a hole in a sparse array is checked as the undefined it reads as.
    const normalized: Normalized[] = [];
    for (let i = 0; i < refs.length; i++) normalized.push(normalize(refs[i], `refs[${i}]`));
    return uniqueBy(normalized, idOf);
  };
  const concurrencyOf = (options: BatchOptions | undefined) => options?.concurrency ?? config.concurrency;

  /**
   * A batch method: options and refs checked, nothing sent for none, one signal for the call. Not itself async
   * (an async function that returns a promise costs the call three more microtask turns): `traced` turns a throw
   * into a rejection.
   */
  const batchCall = (
    calls: DocumentCalls<Normalized>,
    refs: unknown,
    options: BatchOptions | undefined,
    span: CallSpan,
  ): Promise<StatusBatch> => {
    validateCallOptions(options, provider, { batch: true });
    const unique = normalizeAll(refs);
    span.documents(unique.length);
    if (unique.length === 0) return Promise.resolve({ items: [], errors: [] });
    return withCallSignal(options, provider, batches.requestsFor(calls, unique.length), (signal) =>
      batches.run(calls, unique, signal, concurrencyOf(options)),
    );
  };

  // Each method is one call span (when a tracer is registered) around its requests' spans.
  const client: DocumentIndexClient<Ref> = {
    provider,

    getStatus: (ref, options?: CallOptions) =>
      // Not async, as batchCall: `traced` turns a throw into a rejection.
      pipeline.traced('getStatus', (span) => {
        validateCallOptions(options, provider);
        const normalized = normalize(ref, 'ref');
        span.documents(1);
        return withCallSignal(options, provider, 1, (signal) => batches.one(statusCalls, normalized, signal));
      }),

    getStatuses: (refs, options) =>
      pipeline.traced('getStatuses', (span) => batchCall(statusCalls, refs, options, span)),

    deleteDocuments: (refs, options) =>
      pipeline.traced('deleteDocuments', (span) => {
        if (!deleteCalls) throw unsupportedError(provider, 'deleteDocuments', adapter.unsupportedHints?.delete);
        return batchCall(deleteCalls, refs, options, span);
      }),

    listStatuses: (options?: ListOptions) =>
      listStatuses(pipeline, operations.list, options, adapter.unsupportedHints?.list),

    putDocuments: (docs, options) =>
      pipeline.traced('putDocuments', async (span) => {
        const { put } = operations;
        if (!put) throw unsupportedError(provider, 'putDocuments', adapter.unsupportedHints?.put);
        validateCallOptions(options, provider, { batch: true });
        // An array is checked whole here, before anything is sent.
        const source = openDocumentSource(docs, {
          provider,
          prepare: (document, field) => put.prepare(document, field),
          limits: put.limits,
          classify: pipeline.classify,
        });
        // An array's count is known now (a call that fails keeps it); an iterable's once it has been read.
        if (Array.isArray(docs)) span.documents(docs.length);
        try {
          const batch = await withCallScope(options ?? {}, provider, (scope) =>
            ingestDocuments({ pipeline, put, source, signal: scope.signal, concurrency: concurrencyOf(options) }),
          );
          if (!Array.isArray(docs)) span.documents(batch.items.length + batch.errors.length);
          return batch;
        } finally {
          // A call that ended before the engine read anything (an aborted signal, `timeoutMs: 0`) still releases the
          // source (its `return()`: a stream, a cursor); after the engine, closing is a no-op.
          source.close();
        }
      }),

    waitFor: (refs, options?: WaitOptions) =>
      pipeline.traced('waitFor', async (span) => {
        validateCallOptions(options, provider, { batch: true, wait: true });
        const unique = normalizeAll(refs);
        span.documents(unique.length);
        if (unique.length === 0) return { items: [], errors: [] };
        const concurrency = concurrencyOf(options);
        return withCallScope(options ?? {}, provider, (scope) =>
          waitForDocuments({
            provider,
            refs: unique,
            signal: scope.signal,
            poll: (pending, signal, pollAfter) => batches.run(statusCalls, pending, signal, concurrency, pollAfter),
            minDelayMs: options?.minDelayMs,
            maxDelayMs: options?.maxDelayMs,
            until: options?.until,
            onProgress: options?.onProgress,
            notFoundGraceMs: options?.notFoundGraceMs,
          }),
        );
      }),
  };
  const extra = extend?.(pipeline);
  return (extra ? Object.assign(client, extra) : client) as DocumentIndexClient<Ref, Status> & Extra;
}
