import type { ProviderErrorKind, ProviderErrorOptions } from '../types';

/**
 * Amazon Kendra's AWS JSON 1.1 wire format as the simulator speaks it: the target
 * prefix, the content type, and errors in the shape the service sends them
 * (`__type` in the body, `x-amzn-errortype` and `x-amzn-requestid` headers).
 */

/** `X-Amz-Target` is `AWSKendraFrontendService.<Operation>`. */
export const KENDRA_TARGET_PREFIX = 'AWSKendraFrontendService.';

/** The content type of every Kendra request and response body. */
export const KENDRA_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The operations the simulator implements; any other target answers `UnknownOperationException`. */
export const KENDRA_OPERATIONS = ['BatchGetDocumentStatus', 'BatchDeleteDocument', 'BatchPutDocument'] as const;
/** A Kendra operation name, as `operationOf`, fault rules and the request log use it. */
export type KendraOperation = (typeof KENDRA_OPERATIONS)[number];

/** How each simulated error kind appears on the wire. Kendra answers throttling, access denied and not found with HTTP 400. */
const ERROR_SHAPES: Record<ProviderErrorKind, { type: string; status: number; message: string; namespace?: string }> = {
  throttled: { type: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  unauthorized: {
    type: 'UnrecognizedClientException',
    status: 400,
    message: 'The security token included in the request is invalid.',
    // AWS's front door, not Kendra itself, rejects unknown keys.
    namespace: 'com.amazon.coral.service',
  },
  forbidden: {
    type: 'AccessDeniedException',
    status: 400,
    message: 'You do not have sufficient access to perform this action.',
  },
  not_found: { type: 'ResourceNotFoundException', status: 400, message: 'The index does not exist.' },
  validation: { type: 'ValidationException', status: 400, message: 'The request is not valid.' },
  quota_exceeded: {
    type: 'ServiceQuotaExceededException',
    status: 402,
    message: 'You have exceeded the set limits for your Amazon Kendra service.',
  },
  server_error: {
    type: 'InternalServerException',
    status: 500,
    message: 'An issue occurred with the internal server used for your Amazon Kendra service.',
  },
  service_unavailable: { type: 'ServiceUnavailableException', status: 503, message: 'Service unavailable.' },
};

/** A fresh request id, sent as `x-amzn-requestid` on every answer. */
export function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}

/** A successful AWS JSON 1.1 answer. */
export function kendraJson(body: unknown, requestId: string): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': KENDRA_CONTENT_TYPE, 'x-amzn-requestid': requestId },
  });
}

/** An AWS JSON 1.1 error answer for an exception name (`ValidationException`, ...). */
export function kendraError(
  type: string,
  status: number,
  message: string,
  requestId: string,
  extra: { retryAfterSeconds?: number | undefined; namespace?: string | undefined } = {},
): Response {
  const headers = new Headers({
    'content-type': KENDRA_CONTENT_TYPE,
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/${extra.namespace ?? 'com.amazonaws.kendra'}/`,
  });
  if (extra.retryAfterSeconds !== undefined) headers.set('retry-after', String(extra.retryAfterSeconds));
  return new Response(JSON.stringify({ __type: type, message }), { status, headers });
}

/** Renders one of the framework's error kinds as Kendra would send it. */
export function kendraErrorForKind(
  kind: ProviderErrorKind,
  requestId: string,
  options: ProviderErrorOptions = {},
): Response {
  const shape = ERROR_SHAPES[kind];
  return kendraError(shape.type, options.status ?? shape.status, options.message ?? shape.message, requestId, {
    retryAfterSeconds: options.retryAfterSeconds,
    namespace: shape.namespace,
  });
}

/** The AWS exception name each error kind renders as (for tests that assert on names). */
export function kendraExceptionName(kind: ProviderErrorKind): string {
  return ERROR_SHAPES[kind].type;
}
