import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNaverTimestamp, parseTimestampByDateParse, readIsoTimestamp } from '../../../src/providers/naver/status';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** The fields of a timestamp in NAVER's form; the ranges reach past the valid ones on purpose. */
const fields = (ranges: { month: number; day: number; hour: number; minute: number; offsetHour: number }) =>
  fc.record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: ranges.month }),
    day: fc.integer({ min: 0, max: ranges.day }),
    hour: fc.integer({ min: 0, max: ranges.hour }),
    minute: fc.integer({ min: 0, max: ranges.minute }),
    second: fc.integer({ min: 0, max: ranges.minute }),
    fraction: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
    offset: fc.option(
      fc.record({
        sign: fc.constantFrom('+', '-'),
        hour: fc.integer({ min: 0, max: ranges.offsetHour }),
        minute: fc.integer({ min: 0, max: ranges.minute }),
      }),
      { nil: undefined },
    ),
  });

type Fields = ReturnType<typeof fields> extends fc.Arbitrary<infer F> ? F : never;

function format(f: Fields): string {
  const date = `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}`;
  const time = `${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}`;
  const fraction = f.fraction === undefined ? '' : `.${f.fraction}`;
  const offset = f.offset === undefined ? 'Z' : `${f.offset.sign}${pad(f.offset.hour, 2)}:${pad(f.offset.minute, 2)}`;
  return `${date}T${time}${fraction}${offset}`;
}

const validFields = fields({ month: 12, day: 28, hour: 23, minute: 59, offsetHour: 23 }).filter(
  (f) => f.year >= 100 && f.month >= 1 && f.day >= 1,
);
const anyFields = fields({ month: 13, day: 32, hour: 24, minute: 60, offsetHour: 24 });

/** A timestamp string with one character replaced, inserted or removed. */
const mutated = fc
  .tuple(
    anyFields.map(format),
    fc.nat(),
    fc.constantFrom('replace', 'insert', 'remove'),
    fc.constantFrom(...'0123456789-:T.Z+ zt/'),
  )
  .map(([text, at, how, char]) => {
    const index = at % text.length;
    if (how === 'remove') return text.slice(0, index) + text.slice(index + 1);
    return text.slice(0, index) + char + text.slice(how === 'replace' ? index + 1 : index);
  });

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
