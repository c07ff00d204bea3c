import type { KeyCredential, TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { ClientOptions } from '../../core/config';
import { resolveUserAgent } from '../../core/telemetry/options';
import {
  CLIENT_OPTIONS,
  describe,
  isPlainObject,
  refuseMisspelt,
  requireObject,
  requireString,
} from '../../core/validate';
import { validationError } from '../../spec/errors';
import { requireSecureTransport } from '../shared/cleartext';
import { requireEndpointUrl } from '../shared/endpoint';
import { HEADER_SECRET } from '../shared/headers';
import { UUID_RULE } from './refs';

/** The two URL generations of the batch API; `'2024-05-01'` is the default. */
export type AzureApiVersion = '2024-05-01' | 'v1.1';

export const AZURE_API_VERSIONS: readonly AzureApiVersion[] = Object.freeze(['2024-05-01', 'v1.1'] as const);

/**
 * A subscription key with an optional region, shaped like `AzureKeyCredential`
 * from `@azure/core-auth` (whose `key` can be rotated with `update()`: the key is
 * read on every request).
 */
export interface AzureSubscriptionKeyCredential extends KeyCredential {
  /** Sent as `Ocp-Apim-Subscription-Region`, for regional (non-global) resources. */
  readonly region?: string | undefined;
}

/**
 * How the client authenticates: a subscription key string, a key credential
 * (`new AzureKeyCredential(key)` or `{ key, region? }`), or a Microsoft Entra
 * `TokenCredential` (e.g. `DefaultAzureCredential`), which is asked for the scope
 * `https://cognitiveservices.azure.com/.default`.
 */
export type AzureTranslationCredential = string | AzureSubscriptionKeyCredential | TokenCredential;

/** Options of `createAzureTranslationIndex`. */
export interface AzureTranslationIndexOptions extends ClientOptions {
  /**
   * The resource's custom-domain endpoint, e.g.
   * `https://my-translator.cognitiveservices.azure.com`, without the API path:
   * docindex appends `/translator/...` itself, so a path on a
   * `*.cognitiveservices.azure.com` host is refused. A proxy's own path prefix
   * (`https://proxy.example/azure`) is kept. Plain `http://` is accepted only for a
   * loopback host (`localhost`, 127.0.0.0/8, `[::1]`: simulators and local proxies); see
   * {@link AzureTranslationIndexOptions.allowInsecureConnection}. Next links are
   * only followed on this origin.
   */
  endpoint: string;
  /**
   * Allow a plain `http://` endpoint on a host other than this machine (default
   * `false`), as `allowInsecureConnection` does in core-rest-pipeline. Every
   * request carries the subscription key or bearer token, so without TLS anyone on
   * the network path can read it: set this only for a plain-HTTP proxy inside a
   * trusted network. Without it such an endpoint is refused with a `validation`
   * error naming `endpoint`, before anything is sent.
   */
  allowInsecureConnection?: boolean | undefined;
  /** The translation (batch) id, a UUID, as in the `Operation-Location` of the start request. */
  translationId: string;
  /** See {@link AzureTranslationCredential}. */
  credential: AzureTranslationCredential;
  /** `Ocp-Apim-Subscription-Region` for key credentials (a credential's own `region` wins). */
  region?: string | undefined;
  /** Which URL generation to speak (default `'2024-05-01'`). */
  apiVersion?: AzureApiVersion | undefined;
  /**
   * The transport under the pipeline, as in every Azure SDK client (default
   * core-rest-pipeline's `createDefaultHttpClient()`): a proxying or recording
   * client, or a stub in tests. docindex still adds the authentication itself and
   * sends no retry or redirect policy.
   */
  httpClient?: HttpClient | undefined;
}

/** Options after validation: the credential resolved into one of two kinds. */
export interface ResolvedAzureOptions {
  /** The endpoint without a trailing slash. */
  endpoint: string;
  /** `new URL(endpoint).origin`: the only origin requests and credentials go to. */
  origin: string;
  translationId: string;
  apiVersion: AzureApiVersion;
  auth:
    | { kind: 'key'; credential: KeyCredential; region?: string | undefined }
    | { kind: 'token'; credential: TokenCredential };
  httpClient?: HttpClient | undefined;
  /** `docindex/<version>` and the application's `userAgent`, the prefix of the pipeline's User-Agent. */
  userAgent: string;
}

/** Validates every option before the client is built; throws a `validation` error naming the field. */
export function resolveAzureOptions(value: unknown): ResolvedAzureOptions {
  const options = requireObject(value, 'options');
  refuseMisspelt(options, AZURE_OPTIONS, '');
  const connection = resolveAzureConnection(options);
  return { ...connection, translationId: requireString(options.translationId, 'translationId', UUID_RULE) };
}

/** The names of the options of `AzureConnection` (for `refuseMisspelt`). */
export const AZURE_CONNECTION_OPTIONS = [
  'endpoint',
  'allowInsecureConnection',
  'credential',
  'region',
  'apiVersion',
  'httpClient',
] as const;

/** The names of `AzureTranslationIndexOptions` (for `refuseMisspelt`; a type test keeps them complete). */
export const AZURE_OPTIONS = [...CLIENT_OPTIONS, ...AZURE_CONNECTION_OPTIONS, 'translationId'] as const;

/** A Translator resource's own host, in any of Azure's clouds. */
const RESOURCE_HOST = /\.cognitiveservices\.azure\.(?:com|us|cn)$/;

/** The options that say where and how to connect: all but the translation id (which a new translation does not have yet). */
export type AzureConnection = Omit<ResolvedAzureOptions, 'translationId'>;

/** Validates the connection options (endpoint, credential, region, apiVersion, httpClient); throws a `validation` error naming the field. */
export function resolveAzureConnection(value: unknown): AzureConnection {
  const options = requireObject(value, 'options');
  const endpoint = requireEndpointUrl(options.endpoint, 'endpoint');
  requireSecureTransport(endpoint, 'endpoint', options.allowInsecureConnection);
  // The resource's own host takes no path (a proxy's prefix, on any other host, is kept):
  // the portal shows endpoints with `/translator/...`, which docindex appends itself.
  // The public cloud's host, and Azure Government's (.us) and Azure China's (.cn).
  if (RESOURCE_HOST.test(endpoint.hostname) && endpoint.pathname.replace(/\/+$/, '') !== '') {
    throw validationError(
      'endpoint',
      'must be the resource endpoint without the API path, e.g. https://my-translator.cognitiveservices.azure.com/ ' +
        '(docindex appends /translator/... itself)',
    );
  }
  const apiVersion = options.apiVersion ?? '2024-05-01';
  if (!AZURE_API_VERSIONS.includes(apiVersion as AzureApiVersion)) {
    throw validationError('apiVersion', `expected '2024-05-01' or 'v1.1'`);
  }
  const region =
    options.region === undefined
      ? undefined
      : requireString(options.region, 'region', { pattern: /^[a-z0-9-]+$/i, patternText: 'an Azure region' });
  return {
    endpoint: endpoint.href.replace(/\/+$/, ''),
    origin: endpoint.origin,
    apiVersion: apiVersion as AzureApiVersion,
    auth: resolveCredential(options.credential, region),
    httpClient: optionalHttpClient(options.httpClient),
    userAgent: resolveUserAgent(options.userAgent),
  };
}

function optionalHttpClient(value: unknown): HttpClient | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || typeof (value as HttpClient).sendRequest !== 'function') {
    throw validationError('httpClient', `expected an HttpClient (an object with sendRequest), got ${describe(value)}`);
  }
  return value as HttpClient;
}

function resolveCredential(value: unknown, region: string | undefined): ResolvedAzureOptions['auth'] {
  if (typeof value === 'string') {
    requireString(value, 'credential', HEADER_SECRET);
    return { kind: 'key', credential: { key: value }, region };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const candidate = value as Record<string, unknown>;
    if (typeof candidate.getToken === 'function') return { kind: 'token', credential: value as TokenCredential };
    if ('key' in candidate) {
      requireString(candidate.key, 'credential.key', HEADER_SECRET);
      const ownRegion =
        candidate.region === undefined
          ? undefined
          : requireString(candidate.region, 'credential.region', { pattern: /^[a-z0-9-]+$/i });
      return { kind: 'key', credential: value as KeyCredential, region: ownRegion ?? region };
    }
  }
  const shape = isPlainObject(value) ? 'an object without key or getToken' : describe(value);
  throw validationError(
    'credential',
    `expected a subscription key string, { key }, or a TokenCredential; got ${shape}`,
  );
}
