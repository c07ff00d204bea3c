import type { ProviderErrorKind, ProviderErrorOptions } from '../types';

/** Azure's error body: `{ error: { code, message, target, innerError } }`. */
export interface AzureErrorBody {
  error: {
    code: string;
    message: string;
    target: string;
    innerError: { code: string; message: string };
  };
}

interface ErrorShape {
  status: number;
  code: string;
  message: string;
  target: string;
  innerCode: string;
}

/** How each injectable kind looks on Azure's wire. */
const KINDS: Readonly<Record<ProviderErrorKind, ErrorShape>> = {
  throttled: {
    status: 429,
    code: 'RequestRateTooHigh',
    message: 'The user has sent too many requests in a given amount of time.',
    target: 'Operation',
    innerCode: 'RequestRateTooHigh',
  },
  unauthorized: {
    status: 401,
    code: 'Unauthorized',
    message: 'The request is not authorized because credentials are missing or invalid.',
    target: 'Operation',
    innerCode: 'InvalidCredentials',
  },
  forbidden: {
    status: 403,
    code: 'Forbidden',
    message: 'The credentials do not allow this operation.',
    target: 'Operation',
    innerCode: 'Forbidden',
  },
  // An injected not_found stands for "the translation does not exist", the 404
  // that dooms a whole call; an unknown document is rendered by `documentNotFound`.
  not_found: {
    status: 404,
    code: 'ResourceNotFound',
    message: 'The requested translation was not found.',
    target: 'Operation',
    innerCode: 'TranslationNotFound',
  },
  validation: {
    status: 400,
    code: 'InvalidRequest',
    message: 'The request is invalid.',
    target: 'Operation',
    innerCode: 'InvalidArgument',
  },
  quota_exceeded: {
    status: 403,
    code: 'QuotaExceeded',
    message: 'The resource has exceeded its quota.',
    target: 'Operation',
    innerCode: 'QuotaExceeded',
  },
  server_error: {
    status: 500,
    code: 'InternalServerError',
    message: 'Internal Server Error',
    target: 'Operation',
    innerCode: 'InternalServerError',
  },
  service_unavailable: {
    status: 503,
    code: 'ServiceUnavailable',
    message: 'The service is temporarily unavailable.',
    target: 'Operation',
    innerCode: 'ServiceUnavailable',
  },
};

/** A JSON error response in Azure's shape, with the request id headers every Azure answer carries. */
export function azureErrorResponse(
  status: number,
  body: AzureErrorBody,
  headers: Record<string, string> = {},
): Response {
  return Response.json(body, { status, headers: { ...requestIdHeaders(), ...headers } });
}

/** Renders an injected fault kind. */
export function azureFaultResponse(kind: ProviderErrorKind, options: ProviderErrorOptions = {}): Response {
  const shape = KINDS[kind];
  const headers: Record<string, string> = {};
  if (options.retryAfterSeconds !== undefined) headers['retry-after'] = String(options.retryAfterSeconds);
  return azureErrorResponse(
    options.status ?? shape.status,
    errorBody(shape.code, options.message ?? shape.message, shape.target, shape.innerCode),
    headers,
  );
}

export function errorBody(code: string, message: string, target: string, innerCode: string): AzureErrorBody {
  return { error: { code, message, target, innerError: { code: innerCode, message } } };
}

/** 404 for a translation id the simulator does not hold. */
export function translationNotFound(): Response {
  return azureFaultResponse('not_found');
}

/** 404 for a document id the translation does not hold (the target names the document). */
export function documentNotFound(): Response {
  const message = 'The requested document was not found.';
  return azureErrorResponse(404, errorBody('ResourceNotFound', message, 'Document', 'DocumentNotFound'));
}

/** 400 for a bad query or path value. */
export function invalidArgument(message: string, target: string): Response {
  return azureErrorResponse(400, errorBody('InvalidRequest', message, target, 'InvalidArgument'));
}

/** 401 for a missing or wrong credential. */
export function unauthorized(): Response {
  return azureFaultResponse('unauthorized');
}

/** `x-requestid` (Document Translation) and `apim-request-id` (the API gateway), as Azure sends both. */
export function requestIdHeaders(): Record<string, string> {
  const id = globalThis.crypto.randomUUID();
  return { 'x-requestid': id, 'apim-request-id': id };
}
