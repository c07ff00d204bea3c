import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNaverTimestamp, parseTimestampByDateParse } from '../../../src/providers/naver/status';
import { readIsoTimestamp } from '../../../src/providers/shared/timestamps';
import { anyFields, format, mutated, pad, validFields } from '../shared/timestamp-strings';

const time = (date: Date | undefined) => date?.getTime();

describe('parseNaverTimestamp', () => {
  it('reads the seed example form', () => {
    expect(parseNaverTimestamp('2025-07-09T11:31:39.123000+00:00')).toEqual(new Date('2025-07-09T11:31:39.123Z'));
    expect(parseNaverTimestamp('2025-07-09T20:31:39.9+09:00')).toEqual(new Date('2025-07-09T11:31:39.900Z'));
    expect(parseNaverTimestamp('2025-07-09T11:31:39Z')).toEqual(new Date('2025-07-09T11:31:39.000Z'));
  });

  it('is undefined for absent and empty values', () => {
    expect(parseNaverTimestamp(undefined)).toBeUndefined();
    expect(parseNaverTimestamp(null)).toBeUndefined();
    expect(parseNaverTimestamp('')).toBeUndefined();
  });

  it('reads every valid timestamp field by field, as Date.parse reads it (property)', () => {
    fc.assert(
      fc.property(validFields, (f) => {
        const text = format(f);
        const expected = time(parseTimestampByDateParse(text));
        expect(expected).toBeTypeOf('number');
        // The fast reader answers itself rather than handing over to Date.parse.
        expect(readIsoTimestamp(text)).toBe(expected);
        expect(time(parseNaverTimestamp(text))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the last days of every month, leap years included, and leaves days a month lacks (property)', () => {
    const leap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const monthLength = (year: number, month: number) =>
      month === 2 ? (leap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
    const monthEnds = fc.record({
      year: fc.integer({ min: 100, max: 9999 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 28, max: 31 }),
    });
    fc.assert(
      fc.property(monthEnds, ({ year, month, day }) => {
        const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T00:00:00Z`;
        expect(readIsoTimestamp(text) === undefined).toBe(day > monthLength(year, month));
        expect(time(parseNaverTimestamp(text))).toBe(time(parseTimestampByDateParse(text)));
      }),
      { numRuns: 1000 },
    );
  });

  it('answers out-of-range fields and malformed strings as the Date.parse reading does (property)', () => {
    fc.assert(
      fc.property(fc.oneof(anyFields.map(format), mutated, fc.string(), fc.string({ unit: 'binary' })), (text) => {
        expect(time(parseNaverTimestamp(text))).toBe(time(parseTimestampByDateParse(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['2025-13-01T00:00:00Z'],
    ['2025-02-30T00:00:00Z'],
    ['2024-02-29T00:00:00Z'],
    ['2025-02-29T00:00:00Z'],
    ['2025-07-09T24:00:00Z'],
    ['2025-07-09T23:59:60Z'],
    ['2025-07-09T11:31:39+24:00'],
    ['0050-07-09T11:31:39Z'],
    ['2025-07-09T11:31:39.1234567891Z'],
    ['2025-07-09T11:31:39.Z'],
    ['2025-07-09T11:31:39'],
    ['2025-07-09 11:31:39Z'],
    ['2025-07-09t11:31:39z'],
    ['2025-07-09T11:31:39+0900'],
    ['not a date'],
  ])('answers %s as the Date.parse reading does', (text) => {
    expect(time(parseNaverTimestamp(text))).toBe(time(parseTimestampByDateParse(text)));
  });

  it('leaves days a month does not have to Date.parse, which rolls them over', () => {
    expect(readIsoTimestamp('2025-02-30T00:00:00Z')).toBeUndefined();
    expect(parseNaverTimestamp('2025-02-30T00:00:00Z')).toEqual(parseTimestampByDateParse('2025-02-30T00:00:00Z'));
  });
});
