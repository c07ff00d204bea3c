/**
 * Whether an error is some library's answer to an aborted signal (the AWS SDK's
 * and fetch's `AbortError`, a `DOMException`, core-rest-pipeline's). The core
 * rethrows its own aborts before an adapter's classifier sees them, so one that
 * reaches a classifier came from a signal of the caller's own client: not retried.
 */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
