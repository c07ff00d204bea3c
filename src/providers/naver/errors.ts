import { isNetworkError, isTimeoutError } from 'ky';
import { DocumentIndexError, type DocumentIndexErrorCode, isDocumentIndexError, withProvider } from '../../spec/errors';
import { isAbortError } from '../shared/abort';
import { codeForHttpStatus } from '../shared/http-status';
import { connectionDetail, hasNetworkErrorCode, isTlsErrorCode, nodeErrorCode } from '../shared/network';
import { parseRetryAfter } from '../shared/retry-after';
import { PROVIDER } from './status';

/**
 * NAVER failures in our vocabulary. Every message here is written by us: no
 * response body text, no header, no request object, so the API key cannot leak
 * through an error's message, `toJSON()`, inspection or its `cause`.
 */

/** What one NAVER answer said went wrong. */
export interface NaverFailure {
  /** What we were doing, for the message (e.g. `status request`). */
  operation: string;
  /** The HTTP status of the answer. */
  httpStatus: number;
  /** The status our code is chosen by: the HTTP status, or the one a NAVER code stands for on HTTP 2xx. */
  effectiveStatus: number;
  /** The NAVER code (`40400`, `404`, ...), when the body carried one. */
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
      httpStatus: failure.httpStatus,
      providerCode: failure.providerCode,
      requestId: naverRequestId(failure.headers),
      retryAfterMs: parseRetryAfter((name) => failure.headers.get(name)),
    },
  );
}

/** The gateway's request id of an answer (`x-request-id`), when it sent one. */
export function naverRequestId(headers: Headers): string | undefined {
  return headers.get('x-request-id') ?? undefined;
}

/** An answer that does not have the shape NAVER documents. */
export function invalidResponse(operation: string, problem: string, httpStatus?: number): DocumentIndexError {
  return new DocumentIndexError('invalid_response', `NAVER RAG ${operation} returned ${problem}`, {
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
  return withProvider(classify(error), PROVIDER);
}

function classify(error: unknown): DocumentIndexError {
  if (isDocumentIndexError(error)) return error;
  if (isAbortError(error)) {
    return new DocumentIndexError('aborted', 'NAVER RAG request was aborted', {
      retryable: false,
      cause: sanitizedCause(error),
    });
  }
  if (isTimeoutError(error) || isNamed(error, 'TimeoutError')) {
    return new DocumentIndexError('timeout', 'NAVER RAG request timed out', {
      retryable: true,
      cause: sanitizedCause(error),
    });
  }
  const code = nodeErrorCode(error);
  if (isNetworkError(error) || error instanceof TypeError || hasNetworkErrorCode(error) || isTlsErrorCode(code)) {
    return new DocumentIndexError(
      'network',
      `NAVER RAG request failed before an answer arrived${connectionDetail(code)}`,
      {
        // A TLS failure is not worth repeating: the certificate, the proxy or the scheme has to change.
        retryable: isTlsErrorCode(code) ? false : undefined,
        cause: sanitizedCause(error),
      },
    );
  }
  return new DocumentIndexError('internal', 'NAVER RAG request failed unexpectedly', {
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
