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
