import type { RetryOptions } from '../spec/client';
import { validationError } from '../spec/errors';
import { INDEX_STATUSES, isIndexStatus, type ProviderName } from '../spec/status';

/**
 * Small, allocation-free checks for options and ids. They run before any request
 * and throw a `validation` error that names the field.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns `value` when it is a plain object; otherwise throws a `validation` error naming `field`. */
export function requireObject(value: unknown, field: string, provider?: ProviderName): Record<string, unknown> {
  if (!isPlainObject(value)) throw validationError(field, `expected an object, got ${describe(value)}`, provider);
  return value;
}

/**
 * Returns `value` when it is a string within `rule` (length bounds default to at least 1 character, exact `length`, `pattern`);
 * otherwise throws a `validation` error naming `field`. Lengths are counted in Unicode code points, as the providers'
 * specs count them (Smithy's `length` trait, JSON Schema's `maxLength`), not in UTF-16 units: an id of 1,500 emoji is
 * 1,500 characters long, not 3,000.
 */
export function requireString(
  value: unknown,
  field: string,
  rule: { min?: number; max?: number; pattern?: RegExp; patternText?: string; length?: number },
  provider?: ProviderName,
): string {
  if (typeof value !== 'string') throw validationError(field, `expected a string, got ${describe(value)}`, provider);
  const min = rule.min ?? 1;
  // UTF-16 units are never fewer than code points, so the counting loop runs only when it can change the verdict.
  const units = value.length;
  const size =
    rule.length !== undefined || min > 1 || (rule.max !== undefined && units > rule.max)
      ? codePointLength(value)
      : units;
  if (rule.length !== undefined && size !== rule.length) {
    throw validationError(field, `must be exactly ${rule.length} characters, got ${size}`, provider);
  }
  if (size < min) {
    throw validationError(field, min === 1 ? 'must not be empty' : `must be at least ${min} characters`, provider);
  }
  if (rule.max !== undefined && size > rule.max) {
    throw validationError(field, `must be at most ${rule.max} characters, got ${size}`, provider);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw validationError(field, `must match ${rule.patternText ?? String(rule.pattern)}`, provider);
  }
  return value;
}

/** How many Unicode code points a string has (what Smithy's length trait counts for a string; a lone surrogate counts as one). */
export function codePointLength(text: string): number {
  // A string iterates by code point.
  let points = 0;
  for (const _ of text) points++;
  return points;
}

/** `undefined`, or an integer within `range`; anything else throws a `validation` error naming `field`. */
export function optionalInteger(
  value: unknown,
  field: string,
  range: { min: number; max?: number },
  provider?: ProviderName,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw validationError(field, `expected an integer, got ${describe(value)}`, provider);
  }
  if (value < range.min || (range.max !== undefined && value > range.max)) {
    const upper = range.max === undefined ? '' : ` and at most ${range.max}`;
    throw validationError(field, `must be at least ${range.min}${upper}, got ${value}`, provider);
  }
  return value;
}

/** `undefined`, or a finite number of at least `min`; anything else throws a `validation` error naming `field`. */
export function optionalFiniteNumber(value: unknown, field: string, min: number, provider?: ProviderName) {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw validationError(field, `expected a finite number >= ${min}, got ${describe(value)}`, provider);
  }
  return value;
}

/** Throws a `validation` error naming `field` unless `value` is `undefined` or a function. */
export function optionalFunction(value: unknown, field: string, provider?: ProviderName) {
  if (value !== undefined && typeof value !== 'function') {
    throw validationError(field, `expected a function, got ${describe(value)}`, provider);
  }
}

/** Throws a `validation` error naming `field` unless `value` is `undefined` or looks like an `AbortSignal`. */
export function optionalSignal(value: unknown, field: string, provider?: ProviderName) {
  if (value === undefined) return;
  const looksLikeSignal =
    isObjectLike(value) && typeof (value as { aborted?: unknown }).aborted === 'boolean' && 'addEventListener' in value;
  if (!looksLikeSignal) throw validationError(field, `expected an AbortSignal, got ${describe(value)}`, provider);
}

/**
 * Refuses a key of `options` (named `field`, none for a factory's own) that looks like a misspelt one of `known` (`timeout`
 * for `timeoutMs`, `concurency`, `maxAttempt`): TypeScript catches those in an object
 * literal, but from JavaScript, or through a variable, the option meant would
 * silently not apply. A key like none of them passes, so an object shared with other
 * code may carry fields of its own.
 */
export function refuseMisspelt(
  options: Record<string, unknown>,
  known: readonly string[],
  field: string,
  provider?: ProviderName,
): void {
  for (const key in options) {
    // Never beside the option it resembles: `indexArn` next to `indexId` is a field of its own.
    const meant = known.includes(key)
      ? undefined
      : known.find((name) => options[name] === undefined && isMeant(key.toLowerCase(), name));
    if (meant)
      throw validationError(field ? `${field}.${key}` : key, `not an option; did you mean ${meant}?`, provider);
  }
}

/**
 * Another factory's name for the same option: NAVER's gateway is `baseUrl` where
 * every other factory says `endpoint`, and `{ endpoint }` given to NAVER went to
 * the public gateway instead of the simulator it named.
 */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  endpoint: ['baseUrl'],
  baseurl: ['endpoint'],
  url: ['endpoint', 'baseUrl'],
  // The page settings of `byPage`, by the names other SDKs and the providers' APIs give them.
  pagesize: ['maxPageSize'],
  maxitems: ['maxPageSize'],
  maxresults: ['maxPageSize'],
  top: ['maxPageSize'],
  nexttoken: ['continuationToken'],
};

/** Whether `key` (lower-cased) looks like the option `name` was meant: a misspelling, or another factory's name for it. */
function isMeant(key: string, name: string): boolean {
  return resembles(key, name.toLowerCase()) || SYNONYMS[key]?.includes(name) === true;
}

/**
 * Whether `a` (4 letters or more) is `b` but for case; the start of it, up to three
 * letters short (`timeout`, `userAgen`), or it and one letter more; all of it but its
 * last two letters, then up to two letters off (`retries`); or it with one letter
 * added, dropped or changed; or, from 5 letters, it with two neighbouring letters
 * swapped (`endpiont`, `regoin`... `credentails`), the commonest typo. (A key that is
 * an option and a word more, `clientId`, `regionName`, is a field of its own.)
 */
function resembles(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const rest = a.slice(i + 1);
  const longer = Math.abs(a.length - b.length);
  return (
    a.length > 3 &&
    (i === Math.min(a.length, b.length)
      ? a.length < b.length + 2 && longer < 4
      : (i > 3 && i >= b.length - 2 && longer < 3) ||
        rest === b.slice(i + 1) ||
        rest === b.slice(i) ||
        a.slice(i) === b.slice(i + 1) ||
        (a.length > 4 &&
          a.length === b.length &&
          a[i] === b[i + 1] &&
          a[i + 1] === b[i] &&
          a.slice(i + 2) === b.slice(i + 2)))
  );
}

/** The options every factory takes beside its provider's own (`ClientOptions`). */
export const CLIENT_OPTIONS = ['retry', 'concurrency', 'rateLimit', 'hooks', 'logger', 'userAgent'] as const;
export const CALL_OPTIONS = ['signal', 'timeoutMs'] as const;
const BATCH_OPTIONS = [...CALL_OPTIONS, 'concurrency'];
const LIST_OPTIONS = [...CALL_OPTIONS, 'statuses'];
/** What `byPage(settings)` takes. */
export const PAGE_SETTINGS = ['continuationToken', 'maxPageSize'] as const;
const DELAYS = ['minDelayMs', 'maxDelayMs'];
const WAIT_OPTIONS = [...BATCH_OPTIONS, ...DELAYS, 'notFoundGraceMs', 'until', 'onProgress'];

/** `minDelayMs` and `maxDelayMs` of `options` (named `field`), each a finite number >= 0, the first not above the second. */
function validateDelays(options: Record<string, unknown>, field: string, provider?: ProviderName): void {
  optionalFiniteNumber(options.minDelayMs, `${field}.minDelayMs`, 0, provider);
  optionalFiniteNumber(options.maxDelayMs, `${field}.maxDelayMs`, 0, provider);
  if ((options.minDelayMs as number) > (options.maxDelayMs as number)) {
    throw validationError(`${field}.minDelayMs`, 'must not be above maxDelayMs', provider);
  }
}

/** `retry` as given to a factory. */
export function validateRetryOptions(value: unknown, provider?: ProviderName): RetryOptions | undefined {
  if (value === undefined) return undefined;
  const retry = requireObject(value, 'retry', provider);
  refuseMisspelt(retry, ['maxAttempts', ...DELAYS], 'retry', provider);
  optionalInteger(retry.maxAttempts, 'retry.maxAttempts', { min: 1, max: 100 }, provider);
  validateDelays(retry, 'retry', provider);
  return retry as RetryOptions;
}

/** The options every method takes, plus `concurrency` where `batch` is set. */
export function validateCallOptions(
  value: unknown,
  provider: ProviderName,
  kind: { batch?: boolean; list?: boolean; wait?: boolean } = {},
): void {
  if (value === undefined) return;
  // A signal in the options' place (`getStatuses(ids, signal)`) would otherwise apply nothing.
  if (value instanceof AbortSignal) throw validationError('options', 'pass the signal as { signal }', provider);
  const options = requireObject(value, 'options', provider);
  refuseMisspelt(
    options,
    kind.wait ? WAIT_OPTIONS : kind.batch ? BATCH_OPTIONS : kind.list ? LIST_OPTIONS : CALL_OPTIONS,
    'options',
    provider,
  );
  optionalSignal(options.signal, 'options.signal', provider);
  optionalFiniteNumber(options.timeoutMs, 'options.timeoutMs', 0, provider);
  if (kind.batch) optionalInteger(options.concurrency, 'options.concurrency', { min: 1, max: 256 }, provider);
  if (kind.list) {
    // Page settings given to the listing itself were ignored: a resume silently started over. Their misspellings
    // and other SDKs' names for them too (`pageSize`), which are no listing option either.
    for (const key in options) {
      if (options[key] === undefined || LIST_OPTIONS.includes(key)) continue;
      const setting = PAGE_SETTINGS.find((name) => key === name || isMeant(key.toLowerCase(), name));
      if (setting)
        throw validationError(`options.${key}`, `a page setting: pass it to .byPage({ ${setting} })`, provider);
    }
  }
  if (kind.list && options.statuses !== undefined) {
    if (!Array.isArray(options.statuses)) {
      throw validationError('options.statuses', `expected an array, got ${describe(options.statuses)}`, provider);
    }
    // `Array.from`, not `forEach`: a hole of a sparse array is checked as the undefined it reads as.
    Array.from(options.statuses, (status, i) => {
      if (!isIndexStatus(status)) {
        // The string itself is not echoed (describe() never echoes one: it might be a secret passed by mistake).
        const expected = `one of ${INDEX_STATUSES.join(', ')}`;
        throw validationError(`options.statuses[${i}]`, `expected ${expected}, got ${describe(status)}`, provider);
      }
      return status;
    });
  }
  if (kind.wait) {
    validateDelays(options, 'options', provider);
    optionalFiniteNumber(options.notFoundGraceMs, 'options.notFoundGraceMs', 0, provider);
    optionalFunction(options.until, 'options.until', provider);
    optionalFunction(options.onProgress, 'options.onProgress', provider);
  }
}

/**
 * A short description of a bad value for messages: its type, and the value only
 * for numbers. Strings are never echoed, so a secret pasted into the wrong option
 * does not end up in an error message or a log.
 */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return value.length === 0 ? 'an empty string' : 'a string';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function isObjectLike(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
