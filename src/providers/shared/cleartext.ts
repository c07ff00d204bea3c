import { validationError } from '../../spec/errors';

/**
 * Whether a parsed URL's `hostname` is this machine: `localhost`, an IPv4 address
 * in 127.0.0.0/8, or `[::1]`. (Not names under `.localhost`: RFC 6761 reserves
 * them, but Node's resolver may still ask DNS, which can answer any address.) The URL
 * parser has already normalized the host (lowercased; IPv4 in any notation, such
 * as `127.1` or `0x7f000001`, to dotted decimal; IPv6 compressed, brackets kept),
 * so the checks are exact. Anything else, `0.0.0.0` and `[::ffff:127.0.0.1]`
 * included, is not loopback.
 */
export function isLoopbackHost(hostname: string): boolean {
  return /^(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])$/.test(hostname);
}

/**
 * Refuses a plain `http:` endpoint whose host is not loopback, since every request
 * to it carries a credential (a key or a bearer token) in cleartext, unless the
 * caller set `allowInsecureConnection: true` (a plain-HTTP proxy inside a trusted
 * network). `https:` and loopback `http:` (simulators, local proxies) always pass.
 * Throws a `validation` error naming `field` (or `allowInsecureConnection` when
 * that is not a boolean); the message echoes neither the URL nor a credential.
 */
export function requireSecureTransport(url: URL, field: string, allowInsecureConnection: unknown): void {
  if (allowInsecureConnection !== undefined && typeof allowInsecureConnection !== 'boolean') {
    throw validationError('allowInsecureConnection', 'expected true or false');
  }
  if (url.protocol === 'http:' && !allowInsecureConnection && !isLoopbackHost(url.hostname)) {
    throw validationError(
      field,
      'plain http:// would send the credential in cleartext: use https:// or a loopback host (localhost, ' +
        '127.0.0.0/8, [::1]), or set allowInsecureConnection: true',
    );
  }
}
