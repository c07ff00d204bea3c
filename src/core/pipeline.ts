/**
 * The one way a client sends a provider request. Every request of a client (each
 * chunk of a batch, each listing page, each `waitFor` poll, and a provider's own
 * extra operations such as Azure's `getTranslation()`) goes through its one
 * pipeline: the retry loop outside, and around every attempt the client's stages
 * (the rate limiter, then the hooks and tracing), then the adapter's own send.
 * A public call is one span around its requests (`traced`).
 */
import type { RequestContext } from '../spec/adapter';
import type { CallOptions } from '../spec/client';
import { DocumentIndexError, isDocumentIndexError, withProvider } from '../spec/errors';
import type { ProviderName } from '../spec/status';
import { withCallSignal } from './call-scope';
import { type RetryPolicy, withRetry } from './retry';
import { type CallSpan, traceCall } from './telemetry/tracing';
import { validateCallOptions } from './validate';

/** Which request: the provider's operation and how many documents it carries. */
export interface RequestInfo {
  /** The provider's operation name, e.g. `BatchGetDocumentStatus`. */
  readonly operation: string;
  /** Documents the request carries (0 for listing pages and translation-level calls). */
  readonly documents: number;
  /**
   * For a request sent with `call` as a whole public call (Azure's `getTranslation`):
   * that method's name, which names its span (`docindex.getTranslation`). Default: `operation`.
   */
  readonly call?: string | undefined;
  /**
   * For a request that is not idempotent: whether it may be sent again after a
   * failure that is otherwise worth retrying, i.e. whether that failure proves
   * the first attempt had no effect (throttled, or refused before it was sent).
   * Absent: every retryable failure is retried.
   */
  readonly canRetry?: ((error: DocumentIndexError) => boolean) | undefined;
  /** Passed to every attempt's context as `pollAfter` (a `waitFor` poll's). */
  readonly pollAfter?: ((ms: number) => void) | undefined;
}

/** One attempt as the stages see it. */
export interface AttemptContext extends RequestContext {
  readonly provider: ProviderName;
  readonly documents: number;
}

/** What the retry loop tells the stages before it sleeps. */
export interface RetryEvent extends RequestInfo {
  readonly provider: ProviderName;
  /** The attempt that failed (1 for the first). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: DocumentIndexError;
}

/**
 * One concern applied to every request of a client, in the manner of an Azure
 * pipeline policy. Stages run outermost first; each one that wraps attempts calls
 * `next` once (or throws without calling it).
 */
export interface PipelineStage {
  readonly name: string;
  /**
   * Wraps one attempt (one request on the wire). A wait in here is not an attempt.
   * When `next` rejects, it rejects with our error, already classified and naming
   * the provider, so a stage can tell throttling from any other failure.
   */
  attempt?<T>(context: AttemptContext, next: (context: AttemptContext) => Promise<T>): Promise<T>;
  /** Told before the retry loop sleeps between two attempts. */
  retry?(event: RetryEvent): void;
}

/** The pipeline of one client. */
export interface RequestPipeline {
  readonly provider: ProviderName;
  /** Turns anything a wire call threw into our error, naming the provider; never throws. */
  classify(error: unknown): DocumentIndexError;
  /**
   * One request with retries under `signal`; every attempt shares one idempotency
   * token. Without a signal (nothing can cancel it) the request gets none either.
   */
  send<T>(
    request: RequestInfo,
    signal: AbortSignal | undefined,
    run: (context: RequestContext) => Promise<T>,
  ): Promise<T>;
  /**
   * Runs one public call (`getStatuses`, a page of `listStatuses`) as one span
   * `docindex.<name>` when an OpenTelemetry tracer provider is registered; otherwise just runs it.
   */
  traced<T>(name: string, run: (span: CallSpan) => Promise<T>): Promise<T>;
  /** One request as a whole call, traced: `options` validated, its deadline and abort applied, retried. */
  call<T>(
    options: CallOptions | undefined,
    request: RequestInfo,
    run: (context: RequestContext) => Promise<T>,
  ): Promise<T>;
}

/** What a pipeline is built from. */
export interface PipelineConfig {
  provider: ProviderName;
  classifyError: (error: unknown) => DocumentIndexError;
  retry: RetryPolicy;
  stages?: readonly PipelineStage[] | undefined;
}

/** Builds the one pipeline of one client. */
export function createRequestPipeline(config: PipelineConfig): RequestPipeline {
  const { provider, classifyError, retry: policy } = config;
  const stages = config.stages ?? [];
  const retryStages = stages.filter((stage) => stage.retry);

  const classify = (error: unknown): DocumentIndexError => {
    if (isDocumentIndexError(error)) return withProvider(error, provider);
    try {
      return withProvider(classifyError(error), provider);
    } catch {
      return new DocumentIndexError('internal', `Unexpected error from the ${provider} adapter`, {
        provider,
        cause: error,
        retryable: false,
      });
    }
  };

  // A request's idempotency token: this pipeline's random UUID and the request's
  // number, unique as a UUID per request would be, for about 25 ns instead of 55-124
  // (a status call needs none, yet each request of it makes one). Bedrock's
  // `clientToken` takes it: 38 or more letters, digits and single hyphens.
  const tokenPrefix = `${crypto.randomUUID()}-`;
  let tokens = 0;

  /** One attempt through the stages, outermost first, then the adapter; composed once, here. */
  type Attempt = <T>(context: AttemptContext, run: (context: RequestContext) => Promise<T>) => Promise<T>;
  // Stages see our error, not whatever the SDK threw; without stages, the retry loop classifies.
  const direct: Attempt =
    stages.length === 0
      ? (context, run) => run(context)
      : async (context, run) => {
          try {
            return await run(context);
          } catch (error) {
            throw classify(error);
          }
        };
  const throughStages = stages.reduceRight<Attempt>(
    (next, stage) => (stage.attempt ? (context, run) => stage.attempt!(context, (inner) => next(inner, run)) : next),
    direct,
  );

  const send = <T>(
    request: RequestInfo,
    signal: AbortSignal | undefined,
    run: (context: RequestContext) => Promise<T>,
  ): Promise<T> => {
    const chunkToken = tokenPrefix + ++tokens;
    const { operation, documents, pollAfter } = request;
    const attempt = (n: number): Promise<T> => {
      const context: AttemptContext = signal
        ? { signal, attempt: n, chunkToken, operation, provider, documents }
        : { attempt: n, chunkToken, operation, provider, documents };
      return throughStages(pollAfter ? { ...context, pollAfter } : context, run);
    };
    const onRetry =
      retryStages.length > 0
        ? (info: { attempt: number; delayMs: number; error: DocumentIndexError }) => {
            for (const stage of retryStages) stage.retry!({ ...info, operation, documents, provider });
          }
        : undefined;
    return withRetry(attempt, { policy, signal, classify, onRetry, canRetry: request.canRetry });
  };

  const traced = <T>(name: string, run: (span: CallSpan) => Promise<T>): Promise<T> => traceCall(provider, name, run);

  return {
    provider,
    classify,
    send,
    traced,
    call: (options, request, run) =>
      // Not async (one promise less per call): `traced` turns a throw into a rejection.
      traced(request.call ?? request.operation, () => {
        validateCallOptions(options, provider);
        return withCallSignal(options, provider, 1, (signal) => send(request, signal, run));
      }),
  };
}
