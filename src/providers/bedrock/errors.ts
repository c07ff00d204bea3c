import { DocumentIndexError, type DocumentIndexErrorCode } from '../../core/errors';
import { parseRetryAfter } from '../../core/retry-after';

/** Bedrock agent exceptions (and the AWS-wide ones it may send) by name. */
const CODE_BY_EXCEPTION: Readonly<Record<string, DocumentIndexErrorCode>> = {
  ValidationException: 'validation',
  SerializationException: 'validation',
  AccessDeniedException: 'forbidden',
  ResourceNotFoundException: 'not_found',
  ConflictException: 'conflict',
  ServiceQuotaExceededException: 'quota_exceeded',
  ThrottlingException: 'throttled',
  TooManyRequestsException: 'throttled',
  InternalServerException: 'internal',
  InternalFailure: 'internal',
  ServiceUnavailableException: 'service_unavailable',
  ServiceUnavailable: 'service_unavailable',
  // Credentials the service does not accept, or none at all.
  UnrecognizedClientException: 'unauthorized',
  InvalidSignatureException: 'unauthorized',
  IncompleteSignatureException: 'unauthorized',
  MissingAuthenticationTokenException: 'unauthorized',
  InvalidClientTokenId: 'unauthorized',
  ExpiredTokenException: 'unauthorized',
  ExpiredToken: 'unauthorized',
  CredentialsProviderError: 'unauthorized',
  // The SDK's own timeouts and the transport's failures.
  TimeoutError: 'network',
  RequestTimeout: 'network',
};

/** Node and undici error codes of a connection that failed or dropped. */
const NETWORK_CODES = new Set([
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
  'UND_ERR_CLOSED',
]);

/** What the SDK attaches to a service exception (and to a response it could not parse). */
interface AwsErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
  fieldList?: unknown;
}

/**
 * Maps whatever a Bedrock agent call threw to our error: service exceptions by
 * name, with the HTTP status, request id and Retry-After; credential errors as
 * `unauthorized`; transport failures as `network`; unreadable answers as
 * `invalid_response`. Messages are ours: only the ValidationException's own text
 * and field list (what was wrong with the input) are quoted, never headers or
 * request details.
 */
export function classifyBedrockError(error: unknown): DocumentIndexError {
  const shape: AwsErrorShape = typeof error === 'object' && error !== null ? (error as AwsErrorShape) : {};
  const name = typeof shape.name === 'string' ? shape.name : '';
  const httpStatus = shape.$metadata?.httpStatusCode ?? shape.$response?.statusCode;
  const requestId = shape.$metadata?.requestId || undefined;
  const headers = shape.$response?.headers ?? {};
  const retryAfterMs = parseRetryAfter((header) => headerValue(headers, header));
  const common = { provider: 'bedrock' as const, httpStatus, requestId, retryAfterMs, cause: error };

  if (name === 'AbortError') {
    return new DocumentIndexError('aborted', 'The Bedrock request was aborted', { ...common, retryable: false });
  }
  if (typeof shape.message === 'string' && /region is missing/i.test(shape.message)) {
    return new DocumentIndexError('validation', 'Invalid region: no AWS region is configured', {
      ...common,
      field: 'region',
    });
  }

  const isServiceAnswer = shape.$fault === 'client' || shape.$fault === 'server';
  const known = CODE_BY_EXCEPTION[name];
  if (known) {
    return new DocumentIndexError(known, messageFor(known, name, httpStatus, shape), {
      ...common,
      providerCode: isServiceAnswer ? name : undefined,
    });
  }
  if (isServiceAnswer) {
    const code = codeForStatus(httpStatus);
    return new DocumentIndexError(code, messageFor(code, name, httpStatus, shape), {
      ...common,
      providerCode: name || undefined,
    });
  }
  // An answer the SDK could not parse (malformed or truncated JSON): it has the
  // response attached but no service fault.
  if (shape.$response !== undefined || name === 'SyntaxError') {
    return new DocumentIndexError('invalid_response', 'Bedrock sent an answer that could not be read', common);
  }
  if ((typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) || isSocketFailure(shape.message)) {
    return new DocumentIndexError('network', 'The connection to Bedrock failed', common);
  }
  return new DocumentIndexError('internal', 'The Bedrock request failed unexpectedly', {
    ...common,
    retryable: false,
  });
}

function messageFor(code: DocumentIndexErrorCode, name: string, httpStatus: number | undefined, shape: AwsErrorShape) {
  const where = `Bedrock answered ${name || 'an error'}${httpStatus ? ` (HTTP ${httpStatus})` : ''}`;
  switch (code) {
    case 'validation':
      return `${where}: ${validationDetails(shape)}`;
    case 'unauthorized':
      return shape.$fault ? `${where}: the credentials were not accepted` : 'No usable AWS credentials were found';
    case 'forbidden':
      return `${where}: access to the knowledge base or data source is denied`;
    case 'not_found':
      return `${where}: the knowledge base or data source does not exist`;
    case 'throttled':
      return `${where}: too many requests`;
    case 'quota_exceeded':
      return `${where}: a service quota is exceeded`;
    case 'conflict':
      return `${where}: the request conflicts with the resource's current state`;
    case 'network':
      return 'The request to Bedrock timed out or the connection failed';
    default:
      return `${where}`;
  }
}

/** The ValidationException's message and `fieldList` (each field's name and problem). */
function validationDetails(shape: AwsErrorShape): string {
  const fields = Array.isArray(shape.fieldList)
    ? shape.fieldList
        .filter((field): field is { name?: unknown; message?: unknown } => typeof field === 'object' && field !== null)
        .map((field) => `${String(field.name ?? '?')}: ${String(field.message ?? 'invalid')}`)
    : [];
  const message = typeof shape.message === 'string' ? shape.message : 'input validation failed';
  return clip(fields.length > 0 ? `${message} [fields: ${fields.join('; ')}]` : message, 1000);
}

function codeForStatus(status: number | undefined): DocumentIndexErrorCode {
  if (status === undefined) return 'internal';
  if (status === 401) return 'unauthorized';
  if (status === 402) return 'quota_exceeded';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'throttled';
  if (status === 503) return 'service_unavailable';
  if (status >= 500) return 'internal';
  return 'validation';
}

function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function isSocketFailure(message: unknown): boolean {
  return typeof message === 'string' && /socket hang up|other side closed|ECONNRESET/i.test(message);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
