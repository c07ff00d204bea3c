import type { DocumentIndexErrorCode } from '../../spec/errors';

/**
 * Our code for an HTTP status, the one table every adapter uses where the
 * provider's own error code does not decide. A 5xx is a server-side failure
 * whatever its body (an HTML page from a load balancer, an empty or truncated
 * body): retried as `service_unavailable` (502, 503, 504) or `internal`. 408 is
 * the server giving up on one request: retried as `timeout`. Any other 4xx means
 * the request itself was refused.
 */
export function codeForHttpStatus(status: number): DocumentIndexErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 402:
      return 'quota_exceeded';
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'not_found';
    case 408:
      return 'timeout';
    case 409:
    case 412:
      return 'conflict';
    case 429:
      return 'throttled';
    case 502:
    case 503:
    case 504:
      return 'service_unavailable';
    default:
      if (status >= 500) return 'internal';
      if (status >= 400) return 'validation';
      // 1xx/2xx/3xx that still failed: the answer was not what the operation returns.
      return 'invalid_response';
  }
}

/** True for a status whose failure is the server's, whatever the body says. */
export function isServerFailure(status: number | undefined): status is number {
  return status !== undefined && status >= 500 && status <= 599;
}

/**
 * True for a status that means the same whatever the body: a 5xx, and 401, 403,
 * 408 and 429, which a gateway or proxy in front of the service sends as a page of
 * its own (no provider error body) and which must still be retried (408, 429) or
 * stop the call (401, 403) as the provider's own would.
 */
export function isBodyIndependentStatus(status: number | undefined): status is number {
  return status === 401 || status === 403 || status === 408 || status === 429 || isServerFailure(status);
}
