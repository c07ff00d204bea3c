import { DocumentIndexError, type DocumentIndexErrorCode, isDocumentIndexError } from '../../spec/errors';
import { isAbortError } from '../shared/abort';
import { refusedHeaderDetail, refusedHeaderName } from '../shared/headers';
import { codeForHttpStatus, isBodyIndependentStatus } from '../shared/http-status';
import {
  connectionDetail,
  hasNetworkErrorCode,
  isSocketFailureMessage,
  isTlsErrorCode,
  networkErrorCode,
  nodeErrorCode,
} from '../shared/network';
import { parseRetryAfter } from '../shared/retry-after';

// Shared by the Kendra and Bedrock adapters. It reads the smithy error shape by
// duck typing and imports no AWS SDK package, so that `docindex/kendra` never
// bundles the Bedrock client and `docindex/bedrock` never bundles Kendra's.

/**
 * AWS-wide exception names (the error type AWS answers with, which the SDK turns
 * into `error.name`) to our codes. The name decides, not the HTTP status: for
 * Kendra, for one, the API reference gives HTTP 400 for throttling, access denied,
 * not found and conflict, where its Smithy model says 429, 403, 404 and 409.
 */
export const AWS_EXCEPTION_CODES: Readonly<Record<string, DocumentIndexErrorCode>> = Object.freeze({
  ThrottlingException: 'throttled',
  Throttling: 'throttled',
  TooManyRequestsException: 'throttled',
  RequestLimitExceeded: 'throttled',
  AccessDeniedException: 'forbidden',
  AccessDenied: 'forbidden',
  ResourceNotFoundException: 'not_found',
  ValidationException: 'validation',
  SerializationException: 'validation',
  UnknownOperationException: 'validation',
  ConflictException: 'conflict',
  ServiceQuotaExceededException: 'quota_exceeded',
  InternalServerException: 'internal',
  InternalFailure: 'internal',
  InternalServerError: 'internal',
  ServiceUnavailableException: 'service_unavailable',
  ServiceUnavailable: 'service_unavailable',
  // Credentials that AWS did not accept.
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
  // The Common Errors of every AWS API reference: a signature short of AWS's standard (403), and a request signed
  // more than 15 minutes from AWS's time (400; a clock the SDK then corrects is retried, see `retryable` below).
  IncompleteSignature: 'unauthorized',
  RequestExpired: 'unauthorized',
});

/** The SDK's own timeouts; S3-style services also answer `RequestTimeout`. Either way: try again. */
const TIMEOUT_NAMES: ReadonlySet<string> = new Set(['TimeoutError', 'RequestTimeout']);

/**
 * The codes a `TimeoutError` may carry and still be a timeout (`ETIMEDOUT`, undici's
 * `UND_ERR_*_TIMEOUT`). The SDK's HTTP handler renames a socket's `ECONNRESET` and
 * `EPIPE` to `TimeoutError` too: those are a dropped connection, not a timeout.
 */
const TIMEOUT_CODE = /TIME/;

/**
 * What the SDK names an error answer that carries no AWS error code: its protocols' fallback
 * (`@aws-sdk/core` protocols: `load...ErrorCode(...) ?? "Unknown"`) and smithy-client's default error handler's.
 */
const SDK_PLACEHOLDER_NAMES: ReadonlySet<string> = new Set(['Unknown', 'UnknownError']);

/** The credential provider chain found nothing to sign with (thrown by the SDK, never by AWS). */
const NO_CREDENTIALS = 'CredentialsProviderError';

/**
 * What the caller's credential provider function threw (./config.ts marks it), so
 * that it reads as a credentials failure (`unauthorized`) rather than an unexpected
 * `internal` error blaming the service: the SDK passes it on as thrown.
 */
export const CREDENTIAL_FAILURES = new WeakSet<object>();

/** How a classification was reached, so each adapter can word its message. */
export type AwsErrorSource =
  /** AWS answered with an exception name we know. */
  | 'exception'
  /** AWS answered with an exception we do not know: the HTTP status decided. */
  | 'status'
  /** The SDK found no credentials to sign the request with. */
  | 'credentials'
  /** No AWS region is configured. */
  | 'region'
  /** A timeout, the SDK's own (its code, when it has one, ends the message) or AWS's `RequestTimeout`. */
  | 'timeout'
  /** The connection failed or dropped (its code, e.g. `ECONNRESET`, ends the message). */
  | 'connection'
  /** An answer arrived that could not be read. */
  | 'unreadable'
  /**
   * An HTTP status that says all without an AWS exception in it (a load balancer's
   * or proxy's HTML page, an empty or cut-off body): a 5xx, 408 or 429 is retried
   * like the service's own, a 401 or 403 stops the call like the service's own.
   */
  | 'server'
  /** The SDK's answer to an aborted signal that is not the core's own (a caller's own client). */
  | 'aborted'
  /** Node would not send a header (a credential holding a character no header can carry): nothing was sent. */
  | 'header'
  /** Anything else: not worth repeating. */
  | 'unknown';

/** What the classification found, for the adapter's `describe`. */
export interface AwsErrorFacts {
  readonly code: DocumentIndexErrorCode;
  readonly source: AwsErrorSource;
  /** The exception name, set only when AWS itself answered with an error. */
  readonly providerCode: string | undefined;
  readonly httpStatus: number | undefined;
  /** The thrown value, for the details a provider chooses to quote (Bedrock's `fieldList`). */
  readonly error: unknown;
}

/** What one AWS adapter adds to the shared classification. */
export interface AwsErrorClassification {
  /** Exception names of this service only (e.g. Kendra's `ResourceInUseException`), on top of the AWS-wide ones. */
  readonly extraCodes?: Readonly<Record<string, DocumentIndexErrorCode>>;
  /**
   * Our message for the error. Never quote the SDK's message wholesale: an
   * `InvalidSignatureException` message quotes the string that was signed.
   */
  describe(facts: AwsErrorFacts): string;
}

/** What the SDK attaches to what it throws (and to a response it could not parse). */
interface AwsErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; clockSkewCorrected?: unknown };
  $response?: { statusCode?: unknown; headers?: unknown };
  $responseBodyText?: unknown;
}

/**
 * Turns whatever an AWS SDK call threw into our error: service exceptions by name
 * (then by HTTP status), with the request id and Retry-After; missing credentials
 * as `unauthorized`; a missing region as `validation` naming `region`; timeouts and
 * transport failures as `network`; an answer the SDK could not read (a gateway's
 * page) by its status when that says all (`isBodyIndependentStatus`: 5xx, 401, 403, 408, 429); other unreadable answers as `invalid_response`; the rest
 * as a non-retryable `internal`. Never throws; the original error is kept as
 * the non-enumerable `cause`, and only `describe` writes the message.
 */
export function classifyAwsError(error: unknown, classification: AwsErrorClassification): DocumentIndexError {
  if (isDocumentIndexError(error)) return error;
  const shape: AwsErrorShape = typeof error === 'object' && error !== null ? (error as AwsErrorShape) : {};
  const name = typeof shape.name === 'string' && shape.name !== '' ? shape.name : undefined;
  const httpStatus =
    numberOrUndefined(shape.$metadata?.httpStatusCode) ?? numberOrUndefined(shape.$response?.statusCode);
  const requestId = typeof shape.$metadata?.requestId === 'string' ? shape.$metadata.requestId || undefined : undefined;
  const headers = shape.$response?.headers;
  const retryAfterMs =
    typeof headers === 'object' && headers !== null
      ? parseRetryAfter((header) => headerValue(headers as Record<string, unknown>, header))
      : undefined;

  const named = name === undefined ? undefined : (classification.extraCodes?.[name] ?? AWS_EXCEPTION_CODES[name]);
  const unreadable = name === 'SyntaxError' || shape.$responseBodyText !== undefined;
  const dropped = hasNetworkErrorCode(error);
  const providerFailed = typeof error === 'object' && error !== null && CREDENTIAL_FAILURES.has(error);
  // The socket's code (`ECONNRESET`, `ECONNREFUSED`, `ETIMEDOUT`), on the error or its innermost cause.
  const socketCode = nodeErrorCode(error);
  // A failed TLS handshake (a self-signed certificate of a proxy, https to a plain-http port): no answer came.
  const tls = httpStatus === undefined && isTlsErrorCode(socketCode);
  // The SDK's timeouts, and AWS's `RequestTimeout`; not a reset the SDK named `TimeoutError`.
  const timedOut =
    name !== undefined && TIMEOUT_NAMES.has(name) && (socketCode === undefined || TIMEOUT_CODE.test(socketCode));
  // An exception AWS sent: a name we know, or any name with an error status. An
  // error status alone is not enough: a body that could not be parsed, or a
  // connection that dropped while it was read, carries the status too.
  const answered =
    named !== undefined ||
    (name !== undefined &&
      name !== NO_CREDENTIALS &&
      !unreadable &&
      !dropped &&
      !tls &&
      httpStatus !== undefined &&
      httpStatus >= 400);

  // The raw response's body is the socket's message, which holds the request as sent
  // (its signature and session token): read already, and dropped from the kept cause.
  const response = shape.$response as { body?: unknown } | undefined;
  if (typeof response === 'object' && response !== null && response.body !== undefined) {
    try {
      response.body = undefined;
    } catch {}
  }

  const header = refusedHeaderName(error);
  const [code, source] = decide();
  // An error answer without an AWS error code, which the SDK names `Unknown`: classified by its status, but no code.
  const placeholder = name !== undefined && SDK_PLACEHOLDER_NAMES.has(name);
  const providerCode = answered && !placeholder ? name : undefined;
  const facts: AwsErrorFacts = { code, source, providerCode, httpStatus, error };
  // No answer came: the socket's code ends the message, as the Azure and NAVER adapters put it.
  // (`network` comes of a timeout or a failed connection only.)
  // A 404 that is no AWS error comes of an endpoint with a path, or of something else listening there.
  const detail =
    code === 'network'
      ? connectionDetail(socketCode)
      : source === 'credentials'
        ? credentialsDetail(providerFailed)
        : header !== undefined
          ? refusedHeaderDetail(header)
          : placeholder && httpStatus === 404
            ? '; no AWS error came with it: is the endpoint right?'
            : '';
  return new DocumentIndexError(code, classification.describe(facts) + detail, {
    httpStatus,
    providerCode,
    requestId,
    retryAfterMs,
    field: source === 'region' ? 'region' : undefined,
    // A signature refused for a clock the SDK has just corrected from the answer's `Date` is worth sending again, as
    // the SDK's own retry strategy does (`isClockSkewCorrectedError`); an error we cannot place is not, nor a TLS
    // failure: the certificate or scheme must change.
    retryable: shape.$metadata?.clockSkewCorrected === true ? true : source === 'unknown' || tls ? false : undefined,
    cause: error,
  });

  function decide(): [DocumentIndexErrorCode, AwsErrorSource] {
    if (isAbortError(error)) return ['aborted', 'aborted'];
    if (name === NO_CREDENTIALS) return ['unauthorized', 'credentials'];
    // The caller's credential provider failed; one that could not reach its source (a reset on the error or in its
    // causes) is a network failure.
    if (providerFailed)
      return networkErrorCode(error) === undefined ? ['unauthorized', 'credentials'] : ['network', 'connection'];
    if (header !== undefined) return ['validation', 'header'];
    if (!answered && typeof shape.message === 'string' && /region is missing/i.test(shape.message)) {
      return ['validation', 'region'];
    }
    if (named !== undefined) return [named, 'exception'];
    if (timedOut) return ['network', 'timeout'];
    if (!answered && !dropped && isBodyIndependentStatus(httpStatus)) return [codeForHttpStatus(httpStatus), 'server'];
    if (unreadable) return ['invalid_response', 'unreadable'];
    if (dropped || tls) return ['network', 'connection'];
    if (answered) return [httpStatus === undefined ? 'internal' : codeForHttpStatus(httpStatus), 'status'];
    if (isSocketFailureMessage(shape.message)) return ['network', 'connection'];
    // An answer arrived (the SDK attached it) but did not fit the operation's shape.
    if (shape.$response !== undefined || httpStatus !== undefined) return ['invalid_response', 'unreadable'];
    return ['internal', 'unknown'];
  }
}

/**
 * What to do about credentials that could not be loaded: the caller's own `credentials` provider failed (its error,
 * which may quote a secret, is the cause and never the message), or the SDK's default chain found none.
 */
function credentialsDetail(providerFailed: boolean): string {
  if (providerFailed) return ': the `credentials` provider given failed (its error is the cause)';
  return ': pass `credentials`, or set up the AWS default chain (AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, SSO, an instance or task role)';
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === 'string' ? value : undefined;
}
