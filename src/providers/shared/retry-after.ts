/**
 * Reads how long a server asked us to wait, from `retry-after-ms` (milliseconds,
 * Azure) or `Retry-After` (delta-seconds or an HTTP date). Returns undefined when
 * neither is present or readable. `now` is injectable for tests.
 */
export function parseRetryAfter(
  getHeader: (name: string) => string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const ms = getHeader('retry-after-ms') ?? getHeader('x-ms-retry-after-ms');
  if (ms != null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const header = getHeader('retry-after');
  if (header == null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only an HTTP-date (all three RFC 9110 forms start with the day name): Date.parse
  // alone is lenient and reads garbage such as '-3' as a year, i.e. "retry now".
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
