import type { DocumentStatus, StatusBatch, WaitError, WaitProgress } from '../spec/client';
import { DocumentIndexError, isDocumentIndexError } from '../spec/errors';
import { INDEX_STATUSES, type IndexStatus, isTerminal, type ProviderName } from '../spec/status';
import { backoffDelay } from './retry';
import { abandonOnAbort, sleep } from './sleep';
import { isThenable } from './thenable';

/** `waitFor`'s defaults: first delay 1 s, delays capped at 30 s, 30 s of grace for documents not yet visible. */
export const DEFAULT_WAIT = Object.freeze({ minDelayMs: 1000, maxDelayMs: 30_000, notFoundGraceMs: 30_000 });

/** Everything {@link waitForDocuments} needs: the refs, how to poll them, and `WaitOptions` already validated. */
export interface WaitPlan<R extends { id: string }> {
  provider?: ProviderName;
  /** Unique refs, in input order. */
  refs: readonly R[];
  /**
   * One poll of some refs; the batch engine chunks them into full batches. Its
   * requests report through `pollAfter` how long a provider asked to wait before
   * the next look (a successful answer's `Retry-After`).
   */
  poll: (refs: R[], signal: AbortSignal, pollAfter: (ms: number) => void) => Promise<StatusBatch>;
  /** The wait's own signal (caller abort and the wait's `timeoutMs` folded together). */
  signal: AbortSignal;
  minDelayMs?: number | undefined;
  maxDelayMs?: number | undefined;
  /** When a document is done (default: `isTerminal`). */
  until?: ((status: IndexStatus) => boolean) | undefined;
  /** Called after every poll with where the wait stands. */
  onProgress?: ((progress: WaitProgress) => void) | undefined;
  notFoundGraceMs?: number | undefined;
  /** Source of jitter, 0..1 (default `Math.random`); tests pin it. */
  random?: () => number;
  /** The clock (default `Date.now`); tests move it. */
  now?: () => number;
}

/**
 * Polls until every ref is done. The first poll goes out at once; later polls
 * wait a jittered exponential delay (at least what the provider's last answers
 * asked for with `Retry-After`, up to `maxDelayMs`) and ask only for the refs
 * not yet done, so the batch engine packs them into as few full requests as
 * possible.
 *
 * A ref is done when `until(status)` holds, except that with the default `until`
 * a `not_found` read within `notFoundGraceMs` of the start counts as "not visible
 * yet" (providers index asynchronously). A per-document error that retrying
 * cannot fix settles the ref in `errors`; a transient one is polled again. Either
 * way the ref's last status read stays beside its error (`lastStatus`).
 *
 * After every poll `onProgress` gets a {@link WaitProgress}, whose `done` and
 * `pending` are this loop's own verdicts. The wait resolves with the final
 * `StatusBatch`. When the wait's signal ends (abort or timeout), the returned
 * promise rejects with that reason; a `timeout` error carries where the wait
 * stood as `lastResult`.
 */
export async function waitForDocuments<R extends { id: string }>(plan: WaitPlan<R>): Promise<StatusBatch> {
  const now = plan.now ?? Date.now;
  const started = now();
  const defaultUntil = plan.until === undefined;
  const until = plan.until ?? isTerminal;
  const grace = plan.notFoundGraceMs ?? DEFAULT_WAIT.notFoundGraceMs;
  const delays = {
    minDelayMs: plan.minDelayMs ?? DEFAULT_WAIT.minDelayMs,
    maxDelayMs: Math.max(plan.maxDelayMs ?? DEFAULT_WAIT.maxDelayMs, plan.minDelayMs ?? 0),
  };

  /** Each ref's last status read; kept when a later poll fails, so an error does not erase it. */
  const latest = new Map<string, DocumentStatus>();
  /** Refs whose latest poll failed, and why; cleared when a later poll reads them. */
  const failed = new Map<string, DocumentIndexError>();
  let pending: R[] = [...plan.refs];
  let polls = 0;

  /** Every ref once, in input order: its latest error (with the last status read) or its status. */
  const progress = (): WaitProgress => {
    const items: DocumentStatus[] = [];
    const errors: WaitError[] = [];
    const counts = Object.fromEntries(INDEX_STATUSES.map((status) => [status, 0])) as Record<IndexStatus, number>;
    for (const ref of plan.refs) {
      const item = latest.get(ref.id);
      const error = failed.get(ref.id);
      if (error) errors.push(item ? { id: ref.id, error, lastStatus: item } : { id: ref.id, error });
      else if (item) {
        items.push(item);
        counts[item.status]++;
      }
    }
    const total = plan.refs.length;
    return {
      items,
      errors,
      poll: polls,
      elapsedMs: now() - started,
      counts,
      done: total - pending.length,
      pending: pending.length,
      total,
    };
  };

  /**
   * Runs the caller's `until` or `onProgress`. One that throws ends the wait with a `validation` error naming it
   * (every rejection of this package is a DocumentIndexError), its error as `cause`, where the wait stood as
   * `lastResult`.
   */
  const callback = <T>(name: 'until' | 'onProgress', run: () => T): T => {
    try {
      return run();
    } catch (cause) {
      throw callbackError(name, 'threw', cause);
    }
  };
  const callbackError = (name: 'until' | 'onProgress', what: string, cause: unknown): DocumentIndexError => {
    const error = new DocumentIndexError('validation', `The waitFor option ${name} ${what} (its error is the cause)`, {
      provider: plan.provider,
      field: `options.${name}`,
      retryable: false,
      cause,
    });
    error.lastResult = progress();
    return error;
  };
  /**
   * An `onProgress` that returns a promise (an async function saving the progress) is awaited before the wait
   * goes on, within its deadline; one that rejects ends the wait as one that throws does. (Not awaited, its
   * rejection went unhandled, which ends a Node process.)
   */
  const reportProgress = async (onProgress: (progress: WaitProgress) => unknown): Promise<void> => {
    const returned = callback('onProgress', () => onProgress(progress()));
    if (!isThenable(returned)) return;
    try {
      await abandonOnAbort(Promise.resolve(returned), plan.signal);
    } catch (cause) {
      if (plan.signal.aborted) throw cause;
      throw callbackError('onProgress', 'rejected', cause);
    }
  };

  const isDone = (item: DocumentStatus): boolean => {
    if (!callback('until', () => until(item.status))) return false;
    if (defaultUntil && item.status === 'not_found' && now() - started < grace) return false;
    return true;
  };

  /** The longest wait the provider asked for in the answers of the current poll. */
  let askedMs = 0;
  const pollAfter = (ms: number) => {
    if (ms > askedMs) askedMs = ms;
  };

  try {
    for (let round = 1; ; round++) {
      askedMs = 0;
      const batch = await plan.poll(pending, plan.signal, pollAfter);
      polls = round;
      const stillPending = new Set<string>();
      for (const item of batch.items) {
        failed.delete(item.id);
        latest.set(item.id, item);
        if (!isDone(item)) stillPending.add(item.id);
      }
      for (const { id, error } of batch.errors) {
        failed.set(id, error);
        if (error.retryable) stillPending.add(id);
      }
      pending = pending.filter((ref) => stillPending.has(ref.id));
      const { onProgress } = plan;
      if (onProgress) await reportProgress(onProgress);
      if (pending.length === 0) return settledBatch(progress());
      // The provider's own "look again in N s" is a floor under the backoff, within the caller's maxDelayMs.
      const delay = Math.max(backoffDelay(round, delays, plan.random), Math.min(askedMs, delays.maxDelayMs));
      await sleep(delay, plan.signal);
    }
  } catch (error) {
    // Whatever the in-flight poll threw as the signal fired, the caller gets the
    // signal's own reason (the call's own error, made when it ended), carrying where the wait stood: after a
    // timeout, and after an abort too, as an aborted getStatuses or putDocuments carries what had settled.
    const reason: unknown = plan.signal.aborted ? plan.signal.reason : undefined;
    if (isDocumentIndexError(reason)) {
      reason.lastResult = progress();
      throw reason;
    }
    // An error that doomed a poll carries where the wait stood (not that poll's own part of it, which the batch
    // runner put there).
    if (isDocumentIndexError(error)) error.lastResult = progress();
    throw error;
  }
}

/** A finished wait's result: the contract's `StatusBatch`, each ref's final status or the error that settled it. */
function settledBatch({ items, errors }: WaitProgress): StatusBatch {
  return { items, errors: errors.map(({ id, error }) => ({ id, error })) };
}
