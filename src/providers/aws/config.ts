import { resolveUserAgent } from '../../core/telemetry/options';
import { describe, isPlainObject, requireString } from '../../core/validate';
import { VERSION } from '../../core/version';
import { validationError } from '../../spec/errors';
import { requireEndpointUrl } from '../shared/endpoint';
import { requirePassedClient } from '../shared/sdk-client';
import { CREDENTIAL_FAILURES } from './errors';

/** The options of an AWS factory that configure the SDK client (shared by Kendra and Bedrock). */
export interface AwsClientOptions<Credentials, Client> {
  region?: string | undefined;
  credentials?: Credentials | undefined;
  endpoint?: string | undefined;
  client?: Client | undefined;
}

const REGION = {
  max: 64,
  pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
  patternText: 'a region name such as us-east-1',
};

/** The options of both AWS factories that say which client to use, or how to make one. */
export const AWS_OPTIONS = ['region', 'credentials', 'endpoint', 'client'] as const;

/** Options that configure only a client docindex creates, refused beside a caller's own `client`. */
const CLIENT_ONLY = ['region', 'credentials', 'endpoint', 'userAgent'] as const;

/**
 * The caller's own client (checked), or a new one from `create` with the
 * validated `region`, `credentials` and `endpoint`, `maxAttempts: 1` (the
 * docindex core is the only retry layer, so `retry.maxAttempts` counts every
 * request) and `docindex/<version>` plus the application's `userAgent` as the
 * SDK's `customUserAgent` (in `user-agent` and `x-amz-user-agent`). Every bad
 * option throws a `validation` error naming it.
 */
export function resolveAwsClient<Config extends object, Client>(
  options: Record<string, unknown>,
  typeName: string,
  /** The service's part of its endpoint variable, `AWS_ENDPOINT_URL_<service>` (`KENDRA`, `BEDROCK_AGENT`). */
  service: string,
  create: (config: Config) => Client,
): Client {
  if (options.client !== undefined) return requirePassedClient<Client>(options, typeName, CLIENT_ONLY);
  const config: Record<string, unknown> = { maxAttempts: 1, customUserAgent: customUserAgent(options.userAgent) };
  if (options.region !== undefined) config.region = requireString(options.region, 'region', REGION);
  if (options.endpoint !== undefined) {
    requireEndpointUrl(options.endpoint, 'endpoint', { query: true });
    // As given: the SDK joins its paths to the endpoint's own, and `URL.href` would add a slash.
    config.endpoint = options.endpoint instanceof URL ? options.endpoint.href : options.endpoint;
  } else {
    checkConfiguredEndpoint(service);
  }
  if (options.credentials !== undefined) config.credentials = requireCredentials(options.credentials);
  return create(config as Config);
}

/**
 * The endpoint the SDK reads from the environment when none is given
 * (`AWS_ENDPOINT_URL_<service>`, else `AWS_ENDPOINT_URL`, unless
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), checked as `endpoint` is and naming
 * the variable: the SDK failed every request on a bad one, each as an unexpected
 * `TypeError: Invalid URL` (an `internal` error), and sent `ftp://` as a network failure.
 */
function checkConfiguredEndpoint(service: string): void {
  const env = globalThis.process?.env ?? {};
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return;
  const name = env[`AWS_ENDPOINT_URL_${service}`] ? `AWS_ENDPOINT_URL_${service}` : 'AWS_ENDPOINT_URL';
  if (env[name]) requireEndpointUrl(env[name], name, { query: true });
}

/** docindex's product token, then the application's, as the SDK takes them (it escapes each pair its own way). */
function customUserAgent(userAgent: unknown): string[][] {
  resolveUserAgent(userAgent);
  return userAgent === undefined ? [['docindex', VERSION]] : [['docindex', VERSION], [userAgent as string]];
}

/** Static keys (`accessKeyId`, `secretAccessKey`, optional `sessionToken`) or a credential provider function. */
function requireCredentials(value: unknown): unknown {
  if (typeof value === 'function') return failingAsCredentials(value as (...args: unknown[]) => unknown);
  if (!isPlainObject(value)) {
    throw validationError(
      'credentials',
      `expected { accessKeyId, secretAccessKey, sessionToken? } or a credential provider function, got ${describe(value)}`,
    );
  }
  requireString(value.accessKeyId, 'credentials.accessKeyId', {});
  requireString(value.secretAccessKey, 'credentials.secretAccessKey', {});
  if (value.sessionToken !== undefined) requireString(value.sessionToken, 'credentials.sessionToken', {});
  return value;
}

/**
 * The caller's credential provider function, its failures marked for the
 * classification (CREDENTIAL_FAILURES in ./errors.ts).
 */
function failingAsCredentials(provider: (...args: unknown[]) => unknown): (...args: unknown[]) => Promise<unknown> {
  const marked = async (...args: unknown[]) => {
    try {
      return await provider(...args);
    } catch (error) {
      if (typeof error === 'object' && error !== null) CREDENTIAL_FAILURES.add(error);
      throw error;
    }
  };
  // The SDK reads flags off a provider (`memoized`: one it does not wrap in its own cache again); they stay on.
  return Object.assign(marked, provider);
}
