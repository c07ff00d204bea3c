/**
 * The documents of one `putDocuments` call, as the ingest engine reads them: one
 * at a time, each checked and prepared by the adapter as it is read, a repeated
 * id refused. An array is checked whole first, so that a bad document anywhere in
 * it rejects the call before anything is sent; an (async) iterable is only read
 * as the engine asks, so a long source is never held in memory.
 */
import type { PreparedDocument, PutLimits } from '../spec/adapter';
import { DocumentIndexError, isDocumentIndexError, validationError } from '../spec/errors';
import type { ProviderName } from '../spec/status';
import { abandonOnAbort } from './sleep';
import { isThenable } from './thenable';

/** Prepared documents in source order. */
export interface DocumentSource<Prepared extends PreparedDocument> {
  /**
   * The next document, or undefined at the end. Rejects with a `validation` error
   * for a bad document (or a source that threw), naming its position and id, and
   * with the signal's reason when the call ends while the source is being read.
   */
  next(signal: AbortSignal): Promise<Prepared | undefined>;
  /** Tells a source that was not read to its end that nothing more will be read (its `return()`). */
  close(): void;
}

/** What reading needs besides the documents. */
export interface SourceRules<Prepared extends PreparedDocument> {
  provider: ProviderName;
  /** The adapter's check and preparation of one document (`PutOperation.prepare`). */
  prepare(document: unknown, field: string): Prepared;
  limits: PutLimits;
  /** Turns anything `prepare` threw into our error (the pipeline's classifier). */
  classify(error: unknown): DocumentIndexError;
}

/**
 * Opens the documents of a call. Throws a `validation` error, before anything is
 * sent, when `docs` is not an array or (async) iterable, and for the first bad
 * document of an array.
 */
export function openDocumentSource<Prepared extends PreparedDocument>(
  docs: unknown,
  rules: SourceRules<Prepared>,
): DocumentSource<Prepared> {
  if (Array.isArray(docs)) {
    // Checked whole now; prepared again, lazily, as the engine reads: preparing
    // encodes content, and keeping every prepared copy would double the memory
    // the caller's array already takes.
    const check = createChecker(rules);
    // By index: `forEach` skips the holes of a sparse array, which the reading below yields as undefined.
    for (let index = 0; index < docs.length; index++) check(docs[index], index);
    return iteratorSource(docs[Symbol.iterator](), rules);
  }
  const iterable = typeof docs === 'object' && docs !== null ? (docs as Partial<AsyncIterable<unknown>>) : undefined;
  const asyncIterate = iterable?.[Symbol.asyncIterator];
  if (typeof asyncIterate === 'function') return iteratorSource(asyncIterate.call(iterable), rules);
  const syncIterable = iterable as Partial<Iterable<unknown>> | undefined;
  const iterate = syncIterable?.[Symbol.iterator];
  if (typeof iterate === 'function') return iteratorSource(iterate.call(syncIterable), rules);
  // A string is iterable too, character by character: refused with the rest.
  throw validationError('docs', 'expected an array or an (async) iterable of documents', rules.provider);
}

/** Reads one iterator, checking each document as it arrives. */
function iteratorSource<Prepared extends PreparedDocument>(
  iterator: Iterator<unknown> | AsyncIterator<unknown>,
  rules: SourceRules<Prepared>,
): DocumentSource<Prepared> {
  const check = createChecker(rules);
  let index = 0;
  /** The iterator is done: it said so, or it threw (which ends a generator too). */
  let ended = false;
  /** Nothing more is read: the iterator ended, a document was bad, or the call gave up. */
  let stopped = false;
  return {
    async next(signal) {
      if (stopped) return undefined;
      let step: IteratorResult<unknown>;
      try {
        const pending: IteratorResult<unknown> | PromiseLike<IteratorResult<unknown>> = iterator.next();
        step = isThenable(pending) ? await abandonOnAbort(Promise.resolve(pending), signal) : pending;
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        ended = true;
        stopped = true;
        throw new DocumentIndexError('validation', `The document source threw while docs[${index}] was read`, {
          field: `docs[${index}]`,
          provider: rules.provider,
          retryable: false,
          cause: error,
        });
      }
      if (typeof step !== 'object' || step === null) {
        stopped = true;
        throw new DocumentIndexError(
          'validation',
          `The document source's iterator gave ${step === null ? 'null' : typeof step}, not an iterator result, while docs[${index}] was read`,
          { field: `docs[${index}]`, provider: rules.provider, retryable: false },
        );
      }
      if (step.done) {
        ended = true;
        stopped = true;
        return undefined;
      }
      try {
        return check(step.value, index++);
      } catch (error) {
        stopped = true;
        throw error;
      }
    },
    close() {
      stopped = true;
      if (ended) return;
      ended = true;
      try {
        const closing: unknown = iterator.return?.();
        if (isThenable(closing)) Promise.resolve(closing).catch(() => {});
      } catch {
        // The source's own clean-up failed; the call is already ending with its own error.
      }
    },
  };
}

/** The check of one document at `index`: prepared, within the limits, its id not seen before in this call. */
function createChecker<Prepared extends PreparedDocument>(
  rules: SourceRules<Prepared>,
): (doc: unknown, index: number) => Prepared {
  const seen = new Map<string, number>();
  const perDocument = Math.min(rules.limits.bytesPerDocument ?? Infinity, rules.limits.bytesPerRequest ?? Infinity);
  return (doc, index) => {
    const field = `docs[${index}]`;
    let prepared: Prepared;
    try {
      prepared = rules.prepare(doc, field);
    } catch (thrown) {
      throw located(rules.classify(thrown), doc, index, rules.provider);
    }
    // The adapter refuses documents over its limits with its own advice; this is
    // the core's guarantee that no chunk can ever exceed them.
    if (!(prepared.size <= perDocument)) {
      const problem = `is ${prepared.size} in size, over the provider's limit of ${perDocument} per document`;
      throw located(validationError(`${field}.content`, problem, rules.provider), doc, index, rules.provider);
    }
    const first = seen.get(prepared.id);
    if (first !== undefined) {
      const problem = `repeats the id of docs[${first}]; each document may appear once per call`;
      throw located(validationError(`${field}.id`, problem, rules.provider), doc, index, rules.provider);
    }
    seen.set(prepared.id, index);
    return prepared;
  };
}

/**
 * A `validation` error that says which document it is about (its position and
 * id), so that the first bad document of a long source can be found. Other
 * errors pass through unchanged.
 */
function located(error: DocumentIndexError, doc: unknown, index: number, provider: ProviderName): DocumentIndexError {
  if (!isDocumentIndexError(error) || error.code !== 'validation') return error;
  const id = typeof doc === 'object' && doc !== null ? (doc as { id?: unknown }).id : undefined;
  const named = typeof id === 'string' && id !== '' ? `, id ${JSON.stringify(clip(id, 100))}` : '';
  return new DocumentIndexError('validation', `${error.message} (document at position ${index}${named})`, {
    field: error.field ?? `docs[${index}]`,
    provider: error.provider ?? provider,
    retryable: false,
    cause: error.cause,
  });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
