import type { AccessToken, KeyCredential, TokenCredential } from '@azure/core-auth';
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type HttpHeaders,
  logPolicy,
  type Pipeline,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
  type SendRequest,
  userAgentPolicy,
} from '@azure/core-rest-pipeline';
import type { HttpExchangeObserver, RequestContext } from '../../spec/adapter';
import { DocumentIndexError } from '../../spec/errors';
import { connectionDetail, networkErrorCode } from '../shared/network';
import { parseRetryAfter } from '../shared/retry-after';
import { azureRequestId } from './errors';
import type { AzureConnection } from './options';

/** The Microsoft Entra scope of Azure AI services. */
export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

/** A token is renewed this long before it expires. */
const TOKEN_REFRESH_MARGIN_MS = 2 * 60_000;

/** A non-2xx answer, kept whole for `classifyAzureError` (headers and body, never the request). */
export class AzureHttpError extends Error {
  override readonly name = 'AzureHttpError';
  constructor(
    readonly status: number,
    readonly headers: HttpHeaders,
    readonly bodyText: string,
  ) {
    super(`Azure answered HTTP ${status}`);
  }
}

/** What a request needs of its attempt: the signal, and the observer when something observes. */
export type AzureRequestContext = Pick<RequestContext, 'signal' | 'observer' | 'pollAfter'>;

/** Sends one request and returns the parsed JSON of a 2xx answer; anything else throws. */
export type AzureSend = (method: 'GET' | 'DELETE', url: string, context: AzureRequestContext) => Promise<unknown>;

/** What a start request got back: its status and headers (Azure answers 202 with no body). */
export interface AzureStartAnswer {
  status: number;
  headers: HttpHeaders;
}

/** Sends `POST url` with a JSON body; resolves with a 2xx answer's status and headers, throws for anything else. */
export type AzurePost = (url: string, body: unknown, context: AzureRequestContext) => Promise<AzureStartAnswer>;

/**
 * What the Azure log may show beside its own allowlist (its sanitizer redacts
 * every other header and query value): the request ids support asks for, and
 * the query parameters docindex sends.
 */
const LOG_ALLOWED = {
  additionalAllowedHeaderNames: ['x-requestid', 'apim-request-id'],
  additionalAllowedQueryParameters: ['ids', 'statuses', 'top', '$top', 'skip', '$skip', 'maxpagesize', '$maxpagesize'],
};

/** The header of the user agent in Node (core-rest-pipeline's `getUserAgentHeaderName()`). */
const USER_AGENT = 'User-Agent';

/** The header every Azure SDK client puts the request's id in (core-rest-pipeline's `setClientRequestIdPolicy`). */
const CLIENT_REQUEST_ID = 'x-ms-client-request-id';

/**
 * A core-rest-pipeline pipeline with the policies every Azure SDK client has
 * that docindex wants: the user agent (`docindex/<version>`, then the
 * application's, then core-rest-pipeline's), `x-ms-client-request-id` on every
 * request, authentication, and the log policy, so that `AZURE_LOG_LEVEL=info`
 * (`@azure/logger`) shows each request and response, the key and token
 * redacted by its sanitizer. Left out on purpose: the retry policies (the
 * docindex core is the single retry layer, so `maxAttempts` means what it
 * says), the redirect policy (it would forward `Ocp-Apim-Subscription-Key` to
 * wherever a 3xx points) and the tracing policy (docindex makes its own spans).
 * Last before the wire, a policy tells the attempt's observer about the exchange.
 */
export function createAzureSend(
  options: AzureConnection,
  httpClient: HttpClient = createDefaultHttpClient(),
): AzureSend {
  return createAzureTransport(options, httpClient).send;
}

/** The document and translation reads (`send`) and the start request (`post`), over one pipeline. */
export function createAzureTransport(
  options: AzureConnection,
  httpClient: HttpClient = createDefaultHttpClient(),
): { send: AzureSend; post: AzurePost } {
  const observers = new WeakMap<PipelineRequest, HttpExchangeObserver>();
  const pipeline: Pipeline = createEmptyPipeline();
  pipeline.addPolicy(userAgentOnce(options.userAgent));
  pipeline.addPolicy(
    options.auth.kind === 'key'
      ? subscriptionKeyPolicy(options.auth.credential, options.auth.region, options.origin)
      : entraTokenPolicy(options.auth.credential, options.origin),
  );
  pipeline.addPolicy(logPolicy(LOG_ALLOWED));
  pipeline.addPolicy(observerPolicy(observers));

  /**
   * Sends one request through the pipeline. Not itself async: its callers are, so a
   * throw here still rejects their promise, and a status call awaits one frame less.
   */
  const exchange = (
    method: 'GET' | 'DELETE' | 'POST',
    url: string,
    { signal, observer }: AzureRequestContext,
    body?: string,
  ): Promise<PipelineResponse> => {
    // Callers check next links already; this is the last line before a credential leaves.
    if (!isOnOrigin(url, options.origin)) {
      throw new DocumentIndexError('invalid_response', 'Refusing to send a request outside the configured endpoint', {
        retryable: false,
      });
    }
    // A fresh id per request, retries included, as setClientRequestIdPolicy sends it (set here: that policy is an
    // async step of its own on every request).
    const requestId = globalThis.crypto.randomUUID();
    const headers = createHttpHeaders({ accept: 'application/json', [CLIENT_REQUEST_ID]: requestId });
    if (body !== undefined) headers.set('content-type', 'application/json');
    const pipelineRequest = createPipelineRequest({
      url,
      method,
      requestId,
      abortSignal: signal,
      allowInsecureConnection: url.startsWith('http:'),
      headers,
      ...(body === undefined ? {} : { body }),
    });
    if (observer) observers.set(pipelineRequest, observer);
    return pipeline.sendRequest(httpClient, pipelineRequest);
  };

  const send: AzureSend = async (method, url, context) => {
    const response = await exchange(method, url, context);
    const text = okText(response);
    // Status reads may carry Retry-After ("how long to wait before making a new request", the v1.1 spec): a wait's
    // next poll honours it.
    if (context.pollAfter) {
      const ms = parseRetryAfter((name) => response.headers.get(name));
      if (ms !== undefined) context.pollAfter(ms);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new DocumentIndexError(
        'invalid_response',
        `Azure answered HTTP ${response.status} with a body that is not JSON`,
        { httpStatus: response.status, retryable: false, cause },
      );
    }
  };

  const post: AzurePost = async (url, body, context) => {
    const response = await exchange('POST', url, context, JSON.stringify(body));
    okText(response);
    return { status: response.status, headers: response.headers };
  };

  return { send, post };
}

/** The body of a 2xx answer; anything else throws, kept whole for `classifyAzureError`. */
function okText(response: PipelineResponse): string {
  const text = response.bodyAsText ?? '';
  if (response.status < 200 || response.status > 299) {
    throw new AzureHttpError(response.status, response.headers, text);
  }
  return text;
}

/**
 * core-rest-pipeline's user-agent policy, which awaits its value (worked out once)
 * on every request, an async step that shows in a status call's CPU. This one lets
 * the SDK's policy set the header of the first request, keeps the value, and sets
 * it itself from then on: the same header, one step less.
 */
function userAgentOnce(prefix: string): PipelinePolicy {
  const sdkPolicy = userAgentPolicy({ userAgentPrefix: prefix });
  let value: string | undefined;
  return {
    name: sdkPolicy.name,
    sendRequest(request, next) {
      if (value === undefined) {
        return sdkPolicy.sendRequest(request, (sent) => {
          value = sent.headers.get(USER_AGENT);
          return next(sent);
        });
      }
      request.headers.set(USER_AGENT, value);
      return next(request);
    },
  };
}

/**
 * Tells the request's observer (when it has one) that the request leaves, signed,
 * and when its response arrives; placed last, so the time measured is the
 * exchange's, not the token's.
 */
function observerPolicy(observers: WeakMap<PipelineRequest, HttpExchangeObserver>): PipelinePolicy {
  const observed = async (request: PipelineRequest, next: SendRequest, observer: HttpExchangeObserver) => {
    observer.requestSent(request.method, request.url);
    const response = await next(request);
    observer.responseReceived(response.status, azureRequestId(response.headers));
    return response;
  };
  return {
    name: 'docindexExchangeObserver',
    // Not itself async: a request nothing observes goes on without a promise of its own.
    sendRequest(request, next) {
      const observer = observers.get(request);
      return observer ? observed(request, next, observer) : next(request);
    },
  };
}

/** Adds the subscription key (read on every request, so a rotated key takes effect) and region. */
function subscriptionKeyPolicy(credential: KeyCredential, region: string | undefined, origin: string): PipelinePolicy {
  return {
    name: 'docindexAzureSubscriptionKey',
    sendRequest(request, next) {
      if (isOnOrigin(request.url, origin)) {
        request.headers.set('Ocp-Apim-Subscription-Key', credential.key);
        if (region !== undefined) request.headers.set('Ocp-Apim-Subscription-Region', region);
      }
      return next(request);
    },
  };
}

/**
 * Adds `Authorization: Bearer` from a TokenCredential, caching the token until
 * shortly before it expires and sharing one refresh among concurrent requests.
 * core-rest-pipeline's `bearerTokenAuthenticationPolicy` is not used because it
 * refuses `http://` URLs outright (loopback simulators and local proxies need
 * them) and re-sends requests on CAE challenges, a second retry layer.
 */
function entraTokenPolicy(credential: TokenCredential, origin: string): PipelinePolicy {
  let cached: AccessToken | undefined;
  let refreshing: Promise<AccessToken> | undefined;

  const isFresh = (token: AccessToken | undefined, now: number): token is AccessToken =>
    token !== undefined &&
    token.expiresOnTimestamp - now > TOKEN_REFRESH_MARGIN_MS &&
    (token.refreshAfterTimestamp === undefined || now < token.refreshAfterTimestamp);

  const getToken = (signal: AbortSignal | undefined): Promise<AccessToken> => {
    if (isFresh(cached, Date.now())) return Promise.resolve(cached);
    refreshing ??= Promise.resolve()
      .then(() => credential.getToken(COGNITIVE_SERVICES_SCOPE, signal ? { abortSignal: signal } : {}))
      .then((token) => {
        if (!token?.token) throw new Error('the credential returned no token');
        cached = token;
        return token;
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  return {
    name: 'docindexAzureEntraToken',
    async sendRequest(request, next) {
      if (isOnOrigin(request.url, origin)) {
        let token: AccessToken;
        try {
          token = await getToken(request.abortSignal as AbortSignal | undefined);
        } catch (cause) {
          if (request.abortSignal?.aborted) throw cause;
          // The token endpoint out of reach (a reset, a refused connection) is as transient as Azure out of reach:
          // retried. Anything else (the credential refused, none configured) will not pass by asking again.
          const code = networkErrorCode(cause);
          if (code !== undefined) {
            throw new DocumentIndexError(
              'network',
              `Could not get a Microsoft Entra token for Azure${connectionDetail(code)}`,
              { cause },
            );
          }
          throw new DocumentIndexError('unauthorized', 'Could not get a Microsoft Entra token for Azure', {
            retryable: false,
            cause,
          });
        }
        request.headers.set('Authorization', `Bearer ${token.token}`);
      }
      return next(request);
    },
  };
}

/**
 * Whether `url` is on `origin` (as `new URL(endpoint).origin` writes it). Every
 * request is checked twice, so the usual case, the origin followed by `/` or `?`,
 * is a string comparison: after `scheme://host[:port]` those characters end the
 * authority for the URL parser too. Anything else (`@`, `\`, a default port
 * written out, an upper-case host) is left to the URL parser.
 */
export function isOnOrigin(url: string, origin: string): boolean {
  if (url.startsWith(origin)) {
    const next = url.charCodeAt(origin.length);
    if (next === SLASH || next === QUESTION_MARK) return true;
  }
  return originOf(url) === origin;
}

const SLASH = 0x2f;
const QUESTION_MARK = 0x3f;

/** The origin of a URL, or '' when it is not one. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
