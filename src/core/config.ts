/**
 * The settings every factory takes beside its provider's own (retries,
 * concurrency), validated and resolved in one place for every provider.
 */
import type { RetryOptions } from '../spec/client';
import type { ProviderName } from '../spec/status';
import type { PipelineStage } from './pipeline';
import { type RetryPolicy, resolveRetryPolicy } from './retry';
import { optionalInteger, validateRetryOptions } from './validate';

/** The options every factory accepts besides its provider's own, and `createDocumentIndexClient` too. */
export interface ClientOptions {
  /** Retries of throttled, 5xx and network failures (defaults: 3 attempts, 100 ms, 20 s). */
  retry?: RetryOptions | undefined;
  /** Requests in flight at once for batch calls (default 4). */
  concurrency?: number | undefined;
}

/** Provider requests in flight at once for a batch call when neither the client nor the call sets `concurrency`. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Extra pipeline stages, for tests: an options object carrying this key gets
 * these stages after the client's own. Not part of the public options.
 */
export const EXTRA_STAGES: unique symbol = Symbol.for('docindex.extraPipelineStages');

/** `ClientOptions` checked and with every default filled in. */
export interface ClientConfig {
  readonly retry: RetryPolicy;
  readonly concurrency: number;
  readonly stages: readonly PipelineStage[];
}

/** Validates the shared options (a `validation` error names the field) and fills in defaults. */
export function resolveClientConfig(options: ClientOptions | undefined, provider: ProviderName): ClientConfig {
  const retry = resolveRetryPolicy(validateRetryOptions(options?.retry, provider));
  const concurrency =
    optionalInteger(options?.concurrency, 'concurrency', { min: 1, max: 256 }, provider) ?? DEFAULT_CONCURRENCY;
  const extra = (options as { [EXTRA_STAGES]?: readonly PipelineStage[] } | undefined)?.[EXTRA_STAGES];
  return { retry, concurrency, stages: extra ?? [] };
}
