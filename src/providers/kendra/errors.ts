import { type DocumentIndexError, type DocumentIndexErrorCode, withProvider } from '../../spec/errors';
import { type AwsErrorFacts, classifyAwsError } from '../aws/errors';
import { PROVIDER } from './status';

/** Kendra's own exceptions, on top of the AWS-wide names the shared classification knows. */
const KENDRA_EXCEPTION_CODES: Readonly<Record<string, DocumentIndexErrorCode>> = Object.freeze({
  InvalidRequestException: 'validation',
  ResourceInUseException: 'conflict',
});

/** What our own messages say for each code; the provider's text stays in `cause`. */
const DESCRIPTIONS: Partial<Record<DocumentIndexErrorCode, string>> = {
  throttled: 'Amazon Kendra throttled the request',
  forbidden: 'Amazon Kendra denied access to the index',
  not_found: 'Amazon Kendra could not find the index',
  validation: 'Amazon Kendra rejected the request as invalid',
  conflict: 'Amazon Kendra reported a conflict',
  quota_exceeded: 'Amazon Kendra reported that a service quota is exceeded',
  internal: 'Amazon Kendra had an internal error',
  service_unavailable: 'Amazon Kendra is unavailable',
  unauthorized: 'AWS did not accept the credentials for Amazon Kendra',
  network: 'The connection to Amazon Kendra failed',
  /** Source `timeout`: the SDK's timeout or AWS's `RequestTimeout`, classified as `network` (retried). */
  timeout: 'The request to Amazon Kendra timed out',
  invalid_response: 'Amazon Kendra sent a response that could not be read',
};

/**
 * Turns whatever a Kendra SDK call threw into our error. Never throws, and never
 * copies the SDK's message (an `InvalidSignatureException` message quotes the
 * string that was signed); the original error is kept as the non-enumerable `cause`.
 */
export function classifyKendraError(error: unknown): DocumentIndexError {
  return withProvider(
    classifyAwsError(error, { extraCodes: KENDRA_EXCEPTION_CODES, describe: describeKendraError }),
    PROVIDER,
  );
}

/** The description of the code, then the exception name and HTTP status when AWS answered. */
function describeKendraError({ code, source, providerCode, httpStatus }: AwsErrorFacts): string {
  if (source === 'credentials') return 'No AWS credentials could be loaded for Amazon Kendra';
  if (source === 'aborted') return 'The Amazon Kendra request was aborted';
  if (source === 'header') return 'The request to Amazon Kendra was not sent';
  if (source === 'region') return 'Invalid region: no AWS region is configured (pass `region` or set AWS_REGION)';
  const detail = [providerCode, httpStatus !== undefined ? `HTTP ${httpStatus}` : undefined]
    .filter((part) => part !== undefined)
    .join(', ');
  // A timeout is worded as one (still code `network`); the shared classification appends the socket's code.
  const description = DESCRIPTIONS[source === 'timeout' ? 'timeout' : code] ?? 'The Amazon Kendra request failed';
  return detail ? `${description} (${detail})` : description;
}
