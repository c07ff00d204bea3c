/**
 * What goes wrong with a header before a request leaves: a credential or option
 * holding a character that an HTTP header cannot carry. Node refuses to send such a
 * header (a TypeError naming it); each adapter turns that into a `validation`
 * error that names the header, never its value.
 */
import { nodeErrorCode } from './network';

/**
 * A secret sent as a header value (a subscription key, an API key): printable ASCII
 * without spaces, checked by the factories. A newline would otherwise be dropped
 * or refused on the way out, and a non-ASCII character refused only at the first
 * request.
 */
export const HEADER_SECRET = { pattern: /^[\x21-\x7e]+$/, patternText: 'printable ASCII without spaces' } as const;

/**
 * The name of the header Node refused to send, when that is why a request failed:
 * `ERR_INVALID_CHAR`, `Invalid character in header content ["x-amz-security-token"]`
 * (or `ERR_INVALID_HTTP_TOKEN`, a name that is no HTTP token); `''` when the name
 * cannot be read as a token. Only the name: the value may be a secret.
 */
export function refusedHeaderName(error: unknown): string | undefined {
  if (!/^ERR_INVALID_(CHAR|HTTP_TOKEN)$/.test(nodeErrorCode(error) ?? '')) return undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const name = /\["([!#$%&'*+.^_`|~\w-]{1,64})"\]/.exec(current.message)?.[1];
    if (name !== undefined) return name;
    current = current.cause;
  }
  return '';
}

/** `: the x-amz-security-token header holds a character no HTTP header can carry (...)`, to end a message. */
export function refusedHeaderDetail(name: string): string {
  return `: ${name ? `the ${name}` : 'a'} header holds a character no HTTP header can carry (check the credentials)`;
}
