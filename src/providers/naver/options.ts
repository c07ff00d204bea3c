import type { ClientOptions } from '../../core/config';
import { resolveUserAgent } from '../../core/telemetry/options';
import {
  CLIENT_OPTIONS,
  optionalFunction,
  optionalInteger,
  refuseMisspelt,
  requireObject,
  requireString,
} from '../../core/validate';
import { validationError } from '../../spec/errors';
import { requireSecureTransport } from '../shared/cleartext';
import { requireEndpointUrl } from '../shared/endpoint';
import { HEADER_SECRET } from '../shared/headers';
import { requirePathSegment } from './refs';

/** NAVER Cloud RAG's public gateway. */
export const NAVER_DEFAULT_BASE_URL = 'https://kr-pub-gateway.rag.naverncp.com';

/** Per-attempt timeout when `timeoutMs` is not given (ky's own default). */
export const NAVER_DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A fetch implementation, as ky accepts it. Spelt without the DOM's `RequestInfo`, which
 * a Node project's types (`@types/node`, no `lib: ["dom"]`) do not declare.
 */
export type NaverFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Options of `createNaverRagIndex`. */
export interface NaverRagIndexOptions extends ClientOptions {
  /** The RAG service (`{serviceId}` in `/api/v1/svc/{serviceId}`); path-encoded. */
  serviceId: string;
  /** The RAG API key, sent as `Authorization: Bearer {apiKey}`. Never appears in an error. */
  apiKey: string;
  /**
   * Gateway origin, optionally with a path prefix (default
   * `https://kr-pub-gateway.rag.naverncp.com`). Plain `http://` is accepted only for
   * a loopback host (`localhost`, 127.0.0.0/8, `[::1]`: simulators
   * and local proxies); see {@link NaverRagIndexOptions.allowInsecureConnection}.
   */
  baseUrl?: string | undefined;
  /**
   * Allow a plain `http://` `baseUrl` on a host other than this machine (default
   * `false`). Every request carries `Authorization: Bearer {apiKey}`, so without
   * TLS anyone on the network path can read the key: set this only for a
   * plain-HTTP proxy inside a trusted network. Without it such a `baseUrl` is
   * refused with a `validation` error naming `baseUrl`, before anything is sent.
   */
  allowInsecureConnection?: boolean | undefined;
  /** A fetch implementation to send requests with (default: the global `fetch`). */
  fetch?: NaverFetch | undefined;
  /** Timeout of each request attempt in milliseconds (default 10000); an expired attempt is retried as `timeout`. */
  timeoutMs?: number | undefined;
}

/** Options with defaults applied and every value checked. */
export interface ResolvedNaverOptions {
  serviceId: string;
  apiKey: string;
  /** Without a trailing slash. */
  baseUrl: string;
  timeoutMs: number;
  fetch?: NaverFetch | undefined;
  /** The User-Agent sent: `docindex/<version>`, then the application's `userAgent`. */
  userAgent: string;
}

/** The names of `NaverRagIndexOptions` (for `refuseMisspelt`; a type test keeps them complete). */
export const NAVER_OPTIONS = [
  ...CLIENT_OPTIONS,
  'serviceId',
  'apiKey',
  'baseUrl',
  'allowInsecureConnection',
  'fetch',
  'timeoutMs',
] as const;

/**
 * Checks the factory's own options before anything is sent; a bad value throws a
 * `validation` error naming the field (and never echoing the value: it might be
 * the key). `retry` and `concurrency` are checked by the core.
 */
export function resolveNaverOptions(value: unknown): ResolvedNaverOptions {
  const options = requireObject(value, 'options');
  refuseMisspelt(options, NAVER_OPTIONS, '');
  const serviceId = requirePathSegment(options.serviceId, 'serviceId');
  // A header value with control characters would make fetch throw a TypeError
  // that quotes the header, key included; refuse it here instead.
  const apiKey = requireString(options.apiKey, 'apiKey', HEADER_SECRET);
  optionalFunction(options.fetch, 'fetch');
  const timeoutMs =
    optionalInteger(options.timeoutMs, 'timeoutMs', { min: 1, max: 2_147_483_647 }) ?? NAVER_DEFAULT_TIMEOUT_MS;
  return {
    serviceId,
    apiKey,
    baseUrl: resolveBaseUrl(options.baseUrl, options.allowInsecureConnection),
    timeoutMs,
    fetch: options.fetch as NaverFetch | undefined,
    userAgent: resolveUserAgent(options.userAgent),
  };
}

function resolveBaseUrl(value: unknown, allowInsecureConnection: unknown): string {
  const url = value === undefined ? new URL(NAVER_DEFAULT_BASE_URL) : requireEndpointUrl(value, 'baseUrl');
  requireSecureTransport(url, 'baseUrl', allowInsecureConnection);
  // The client puts `/api/v1/svc/{serviceId}/...` after it: a base URL holding that route already would double it, and
  // every document would read not_found (the gateway's 404 for a route it does not have).
  if (/\/api\/v\d+(\/|$)/i.test(url.pathname)) {
    throw validationError('baseUrl', "expected the gateway's root: docindex adds /api/v1/svc/{serviceId}");
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
