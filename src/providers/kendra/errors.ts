import { DocumentIndexError, type DocumentIndexErrorCode, isDocumentIndexError } from '../../core/errors';
import { parseRetryAfter } from '../../core/retry-after';

/**
 * Exception names to our codes. Kendra answers throttling, access denied, not
 * found and conflict with HTTP 400, so the name (`__type` / `x-amzn-errortype`,
 * which the SDK turns into `error.name`) decides, never the status code.
 */
const CODE_BY_NAME: Readonly<Record<string, DocumentIndexErrorCode>> = Object.freeze({
  ThrottlingException: 'throttled',
  Throttling: 'throttled',
  TooManyRequestsException: 'throttled',
  RequestLimitExceeded: 'throttled',
  AccessDeniedException: 'forbidden',
  AccessDenied: 'forbidden',
  ResourceNotFoundException: 'not_found',
  ValidationException: 'validation',
  InvalidRequestException: 'validation',
  SerializationException: 'validation',
  UnknownOperationException: 'validation',
  ConflictException: 'conflict',
  ResourceInUseException: 'conflict',
  ServiceQuotaExceededException: 'quota_exceeded',
  InternalServerException: 'internal',
  InternalFailure: 'internal',
  InternalServerError: 'internal',
  ServiceUnavailableException: 'service_unavailable',
  ServiceUnavailable: 'service_unavailable',
  // Credentials that could not be loaded, or that AWS did not accept.
  CredentialsProviderError: 'unauthorized',
  UnrecognizedClientException: 'unauthorized',
  InvalidSignatureException: 'unauthorized',
  IncompleteSignatureException: 'unauthorized',
  SignatureDoesNotMatch: 'unauthorized',
  ExpiredTokenException: 'unauthorized',
  ExpiredToken: 'unauthorized',
  InvalidClientTokenId: 'unauthorized',
  MissingAuthenticationTokenException: 'unauthorized',
  MissingAuthenticationToken: 'unauthorized',
  TokenRefreshRequired: 'unauthorized',
});

/** Socket-level failures: the request may never have reached Kendra. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

/** What our own messages say for each code; the provider's text stays in `cause`. */
const DESCRIPTIONS: Partial<Record<DocumentIndexErrorCode, string>> = {
  throttled: 'Amazon Kendra throttled the request',
  forbidden: 'Amazon Kendra denied access to the index',
  not_found: 'Amazon Kendra could not find the index',
  validation: 'Amazon Kendra rejected the request as invalid',
  conflict: 'Amazon Kendra reported a conflict',
  quota_exceeded: 'Amazon Kendra reported that a service quota is exceeded',
  internal: 'Amazon Kendra had an internal error',
  service_unavailable: 'Amazon Kendra is unavailable',
  unauthorized: 'AWS did not accept the credentials for Amazon Kendra',
  network: 'Amazon Kendra could not be reached',
  invalid_response: 'Amazon Kendra sent a response that could not be read',
};

interface AwsErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  $response?: { headers?: Record<string, string | undefined> };
  $responseBodyText?: unknown;
}

/**
 * Turns whatever a Kendra SDK call threw into our error. Never throws, and never
 * copies the SDK's message (an `InvalidSignatureException` message quotes the
 * string that was signed); the original error is kept as the non-enumerable `cause`.
 */
export function classifyKendraError(error: unknown): DocumentIndexError {
  if (isDocumentIndexError(error)) return error;
  const e: AwsErrorLike = typeof error === 'object' && error !== null ? (error as AwsErrorLike) : {};
  const name = typeof e.name === 'string' ? e.name : undefined;
  const httpStatus = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined;
  const fromService = name !== undefined && (name in CODE_BY_NAME || (httpStatus !== undefined && httpStatus >= 400));

  if (name === 'CredentialsProviderError') {
    return new DocumentIndexError('unauthorized', 'No AWS credentials could be loaded for Amazon Kendra', {
      provider: 'kendra',
      providerCode: name,
      cause: error,
    });
  }
  if (!fromService && typeof e.message === 'string' && /region is missing/i.test(e.message)) {
    return new DocumentIndexError(
      'validation',
      'Invalid region: no AWS region is configured (pass `region` or set AWS_REGION)',
      { provider: 'kendra', field: 'region', retryable: false, cause: error },
    );
  }

  const code = codeFor(e, name, httpStatus);
  const headers = e.$response?.headers;
  const retryAfterMs = headers ? parseRetryAfter((header) => headerValue(headers, header)) : undefined;
  const detail = [fromService ? name : undefined, httpStatus !== undefined ? `HTTP ${httpStatus}` : undefined]
    .filter((part) => part !== undefined)
    .join(', ');
  const description = DESCRIPTIONS[code] ?? 'The Amazon Kendra request failed';
  return new DocumentIndexError(code, detail ? `${description} (${detail})` : description, {
    provider: 'kendra',
    httpStatus,
    providerCode: fromService ? name : undefined,
    requestId,
    retryAfterMs,
    // An error we cannot place is not worth repeating.
    retryable: code === 'internal' && !fromService ? false : undefined,
    cause: error,
  });
}

function codeFor(e: AwsErrorLike, name: string | undefined, httpStatus: number | undefined): DocumentIndexErrorCode {
  const named = name === undefined ? undefined : CODE_BY_NAME[name];
  if (named) return named;
  if (name === 'SyntaxError' || e.$responseBodyText !== undefined) return 'invalid_response';
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return 'network';
  if (name === 'TimeoutError' || name === 'RequestTimeout') return 'network';
  if (typeof e.message === 'string' && /socket hang up|network|fetch failed/i.test(e.message)) return 'network';
  if (httpStatus !== undefined) return codeForStatus(httpStatus);
  return 'internal';
}

/** Only for exception names we do not know: the HTTP status is the best hint left. */
function codeForStatus(status: number): DocumentIndexErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'throttled';
  if (status === 402) return 'quota_exceeded';
  if (status === 502 || status === 503 || status === 504) return 'service_unavailable';
  if (status >= 500) return 'internal';
  if (status >= 400) return 'validation';
  // A 2xx/3xx that still failed: the body did not fit the operation's shape.
  return 'invalid_response';
}

function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
