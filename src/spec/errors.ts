import type { StatusBatch, WaitProgress } from './client';
import type { ProviderName } from './status';

/** Why a call failed, in one vocabulary for every provider. */
export type DocumentIndexErrorCode =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'throttled'
  | 'quota_exceeded'
  | 'service_unavailable'
  | 'internal'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid_response'
  | 'unsupported';

/** Every code, for exhaustive tests and documentation. */
export const DOCUMENT_INDEX_ERROR_CODES: readonly DocumentIndexErrorCode[] = /* @__PURE__ */ Object.freeze([
  'validation',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'throttled',
  'quota_exceeded',
  'service_unavailable',
  'internal',
  'network',
  'timeout',
  'aborted',
  'invalid_response',
  'unsupported',
] as const);

/** Codes that are worth another attempt of the same request. */
const RETRYABLE_BY_DEFAULT: ReadonlySet<DocumentIndexErrorCode> = new Set<DocumentIndexErrorCode>([
  'throttled',
  'service_unavailable',
  'internal',
  'network',
  'timeout',
]);

/** True when a request that failed with `code` may succeed if sent again. */
export function isRetryableCode(code: DocumentIndexErrorCode): boolean {
  return RETRYABLE_BY_DEFAULT.has(code);
}

/** The details a {@link DocumentIndexError} carries besides its code and message. */
export interface DocumentIndexErrorOptions {
  provider?: ProviderName | undefined;
  /** Defaults to whether `code` is one of the transient codes. */
  retryable?: boolean | undefined;
  httpStatus?: number | undefined;
  providerCode?: string | undefined;
  requestId?: string | undefined;
  /** How long the provider asked us to wait before trying again (Retry-After). */
  retryAfterMs?: number | undefined;
  /** For `validation` errors: the option or input that was wrong, e.g. `indexId`. */
  field?: string | undefined;
  cause?: unknown;
}

/** The marker that identifies our errors across duplicate installs of the package. */
const MARKER = Symbol.for('docindex.DocumentIndexError');

/**
 * Node's `util.inspect.custom`, reached through the global symbol registry so the
 * core does not import `node:util` (it also runs outside Node).
 */
const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * The one error type this package rejects with. Its `message` is written by us
 * (never a raw provider body), so it carries no credentials; `toJSON()` leaves out
 * `cause`, which belongs to another library and may hold request details.
 */
export class DocumentIndexError extends Error {
  override readonly name = 'DocumentIndexError';
  /** What went wrong, in the one vocabulary of every provider. */
  readonly code: DocumentIndexErrorCode;
  /** The adapter that failed (`'kendra'`, `'bedrock'`, `'azure'`, `'naver'`, or your own adapter's name). */
  readonly provider?: ProviderName;
  /** Whether sending the same request again may succeed; the client's retries already did, up to `maxAttempts`. */
  readonly retryable: boolean;
  /** The HTTP status of the provider's answer, when one came. */
  readonly httpStatus?: number;
  /** The provider's own error code or exception name (e.g. `ThrottlingException`, `40400`), when it sent one. */
  readonly providerCode?: string;
  /** The provider's request id of the failed request, for its support. */
  readonly requestId?: string;
  /** How long the provider asked us to wait before trying again (Retry-After). */
  readonly retryAfterMs?: number;
  /** For `validation` errors: the option or input that was wrong, e.g. `indexId`, `refs[3]`. */
  readonly field?: string;
  /**
   * What a call had settled when it rejected. `waitFor`: where the wait stood (a
   * `WaitProgress`: poll count, counts, each document's latest status or error), on a
   * timeout or an error that ended it. `putDocuments`: the documents already
   * accepted or refused. `getStatuses` and `deleteDocuments` of several requests:
   * what the requests that had completed answered (deletes already applied), when an
   * error dooms the call or it times out or is aborted.
   */
  lastResult?: StatusBatch | WaitProgress;

  constructor(code: DocumentIndexErrorCode, message: string, options: DocumentIndexErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // Non-enumerable, so it stays out of JSON and inspection output.
    Object.defineProperty(this, MARKER, { value: true, enumerable: false });
    this.code = code;
    this.retryable = options.retryable ?? isRetryableCode(code);
    if (options.provider !== undefined) this.provider = options.provider;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.field !== undefined) this.field = options.field;
    // `cause` is kept for debugging but not enumerable, so util.inspect and
    // structured loggers do not walk into another library's request objects.
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false, writable: true });
    }
  }

  /** Recognises a DocumentIndexError from any copy of this package. */
  static isInstance(value: unknown): value is DocumentIndexError {
    return isDocumentIndexError(value);
  }

  /** A plain object for logs: no `cause`, no stack, nothing secret. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    if (this.provider !== undefined) json.provider = this.provider;
    json.retryable = this.retryable;
    if (this.httpStatus !== undefined) json.httpStatus = this.httpStatus;
    if (this.providerCode !== undefined) json.providerCode = this.providerCode;
    if (this.requestId !== undefined) json.requestId = this.requestId;
    if (this.retryAfterMs !== undefined) json.retryAfterMs = this.retryAfterMs;
    if (this.field !== undefined) json.field = this.field;
    return json;
  }

  /**
   * What `util.inspect` and `console.log` print: the stack and the `toJSON()` fields.
   * Without this Node prints a non-enumerable `cause` in full (`[cause]: ...`), and a
   * cause from an SDK or HTTP client may hold request headers with credentials.
   * `error.cause` itself stays readable for debugging.
   */
  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, options?: unknown) => string): string {
    const { name: _name, message: _message, ...details } = this.toJSON();
    const head = this.stack ?? `${this.name}: ${this.message}`;
    return `${head} ${inspect ? inspect(details, options) : JSON.stringify(details)}`;
  }
}

/**
 * True for a DocumentIndexError, including one created by another installed copy
 * of docindex (where `instanceof` would say false).
 */
export function isDocumentIndexError(value: unknown): value is DocumentIndexError {
  return (
    value instanceof DocumentIndexError ||
    (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true)
  );
}

/**
 * Names the provider on an error that does not say (adapters may leave it out:
 * the core knows which adapter an error came from and fills it in here).
 */
export function withProvider(error: DocumentIndexError, provider: ProviderName | undefined): DocumentIndexError {
  if (error.provider === undefined && provider !== undefined) {
    (error as { provider?: ProviderName }).provider = provider;
  }
  return error;
}

/** A `validation` error naming the field that was wrong. Nothing has been sent. */
export function validationError(field: string, problem: string, provider?: ProviderName): DocumentIndexError {
  return new DocumentIndexError('validation', `Invalid ${field}: ${problem}`, {
    field,
    provider,
    retryable: false,
  });
}

/** The rejection for an operation the provider has no API for. Nothing has been sent. */
export function unsupportedError(provider: ProviderName, operation: string, hint?: string): DocumentIndexError {
  return new DocumentIndexError(
    'unsupported',
    `${operation} is not supported by ${provider}${hint ? `: ${hint}` : ''}`,
    { provider, retryable: false },
  );
}
