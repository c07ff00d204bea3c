/**
 * What a client tells the application about its requests: the hooks and the
 * logger every factory accepts. Every event comes from the core's one request
 * path, so each provider reports the same events with the same fields.
 */
import type { DocumentIndexError } from './errors';
import type { ProviderName } from './status';

/** Which request and which attempt of it an event is about. */
export interface RequestEventBase {
  readonly provider: ProviderName;
  /** The provider's operation name, e.g. `BatchGetDocumentStatus`, `getDocumentStatus`. */
  readonly operation: string;
  /** 1 for the first attempt of the request, 2 for its first retry, ... */
  readonly attempt: number;
  /** Documents the request carries (0 for listing pages and translation-level calls). */
  readonly documents: number;
}

/** A request about to go on the wire (`onRequest`). */
export interface RequestHookEvent extends RequestEventBase {
  /** The HTTP method, upper case. */
  readonly method: string;
  /**
   * The request URL with nothing secret in it: user info becomes `REDACTED:REDACTED`,
   * and the value of every query parameter except those docindex itself sends
   * (`api-version`, `ids`, `statuses`, page sizes and skips) becomes `REDACTED`, so a
   * signed query, a SAS token (`sig=`) or a function key (`code=`) never shows.
   */
  readonly url: string;
}

/** A response that arrived, whatever its status (`onResponse`). */
export interface ResponseHookEvent extends RequestHookEvent {
  readonly httpStatus: number;
  /** From the request leaving to the response's headers arriving. */
  readonly durationMs: number;
  /** The provider's request id, to quote to its support (`x-amzn-requestid`, `x-requestid`, `x-request-id`). */
  readonly requestId?: string | undefined;
}

/** An attempt that failed and will be retried (`onRetry`), told before the wait. */
export interface RetryHookEvent extends RequestEventBase {
  /** The failed attempt's last request; absent when it failed before sending one (e.g. getting a token). */
  readonly method?: string | undefined;
  /** Redacted as in {@link RequestHookEvent.url}; absent with `method`. */
  readonly url?: string | undefined;
  /** Why the attempt failed. */
  readonly error: DocumentIndexError;
  /** How long the client waits before the next attempt (the provider's `Retry-After` where it sent one). */
  readonly delayMs: number;
}

/**
 * A request held back by throttling (`onThrottle`): an attempt the provider
 * throttled (with `error`), or, from the client's rate limiter, a request it
 * made wait before sending (with `waitedMs`).
 */
export interface ThrottleHookEvent extends RequestEventBase {
  /** The throttled attempt's last request (absent for a rate limiter's wait, which happens before sending). */
  readonly method?: string | undefined;
  /** Redacted as in {@link RequestHookEvent.url}; absent with `method`. */
  readonly url?: string | undefined;
  /** The throttling answer's HTTP status (429, or 400 for Kendra's `ThrottlingException`). */
  readonly httpStatus?: number | undefined;
  readonly requestId?: string | undefined;
  /** The provider's `Retry-After`, where it sent one. */
  readonly retryAfterMs?: number | undefined;
  /** The provider's throttling error; absent for a rate limiter's wait. */
  readonly error?: DocumentIndexError | undefined;
  /** How long the client's rate limiter held the request back; absent when the provider throttled it. */
  readonly waitedMs?: number | undefined;
}

/**
 * Functions a client calls as its requests happen, each with one event. A hook
 * that throws (or returns a promise that rejects) never breaks the call: the
 * error is reported once per client and hook through `logger.error` (or, without
 * a logger, as a process warning) and ignored after that.
 */
export interface ClientHooks {
  /** Each HTTP request, as it leaves (signed, with its final URL). */
  onRequest?(event: RequestHookEvent): void;
  /** Each HTTP response, as its headers arrive, whatever its status. */
  onResponse?(event: ResponseHookEvent): void;
  /** Each failed attempt that will be retried, before the wait. */
  onRetry?(event: RetryHookEvent): void;
  /** Each attempt the provider throttled (retried or not), and each wait of the client's rate limiter. */
  onThrottle?(event: ThrottleHookEvent): void;
}

/**
 * Where a client writes its log lines, console-like (`console` works, and so do
 * pino, winston and most loggers): retries and throttling at `warn`, each
 * request at `debug`, a hook that threw at `error`. Every method is optional;
 * each line is one string starting `[docindex]`, with no credential in it.
 */
export interface ClientLogger {
  /** One line per HTTP request, with its status, duration and request id. */
  debug?(message: string): void;
  /** Not written by docindex today; accepted so that any console-like logger fits. */
  info?(message: string): void;
  /** One line per throttled attempt and per retry. */
  warn?(message: string): void;
  /** A hook that threw (once per client and hook). */
  error?(message: string): void;
}
