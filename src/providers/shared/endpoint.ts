import { requireString } from '../../core/validate';
import { validationError } from '../../spec/errors';

/** What an endpoint option may carry besides scheme, host and port. */
export interface EndpointRules {
  /** Whether a query string or fragment is allowed (never for Azure and NAVER, whose paths we append to). */
  query?: boolean;
}

/**
 * Checks an `endpoint` / `baseUrl` option: an absolute `http:` or `https:` URL
 * (plain `http://127.0.0.1:PORT` is how simulators and local proxies are reached)
 * with no user name or password in it, since a URL ends up in logs and
 * credentials have their own options. Accepts a `URL` object too. Returns the URL.
 */
export function requireEndpointUrl(value: unknown, field: string, rules: EndpointRules = {}): URL {
  const text = value instanceof URL ? value.href : requireString(value, field, { max: 2048 });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw validationError(field, 'expected an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw validationError(field, 'expected an http: or https: URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw validationError(field, 'must not contain a user name or password; credentials have their own option');
  }
  if (!rules.query && (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#'))) {
    throw validationError(field, 'must not have a query or fragment');
  }
  return url;
}
