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
import type { AttemptContext, PipelineStage, RetryEvent } from '../pipeline';
import { redactUrl } from './redact-url';
import type { Reporter } from './reporter';
import { type AttemptSpan, startAttemptSpan } from './tracing';

/** The last HTTP exchange of an attempt, kept for its retry event. */
interface Exchange {
  readonly method: string;
  readonly url: string;
}

/** Builds the stage of one client, reporting to `reporter`. */
export function createTelemetryStage(reporter: Reporter): PipelineStage {
  // The failed attempt's error is the one the retry loop hands to `retry`: it keys the attempt's last exchange.
  const lastExchange = new WeakMap<DocumentIndexError, Exchange>();

  return {
    name: 'telemetry',
    attempt(context, next) {
      const span = startAttemptSpan(context);
      if (!reporter.listening && span === undefined) return next(context);
      return observeAttempt(context, next, reporter, span, lastExchange);
    },
    retry(event) {
      if (!reporter.has('onRetry') && !reporter.logs('warn')) return;
      const exchange = lastExchange.get(event.error);
      reporter.hook('onRetry', {
        provider: event.provider,
        operation: event.operation,
        attempt: event.attempt,
        documents: event.documents,
        ...exchange,
        error: event.error,
        delayMs: event.delayMs,
      });
      reporter.log('warn', retryLine(event));
    },
  };
}

async function observeAttempt<T>(
  context: AttemptContext,
  next: (context: AttemptContext) => Promise<T>,
  reporter: Reporter,
  span: AttemptSpan | undefined,
  lastExchange: WeakMap<DocumentIndexError, Exchange>,
): Promise<T> {
  const observer = new AttemptObserver(context, reporter, span);
  const observed: AttemptContext = { ...context, observer };
  try {
    const result = await (span ? span.run(() => next(observed)) : next(observed));
    span?.end();
    return result;
  } catch (thrown) {
    span?.end(thrown);
    const error = isDocumentIndexError(thrown) ? thrown : undefined;
    const exchange = observer.exchange();
    if (error && exchange) lastExchange.set(error, exchange);
    observer.failed(error);
    if (error?.code === 'throttled') reportThrottle(reporter, throttleEvent(context, observer, error));
    throw thrown;
  }
}

/** Told by the transport about each HTTP exchange of one attempt. */
class AttemptObserver implements HttpExchangeObserver {
  private method: string | undefined;
  private url: string | undefined;
  private sentAt = 0;
  private answered = false;
  httpStatus: number | undefined;
  requestId: string | undefined;

  constructor(
    private readonly context: AttemptContext,
    private readonly reporter: Reporter,
    private readonly span: AttemptSpan | undefined,
  ) {}

  requestSent(method: string, rawUrl: string): void {
    const url = redactUrl(rawUrl);
    this.method = method;
    this.url = url;
    this.sentAt = performance.now();
    this.answered = false;
    this.httpStatus = undefined;
    this.requestId = undefined;
    this.span?.request(method, url);
    if (this.reporter.has('onRequest')) this.reporter.hook('onRequest', { ...this.which(), method, url });
  }

  responseReceived(httpStatus: number, requestId: string | undefined): void {
    const durationMs = performance.now() - this.sentAt;
    this.answered = true;
    this.httpStatus = httpStatus;
    this.requestId = requestId;
    this.span?.response(httpStatus, requestId);
    const method = this.method ?? '';
    const url = this.url ?? '';
    if (this.reporter.has('onResponse')) {
      this.reporter.hook('onResponse', {
        ...this.which(),
        method,
        url,
        httpStatus,
        durationMs,
        ...(requestId === undefined ? {} : { requestId }),
      });
    }
    if (this.reporter.logs('debug')) {
      const id = requestId === undefined ? '' : ` (request id ${requestId})`;
      this.reporter.log('debug', `${this.prefix()}: ${method} ${url} -> ${httpStatus} in ${ms(durationMs)}${id}`);
    }
  }

  /** The attempt failed: a request that got no answer is logged (an answered one already was). */
  failed(error: DocumentIndexError | undefined): void {
    if (this.method === undefined || this.answered || !this.reporter.logs('debug')) return;
    const why = error ? `${error.code}: ${error.message}` : 'failed';
    const after = ms(performance.now() - this.sentAt);
    this.reporter.log('debug', `${this.prefix()}: ${this.method} ${this.url} -> no response after ${after} (${why})`);
  }

  exchange(): Exchange | undefined {
    return this.method === undefined || this.url === undefined ? undefined : { method: this.method, url: this.url };
  }

  private which() {
    const { provider, operation, attempt, documents } = this.context;
    return { provider, operation, attempt, documents };
  }

  private prefix(): string {
    return `[docindex] ${this.context.provider} ${this.context.operation} attempt ${this.context.attempt}`;
  }
}

function throttleEvent(context: AttemptContext, observer: AttemptObserver, error: DocumentIndexError) {
  const { provider, operation, attempt, documents } = context;
  const event: ThrottleHookEvent = {
    provider,
    operation,
    attempt,
    documents,
    ...observer.exchange(),
    ...defined('httpStatus', error.httpStatus ?? observer.httpStatus),
    ...defined('requestId', error.requestId ?? observer.requestId),
    ...defined('retryAfterMs', error.retryAfterMs),
    error,
  };
  return event;
}

/** A throttle event, to the hook and as a warning. Also how a rate limiter reports its waits. */
export function reportThrottle(reporter: Reporter, event: ThrottleHookEvent): void {
  reporter.hook('onThrottle', event);
  if (!reporter.logs('warn')) return;
  const head = `[docindex] ${event.provider} ${event.operation} attempt ${event.attempt}`;
  if (event.waitedMs !== undefined) {
    reporter.log('warn', `${head} waited ${ms(event.waitedMs)} for the client's rate limiter`);
    return;
  }
  const details = [
    event.httpStatus === undefined ? undefined : `HTTP ${event.httpStatus}`,
    event.error?.providerCode,
    event.retryAfterMs === undefined ? undefined : `Retry-After ${ms(event.retryAfterMs)}`,
    event.requestId === undefined ? undefined : `request id ${event.requestId}`,
  ].filter((part) => part !== undefined);
  reporter.log('warn', `${head} was throttled by the provider${details.length ? ` (${details.join(', ')})` : ''}`);
}

function retryLine(event: RetryEvent): string {
  const { error } = event;
  const details = [
    error.code,
    error.httpStatus === undefined ? undefined : `HTTP ${error.httpStatus}`,
    error.providerCode,
    error.requestId === undefined ? undefined : `request id ${error.requestId}`,
  ].filter((part) => part !== undefined);
  return `[docindex] ${event.provider} ${event.operation} attempt ${event.attempt} failed (${details.join(', ')}): ${error.message}; retrying in ${ms(event.delayMs)}`;
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}
