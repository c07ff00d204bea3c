import type { KendraClient, KendraClientConfig } from '@aws-sdk/client-kendra';
import { validationError } from '../../core/errors';
import type { RetryOptions } from '../../core/types';
import { describe, isPlainObject, requireObject, requireString, validateRetryOptions } from '../../core/validate';

/** AWS credentials as the Kendra client takes them: static keys or a provider function. */
export type KendraCredentials = NonNullable<KendraClientConfig['credentials']>;

/** Options of {@link createKendraIndex}. */
export interface KendraIndexOptions {
  /** The index to read from: 36 characters, `[a-zA-Z0-9][a-zA-Z0-9-]*`. */
  indexId: string;
  /** AWS region, e.g. `us-east-1` (default: the SDK's, from `AWS_REGION` or the AWS config). */
  region?: string;
  /** AWS credentials (default: the SDK's default provider chain). */
  credentials?: KendraCredentials;
  /** Where requests go instead of `https://kendra.{region}.amazonaws.com`: a simulator, a proxy (http or https URL). */
  endpoint?: string;
  /**
   * Your own `KendraClient`, used as given; `region`, `credentials` and `endpoint`
   * then belong on that client and are refused here. Its own retry strategy runs
   * underneath ours, so attempts multiply (its `maxAttempts` times `retry.maxAttempts`):
   * create it with `maxAttempts: 1` to keep `retry` the only retry layer.
   */
  client?: KendraClient;
  /** Retries of throttled, 5xx and network failures (defaults: 3 attempts, 100 ms, 20 s). */
  retry?: RetryOptions;
  /** Requests in flight at once for batch calls (default 4). */
  concurrency?: number;
}

const INDEX_ID = { length: 36, pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]*$/, patternText: '[a-zA-Z0-9][a-zA-Z0-9-]*' };
const REGION = {
  min: 1,
  max: 64,
  pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
  patternText: 'a region name such as us-east-1',
};

/** Checks every option before anything is created or sent; throws a `validation` error naming the field. */
export function validateKendraOptions(value: unknown): KendraIndexOptions {
  const options = requireObject(value, 'options', 'kendra');
  requireString(options.indexId, 'indexId', INDEX_ID, 'kendra');
  if (options.region !== undefined) requireString(options.region, 'region', REGION, 'kendra');
  if (options.endpoint !== undefined) validateEndpoint(options.endpoint);
  if (options.credentials !== undefined) validateCredentials(options.credentials);
  if (options.client !== undefined) {
    const client = options.client as { send?: unknown } | null;
    if (typeof client !== 'object' || client === null || typeof client.send !== 'function') {
      throw validationError('client', `expected a KendraClient, got ${describe(options.client)}`, 'kendra');
    }
    for (const field of ['region', 'credentials', 'endpoint'] as const) {
      if (options[field] !== undefined) {
        throw validationError(
          field,
          'configure your own `client` directly; this option only applies to the client docindex creates',
          'kendra',
        );
      }
    }
  }
  validateRetryOptions(options.retry, 'kendra');
  return options as unknown as KendraIndexOptions;
}

function validateEndpoint(value: unknown): void {
  const endpoint = requireString(value, 'endpoint', {}, 'kendra');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw validationError('endpoint', 'expected an absolute http(s) URL', 'kendra');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw validationError('endpoint', 'expected an http: or https: URL', 'kendra');
  }
  // Credentials in a URL end up in logs; AWS credentials go in `credentials`.
  if (url.username !== '' || url.password !== '') {
    throw validationError('endpoint', 'must not contain a user name or password', 'kendra');
  }
}

function validateCredentials(value: unknown): void {
  if (typeof value === 'function') return;
  if (!isPlainObject(value)) {
    throw validationError(
      'credentials',
      `expected AWS credentials or a credentials provider, got ${describe(value)}`,
      'kendra',
    );
  }
  requireString(value.accessKeyId, 'credentials.accessKeyId', {}, 'kendra');
  requireString(value.secretAccessKey, 'credentials.secretAccessKey', {}, 'kendra');
  if (value.sessionToken !== undefined) requireString(value.sessionToken, 'credentials.sessionToken', {}, 'kendra');
}
