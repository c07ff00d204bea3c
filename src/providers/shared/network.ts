/**
 * Node and undici error codes of a connection that failed or dropped, one list
 * for every adapter: the request may never have arrived, so it is worth another
 * attempt (`network`).
 */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  // @azure/core-rest-pipeline's own code for a request that could not be sent.
  'REQUEST_SEND_ERROR',
]);

/** Whether an error carries a network error code (the SDKs and core-rest-pipeline put it on the error itself). */
export function hasNetworkErrorCode(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NETWORK_ERROR_CODES.has(code);
}

/** Messages of a dropped connection where no code was kept (fetch's `TypeError: fetch failed`, the SDK's socket errors). */
export function isSocketFailureMessage(message: unknown): boolean {
  return (
    typeof message === 'string' && /socket hang up|other side closed|ECONNRESET|network|fetch failed/i.test(message)
  );
}

/**
 * Node's TLS failures (OpenSSL's certificate verdicts, `ERR_TLS_*`, `ERR_SSL_*`, and `EPROTO`: for one, https to a
 * plain-http port). A connection failure like the others, but retrying cannot fix it: the certificate, the proxy
 * or the endpoint's scheme has to change.
 */
const TLS_ERROR_CODE = /^(?:EPROTO$|ERR_(?:TLS|SSL|OSSL)_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/;

/** The Node error code of an error or of its innermost cause that has one (fetch puts the socket's error in `cause`). */
export function nodeErrorCode(error: unknown): string | undefined {
  let found: string | undefined;
  let current = error as { code?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    if (typeof current.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(current.code)) found = current.code;
    current = current.cause as typeof current;
  }
  return found;
}

/** The code of a dropped or unreachable connection on the error or in its cause chain ({@link NETWORK_ERROR_CODES}). */
export function networkErrorCode(error: unknown): string | undefined {
  const code = nodeErrorCode(error);
  return code !== undefined && NETWORK_ERROR_CODES.has(code) ? code : undefined;
}

/** Whether a Node error code is a TLS failure ({@link TLS_ERROR_CODE}). */
export const isTlsErrorCode = (code: string | undefined): boolean => code !== undefined && TLS_ERROR_CODE.test(code);

/** What a connection failure's message adds: its code, and for a TLS failure what to check. */
export const connectionDetail = (code: string | undefined): string =>
  code === undefined ? '' : ` (${code}${isTlsErrorCode(code) ? ': TLS failed; check the scheme and certificate' : ''})`;
