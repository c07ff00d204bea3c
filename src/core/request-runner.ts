import type { RequestContext } from './adapter';
import { withCallSignal } from './call-scope';
import { DocumentIndexError, isDocumentIndexError } from './errors';
import { resolveRetryPolicy, withRetry } from './retry';
import type { ProviderName } from './status';
import type { CallOptions, RetryOptions } from './types';
import { validateCallOptions, validateRetryOptions } from './validate';

/**
 * How a client sends one provider request: the client's retry policy and error
 * classification, shared by the batch engines and by calls an adapter offers
 * beyond the neutral client (Azure's `getTranslation()`, `cancel()`).
 */
export interface RequestRunner {
  /** Turns anything a wire call threw into our error; never throws. */
  classify(error: unknown): DocumentIndexError;
  /**
   * One request with retries under `signal`; every attempt shares one idempotency
   * token. Without a signal (nothing can cancel it) the request gets none either.
   */
  attempt<T>(signal: AbortSignal | undefined, run: (context: RequestContext) => Promise<T>): Promise<T>;
  /** One request as a whole call: `options` validated, its deadline and abort applied, retried. */
  call<T>(options: CallOptions | undefined, run: (context: RequestContext) => Promise<T>): Promise<T>;
}

/** Builds the runner for one client; `retry` is validated here (a `validation` error names the field). */
export function createRequestRunner(
  provider: ProviderName,
  classifyError: (error: unknown) => DocumentIndexError,
  retry: RetryOptions | undefined,
): RequestRunner {
  const policy = resolveRetryPolicy(validateRetryOptions(retry, provider));

  const classify = (error: unknown): DocumentIndexError => {
    if (isDocumentIndexError(error)) return error;
    try {
      return classifyError(error);
    } catch {
      return new DocumentIndexError('internal', `Unexpected error from the ${provider} adapter`, {
        provider,
        cause: error,
        retryable: false,
      });
    }
  };

  const attempt = <T>(signal: AbortSignal | undefined, run: (context: RequestContext) => Promise<T>): Promise<T> => {
    const chunkToken = globalThis.crypto.randomUUID();
    return withRetry((n) => run(signal ? { signal, attempt: n, chunkToken } : { attempt: n, chunkToken }), {
      policy,
      signal,
      classify,
    });
  };

  return {
    classify,
    attempt,
    async call(options, run) {
      validateCallOptions(options, provider);
      return withCallSignal(options, provider, 1, (signal) => attempt(signal, run));
    },
  };
}
