/**
 * Runs one operation over many documents: cuts them into requests at the
 * operation's limit (or one request per document where the provider has no batch
 * call), runs those with bounded concurrency through the client's pipeline, and
 * merges the answers under the accounting rule.
 */
import type { BatchCall, ChunkResult, DocumentCall, DocumentCalls } from '../spec/adapter';
import type { DocumentStatus, StatusBatch } from '../spec/client';
import { DocumentIndexError, isDocumentIndexError, withProvider } from '../spec/errors';
import type { ProviderName } from '../spec/status';
import { chunk, mapWithConcurrency } from './batching';
import type { RequestPipeline } from './pipeline';

/**
 * Errors that would fail every other chunk of the call too (bad credentials,
 * access denied, the index does not exist, invalid configuration): they reject the
 * whole call and stop further chunks. The call's own deadline and abort reject it
 * too, through its signal. `timeout` is not listed: reported by an adapter while
 * the call is still running, it is one request's own time limit (NAVER's
 * per-attempt `timeoutMs`, an SDK's request timeout), as transient as a network
 * error, so its chunk lands in `errors` like any retryable failure.
 */
const DOOMS_THE_CALL = new Set<DocumentIndexError['code']>([
  'unauthorized',
  'forbidden',
  'not_found',
  'validation',
  'unsupported',
  'aborted',
]);

/** Runs document operations for one client. */
export interface BatchRunner<Normalized extends { id: string }> {
  /** How many requests `run` sends for `count` documents. */
  requestsFor(calls: DocumentCalls<Normalized>, count: number): number;
  /**
   * Every ref once (the first of each id), in input order; chunk errors land in `errors`, dooming ones reject.
   * `pollAfter` goes to every request's context (a `waitFor` poll's; see `RequestContext.pollAfter`).
   */
  run(
    calls: DocumentCalls<Normalized>,
    refs: readonly Normalized[],
    signal: AbortSignal | undefined,
    concurrency: number,
    pollAfter?: (ms: number) => void,
  ): Promise<StatusBatch>;
  /** One document: its status, or the error the provider reported for it. */
  one(calls: DocumentCalls<Normalized>, ref: Normalized, signal: AbortSignal | undefined): Promise<DocumentStatus>;
}

/** Builds the runner of one client over its pipeline. */
export function createBatchRunner<Normalized extends { id: string }>(
  pipeline: RequestPipeline,
): BatchRunner<Normalized> {
  const { provider } = pipeline;

  /** One request for `part`, retried: the provider's answer. */
  const request = (
    calls: DocumentCalls<Normalized>,
    part: Normalized[],
    signal: AbortSignal | undefined,
    pollAfter: ((ms: number) => void) | undefined,
  ): Promise<ChunkResult> => {
    if (calls.batch) {
      const { batch } = calls;
      return pipeline.send({ operation: batch.name, documents: part.length, pollAfter }, signal, (context) =>
        batch.send(part, context),
      );
    }
    const one = oneCall(calls);
    const ref = part[0] as Normalized;
    return pipeline
      .send({ operation: one.name, documents: 1, pollAfter }, signal, (context) => one.send(ref, context))
      .then((item): ChunkResult => ({ items: [item], errors: [] }));
  };

  /** One request for `part`, retried; its outcome as a chunk result, or a rejection that dooms the call. */
  const sendPart = (
    calls: DocumentCalls<Normalized>,
    part: Normalized[],
    signal: AbortSignal | undefined,
    pollAfter: ((ms: number) => void) | undefined,
  ): Promise<ChunkResult> =>
    settleChunk(pipeline, part, signal, !calls.batch, () => request(calls, part, signal, pollAfter));

  const sizeOf = (calls: DocumentCalls<Normalized>) => (calls.batch ? calls.batch.maxDocuments : 1);

  return {
    requestsFor: (calls, count) => Math.ceil(count / sizeOf(calls)),

    async run(calls, refs, signal, concurrency, pollAfter) {
      const size = sizeOf(calls);
      // One request (the usual status call) needs no scheduling around it, and is settled here, in this step.
      if (refs.length > 0 && refs.length <= size) {
        const part = refs.slice();
        let result: ChunkResult;
        try {
          result = await request(calls, part, signal, pollAfter);
        } catch (thrown) {
          result = settleFailure(pipeline, part, signal, !calls.batch, thrown);
        }
        return mergeChunkResults(refs, [result], provider);
      }
      const parts = chunk(refs, size);
      const settled: ChunkResult[] = [];
      try {
        const results = await mapWithConcurrency(parts, concurrency, async (part, index) => {
          settled[index] = await sendPart(calls, part, signal, pollAfter);
          return settled[index];
        });
        return mergeChunkResults(refs, results, provider);
      } catch (error) {
        // A call that an error dooms (or that ends) rejects at once, other chunks still out. What the chunks that had
        // completed answered is on the error (deletes already applied, statuses read), under the accounting rule for
        // their ids; `settled` has a hole for each chunk that had not, which filter skips as it skips those parts.
        if (isDocumentIndexError(error)) {
          error.lastResult = mergeChunkResults(
            parts.filter((_, index) => index in settled).flat(),
            settled.filter(() => true),
            provider,
          );
        }
        throw error;
      }
    },

    async one(calls, ref, signal) {
      if (calls.one) {
        const { one } = calls;
        return pipeline.send({ operation: one.name, documents: 1 }, signal, (context) => one.send(ref, context));
      }
      const batch = calls.batch as BatchCall<Normalized>;
      const result = await pipeline.send({ operation: batch.name, documents: 1 }, signal, (context) =>
        batch.send([ref], context),
      );
      return pickOne(result, ref.id, provider);
    },
  };
}

/**
 * The outcome of one chunk's request (`send`, retried by the pipeline) under the
 * accounting rule: its answer; or, when it still fails, every id of the chunk in
 * `errors` with that error; or a rejection, when the error dooms the whole call
 * or the call itself has ended (abort, deadline, another chunk's dooming error).
 * A request about one document (`oneDocument`: NAVER's, one request per
 * document) refused as invalid is refused for that document, not the call, as a
 * batch call's documents are refused one by one in its answer.
 */
export async function settleChunk(
  pipeline: RequestPipeline,
  part: readonly { id: string }[],
  signal: AbortSignal | undefined,
  oneDocument: boolean,
  send: () => Promise<ChunkResult>,
): Promise<ChunkResult> {
  try {
    return await send();
  } catch (thrown) {
    return settleFailure(pipeline, part, signal, oneDocument, thrown);
  }
}

/** {@link settleChunk}'s rule for a request that still failed: the chunk's errors, or a rejection. */
function settleFailure(
  pipeline: RequestPipeline,
  part: readonly { id: string }[],
  signal: AbortSignal | undefined,
  oneDocument: boolean,
  thrown: unknown,
): ChunkResult {
  if (signal?.aborted) throw thrown;
  const error = pipeline.classify(thrown);
  if (DOOMS_THE_CALL.has(error.code) && !(oneDocument && error.code === 'validation')) throw error;
  return { items: [], errors: part.map((ref) => ({ id: ref.id, error })) };
}

/**
 * Merges chunk results in the order of `refs` (unique ids, as the runner is
 * given them). Every id lands exactly once: its
 * status, else its error, else (the provider answered neither) an
 * `invalid_response` error, so nothing is silently dropped.
 */
export function mergeChunkResults(
  refs: readonly { id: string }[],
  results: readonly ChunkResult[],
  provider: ProviderName,
): StatusBatch {
  // The usual answer of one request: a status for every id, in input order, and no errors.
  const only = results.length === 1 ? results[0] : undefined;
  if (only && only.errors.length === 0 && answersInOrder(refs, only.items))
    return { items: only.items.slice(), errors: [] };
  const items = new Map<string, DocumentStatus>();
  const errors = new Map<string, DocumentIndexError>();
  for (const result of results) {
    for (const item of result.items) if (!items.has(item.id)) items.set(item.id, item);
    for (const { id, error } of result.errors) if (!errors.has(id)) errors.set(id, withProvider(error, provider));
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

/** True when `items` holds exactly one status per ref, in the refs' order. */
function answersInOrder(refs: readonly { id: string }[], items: readonly DocumentStatus[]): boolean {
  if (items.length !== refs.length) return false;
  for (let i = 0; i < refs.length; i++) if (items[i]?.id !== refs[i]?.id) return false;
  return true;
}

/** The one-document call of calls that have no batch call (their type guarantees one). */
function oneCall<Normalized>(calls: DocumentCalls<Normalized>): DocumentCall<Normalized> {
  return calls.one as DocumentCall<Normalized>;
}

function pickOne(result: ChunkResult, id: string, provider: ProviderName): DocumentStatus {
  const item = result.items.find((candidate) => candidate.id === id);
  if (item) return item;
  const error = result.errors.find((candidate) => candidate.id === id)?.error;
  throw error ? withProvider(error, provider) : missingAnswer(id, provider);
}

function missingAnswer(id: string, provider: ProviderName): DocumentIndexError {
  return new DocumentIndexError(
    'invalid_response',
    `The provider returned no status for document ${JSON.stringify(id)}`,
    { provider, retryable: false },
  );
}
