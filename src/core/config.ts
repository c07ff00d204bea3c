/**
 * The settings every factory takes beside its provider's own (retries,
 * concurrency, hooks, logger, user agent), validated and resolved in one place
 * for every provider. The provider's transport applies `userAgent`.
 */
import type { RetryOptions } from '../spec/client';
import type { ClientHooks, ClientLogger } from '../spec/observability';
import type { ProviderName } from '../spec/status';
import type { PipelineStage } from './pipeline';
import { type RetryPolicy, resolveRetryPolicy } from './retry';
import { resolveUserAgent, validateHooks, validateLogger } from './telemetry/options';
import { createReporter, type Reporter } from './telemetry/reporter';
import { createTelemetryStage } from './telemetry/stage';
import { optionalInteger, validateRetryOptions } from './validate';

/** The options every factory accepts besides its provider's own, and `createDocumentIndexClient` too. */
export interface ClientOptions {
  /** Retries of throttled, 5xx and network failures (defaults: 3 attempts, 100 ms, 20 s). */
  retry?: RetryOptions | undefined;
  /** Requests in flight at once for batch calls (default 4). */
  concurrency?: number | undefined;
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
 * Extra pipeline stages, for tests: an options object carrying this key gets
 * these stages after the client's own. Not part of the public options.
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
  const reporter = createReporter(validateHooks(options?.hooks, provider), validateLogger(options?.logger, provider));
  resolveUserAgent(options?.userAgent, provider);
  const extra = (options as { [EXTRA_STAGES]?: readonly PipelineStage[] } | undefined)?.[EXTRA_STAGES];
  return { retry, concurrency, stages: [createTelemetryStage(reporter), ...(extra ?? [])], reporter };
}
