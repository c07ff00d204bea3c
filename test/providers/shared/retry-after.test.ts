import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/providers/shared/retry-after';

/** A header getter over a plain record, case-insensitive like Headers. */
function headers(values: Record<string, string | null | undefined>) {
  const lower = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return (name: string) => lower[name.toLowerCase()];
}

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds, whole and fractional', () => {
    expect(parseRetryAfter(headers({ 'Retry-After': '3' }), NOW)).toBe(3000);
    expect(parseRetryAfter(headers({ 'Retry-After': ' 0 ' }), NOW)).toBe(0);
    expect(parseRetryAfter(headers({ 'Retry-After': '1.5' }), NOW)).toBe(1500);
  });

  it('reads an HTTP date relative to the injected now, never negative', () => {
    expect(parseRetryAfter(headers({ 'Retry-After': 'Wed, 01 Jan 2025 00:00:10 GMT' }), NOW)).toBe(10_000);
    expect(parseRetryAfter(headers({ 'Retry-After': 'Tue, 31 Dec 2024 23:59:00 GMT' }), NOW)).toBe(0);
    // The two obsolete forms RFC 9110 still asks recipients to accept.
    expect(parseRetryAfter(headers({ 'Retry-After': 'Wednesday, 01-Jan-25 00:00:05 GMT' }), NOW)).toBe(5000);
    expect(parseRetryAfter(headers({ 'Retry-After': 'Wed Jan  1 00:00:07 2025' }), NOW)).toBe(7000);
  });

  it('prefers retry-after-ms and x-ms-retry-after-ms over Retry-After', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'Retry-After': '9' }), NOW)).toBe(250);
    expect(parseRetryAfter(headers({ 'x-ms-retry-after-ms': '40', 'Retry-After': '9' }), NOW)).toBe(40);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '0' }), NOW)).toBe(0);
  });

  it('falls back to Retry-After when retry-after-ms is unreadable', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': 'soon', 'Retry-After': '2' }), NOW)).toBe(2000);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '-5', 'Retry-After': '2' }), NOW)).toBe(2000);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '  ', 'Retry-After': '2' }), NOW)).toBe(2000);
  });

  it('returns undefined for absent, empty, negative and garbage values', () => {
    expect(parseRetryAfter(headers({}), NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'Retry-After': null }), NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'Retry-After': '' }), NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'Retry-After': '-3' }), NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'Retry-After': 'soon' }), NOW)).toBeUndefined();
    // Date.parse would read these as years or dates; they are not HTTP-dates.
    expect(parseRetryAfter(headers({ 'Retry-After': '2025' + '-01-02' }), NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'Retry-After': '12abc' }), NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'Retry-After': '1e3' }), NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after-ms': 'NaN' }), NOW)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after-ms': 'Infinity' }), NOW)).toBeUndefined();
  });

  it('uses the clock when no now is given', () => {
    const future = new Date(Date.now() + 60_000).toUTCString();
    const ms = parseRetryAfter(headers({ 'Retry-After': future }));
    expect(ms).toBeGreaterThan(55_000);
    expect(ms).toBeLessThanOrEqual(60_000);
  });

  it('never returns a negative or non-finite delay, whatever the header (property)', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), (ms, after) => {
        const result = parseRetryAfter(headers({ 'retry-after-ms': ms, 'retry-after': after }), NOW);
        if (result !== undefined) {
          expect(Number.isFinite(result)).toBe(true);
          expect(result).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('reads every whole number of seconds exactly (property)', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), (seconds) => {
        expect(parseRetryAfter(headers({ 'Retry-After': String(seconds) }), NOW)).toBe(seconds * 1000);
      }),
    );
  });
});
