import type { ProviderErrorKind, ProviderErrorOptions } from '../types';
import type { FieldProblem } from './wire';

/**
 * Bedrock's answers in the AWS REST JSON shape: a JSON body, `x-amzn-requestid` on
 * every response, and for errors `{"message": ...}` with the exception's name in
 * `x-amzn-errortype` (the header the SDK's REST JSON protocol reads first).
 */

/** The exception name, HTTP status and message each injectable error kind is sent as. */
export const BEDROCK_ERRORS: Readonly<Record<ProviderErrorKind, { name: string; status: number; message: string }>> = {
  throttled: { name: 'ThrottlingException', status: 429, message: 'Rate exceeded' },
  quota_exceeded: {
    name: 'ServiceQuotaExceededException',
    status: 402,
    message: 'The number of requests exceeds the service quota. Resubmit your request later.',
  },
  forbidden: {
    name: 'AccessDeniedException',
    status: 403,
    message: 'User is not authorized to perform this action on the knowledge base',
  },
  // What AWS answers for an unknown access key: 403, not 401.
  unauthorized: {
    name: 'UnrecognizedClientException',
    status: 403,
    message: 'The security token included in the request is invalid.',
  },
  not_found: {
    name: 'ResourceNotFoundException',
    status: 404,
    message: 'The specified knowledge base or data source was not found.',
  },
  validation: { name: 'ValidationException', status: 400, message: 'Input validation failed.' },
  server_error: { name: 'InternalServerException', status: 500, message: 'Internal server error. Retry your request.' },
  service_unavailable: {
    name: 'ServiceUnavailableException',
    status: 503,
    message: 'The service is unavailable. Try again later.',
  },
};

/** A successful JSON answer. */
export function jsonResponse(body: unknown, status: number): Response {
  return Response.json(body, { status, headers: baseHeaders() });
}

/** An AWS REST JSON error answer. */
export function exceptionResponse(
  name: string,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  retryAfterSeconds?: number,
): Response {
  const headers = baseHeaders();
  headers.set('x-amzn-errortype', `${name}:http://internal.amazon.com/coral/com.amazonaws.bedrockagent/`);
  if (retryAfterSeconds !== undefined) headers.set('retry-after', String(retryAfterSeconds));
  return Response.json({ message, ...extra }, { status, headers });
}

/** An injected error of `kind`, as the service would send it. */
export function kindResponse(kind: ProviderErrorKind, options: ProviderErrorOptions = {}): Response {
  const error = BEDROCK_ERRORS[kind];
  const extra: Record<string, unknown> =
    kind === 'validation'
      ? { fieldList: [{ name: 'documentIdentifiers', message: 'injected validation failure' }] }
      : {};
  return exceptionResponse(
    error.name,
    options.status ?? error.status,
    options.message ?? error.message,
    extra,
    options.retryAfterSeconds,
  );
}

/** A ValidationException listing every field the service refused. */
export function validationResponse(problems: readonly FieldProblem[]): Response {
  const summary = problems.map((problem) => `${problem.name}: ${problem.message}`).join('; ');
  return exceptionResponse('ValidationException', 400, `Input validation failed: ${summary}`, {
    fieldList: problems,
  });
}

function baseHeaders(): Headers {
  return new Headers({
    'content-type': 'application/json',
    'x-amzn-requestid': globalThis.crypto.randomUUID(),
  });
}
