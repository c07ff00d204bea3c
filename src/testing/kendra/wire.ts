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

/**
 * Which HTTP statuses Kendra's exceptions are sent with. `'model'` (the default):
 * the Smithy model's `httpError` of each exception (ThrottlingException 429,
 * AccessDeniedException 403, ResourceNotFoundException 404, ConflictException
 * 409). `'reference'`: HTTP 400 for those four, as the Kendra API reference
 * describes them. Clients must classify by the exception name under either.
 */
export type KendraErrorStatuses = 'model' | 'reference';

/** The exceptions the simulator sends and their statuses under each reading. */
const EXCEPTION_STATUSES: Readonly<Record<string, Readonly<Record<KendraErrorStatuses, number>>>> = {
  ThrottlingException: { model: 429, reference: 400 },
  AccessDeniedException: { model: 403, reference: 400 },
  ResourceNotFoundException: { model: 404, reference: 400 },
  ConflictException: { model: 409, reference: 400 },
  ValidationException: { model: 400, reference: 400 },
  ServiceQuotaExceededException: { model: 402, reference: 402 },
  InternalServerException: { model: 500, reference: 500 },
};

/** The HTTP status of a Kendra exception under a reading (400 for names neither reading lists). */
export function kendraExceptionStatus(type: string, statuses: KendraErrorStatuses): number {
  return EXCEPTION_STATUSES[type]?.[statuses] ?? 400;
}

/**
 * How each simulated error kind appears on the wire. `unauthorized` and
 * `service_unavailable` are not Kendra's exceptions (the model defines neither):
 * AWS's front door answers them, with the statuses given here.
 */
const ERROR_SHAPES: Record<ProviderErrorKind, { type: string; status?: number; message: string; namespace?: string }> =
  {
    throttled: { type: 'ThrottlingException', message: 'Rate exceeded' },
    unauthorized: {
      type: 'UnrecognizedClientException',
      status: 400,
      message: 'The security token included in the request is invalid.',
      namespace: 'com.amazon.coral.service',
    },
    forbidden: { type: 'AccessDeniedException', message: 'You do not have sufficient access to perform this action.' },
    not_found: { type: 'ResourceNotFoundException', message: 'The index does not exist.' },
    validation: { type: 'ValidationException', message: 'The request is not valid.' },
    quota_exceeded: {
      type: 'ServiceQuotaExceededException',
      message: 'You have exceeded the set limits for your Amazon Kendra service.',
    },
    server_error: {
      type: 'InternalServerException',
      message: 'An issue occurred with the internal server used for your Amazon Kendra service.',
    },
    service_unavailable: {
      type: 'ServiceUnavailableException',
      status: 503,
      message: 'Service unavailable.',
      namespace: 'com.amazon.coral.service',
    },
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

/**
 * An AWS JSON 1.1 error answer for an exception name (`ValidationException`,
 * ...). The body carries `__type` and the exception's one member, `Message`
 * (capital M, as the model names it); the SDK reads `message` or `Message`.
 */
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
  return new Response(JSON.stringify({ __type: type, Message: message }), { status, headers });
}

/** Renders one of the framework's error kinds as Kendra would send it. */
export function kendraErrorForKind(
  kind: ProviderErrorKind,
  requestId: string,
  options: ProviderErrorOptions = {},
  statuses: KendraErrorStatuses = 'model',
): Response {
  const shape = ERROR_SHAPES[kind];
  const status = options.status ?? shape.status ?? kendraExceptionStatus(shape.type, statuses);
  return kendraError(shape.type, status, options.message ?? shape.message, requestId, {
    retryAfterSeconds: options.retryAfterSeconds,
    namespace: shape.namespace,
  });
}

/** The AWS exception name each error kind renders as (for tests that assert on names). */
export function kendraExceptionName(kind: ProviderErrorKind): string {
  return ERROR_SHAPES[kind].type;
}
