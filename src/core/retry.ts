import type { RetryOptions } from '../spec/client';
import { DocumentIndexError } from '../spec/errors';
import { abandonOnAbort, sleep } from './sleep';

/** A retry policy with every default filled in. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
}

/** The retry policy when a client sets none: 3 attempts, backoff between 100 ms and 20 s. */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ maxAttempts: 3, minDelayMs: 100, maxDelayMs: 20_000 });

/** Fills in defaults; the caller has validated `options` (see `validateRetryOptions`). */
export function resolveRetryPolicy(options: RetryOptions | undefined): RetryPolicy {
  return {
    maxAttempts: options?.maxAttempts ?? DEFAULT_RETRY.maxAttempts,
    minDelayMs: options?.minDelayMs ?? DEFAULT_RETRY.minDelayMs,
    maxDelayMs: Math.max(options?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs, options?.minDelayMs ?? 0),
  };
}

/**
 * The delay before attempt `attempt + 1`: exponential from `minDelayMs`, capped at
 * `maxDelayMs`, with "equal jitter" (half fixed, half random) so that many clients
 * throttled together do not retry in lockstep, while the delay never drops below
 * `minDelayMs`.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'minDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  // The exponent is capped so that 2 ** n stays finite: with `minDelayMs` 0 and a
  // long wait (round > 1024), 0 * Infinity would be NaN and escape the bounds.
  const exponential = policy.minDelayMs * 2 ** Math.min(1023, Math.max(0, attempt - 1));
  const ceiling = Math.min(policy.maxDelayMs, exponential);
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.min(policy.maxDelayMs, Math.max(policy.minDelayMs, jittered));
}

/**
 * The delay to wait after failed attempt `attempt`: the jittered backoff, or the
 * provider's Retry-After when it asks for longer (capped at `maxDelayMs`, so a
 * misbehaving server cannot park us for an hour).
 *
 * A Retry-After never shortens the backoff: a server that throttles and says
 * `Retry-After: 0` would otherwise have every attempt spent within milliseconds.
 * And a throttled answer (or one carrying Retry-After) is one of many sent
 * together, so its first retry is jittered too: equal jitter leaves the backoff's
 * first step at exactly `minDelayMs`, so such an answer starts from the second
 * step, `minDelayMs` to twice that.
 */
export function retryDelay(
  attempt: number,
  error: DocumentIndexError,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const paced = error.code === 'throttled' || error.retryAfterMs !== undefined;
  const backoff = backoffDelay(paced ? Math.max(2, attempt) : attempt, policy, random);
  if (error.retryAfterMs === undefined) return backoff;
  return Math.min(policy.maxDelayMs, Math.max(backoff, error.retryAfterMs));
}

/** What {@link withRetry} needs besides the attempt itself. */
export interface RetryContext {
  policy: RetryPolicy;
  /** The call's signal: an abort stops both the attempt and the sleep between attempts. Absent: nothing can. */
  signal?: AbortSignal | undefined;
  /**
   * Turns whatever an attempt threw into our error (the adapter's classifier),
   * our own errors included, so that the caller can complete them (the pipeline
   * names the provider on every error).
   */
  classify: (error: unknown) => DocumentIndexError;
  /** Whether this request may be sent again after a retryable `error` (see `RequestInfo.canRetry`). */
  canRetry?: ((error: DocumentIndexError) => boolean) | undefined;
  /** Called before each sleep; used by tests and hooks. */
  onRetry?: (info: { attempt: number; delayMs: number; error: DocumentIndexError }) => void;
  /** Source of jitter, 0..1 (default `Math.random`); tests pin it. */
  random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or has been
 * tried `policy.maxAttempts` times. An abort is never retried.
 */
export async function withRetry<T>(run: (attempt: number) => Promise<T>, context: RetryContext): Promise<T> {
  const { policy, signal, classify } = context;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw signal.reason;
    try {
      return await (signal ? abandonOnAbort(run(attempt), signal) : run(attempt));
    } catch (thrown) {
      if (signal?.aborted) throw signal.reason;
      const error = classify(thrown);
      if (!error.retryable) throw error;
      if (context.canRetry?.(error) === false) throw notSafeToRepeat(error);
      if (attempt >= policy.maxAttempts) throw error;
      const delayMs = retryDelay(attempt, error, policy, context.random);
      context.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}

/**
 * A failure that is retryable for an idempotent request, of a request that may have
 * taken effect all the same (`canRetry` said no: an Azure start after a 5xx or a
 * lost answer): `retryable` says false, so that code retrying on it does not repeat
 * the effect (a second translation, billed). The original error is the cause.
 */
function notSafeToRepeat(error: DocumentIndexError): DocumentIndexError {
  return new DocumentIndexError(
    error.code,
    `${error.message}; it may have taken effect all the same, so it was not sent again`,
    {
      provider: error.provider,
      retryable: false,
      httpStatus: error.httpStatus,
      providerCode: error.providerCode,
      requestId: error.requestId,
      cause: error,
    },
  );
}
