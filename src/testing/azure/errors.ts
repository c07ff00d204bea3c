import type { ProviderErrorKind, ProviderErrorOptions } from '../types';
import type { AzureApiGeneration } from './routes';

/**
 * Azure's error answers as Microsoft's material shows them. v1.1 has example
 * bodies for every error it documents (400, 401, 404, 429, 500, 503), each with
 * `target` naming the route: `"Document"` on the documents routes, `"Operation"`
 * on the translation route; the simulator sends those bodies verbatim. 2024-05-01
 * has no error examples, only the schema `Azure.Core.Foundations.ErrorResponse`
 * (`innererror` in lower case, with a code and no message) and the header
 * `x-ms-error-code`: the simulator sends the same codes and messages in that shape.
 */

/** v1.1's `TranslationErrorResponse`: `{ error: { code, message, target?, innerError: { code, message } } }`. */
export interface AzureV11ErrorBody {
  error: { code: string; message: string; target?: string; innerError: { code: string; message: string } };
}

/** 2024-05-01's `Azure.Core.Foundations.ErrorResponse`: `{ error: { code, message, target?, innererror: { code } } }`. */
export interface Azure20240501ErrorBody {
  error: { code: string; message: string; target?: string; innererror: { code: string } };
}

/** Either generation's error body. */
export type AzureErrorBody = AzureV11ErrorBody | Azure20240501ErrorBody;

/** One error as both generations render it. */
export interface AzureErrorShape {
  status: number;
  code: string;
  message: string;
  innerCode: string;
  innerMessage: string;
}

/**
 * How each injectable kind looks on Azure's wire: the v1.1 examples' codes and
 * messages (`documents.json`, `document.json`, `operation.json`). 403 (`forbidden`,
 * `quota_exceeded`) is in no spec or example: those two are this simulator's own.
 */
export const AZURE_ERROR_SHAPES: Readonly<Record<ProviderErrorKind, AzureErrorShape>> = {
  validation: {
    status: 400,
    code: 'InvalidRequest',
    message: 'Some argument is incorrect',
    innerCode: 'SASTokenInvalid',
    innerMessage: 'SAS token for storage is invalid',
  },
  unauthorized: {
    status: 401,
    code: 'Unauthorized',
    message: 'User is not authorized',
    innerCode: 'Unauthorized',
    innerMessage: 'Operation is not authorized',
  },
  not_found: {
    status: 404,
    code: 'ResourceNotFound',
    message: 'id not found',
    innerCode: 'ResourceNotFound',
    innerMessage: 'Resource requested is not found',
  },
  throttled: {
    status: 429,
    code: 'RequestRateTooHigh',
    message: "User's request rate is too high",
    innerCode: 'RateTooHigh',
    innerMessage: 'Request rate is too high',
  },
  server_error: {
    status: 500,
    code: 'InternalServerError',
    message: 'Internal Server Error',
    innerCode: 'InternalServerError',
    innerMessage: 'Unexpected internal server error has occurred',
  },
  service_unavailable: {
    status: 503,
    code: 'ServiceUnavailable',
    message: 'Service is temporary unavailable',
    innerCode: 'ServiceTemporaryUnavailable',
    innerMessage: 'Service is currently unavailable.  Please try again later',
  },
  forbidden: {
    status: 403,
    code: 'Forbidden',
    message: 'The credentials do not allow this operation.',
    innerCode: 'Forbidden',
    innerMessage: 'The credentials do not allow this operation.',
  },
  quota_exceeded: {
    status: 403,
    code: 'QuotaExceeded',
    message: 'The resource has exceeded its quota.',
    innerCode: 'QuotaExceeded',
    innerMessage: 'The resource has exceeded its quota.',
  },
};

/** Where an error happened, as the examples' `target` names it: the route. */
export type AzureErrorTarget = 'Document' | 'Operation';

/** The error body of one generation. */
export function errorBody(
  generation: AzureApiGeneration,
  shape: Pick<AzureErrorShape, 'code' | 'message' | 'innerCode' | 'innerMessage'>,
  target: AzureErrorTarget | undefined,
): AzureErrorBody {
  const where = target === undefined ? {} : { target };
  if (generation === '2024-05-01') {
    return { error: { code: shape.code, message: shape.message, ...where, innererror: { code: shape.innerCode } } };
  }
  return {
    error: {
      code: shape.code,
      message: shape.message,
      ...where,
      innerError: { code: shape.innerCode, message: shape.innerMessage },
    },
  };
}

/**
 * An error answer: the body of the request's generation, the request id headers,
 * and on 2024-05-01 `x-ms-error-code` as its spec declares for every error.
 */
export function azureErrorResponse(
  generation: AzureApiGeneration,
  shape: AzureErrorShape,
  target: AzureErrorTarget | undefined,
  headers: Record<string, string> = {},
): Response {
  const all: Record<string, string> = { ...requestIdHeaders(), ...headers };
  if (generation === '2024-05-01') all['x-ms-error-code'] = shape.code;
  return Response.json(errorBody(generation, shape, target), { status: shape.status, headers: all });
}

/** Renders an injected fault kind (a message or status given with the fault wins). */
export function azureFaultResponse(
  generation: AzureApiGeneration,
  kind: ProviderErrorKind,
  target: AzureErrorTarget | undefined,
  options: ProviderErrorOptions = {},
): Response {
  const base = AZURE_ERROR_SHAPES[kind];
  const shape = { ...base, status: options.status ?? base.status, message: options.message ?? base.message };
  const headers: Record<string, string> = {};
  if (options.retryAfterSeconds !== undefined) headers['retry-after'] = String(options.retryAfterSeconds);
  return azureErrorResponse(generation, shape, target, headers);
}

/**
 * The official 404: the same body whether the translation or (on the
 * one-document route) the document is unknown, as in the examples.
 */
export function notFound(generation: AzureApiGeneration, target: AzureErrorTarget): Response {
  return azureErrorResponse(generation, AZURE_ERROR_SHAPES.not_found, target);
}

/**
 * 400 for a query or path value the service refuses. No example shows one: the
 * outer code is the documented `InvalidRequest`, the inner `InvalidArgument`
 * (another documented code), the message says what was wrong.
 */
export function invalidArgument(
  generation: AzureApiGeneration,
  message: string,
  target: AzureErrorTarget | undefined,
): Response {
  return azureErrorResponse(
    generation,
    { status: 400, code: 'InvalidRequest', message, innerCode: 'InvalidArgument', innerMessage: message },
    target,
  );
}

/** The official 401. */
export function unauthorized(generation: AzureApiGeneration, target: AzureErrorTarget): Response {
  return azureErrorResponse(generation, AZURE_ERROR_SHAPES.unauthorized, target);
}

/**
 * `x-requestid` (Document Translation) and `apim-request-id` (the API gateway).
 * Neither spec declares a request id header; these are what the gateway is known
 * to send, kept because clients read them for support cases.
 */
export function requestIdHeaders(): Record<string, string> {
  const id = globalThis.crypto.randomUUID();
  return { 'x-requestid': id, 'apim-request-id': id };
}
