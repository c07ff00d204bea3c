/**
 * `putDocuments`: cuts the documents of a source into requests at the put call's
 * count and size limits, sends them with bounded concurrency through the
 * client's pipeline, and merges the answers under the accounting rule.
 *
 * The source is read only as requests free up: while every request slot is busy
 * nothing more is read, so at most the documents of the requests in flight and
 * of the one being filled are held, whatever the source's length.
 */
import type { ChunkResult, PreparedDocument, PutOperation } from '../spec/adapter';
import type { DocumentStatus, StatusBatch } from '../spec/client';
import { type DocumentIndexError, isDocumentIndexError } from '../spec/errors';
import { mergeChunkResults, settleChunk } from './batch-runner';
import type { DocumentSource } from './document-source';
import type { RequestPipeline } from './pipeline';
import { abandonOnAbort } from './sleep';

/** What one `putDocuments` call runs on. */
export interface IngestPlan<Prepared extends PreparedDocument> {
  pipeline: RequestPipeline;
  put: PutOperation<Prepared>;
  source: DocumentSource<Prepared>;
  /** The call's signal (caller abort and deadline folded together). */
  signal: AbortSignal;
  /** Requests in flight at most. */
  concurrency: number;
}

/**
 * Runs one `putDocuments` call. Resolves with every document read in `items`
 * (source order) or `errors`. Rejects:
 * - for a bad document or a source that threw: with that `validation` error,
 *   once the requests already in flight have settled; `lastResult` accounts for
 *   every document sent;
 * - for an error that dooms the call (bad credentials, the index does not
 *   exist, ...): at once, the requests in flight being cancelled; `lastResult`
 *   holds the requests that had completed;
 * - when the call is aborted or times out: with that error, `lastResult` as above.
 * Nothing is read or sent after the call has failed.
 */
export async function ingestDocuments<Prepared extends PreparedDocument>(
  plan: IngestPlan<Prepared>,
): Promise<StatusBatch> {
  const { pipeline, put, source, signal, concurrency } = plan;
  const { batch } = put.calls;
  const maxDocuments = batch ? batch.maxDocuments : 1;
  const maxBytes = put.limits.bytesPerRequest ?? Number.POSITIVE_INFINITY;

  /** Each request's outcome, by the order its chunk was cut (the source's order). */
  const settled: StatusBatch[] = [];
  const inFlight = new Set<Promise<void>>();
  /** Aborted, with the error, by the first request that fails with an error dooming the call. */
  const doom = new AbortController();
  const throwIfDoomed = (): void => {
    if (doom.signal.aborted) throw doom.signal.reason;
  };
  // A read of the source ends with the call, or with its doom: a slow source (a queue that may never yield again)
  // must not hold back a call that an error has already decided.
  const readSignal = AbortSignal.any([signal, doom.signal]);

  const sendOne = async (document: Prepared): Promise<DocumentStatus> => {
    const one = put.calls.one as NonNullable<typeof put.calls.one>;
    try {
      return await pipeline.send({ operation: one.name, documents: 1 }, signal, (context) =>
        one.send(document, context),
      );
    } catch (thrown) {
      const { replace } = put;
      if (!replace || signal.aborted || pipeline.classify(thrown).code !== 'conflict') throw thrown;
      // The add call refused an id that exists: replacing it is a request of its own.
      return pipeline.send({ operation: replace.name, documents: 1 }, signal, (context) =>
        replace.send(document, context),
      );
    }
  };

  const dispatch = (part: Prepared[], position: number): void => {
    const refs = part.map(({ id }) => ({ id }));
    const task = settleChunk(pipeline, part, signal, !batch, async (): Promise<ChunkResult> => {
      if (batch) {
        return pipeline.send({ operation: batch.name, documents: part.length }, signal, (context) =>
          batch.send(part, context),
        );
      }
      return { items: [await sendOne(part[0] as Prepared)], errors: [] };
    }).then(
      (result) => {
        settled[position] = mergeChunkResults(refs, [result], pipeline.provider);
      },
      (error: unknown) => {
        // A dooming error; if the call goes on settling (a bad document was read
        // meanwhile), this chunk's documents are accounted for with it.
        if (!doom.signal.aborted) doom.abort(error);
        settled[position] = { items: [], errors: refs.map(({ id }) => ({ id, error: pipeline.classify(error) })) };
      },
    );
    const tracked: Promise<void> = task.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  /** Waits until some request settles; rejects when the call ends or is doomed meanwhile. */
  const aRequestSettles = async (): Promise<void> => {
    await abandonOnAbort(Promise.race(inFlight), signal);
    throwIfDoomed();
  };

  let carried: Prepared | undefined;
  let exhausted = false;
  let chunks = 0;
  try {
    while (!exhausted || carried) {
      while (inFlight.size >= concurrency) await aRequestSettles();
      throwIfDoomed();
      const part: Prepared[] = [];
      let bytes = 0;
      if (carried) {
        part.push(carried);
        bytes = carried.size;
        carried = undefined;
      }
      while (part.length < maxDocuments) {
        if (signal.aborted) throw signal.reason;
        const next = await readNext(source, readSignal);
        throwIfDoomed();
        if (next === undefined) {
          exhausted = true;
          break;
        }
        // A document that does not fit opens the next chunk.
        if (part.length > 0 && bytes + next.size > maxBytes) {
          carried = next;
          break;
        }
        part.push(next);
        bytes += next.size;
      }
      if (part.length > 0) dispatch(part, chunks++);
    }
    while (inFlight.size > 0) await aRequestSettles();
    return flatten(settled);
  } catch (thrown) {
    source.close();
    if (signal.aborted) throw withLastResult(signal.reason, settled);
    if (thrown instanceof SourceFailure) {
      // A bad document: what is already on the wire is awaited and accounted for.
      try {
        while (inFlight.size > 0) await abandonOnAbort(Promise.race(inFlight), signal);
      } catch {
        throw withLastResult(signal.reason, settled);
      }
      throw withLastResult(thrown.error, settled);
    }
    throw withLastResult(thrown, settled);
  }
}

/** A failure of the source itself (a bad document), told apart from a request's failure. */
class SourceFailure {
  constructor(readonly error: unknown) {}
}

async function readNext<Prepared extends PreparedDocument>(
  source: DocumentSource<Prepared>,
  signal: AbortSignal,
): Promise<Prepared | undefined> {
  try {
    return await source.next(signal);
  } catch (error) {
    // The call ended or was doomed while the source was read: the reason, not the source, is what failed.
    if (signal.aborted) throw signal.reason;
    throw new SourceFailure(error);
  }
}

/** Puts what was settled so far on the error the call rejects with. */
function withLastResult(error: unknown, settled: readonly (StatusBatch | undefined)[]): unknown {
  if (isDocumentIndexError(error)) (error as DocumentIndexError).lastResult = flatten(settled);
  return error;
}

/** The settled requests' results as one batch, in source order. */
function flatten(settled: readonly (StatusBatch | undefined)[]): StatusBatch {
  const batch: StatusBatch = { items: [], errors: [] };
  for (const result of settled) {
    if (!result) continue;
    for (const item of result.items) batch.items.push(item);
    for (const error of result.errors) batch.errors.push(error);
  }
  return batch;
}
