/**
 * The URL a hook, a log line or a span shows: what was sent, minus anything that
 * could be a secret.
 *
 * The rule is an allowlist, as in the Azure SDK's log sanitizer and the
 * OpenTelemetry HTTP conventions for `url.full`: user info becomes
 * `REDACTED:REDACTED`, the fragment is dropped, and every query parameter keeps
 * its name but has its value replaced by `REDACTED`, except the parameters
 * docindex itself sends, which carry ids, filters and page sizes and nothing
 * else. A denylist (`sig`, `code`, `X-Amz-Signature`, ...) would let through
 * whatever secret a proxy, an endpoint's own query or a next link invents next.
 * Paths are kept: they hold ids, never credentials.
 */

/** Query parameters docindex sends (Azure's `api-version`, filters and paging, both URL generations). */
const KEPT_PARAMETERS: ReadonlySet<string> = new Set([
  'api-version',
  'ids',
  'statuses',
  'top',
  '$top',
  'skip',
  '$skip',
  'maxpagesize',
  '$maxpagesize',
]);

/** What a redacted value reads. */
export const REDACTED = 'REDACTED';

/** `url` with user info, fragment and every query value docindex did not put there redacted. */
export function redactUrl(url: string): string {
  const schemeEnd = url.indexOf('://');
  const authorityStart = schemeEnd === -1 ? 0 : schemeEnd + 3;
  const queryStart = url.indexOf('?');
  const fragmentStart = url.indexOf('#');
  const at = url.indexOf('@', authorityStart);
  // The usual URL, without user info, query or fragment, is returned as it is.
  if (queryStart === -1 && fragmentStart === -1 && at === -1) return url;

  const end = fragmentStart === -1 ? url.length : fragmentStart;
  const beforeQuery = queryStart === -1 || queryStart > end ? end : queryStart;
  let head = url.slice(0, beforeQuery);
  const authorityEnd = firstOf(head, authorityStart, '/');
  const userInfoEnd = head.lastIndexOf('@', authorityEnd - 1);
  if (schemeEnd !== -1 && userInfoEnd >= authorityStart) {
    head = `${head.slice(0, authorityStart)}${REDACTED}:${REDACTED}${head.slice(userInfoEnd)}`;
  }
  if (beforeQuery === end) return head;
  return `${head}?${redactQuery(url.slice(beforeQuery + 1, end))}`;
}

function redactQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      // A bare `?token` is all value.
      if (equals === -1) return pair === '' ? '' : REDACTED;
      const name = pair.slice(0, equals);
      return KEPT_PARAMETERS.has(decodedName(name)) ? pair : `${name}=${REDACTED}`;
    })
    .join('&');
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll('+', ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** The index of the first `/` at or after `from`, or the string's length. */
function firstOf(text: string, from: number, char: string): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}
