import { isNetworkError, isTimeoutError } from 'ky';
import { DocumentIndexError, type DocumentIndexErrorCode, isDocumentIndexError } from '../../core/errors';
import { parseRetryAfter } from '../../core/retry-after';

/**
 * NAVER failures in our vocabulary. Every message here is written by us: no
 * response body text, no header, no request object, so the API key cannot leak
 * through an error's message, `toJSON()`, inspection or its `cause`.
 */

/** Our code for an HTTP status (or the HTTP status a NAVER code stands for). */
export function codeForHttpStatus(status: number): DocumentIndexErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 408:
      return 'timeout';
    case 409:
      return 'conflict';
    case 429:
      return 'throttled';
    case 502:
    case 503:
    case 504:
      return 'service_unavailable';
    default:
      if (status >= 500) return 'internal';
      // Any other refusal (400, 405, 413, 422, ...) means the request itself was wrong.
      return 'validation';
  }
}

/** What one NAVER answer said went wrong. */
export interface NaverFailure {
  /** What we were doing, for the message (e.g. `status request`). */
  operation: string;
  /** The HTTP status of the answer. */
  httpStatus: number;
  /** The status our code is chosen by: the HTTP status, or the one a NAVER code stands for on HTTP 2xx. */
  effectiveStatus: number;
  /** The NAVER 5-digit code, when the body carried one. */
  providerCode?: string | undefined;
  headers: Headers;
}

/** The error for an answer NAVER sent with an error status or an error code. */
export function errorFromAnswer(failure: NaverFailure): DocumentIndexError {
  const code = codeForHttpStatus(failure.effectiveStatus);
  const detail = failure.providerCode === undefined ? '' : ` (code ${failure.providerCode})`;
  return new DocumentIndexError(
    code,
    `NAVER RAG ${failure.operation} failed with HTTP ${failure.httpStatus}${detail}: ${DESCRIPTIONS[code]}`,
    {
      provider: 'naver',
      httpStatus: failure.httpStatus,
      providerCode: failure.providerCode,
      requestId: failure.headers.get('x-request-id') ?? undefined,
      retryAfterMs: parseRetryAfter((name) => failure.headers.get(name)),
    },
  );
}

/** An answer that does not have the shape NAVER documents. */
export function invalidResponse(operation: string, problem: string, httpStatus?: number): DocumentIndexError {
  return new DocumentIndexError('invalid_response', `NAVER RAG ${operation} returned ${problem}`, {
    provider: 'naver',
    httpStatus,
    retryable: false,
  });
}

/**
 * Classifies whatever a request threw: ky's `TimeoutError` (the per-attempt
 * `timeoutMs`) is `timeout`, ky's `NetworkError`, a fetch `TypeError` and socket
 * errors are `network`; all of them are retryable. Ky's errors hold the `Request`
 * with its `Authorization` header, so they are never kept: the cause is a copy of
 * the underlying error's name, message and code only.
 */
export function classifyNaverError(error: unknown): DocumentIndexError {
  if (isDocumentIndexError(error)) return error;
  if (isTimeoutError(error) || isNamed(error, 'TimeoutError')) {
    return new DocumentIndexError('timeout', 'NAVER RAG request timed out', {
      provider: 'naver',
      retryable: true,
      cause: sanitizedCause(error),
    });
  }
  if (isNetworkError(error) || error instanceof TypeError || hasSocketCode(error)) {
    return new DocumentIndexError('network', 'NAVER RAG request failed before an answer arrived', {
      provider: 'naver',
      cause: sanitizedCause(error),
    });
  }
  return new DocumentIndexError('internal', 'NAVER RAG request failed unexpectedly', {
    provider: 'naver',
    retryable: false,
    cause: sanitizedCause(error),
  });
}

const DESCRIPTIONS: Record<DocumentIndexErrorCode, string> = {
  validation: 'the request was refused as invalid',
  unauthorized: 'the API key was refused',
  forbidden: 'the API key may not access this service',
  not_found: 'not found',
  conflict: 'conflict with the current state',
  throttled: 'too many requests',
  quota_exceeded: 'quota exceeded',
  service_unavailable: 'the service is unavailable',
  internal: 'the service failed',
  network: 'network failure',
  timeout: 'the service did not answer in time',
  aborted: 'aborted',
  invalid_response: 'unreadable answer',
  unsupported: 'unsupported',
};

const SOCKET_CODES =
  /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|UND_ERR_\w+)$/;

function hasSocketCode(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SOCKET_CODES.test(code);
}

function isNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

/**
 * A plain Error with the name, message and code of the innermost cause (the
 * socket or fetch error), so a debugger sees what failed without the `Request`
 * (and its `Authorization` header) that ky's errors carry.
 */
function sanitizedCause(error: unknown): Error | undefined {
  let root: unknown = error;
  for (let depth = 0; depth < 8 && root instanceof Error && root.cause instanceof Error; depth++) root = root.cause;
  if (!(root instanceof Error)) return undefined;
  const copy = new Error(root.message);
  copy.name = root.name;
  const code = (root as { code?: unknown }).code;
  if (typeof code === 'string') Object.defineProperty(copy, 'code', { value: code, enumerable: true });
  return copy;
}
