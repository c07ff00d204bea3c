import { type DocumentIndexError, withProvider } from '../../spec/errors';
import { type AwsErrorFacts, classifyAwsError } from '../aws/errors';
import { PROVIDER } from './status';

/**
 * Maps whatever a Bedrock agent call threw to our error: service exceptions by
 * name, with the HTTP status, request id and Retry-After; credential errors as
 * `unauthorized`; transport failures as `network`; unreadable answers as
 * `invalid_response`. Messages are ours: only the ValidationException's own text
 * and field list (what was wrong with the input) are quoted, never headers or
 * request details.
 */
export function classifyBedrockError(error: unknown): DocumentIndexError {
  return withProvider(classifyAwsError(error, { describe: describeBedrockError }), PROVIDER);
}

function describeBedrockError({ code, source, providerCode, httpStatus, error }: AwsErrorFacts): string {
  switch (source) {
    case 'aborted':
      return 'The Bedrock request was aborted';
    case 'credentials':
      return 'No AWS credentials could be loaded for Amazon Bedrock';
    case 'region':
      return 'Invalid region: no AWS region is configured (pass `region` or set AWS_REGION)';
    // A dropped connection the SDK names `TimeoutError` is a 'connection'. The shared
    // classification appends the socket's code to both (`ETIMEDOUT`, `ECONNRESET`).
    case 'timeout':
      return 'The request to Bedrock timed out';
    case 'connection':
      return 'The connection to Bedrock failed';
    case 'unreadable':
      return 'Bedrock sent an answer that could not be read';
    case 'server':
      return `Bedrock's endpoint answered HTTP ${httpStatus} without a Bedrock error (a gateway's or proxy's answer)`;
    case 'header':
      return 'The request to Bedrock was not sent';
    case 'unknown':
      return 'The Bedrock request failed unexpectedly';
  }
  const where = `Bedrock answered ${providerCode ?? 'an error'}${httpStatus ? ` (HTTP ${httpStatus})` : ''}`;
  switch (code) {
    case 'validation':
      return `${where}: ${validationDetails(error)}`;
    case 'unauthorized':
      return `${where}: the credentials were not accepted`;
    case 'forbidden':
      return `${where}: access to the knowledge base or data source is denied`;
    case 'not_found':
      return `${where}: the knowledge base or data source does not exist`;
    case 'throttled':
      return `${where}: too many requests`;
    case 'quota_exceeded':
      return `${where}: a service quota is exceeded`;
    case 'conflict':
      return `${where}: the request conflicts with the resource's current state`;
    default:
      return where;
  }
}

/** The ValidationException's message and `fieldList` (each field's name and problem). */
function validationDetails(error: unknown): string {
  const { message, fieldList }: { message?: unknown; fieldList?: unknown } =
    typeof error === 'object' && error !== null ? error : {};
  const fields = Array.isArray(fieldList)
    ? fieldList
        .filter((field): field is { name?: unknown; message?: unknown } => typeof field === 'object' && field !== null)
        .map((field) => `${String(field.name ?? '?')}: ${String(field.message ?? 'invalid')}`)
    : [];
  const text = typeof message === 'string' ? message : 'input validation failed';
  return clip(withoutCredentials(fields.length > 0 ? `${text} [fields: ${fields.join('; ')}]` : text), 1000);
}

/**
 * The one provider text docindex echoes, Bedrock's validation message, comes from whatever answered: an endpoint
 * or proxy that echoes the request would put its signature there. What identifies a credential is cut out: the
 * values after `Credential=`, `Signature=` and the security token's name, and access key ids.
 */
function withoutCredentials(text: string): string {
  return (
    text
      // A name, then `=` or `:`, with what a JSON or Python dump of the headers puts around name and value: quotes,
      // escaped quotes (a dump inside a JSON string), a list's bracket.
      .replace(
        /(credential|signature|security-token)(\\?["']?\s*[=:]\s*\[?\s*\\?["']?)[^\s,;&"'}\]\\]+/gi,
        '$1$2[redacted]',
      )
      .replace(/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, '[redacted]')
  );
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
