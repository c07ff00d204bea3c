/**
 * The pipeline stage that turns every attempt into hook events, log lines and a
 * span. It sits on the core's one request path, so every provider reports the
 * same events; what only a transport knows (the method, the URL, the status and
 * the request id of each HTTP exchange) comes back through the observer this
 * stage puts on the attempt's context, which the transports call.
 *
 * With no hook, no logger and no tracer, an attempt passes straight through:
 * no observer, no event object, no timestamp.
 */
import type { HttpExchangeObserver } from '../../spec/adapter';
import { type DocumentIndexError, isDocumentIndexError } from '../../spec/errors';
import type { ThrottleHookEvent } from '../../spec/observability';
import type { AttemptContext, PipelineStage } from '../pipeline';
import { redactUrl } from './redact-url';
import type { Reporter } from './reporter';
import { type AttemptSpan, startAttemptSpan } from './tracing';

/** The last HTTP exchange of an attempt, kept for its retry event. */
type Exchange = { method: string; url: string };

/** Builds the stage of one client, reporting to `reporter`. */
export function createTelemetryStage(reporter: Reporter): PipelineStage {
  // The failed attempt's error is the one the retry loop hands to `retry`: it keys the attempt's last exchange.
  const lastExchange = new WeakMap<DocumentIndexError, Exchange>();

  async function observe<T>(
    context: AttemptContext,
    next: (context: AttemptContext) => Promise<T>,
    span: AttemptSpan | undefined,
  ): Promise<T> {
    const { provider, operation, attempt, documents } = context;
    const which = { provider, operation, attempt, documents };
    const head = `${provider} ${operation} attempt ${attempt}`;
    let exchange: Exchange | undefined;
    let sentAt = 0;
    let answer: { httpStatus: number; requestId?: string } | undefined;

    const observer: HttpExchangeObserver = {
      requestSent(method, rawUrl) {
        const url = redactUrl(rawUrl);
        exchange = { method, url };
        answer = undefined;
        sentAt = performance.now();
        span?.request(method, url);
        reporter.hook('onRequest', () => ({ ...which, ...exchange! }));
      },
      responseReceived(httpStatus, requestId) {
        const durationMs = performance.now() - sentAt;
        answer = requestId === undefined ? { httpStatus } : { httpStatus, requestId };
        span?.response(httpStatus, requestId);
        reporter.hook('onResponse', () => ({ ...which, ...exchange!, ...answer!, durationMs }));
        reporter.log('debug', () => {
          const id = requestId === undefined ? '' : ` (request id ${requestId})`;
          return `${head}: ${exchange?.method} ${exchange?.url} -> ${httpStatus} in ${ms(durationMs)}${id}`;
        });
      },
    };

    try {
      const inner = { ...context, observer };
      const result = await (span ? span.run(() => next(inner)) : next(inner));
      span?.end();
      return result;
    } catch (caught) {
      // An attempt cut short by the call's end (its deadline, an abort) failed for that reason, whatever the
      // transport threw on the way out (the AWS SDK and the Azure pipeline an abort, ky its own timeout): every
      // provider's span and log line say the same.
      const reason: unknown = context.signal?.aborted ? context.signal.reason : undefined;
      const thrown = isDocumentIndexError(reason) ? reason : caught;
      span?.end(thrown);
      const error = isDocumentIndexError(thrown) ? thrown : undefined;
      if (error && exchange) lastExchange.set(error, exchange);
      if (exchange && !answer) {
        // An answered request was logged with its status already; one that got none is logged here.
        const why = error ? `${error.code}: ${error.message}` : 'failed';
        reporter.log(
          'debug',
          () =>
            `${head}: ${exchange?.method} ${exchange?.url} -> no response after ${ms(performance.now() - sentAt)} (${why})`,
        );
      }
      if (error?.code === 'throttled') {
        reportThrottle(reporter, {
          ...which,
          ...exchange,
          ...defined('httpStatus', error.httpStatus ?? answer?.httpStatus),
          ...defined('requestId', error.requestId ?? answer?.requestId),
          ...defined('retryAfterMs', error.retryAfterMs),
          error,
        });
      }
      throw caught;
    }
  }

  return {
    name: 'telemetry',
    attempt(context, next) {
      const span = startAttemptSpan(context);
      return reporter.listening || span ? observe(context, next, span) : next(context);
    },
    retry({ provider, operation, attempt, documents, error, delayMs }) {
      reporter.hook('onRetry', () => ({
        provider,
        operation,
        attempt,
        documents,
        ...lastExchange.get(error),
        error,
        delayMs,
      }));
      reporter.log(
        'warn',
        () =>
          `${provider} ${operation} attempt ${attempt} failed (${details(error.code, error.httpStatus, error.providerCode, error.requestId)}): ${error.message}; retrying in ${ms(delayMs)}`,
      );
    },
  };
}

/** A throttle event, to the hook and as a warning. Also how a rate limiter reports its waits (with `waitedMs`). */
export function reportThrottle(reporter: Reporter, event: ThrottleHookEvent): void {
  reporter.hook('onThrottle', () => event);
  // The provider's throttling is a warning; the client's own limiter pacing requests (a fixed `requestsPerSecond`
  // paces every request past its rate) is expected, and at `warn` it drowned the log: `debug`.
  reporter.log(event.waitedMs === undefined ? 'warn' : 'debug', () => {
    const head = `${event.provider} ${event.operation} attempt ${event.attempt}`;
    if (event.waitedMs !== undefined) return `${head} waited ${ms(event.waitedMs)} for the client's rate limiter`;
    const retryAfter = event.retryAfterMs === undefined ? undefined : `Retry-After ${ms(event.retryAfterMs)}`;
    return `${head} was throttled by the provider (${details(undefined, event.httpStatus, event.error?.providerCode, event.requestId, retryAfter)})`;
  });
}

/** `throttled, HTTP 429, ThrottlingException, request id ...`: the parts that are there. */
function details(
  code: string | undefined,
  httpStatus: number | undefined,
  providerCode: string | undefined,
  requestId: string | undefined,
  extra?: string,
): string {
  return [code, httpStatus && `HTTP ${httpStatus}`, providerCode, extra, requestId && `request id ${requestId}`]
    .filter(Boolean)
    .join(', ');
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}
