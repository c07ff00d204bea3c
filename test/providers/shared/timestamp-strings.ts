/**
 * Timestamp strings for property tests of the ISO 8601 readers: the fields of
 * `YYYY-MM-DDTHH:MM:SS[.f](Z|±HH:MM)`, valid or just past their ranges, and
 * strings one character away from the form.
 */
import fc from 'fast-check';

export const pad = (value: number, width: number) => String(value).padStart(width, '0');

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

export function format(f: Fields): string {
  const date = `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}`;
  const time = `${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}`;
  const fraction = f.fraction === undefined ? '' : `.${f.fraction}`;
  const offset = f.offset === undefined ? 'Z' : `${f.offset.sign}${pad(f.offset.hour, 2)}:${pad(f.offset.minute, 2)}`;
  return `${date}T${time}${fraction}${offset}`;
}

export const validFields = fields({ month: 12, day: 28, hour: 23, minute: 59, offsetHour: 23 }).filter(
  (f) => f.year >= 100 && f.month >= 1 && f.day >= 1,
);
export const anyFields = fields({ month: 13, day: 32, hour: 24, minute: 60, offsetHour: 24 });

/** A timestamp string with one character replaced, inserted or removed. */
export const mutated = fc
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
