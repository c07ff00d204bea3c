import { isRestError, type RestError } from '@azure/core-rest-pipeline';
import { DocumentIndexError, type DocumentIndexErrorCode, isDocumentIndexError, withProvider } from '../../spec/errors';
import { isAbortError } from '../shared/abort';
import { refusedHeaderDetail, refusedHeaderName } from '../shared/headers';
import { codeForHttpStatus, isBodyIndependentStatus } from '../shared/http-status';
import { connectionDetail, hasNetworkErrorCode, isTlsErrorCode } from '../shared/network';
import { parseRetryAfter } from '../shared/retry-after';
import { PROVIDER } from './status';
import { AzureHttpError } from './transport';
import { type AzureErrorWire, azureErrorBodySchema } from './wire';

/** Azure's documented error codes, and a few gateway ones, by meaning. */
const CODE_TABLE: Readonly<Record<string, DocumentIndexErrorCode>> = {
  RequestRateTooHigh: 'throttled',
  TooManyRequests: 'throttled',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  ResourceNotFound: 'not_found',
  InvalidRequest: 'validation',
  InvalidArgument: 'validation',
  QuotaExceeded: 'quota_exceeded',
  InternalServerError: 'internal',
  ServiceUnavailable: 'service_unavailable',
};

/**
 * Turns what a request threw into our error. The HTTP status decides for the
 * codes whose meaning never depends on the body (401, 403, 408, 429, 5xx: `isBodyIndependentStatus`); otherwise
 * the Azure error code (the body's, else the `x-ms-error-code` header) decides,
 * then the status. `requestId` comes from
 * `x-requestid`, `apim-request-id` or `x-ms-request-id`; `retryAfterMs` from
 * `retry-after-ms` / `Retry-After`. Messages carry codes only, never the body or
 * headers, so no credential can leak into them.
 */
export function classifyAzureError(error: unknown): DocumentIndexError {
  return withProvider(classify(error), PROVIDER);
}

function classify(error: unknown): DocumentIndexError {
  if (isDocumentIndexError(error)) return error;
  if (error instanceof AzureHttpError) return fromHttpError(error);
  if (isAbortError(error)) {
    return new DocumentIndexError('aborted', 'The request to Azure was aborted', { retryable: false, cause: error });
  }
  if (isRestError(error)) {
    forgetCredentials(error);
    if (error.code === 'PARSE_ERROR') {
      return new DocumentIndexError('invalid_response', 'Azure sent a response that could not be read', {
        retryable: false,
        cause: error,
      });
    }
    return connectionFailure(error, safeCode(error.code));
  }
  if (hasNetworkErrorCode(error)) return connectionFailure(error, safeCode((error as { code?: unknown }).code));
  const header = refusedHeaderName(error);
  if (header !== undefined) {
    // A token (or a key updated since the factory checked it) holding a character no header can carry.
    return new DocumentIndexError('validation', `The request to Azure was not sent${refusedHeaderDetail(header)}`, {
      retryable: false,
      cause: error,
    });
  }
  return new DocumentIndexError('internal', 'Unexpected error while calling Azure', {
    retryable: false,
    cause: error,
  });
}

/** The headers that carry a credential (the key, or an Entra token). */
const CREDENTIAL_HEADERS = ['Ocp-Apim-Subscription-Key', 'authorization'] as const;

/**
 * A RestError keeps the request as sent (`request`, `response.request`), whose
 * headers hold the key or the token, and a logger that serializes `cause` would
 * print them. That request is finished and never sent again (each attempt builds
 * its own), so the credential is taken out of it before the error becomes a cause.
 */
function forgetCredentials(error: RestError): void {
  for (const request of [error.request, error.response?.request]) {
    for (const name of CREDENTIAL_HEADERS) request?.headers.delete(name);
  }
}

/** The Azure error object of a response body, if it has one. */
export function readAzureError(bodyText: string): AzureErrorWire | undefined {
  try {
    const parsed = azureErrorBodySchema.safeParse(JSON.parse(bodyText));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

function fromHttpError(error: AzureHttpError): DocumentIndexError {
  const body = readAzureError(error.bodyText);
  const header = (name: string) => error.headers.get(name);
  // 2024-05-01 declares `x-ms-error-code` on every error: the code when the body cannot be read.
  const providerCode = safeCode(body?.code) ?? safeCode(header('x-ms-error-code'));
  const innerCode = safeCode((body?.innerError ?? body?.innererror)?.code);
  const code = codeFor(error.status, providerCode);
  const detail = [providerCode, innerCode && innerCode !== providerCode ? `(${innerCode})` : undefined]
    .filter(Boolean)
    .join(' ');
  // Every route docindex reads is under one translation, so a 404 is almost always that
  // translation missing; a start (POST .../batches) could also meet a wrong endpoint path.
  const hint = code === 'not_found' ? ': no translation with this id (or no such route) at this endpoint' : '';
  return new DocumentIndexError(code, `Azure answered HTTP ${error.status}${detail ? ` ${detail}` : ''}${hint}`, {
    httpStatus: error.status,
    providerCode,
    requestId: azureRequestId(error.headers),
    retryAfterMs: parseRetryAfter(header),
    cause: error,
  });
}

/** Azure's request id of an answer: Document Translation's `x-requestid`, the gateway's `apim-request-id`, or `x-ms-request-id`. */
export function azureRequestId(headers: { get(name: string): string | undefined }): string | undefined {
  return headers.get('x-requestid') ?? headers.get('apim-request-id') ?? headers.get('x-ms-request-id');
}

/**
 * The statuses whose meaning never depends on the body decide first (a 5xx is
 * the server's failure whatever it says), then Azure's error code, then the
 * status. 403 is the one Azure qualifies: `QuotaExceeded` is not a permission.
 */
function codeFor(status: number, providerCode: string | undefined): DocumentIndexErrorCode {
  if (status === 403 && providerCode === 'QuotaExceeded') return 'quota_exceeded';
  if (isBodyIndependentStatus(status)) return codeForHttpStatus(status);
  const byCode = providerCode === undefined ? undefined : CODE_TABLE[providerCode];
  return byCode ?? codeForHttpStatus(status);
}

/** A provider code as we may echo it: short and plain, or nothing. */
/** A request that got no answer, its code in the message; a TLS failure (a proxy's certificate, https to a plain-http port) is not retried. */
function connectionFailure(error: unknown, code: string | undefined): DocumentIndexError {
  return new DocumentIndexError('network', `The request to Azure failed${connectionDetail(code ?? 'network')}`, {
    retryable: isTlsErrorCode(code) ? false : undefined,
    cause: error,
  });
}

function safeCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : undefined;
}
