/**
 * The settings every factory takes beside its provider's own (retries,
 * concurrency, the rate limiter, hooks, logger, user agent), validated and resolved in
 * one place for every provider. The provider's transport applies `userAgent`.
 */
import type { RetryOptions } from '../spec/client';
import { validationError } from '../spec/errors';
import type { ClientHooks, ClientLogger } from '../spec/observability';
import type { ProviderName } from '../spec/status';
import type { PipelineStage } from './pipeline';
import { createRateLimiter, rateLimitStage } from './rate-limiter';
import { type RetryPolicy, resolveRetryPolicy } from './retry';
import { resolveUserAgent, validateHooks, validateLogger } from './telemetry/options';
import { createReporter, type Reporter } from './telemetry/reporter';
import { createTelemetryStage } from './telemetry/stage';
import { describe, isPlainObject, optionalInteger, refuseMisspelt, validateRetryOptions } from './validate';

/**
 * How a client paces its requests: `'adaptive'` (the default) sends at full speed
 * until the provider throttles, then measures the provider's quota and paces just
 * under it; `{ requestsPerSecond }` never exceeds a fixed rate (a known quota);
 * `false` turns the limiter off. See the README, "Throughput under throttling".
 */
export type RateLimitOption = 'adaptive' | { requestsPerSecond: number } | false;

/** The options every factory accepts besides its provider's own, and `createDocumentIndexClient` too. */
export interface ClientOptions {
  /** Retries of throttled, 5xx and network failures (defaults: 3 attempts, 100 ms, 20 s). */
  retry?: RetryOptions | undefined;
  /** Requests in flight at once for each batch call (default 4); calls made at once each have their own. */
  concurrency?: number | undefined;
  /**
   * One rate limiter for every request of the client, shared by all its calls
   * (default `'adaptive'`). Waiting for the limiter is not a retry attempt, and
   * honours each call's `signal` and `timeoutMs`.
   *
   * - `'adaptive'`: full speed until the provider throttles; then it measures the
   *   rate the provider accepts, paces requests just under it, fewer of them in
   *   flight, probes upward to follow a quota that rises, and steps aside once
   *   throttling has passed. A client that is never throttled is never slowed.
   * - `{ requestsPerSecond }`: evenly spaced requests at most at this rate.
   * - `false`: no limiter.
   *
   * A `Retry-After` from the provider also holds back every request of the client
   * (not only the one retried) until it has passed, capped at `retry.maxDelayMs`.
   */
  rateLimit?: RateLimitOption | undefined;
  /** Called on each request, response, retry and throttling; see {@link ClientHooks}. A hook that throws never breaks a call. */
  hooks?: ClientHooks | undefined;
  /** Where log lines go (`console` works): retries and throttling at `warn`, each request at `debug`. */
  logger?: ClientLogger | undefined;
  /**
   * Your application's product token(s), e.g. `my-app/2.1`, sent after docindex's own
   * `docindex/<version>` in the User-Agent (AWS: the SDK's `customUserAgent`, so it also
   * reaches `x-amz-user-agent`; Azure: the pipeline's user-agent policy). For a Kendra or
   * Bedrock client you pass as `client`, set it on that client instead.
   */
  userAgent?: string | undefined;
}

/** Provider requests in flight at once for a batch call when neither the client nor the call sets `concurrency`. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Extra pipeline stages: an options object carrying this key gets these stages
 * after the client's own. Not part of the public options; used by tests, and by the
 * command line's `put`, whose check-only client fails every request before it is
 * sent (src/cli/put/check.ts, which reaches this key as `Symbol.for` without
 * importing the core).
 */
export const EXTRA_STAGES: unique symbol = Symbol.for('docindex.extraPipelineStages');

/** `ClientOptions` checked and with every default filled in. */
export interface ClientConfig {
  readonly retry: RetryPolicy;
  readonly concurrency: number;
  readonly stages: readonly PipelineStage[];
  /** The client's hooks and logger, safely called (a rate limiter reports its waits here too). */
  readonly reporter: Reporter;
}

/** Validates the shared options (a `validation` error names the field) and fills in defaults. */
export function resolveClientConfig(options: ClientOptions | undefined, provider: ProviderName): ClientConfig {
  const retry = resolveRetryPolicy(validateRetryOptions(options?.retry, provider));
  const concurrency =
    optionalInteger(options?.concurrency, 'concurrency', { min: 1, max: 256 }, provider) ?? DEFAULT_CONCURRENCY;
  const rateLimit = validateRateLimit(options?.rateLimit, provider);
  const reporter = createReporter(validateHooks(options?.hooks, provider), validateLogger(options?.logger, provider));
  resolveUserAgent(options?.userAgent, provider);
  // The limiter outermost (its waits are not attempts), then telemetry, then test stages.
  const stages: PipelineStage[] = rateLimit
    ? [rateLimitStage(createRateLimiter(rateLimit, { maxHoldMs: retry.maxDelayMs }), reporter)]
    : [];
  stages.push(createTelemetryStage(reporter));
  const extra = (options as { [EXTRA_STAGES]?: readonly PipelineStage[] } | undefined)?.[EXTRA_STAGES];
  if (extra) stages.push(...extra);
  return { retry, concurrency, stages, reporter };
}
/** `rateLimit` as given to a factory: `undefined` is `'adaptive'`. */
function validateRateLimit(value: unknown, provider: ProviderName): Exclude<RateLimitOption, false> | false {
  if (value === undefined || value === 'adaptive') return 'adaptive';
  if (value === false) return false;
  if (!isPlainObject(value)) {
    throw validationError(
      'rateLimit',
      `expected 'adaptive', false or { requestsPerSecond }, got ${describe(value)}`,
      provider,
    );
  }
  refuseMisspelt(value, ['requestsPerSecond'], 'rateLimit', provider);
  const rate = value.requestsPerSecond;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
    throw validationError(
      'rateLimit.requestsPerSecond',
      `expected a finite number > 0, got ${describe(rate)}`,
      provider,
    );
  }
  return { requestsPerSecond: rate };
}
