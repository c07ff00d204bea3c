import type { DocumentIndexError } from '../../spec/errors';

/**
 * Error codes of a connection that was never made (refused, no such host, no
 * route): a request that failed with one of them never reached the server, so
 * sending it again cannot repeat its effect. A reset or a timeout after
 * connecting is not here: the server may have received, and acted on, it.
 */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Whether a failed request cannot have been acted on: the service throttled it
 * (refused it before doing anything), or the connection was never made. The
 * retry rule of requests that are not idempotent (`RequestInfo.canRetry`).
 */
export function cannotHaveTakenEffect(error: DocumentIndexError): boolean {
  if (error.code === 'throttled') return true;
  if (error.code !== 'network') return false;
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 8 && typeof cause === 'object' && cause !== null; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && NEVER_CONNECTED.has(code)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
