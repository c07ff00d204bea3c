/**
 * OpenTelemetry spans, when the application traces, at no cost when it does not.
 *
 * How docindex finds OpenTelemetry: `@opentelemetry/api` is an optional peer
 * dependency, imported with a dynamic `import()` only once the application has
 * registered a tracer provider. The API keeps every registration in one versioned
 * global, `globalThis[Symbol.for('opentelemetry.js.api.1')]`, which all copies of
 * the API in a process share (that is how an SDK the application starts reaches
 * the libraries it uses); reading that slot tells, without loading anything,
 * whether anyone registered a tracer provider. Until someone does, nothing is
 * imported, and a process without the package never tries.
 *
 * Why this and not what other libraries do:
 * - A static import (the API as a dependency, as the Vercel AI SDK has it): every
 *   user loads it at cold start and bundles it, and an optional peer imported
 *   statically breaks the build of a user who did not install it.
 * - An instrumenter the application plugs in (`@azure/core-tracing`, whose
 *   OpenTelemetry instrumenter is a separate package registered with
 *   `useInstrumenter`): one more package and one more setup step per library;
 *   the global registration already is that plug-in point.
 * - `diagnostics_channel` (undici's way: publish events, and a separate
 *   instrumentation package turns them into spans): spans then need a package
 *   that would have to be written and installed; the hooks already give the
 *   event stream to whoever wants to build on it.
 * - `createRequire()` or a specifier computed at run time: no bundler sees it, so
 *   an application that bundles docindex and does install the API would never trace.
 *
 * The literal `import('@opentelemetry/api')` inside `try` is bundled by esbuild
 * when the package is installed and left alone, without an error, when it is not
 * (esbuild does not fail on an import whose failure the code handles), which is
 * what a Lambda bundle of docindex needs. A bundler that fails on it instead
 * (webpack, Vite) can mark `@opentelemetry/api` external.
 */
import type * as OpenTelemetry from '@opentelemetry/api';
import { isDocumentIndexError } from '../../spec/errors';
import type { ProviderName } from '../../spec/status';
import { VERSION } from '../version';

type Api = typeof OpenTelemetry;
type Span = OpenTelemetry.Span;
type Attributes = OpenTelemetry.Attributes;

/** The API's global registration slot (major version 1). */
const API_GLOBAL = Symbol.for('opentelemetry.js.api.1');

/** The tracer's name (the instrumentation scope). */
export const TRACER_NAME = 'docindex';

let api: Api | undefined;
let loading: Promise<void> | undefined;
let missing = false;

/** Whether some copy of the API has a tracer provider registered in this process. */
function tracerProviderRegistered(): boolean {
  const slot = (globalThis as { [API_GLOBAL]?: { trace?: unknown } })[API_GLOBAL];
  return slot?.trace !== undefined;
}

/** The API once tracing is on; a promise while it loads the first time; otherwise undefined. */
function tracingApi(): Api | Promise<void> | undefined {
  if (missing || !tracerProviderRegistered()) return undefined;
  if (api) return api;
  loading ??= loadApi();
  return loading;
}

async function loadApi(): Promise<void> {
  try {
    const module = (await import('@opentelemetry/api')) as Api & { default?: Api };
    // Node gives the CommonJS build's exports as named exports; some bundlers only as `default`.
    api = typeof module.trace?.getTracer === 'function' ? module : module.default;
    if (typeof api?.trace?.getTracer !== 'function') api = undefined;
  } catch {
    // Not installed: the application registered a provider with a copy docindex cannot reach.
  }
  if (!api) missing = true;
}

/** What a call can add to its span. */
export interface CallSpan {
  /** How many documents the call is about (unique ids). */
  documents(count: number): void;
}

const NO_SPAN: CallSpan = { documents() {} };

/**
 * Runs one public call (`getStatuses`, a page of `listStatuses`, Azure's
 * `getTranslation`) as the active span `docindex.<name>` when tracing is on, so
 * its attempts' spans (and the spans of any HTTP instrumentation underneath)
 * are its children. Without tracing, it is `run()`.
 */
export function traceCall<T>(provider: ProviderName, name: string, run: (span: CallSpan) => Promise<T>): Promise<T> {
  const now = tracingApi();
  if (now === undefined) {
    // `run` may throw before its first await (a plain function that returns a promise): the call still rejects.
    try {
      return run(NO_SPAN);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  if (now instanceof Promise) return now.then(() => traceCall(provider, name, run));
  const tracer = now.trace.getTracer(TRACER_NAME, VERSION);
  const attributes: Attributes = { 'docindex.provider': provider };
  return tracer.startActiveSpan(`docindex.${name}`, { kind: now.SpanKind.INTERNAL, attributes }, async (span) => {
    try {
      const result = await run({ documents: (count) => span.setAttribute('docindex.documents', count) });
      recordResult(span, result);
      return result;
    } catch (error) {
      recordFailure(now, span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** What a call resolved with: a batch's item and error counts, a page's item count, one document's status. */
function recordResult(span: Span, result: unknown): void {
  if (typeof result !== 'object' || result === null) return;
  const { items, errors, status } = result as { items?: unknown; errors?: unknown; status?: unknown };
  if (Array.isArray(items)) span.setAttribute('docindex.items', items.length);
  if (Array.isArray(errors)) span.setAttribute('docindex.errors', errors.length);
  if (typeof status === 'string') span.setAttribute('docindex.status', status);
}

/** What one attempt needs from its span. */
export interface AttemptSpan {
  /** Runs the attempt with this span active. */
  run<T>(attempt: () => Promise<T>): Promise<T>;
  /** A request of the attempt went out (the URL already redacted). */
  request(method: string, url: string): void;
  response(httpStatus: number, requestId: string | undefined): void;
  /** Ends the span, as failed when `error` is given. */
  end(error?: unknown): void;
}

/** Which attempt a span is for. */
export interface AttemptInfo {
  readonly provider: ProviderName;
  readonly operation: string;
  readonly attempt: number;
  readonly documents: number;
}

/**
 * A CLIENT span for one attempt, child of the call's span, with the HTTP
 * semantic-convention attributes (`http.request.method`, `url.full`,
 * `server.address`, `server.port`, `http.response.status_code`,
 * `http.request.resend_count`, `error.type`) and docindex's own. Undefined
 * unless tracing is on (and already loaded: the call's span loaded it).
 */
export function startAttemptSpan(info: AttemptInfo): AttemptSpan | undefined {
  if (api === undefined || !tracerProviderRegistered()) return undefined;
  const otel = api;
  const attributes: Attributes = {
    'docindex.provider': info.provider,
    'docindex.operation': info.operation,
    'docindex.attempt': info.attempt,
    'docindex.documents': info.documents,
  };
  if (info.attempt > 1) attributes['http.request.resend_count'] = info.attempt - 1;
  const span = otel.trace
    .getTracer(TRACER_NAME, VERSION)
    .startSpan(`${info.provider} ${info.operation}`, { kind: otel.SpanKind.CLIENT, attributes });
  const active = otel.trace.setSpan(otel.context.active(), span);
  return {
    run: (attempt) => otel.context.with(active, attempt),
    request(method, url) {
      span.setAttributes({ 'http.request.method': method, 'url.full': url, ...serverOf(url) });
    },
    response(httpStatus, requestId) {
      span.setAttributes(defined({ 'http.response.status_code': httpStatus, 'docindex.request_id': requestId }));
    },
    end(error) {
      if (error !== undefined) recordFailure(otel, span, error);
      span.end();
    },
  };
}

function serverOf(url: string): Attributes {
  try {
    const { hostname, port, protocol } = new URL(url);
    return {
      'server.address': hostname.replace(/^\[|\]$/g, ''),
      'server.port': port === '' ? (protocol === 'http:' ? 80 : 443) : Number(port),
    };
  } catch {
    return {};
  }
}

/** An error on a span: its code as `error.type`, the exception event, the status. */
function recordFailure(otel: Api, span: Span, error: unknown): void {
  const failure = isDocumentIndexError(error) ? error : undefined;
  span.setAttributes(
    defined({
      'error.type': failure?.code ?? (error instanceof Error ? error.name : typeof error),
      'docindex.error.code': failure?.code,
      'docindex.error.retryable': failure?.retryable,
      'docindex.error.provider_code': failure?.providerCode,
      'http.response.status_code': failure?.httpStatus,
      'docindex.request_id': failure?.requestId,
    }),
  );
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: otel.SpanStatusCode.ERROR, message: error instanceof Error ? error.message : undefined });
}

/** The attributes that have a value (the SDK warns about undefined ones). */
function defined(attributes: Record<string, string | number | boolean | undefined>): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
}
