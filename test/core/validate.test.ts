import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describe as describeValue,
  optionalFiniteNumber,
  optionalInteger,
  refuseMisspelt,
  requireObject,
  requireString,
} from '../../src/core/validate';

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ code: 'validation', retryable: false });
    return (error as { field?: string }).field;
  }
  return undefined;
}

describe('validate helpers', () => {
  it('requireString checks type, exact length, min, max and pattern, naming the field', () => {
    const rule = { length: 4, pattern: /^[a-z]+$/, patternText: 'lowercase letters' };
    expect(requireString('abcd', 'indexId', rule)).toBe('abcd');
    expect(fieldOf(() => requireString(5, 'indexId', rule))).toBe('indexId');
    expect(fieldOf(() => requireString('abc', 'indexId', rule))).toBe('indexId');
    expect(() => requireString('ABCD', 'indexId', rule)).toThrow('Invalid indexId: must match lowercase letters');
    expect(() => requireString('1', 'id', { pattern: /^a$/ })).toThrow('must match /^a$/');
    expect(() => requireString('', 'id', {})).toThrow('must not be empty');
    expect(() => requireString('ab', 'id', { min: 3 })).toThrow('must be at least 3 characters');
    expect(() => requireString('abcd', 'id', { max: 3 })).toThrow('must be at most 3 characters, got 4');
    expect(requireString('', 'id', { min: 0 })).toBe('');
  });

  it('requireString counts lengths in code points, as Smithy and JSON Schema do, not in UTF-16 units', () => {
    const emoji = '😀';
    expect(requireString(emoji.repeat(3), 'id', { max: 3 })).toBe(emoji.repeat(3));
    expect(() => requireString(emoji.repeat(4), 'id', { max: 3 })).toThrow('must be at most 3 characters, got 4');
    expect(requireString(`a${emoji}c`, 'id', { length: 3 })).toBe(`a${emoji}c`);
    expect(() => requireString(emoji.repeat(2), 'id', { length: 4 })).toThrow('must be exactly 4 characters, got 2');
    expect(() => requireString(emoji, 'id', { min: 2 })).toThrow('must be at least 2 characters');
    // A lone surrogate is one code point; a pair split by another character is two.
    expect(requireString('\ud83d\ud83d', 'id', { max: 2 })).toBe('\ud83d\ud83d');
    expect(() => requireString('\ud83d\ud83d', 'id', { max: 1 })).toThrow('got 2');
  });

  it('requireString agrees with [...value].length for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), fc.integer({ min: 0, max: 12 }), (value, max) => {
        const accepted = fieldOf(() => requireString(value, 'id', { min: 0, max })) === undefined;
        expect(accepted).toBe([...value].length <= max);
      }),
    );
  });

  it('requireObject accepts plain objects only', () => {
    expect(requireObject({ a: 1 }, 'options')).toEqual({ a: 1 });
    for (const bad of [null, [], 'x', 3, undefined])
      expect(fieldOf(() => requireObject(bad, 'options'))).toBe('options');
  });

  it('optionalInteger and optionalFiniteNumber pass undefined and check ranges', () => {
    expect(optionalInteger(undefined, 'n', { min: 1 })).toBeUndefined();
    expect(optionalInteger(5, 'n', { min: 1 })).toBe(5);
    expect(() => optionalInteger(0, 'n', { min: 1 })).toThrow('must be at least 1, got 0');
    expect(() => optionalInteger(9, 'n', { min: 1, max: 8 })).toThrow('must be at least 1 and at most 8, got 9');
    expect(optionalFiniteNumber(undefined, 'ms', 0)).toBeUndefined();
    expect(optionalFiniteNumber(0.5, 'ms', 0)).toBe(0.5);
    expect(fieldOf(() => optionalFiniteNumber(Number.POSITIVE_INFINITY, 'ms', 0))).toBe('ms');
  });

  it('describe never echoes a string value (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (secret) => {
        expect(describeValue(secret)).toBe('a string');
      }),
    );
    expect(describeValue('')).toBe('an empty string');
    expect(describeValue(null)).toBe('null');
    expect(describeValue([1])).toBe('an array');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(-2)).toBe('-2');
    expect(describeValue({})).toBe('an object');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(() => 1)).toBe('function');
  });
});

describe('refuseMisspelt', () => {
  const known = ['signal', 'timeoutMs', 'concurrency', 'minDelayMs', 'maxDelayMs', 'notFoundGraceMs', 'onProgress'];

  it('passes every known option, and flags each with a letter dropped, added or changed, two swapped, or its case changed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...known),
        fc.nat(),
        fc.constantFrom('drop', 'add', 'change', 'case', 'swap'),
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
        (name, at, edit, letter) => {
          expect(fieldOf(() => refuseMisspelt({ [name]: 1 }, known, 'options'))).toBeUndefined();
          const i = at % name.length;
          const typo =
            edit === 'drop'
              ? name.slice(0, i) + name.slice(i + 1)
              : edit === 'add'
                ? name.slice(0, i) + letter + name.slice(i)
                : edit === 'change'
                  ? name.slice(0, i) + letter + name.slice(i + 1)
                  : edit === 'swap'
                    ? name.slice(0, i % (name.length - 1)) +
                      name[(i % (name.length - 1)) + 1] +
                      name[i % (name.length - 1)] +
                      name.slice((i % (name.length - 1)) + 2)
                    : name.toUpperCase();
          fc.pre(!known.includes(typo));
          expect(fieldOf(() => refuseMisspelt({ [typo]: 1 }, known, 'options'))).toBe(`options.${typo}`);
        },
      ),
    );
  });

  it("names another factory's word for an option: endpoint for NAVER's baseUrl, baseUrl for endpoint", () => {
    expect(() => refuseMisspelt({ endpoint: 'http://x' }, ['serviceId', 'baseUrl'], '')).toThrow(
      'Invalid endpoint: not an option; did you mean baseUrl?',
    );
    expect(() => refuseMisspelt({ baseUrl: 'http://x' }, ['indexId', 'endpoint'], '')).toThrow(
      'did you mean endpoint?',
    );
    expect(fieldOf(() => refuseMisspelt({ endpoint: 'x', baseUrl: 'y' }, ['baseUrl'], ''))).toBeUndefined();
  });

  it('leaves keys like no option alone, and a key beside the option it resembles', () => {
    expect(fieldOf(() => refuseMisspelt({ timeoutMs: 1, timeout: 2 }, known, 'options'))).toBeUndefined();
    for (const key of ['requestId', 'tenant', 'timeZone', 'label', 'sig', 'debug', 'retryPolicyName', 'signalId']) {
      expect(fieldOf(() => refuseMisspelt({ [key]: 1 }, known, 'options'))).toBeUndefined();
    }
  });
});
