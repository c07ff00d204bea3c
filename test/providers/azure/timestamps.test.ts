import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/providers/azure/status';
import { readIsoTimestamp } from '../../../src/providers/shared/timestamps';
import { anyFields, format, mutated, validFields } from '../shared/timestamp-strings';

/** What parseDate answered before it read the usual form itself: `new Date(value)`, undefined when invalid. */
function byDateConstructor(value: string): number | undefined {
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

describe('parseDate (Azure timestamps)', () => {
  it('reads the form Azure sends', () => {
    expect(parseDate('2024-06-01T10:20:30.398Z')).toEqual(new Date(Date.UTC(2024, 5, 1, 10, 20, 30, 398)));
    expect(parseDate('2024-06-01T10:20:30Z')).toEqual(new Date(Date.UTC(2024, 5, 1, 10, 20, 30)));
    expect(parseDate(undefined)).toBeUndefined();
    expect(parseDate(null)).toBeUndefined();
    expect(parseDate('')).toBeUndefined();
    expect(parseDate('yesterday')).toBeUndefined();
  });

  it('reads every valid timestamp itself, at the instant new Date reads (property)', () => {
    fc.assert(
      fc.property(validFields, (fields) => {
        const text = format(fields);
        expect(readIsoTimestamp(text)).toBeTypeOf('number');
        expect(parseDate(text)?.getTime()).toBe(byDateConstructor(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers out-of-range fields and malformed strings as new Date does (property)', () => {
    fc.assert(
      fc.property(fc.oneof(anyFields.map(format), mutated, fc.string()), (text) => {
        expect(parseDate(text)?.getTime()).toBe(text === '' ? undefined : byDateConstructor(text));
      }),
      { numRuns: 3000 },
    );
  });
});
