/**
 * The ISO 8601 timestamps providers send (`2025-07-09T11:31:39.123000+00:00`,
 * `2024-06-01T10:20:30.398Z`), read without `Date.parse` in the usual case: a
 * status can carry a dozen of them, and parsing each as a date string cost more
 * than the rest of its mapping.
 */

/**
 * Milliseconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)` with
 * every field in range; undefined for anything else, left to `Date.parse`. So
 * are years before 100, which `Date.UTC` would read as 19xx. Read by character
 * codes in one pass (a regular expression first cost as much as the rest of the
 * reading).
 */
export function readIsoTimestamp(text: string): number | undefined {
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== LETTER_T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return undefined;
  }
  const century = twoDigits(text, 0);
  const years = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  // twoDigits is -1 for anything but two digits, so a range test covers both.
  if (century < 0 || years < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  const year = century * 100 + years;
  if (year < 100 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > 28 && day > daysInMonth(year, month)) return undefined;
  // The fraction: 1 to 9 digits; those past the third are cut, not rounded, as the Date.parse path cuts them.
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === DOT) {
    const first = ++at;
    for (let digit = text.charCodeAt(at) - ZERO; digit >= 0 && digit <= 9; digit = text.charCodeAt(++at) - ZERO) {
      if (at - first < 3) millis = millis * 10 + digit;
    }
    const digits = at - first;
    if (digits === 0 || digits > 9) return undefined;
    if (digits < 3) millis *= digits === 1 ? 100 : 10;
  }
  // The offset: `Z`, or `±HH:MM`, and nothing after it.
  const sign = text.charCodeAt(at);
  let offsetMinutes = 0;
  if (sign === LETTER_Z) {
    if (at + 1 !== text.length) return undefined;
  } else if ((sign === PLUS || sign === DASH) && at + 6 === text.length && text.charCodeAt(at + 3) === COLON) {
    const offsetHour = twoDigits(text, at + 1);
    const offsetMinute = twoDigits(text, at + 4);
    if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return undefined;
    offsetMinutes = (sign === PLUS ? 1 : -1) * (offsetHour * 60 + offsetMinute);
  } else {
    return undefined;
  }
  const minutes = (daysSinceEpoch(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes;
  return minutes * 60_000 + second * 1000 + millis;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard
 * Hinnant's `days_from_civil`): what `Date.UTC` computes, in arithmetic that costs
 * a tenth of that builtin's call, which was most of a timestamp's reading.
 */
function daysSinceEpoch(year: number, month: number, day: number): number {
  // Years counted from March, so that a leap day ends its year. The year is 100 or
  // more, so every quotient is of positive numbers, and `| 0` floors it.
  const y = month <= 2 ? year - 1 : year;
  const daysBeforeMonth = ((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0;
  return y * 365 + ((y / 4) | 0) - ((y / 100) | 0) + ((y / 400) | 0) + daysBeforeMonth + day - 719_469;
}

const ZERO = 0x30;
const DASH = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const COLON = 0x3a;
const LETTER_T = 0x54;
const LETTER_Z = 0x5a;

/** The number of the two digits at `at`, or -1 when either is not a digit (or past the end). */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO;
  const ones = text.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1-12) of `year`, Gregorian leap years included. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1] as number;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}
