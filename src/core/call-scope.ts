import { DocumentIndexError, isDocumentIndexError } from '../spec/errors';
import type { ProviderName } from '../spec/status';
import { MAX_TIMER_MS } from './sleep';

/**
 * The lifetime of one public call: the caller's `signal` and the call's own
 * `timeoutMs` folded into one AbortSignal that every request and sleep listens to.
 * `close()` clears the timer and cancels whatever is still in flight, so a finished
 * call leaves nothing running.
 */
export interface CallScope {
  readonly signal: AbortSignal;
  /** Rejects with the scope's `aborted` / `timeout` error if it has ended. */
  throwIfEnded(): void;
  /** The error to reject with now that the signal has fired. */
  endedError(): DocumentIndexError;
  /**
   * Ends a call whose work has all settled: clears the timer and the caller's
   * listener without aborting the signal. Aborting after the last response was
   * read costs an error object per call and makes fetch (undici) tear down the
   * keep-alive socket of a request that already completed. A later `close()` is
   * then a no-op.
   */
  release(): void;
  /** Ends the call: clears the timer and the listener, and cancels whatever is still in flight. */
  close(): void;
}

/**
 * Opens the scope of one call: folds the caller's `signal` and `timeoutMs` into one signal.
 * The caller ends it with `release()` (all work settled) or `close()`; {@link withCallScope} does this for you.
 */
export function openCallScope(
  options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined },
  provider?: ProviderName,
): CallScope {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let released = false;
  const onCallerAbort = () => controller.abort(abortedError(provider, options.signal?.reason));

  if (options.signal) {
    if (options.signal.aborted) onCallerAbort();
    else options.signal.addEventListener('abort', onCallerAbort, { once: true });
  }
  // A deadline beyond what setTimeout can hold (about 24.8 days) is no deadline at
  // all in practice; arming it would make Node fire it after 1 ms instead.
  if (options.timeoutMs !== undefined && options.timeoutMs <= MAX_TIMER_MS && !controller.signal.aborted) {
    const ms = options.timeoutMs;
    const expire = () =>
      // Not retryable, unlike one request's own time limit: the call's deadline is
      // spent, so sending it again as it stands cannot finish in time either.
      controller.abort(
        new DocumentIndexError('timeout', `The call did not finish within ${ms} ms`, { provider, retryable: false }),
      );
    // A deadline of 0 is spent already: the call ends before anything is sent, as with an aborted signal (a 0 ms
    // timer fires only after the first request has gone out, and a delete or a put sent then takes effect).
    if (ms <= 0) expire();
    else timer = setTimeout(expire, ms);
  }

  const endedError = (): DocumentIndexError => {
    const reason: unknown = controller.signal.reason;
    return isDocumentIndexError(reason) ? reason : abortedError(provider, reason);
  };

  return {
    signal: controller.signal,
    endedError,
    throwIfEnded() {
      if (controller.signal.aborted) throw endedError();
    },
    release() {
      released = true;
      if (timer !== undefined) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    },
    close() {
      if (released) return;
      if (timer !== undefined) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
      // Requests still in flight when a call ends (other chunks of a call that an
      // error doomed) are cancelled rather than left running.
      if (!controller.signal.aborted) {
        controller.abort(
          new DocumentIndexError('aborted', 'The call has already ended', { provider, retryable: false }),
        );
      }
    },
  };
}

/**
 * Runs a call that sends `requests` requests in a scope of its own, or, when it
 * sends one and the caller gave it neither a signal nor a deadline, with no
 * signal at all: nothing could ever abort that request, and the abort wiring of a
 * signal (ours, and the SDK's or fetch's underneath) is a large part of what a
 * short call costs.
 */
export function withCallSignal<T>(
  options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined } | undefined,
  provider: ProviderName | undefined,
  requests: number,
  body: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  const canEndEarly =
    options?.signal !== undefined || (options?.timeoutMs !== undefined && options.timeoutMs <= MAX_TIMER_MS);
  return requests <= 1 && !canEndEarly
    ? body(undefined)
    : withCallScope(options ?? {}, provider, (scope) => body(scope.signal));
}

/** Runs `body` inside a fresh scope and always closes it. */
export async function withCallScope<T>(
  options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined },
  provider: ProviderName | undefined,
  body: (scope: CallScope) => Promise<T>,
): Promise<T> {
  const scope = openCallScope(options, provider);
  try {
    scope.throwIfEnded();
    const result = await body(scope);
    // Everything the body started has settled: nothing is left to cancel.
    scope.release();
    return result;
  } catch (error) {
    // Whatever a request threw while the scope was ending (an SDK's AbortError,
    // a fetch DOMException), the caller sees our `aborted` or `timeout` error.
    if (scope.signal.aborted) {
      const ended = scope.endedError();
      // What had settled when the call ended (a batch call's completed requests) stays with the caller.
      ended.lastResult ??= isDocumentIndexError(error) ? error.lastResult : undefined;
      throw ended;
    }
    throw error;
  } finally {
    scope.close();
  }
}

function abortedError(provider: ProviderName | undefined, reason: unknown): DocumentIndexError {
  return new DocumentIndexError('aborted', 'The call was aborted', {
    provider,
    retryable: false,
    cause: reason,
  });
}
