import { isRestError } from '@azure/core-rest-pipeline';
import { DocumentIndexError, type DocumentIndexErrorCode, isDocumentIndexError } from '../../core/errors';
import { parseRetryAfter } from '../../core/retry-after';
import { type AzureErrorWire, azureErrorBodySchema } from './schemas';
import { AzureHttpError } from './transport';

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

/** Node and undici error codes of a connection that failed or dropped. */
const NETWORK_CODES = /^(E[A-Z]+|UND_ERR_[A-Z_]+|REQUEST_SEND_ERROR)$/;

/**
 * Turns what a request threw into our error. The HTTP status decides for the
 * codes whose meaning never depends on the body (401, 403, 429, 5xx); otherwise
 * the Azure error code decides, then the status. `requestId` comes from
 * `x-requestid`, `apim-request-id` or `x-ms-request-id`; `retryAfterMs` from
 * `retry-after-ms` / `Retry-After`. Messages carry codes only, never the body or
 * headers, so no credential can leak into them.
 */
export function classifyAzureError(error: unknown): DocumentIndexError {
  if (isDocumentIndexError(error)) return error;
  if (error instanceof AzureHttpError) return fromHttpError(error);
  if (isRestError(error)) {
    if (error.code === 'PARSE_ERROR') {
      return new DocumentIndexError('invalid_response', 'Azure sent a response that could not be read', {
        provider: 'azure',
        retryable: false,
        cause: error,
      });
    }
    return new DocumentIndexError('network', `The request to Azure failed (${safeCode(error.code) ?? 'network'})`, {
      provider: 'azure',
      cause: error,
    });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.test(code)) {
    return new DocumentIndexError('network', `The request to Azure failed (${code})`, {
      provider: 'azure',
      cause: error,
    });
  }
  return new DocumentIndexError('internal', 'Unexpected error while calling Azure', {
    provider: 'azure',
    retryable: false,
    cause: error,
  });
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
  const providerCode = safeCode(body?.code);
  const innerCode = safeCode((body?.innerError ?? body?.innererror)?.code);
  const code = codeFor(error.status, providerCode);
  const header = (name: string) => error.headers.get(name);
  const detail = [providerCode, innerCode && innerCode !== providerCode ? `(${innerCode})` : undefined]
    .filter(Boolean)
    .join(' ');
  return new DocumentIndexError(code, `Azure answered HTTP ${error.status}${detail ? ` ${detail}` : ''}`, {
    provider: 'azure',
    httpStatus: error.status,
    providerCode,
    requestId: header('x-requestid') ?? header('apim-request-id') ?? header('x-ms-request-id'),
    retryAfterMs: parseRetryAfter(header),
    cause: error,
  });
}

function codeFor(status: number, providerCode: string | undefined): DocumentIndexErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'throttled';
  if (status === 403) return providerCode === 'QuotaExceeded' ? 'quota_exceeded' : 'forbidden';
  if (status === 503 || status === 502 || status === 504) return 'service_unavailable';
  if (status >= 500) return 'internal';
  const byCode = providerCode === undefined ? undefined : CODE_TABLE[providerCode];
  if (byCode) return byCode;
  if (status === 404) return 'not_found';
  if (status === 408) return 'service_unavailable';
  if (status === 409) return 'conflict';
  if (status >= 400) return 'validation';
  // 1xx/3xx: nothing a status read should ever get (redirects are not followed).
  return 'invalid_response';
}

/** A provider code as we may echo it: short and plain, or nothing. */
function safeCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : undefined;
}
