import type { KnownProviderName as ProviderName } from '../providers/registry';
import type { FaultInjector } from './faults';
import type { RequestLog } from './request-log';

/** A request as a simulator sees it: parsed once, shared by the msw and loopback front ends. */
export interface SimRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** The raw body text ('' when none). */
  readonly bodyText: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  readonly body: unknown;
}

/** Errors a provider renders in its own wire shape (status code, body, headers). */
export type ProviderErrorKind =
  | 'throttled'
  | 'server_error'
  | 'service_unavailable'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'quota_exceeded'
  | 'validation';

/** How an injected error is rendered (`{ type: 'error', kind, ... }` faults pass these). */
export interface ProviderErrorOptions {
  /** Adds a Retry-After header (seconds) where the provider would send one. */
  retryAfterSeconds?: number | undefined;
  /** Overrides the HTTP status the provider would normally use. */
  status?: number | undefined;
  message?: string | undefined;
}

/** What every provider simulator sees besides the request. */
export interface SimEnv {
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  /** The origin the request came in on (`http://127.0.0.1:PORT` or the msw host), for next links. */
  readonly origin: string;
  /** Milliseconds since the epoch; `Date.now()` so that fake timers move timelines. */
  now(): number;
}

/**
 * One provider's wire protocol. The simulator front ends route each request to the
 * provider whose `operationOf` claims it, apply injected faults, then call `handle`.
 */
export interface ProviderSimulator {
  readonly provider: ProviderName;
  /** The operation name this request is (e.g. `BatchGetDocumentStatus`), or undefined if it is not this provider's. */
  operationOf(request: SimRequest): string | undefined;
  /** Answers a request this provider claimed. */
  handle(request: SimRequest, operation: string, env: SimEnv): Promise<Response> | Response;
  /**
   * Renders an error the way this provider sends it, for the request it answers
   * (a provider whose error shape depends on the request, such as Azure's two API
   * generations, reads it).
   */
  errorResponse(
    kind: ProviderErrorKind,
    operation: string,
    options?: ProviderErrorOptions,
    request?: SimRequest,
  ): Response;
  /** Forgets every document, token and setting. */
  reset(): void;
}
