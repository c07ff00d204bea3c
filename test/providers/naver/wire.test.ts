import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import {
  naverCodeEnvelopeSchema,
  naverStatusDataSchema,
  naverStatusEnvelopeSchema,
  readEnvelope,
  readStatusData,
} from '../../../src/providers/naver/wire';
import { valuesFor } from '../shared/schema-values';
import { SEED_EXAMPLE } from './fixtures';

/** True when an own `__proto__` key is anywhere in the value (JSON.parse makes them). */
function holdsOwnProtoKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.hasOwn(value, '__proto__')) return true;
  return Object.values(value).some(holdsOwnProtoKey);
}

/** A value as a JSON body would bring it: only what survives a JSON round trip. */
function asJson(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Values near a schema's shape, also as JSON bodies bring them. */
const bodiesFor = (schema: z.core.$ZodType) => fc.oneof(valuesFor(schema), valuesFor(schema).map(asJson));

/** What readEnvelope answers by zod's verdicts alone: the code envelope first, then the status envelope. */
function envelopeByZod(body: unknown) {
  const coded = z.safeParse(naverCodeEnvelopeSchema, body);
  if (coded.success) return { code: String(coded.data.code), payload: coded.data.data, wire: body };
  const wrapped = z.safeParse(naverStatusEnvelopeSchema, body);
  if (wrapped.success) return { code: String(wrapped.data.status.code), payload: wrapped.data.result, wire: body };
  return undefined;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('NAVER response checks', () => {
  it('reads status data with the verdict of its schema, keeping the object as received (property)', () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(bodiesFor(naverStatusDataSchema), (data) => {
        const expected = z.safeParse(naverStatusDataSchema, data).success;
        expect(readStatusData(data)).toBe(expected ? data : undefined);
        seen[expected ? 'accepted' : 'refused']++;
      }),
      { numRuns: 3000 },
    );
    expect(seen.accepted).toBeGreaterThan(300);
    expect(seen.refused).toBeGreaterThan(300);
  });

  it('reads either envelope with the verdicts of their schemas (property)', () => {
    const seen = { code: 0, status: 0, neither: 0 };
    const bodies = fc.oneof(bodiesFor(naverCodeEnvelopeSchema), bodiesFor(naverStatusEnvelopeSchema));
    fc.assert(
      fc.property(bodies, (body) => {
        const expected = envelopeByZod(body);
        const read = readEnvelope(body);
        expect(read).toEqual(expected);
        if (read) expect(read.wire).toBe(body);
        seen[expected === undefined ? 'neither' : 'data' in (expected.wire as object) ? 'code' : 'status']++;
      }),
      { numRuns: 3000 },
    );
    expect(Math.min(seen.code, seen.status, seen.neither)).toBeGreaterThan(100);
  });

  it('answers the bodies NAVER sends without zod, which runs only for bodies the fast checks decline', () => {
    const schemas = [naverStatusDataSchema, naverCodeEnvelopeSchema, naverStatusEnvelopeSchema];
    const spies = schemas.map((schema) => vi.spyOn(schema, 'safeParse'));
    const deleteAnswer = { status: { code: 200, message: '' }, result: { deleted: ['12345'] } };
    expect(readEnvelope(SEED_EXAMPLE)?.code).toBe('20000');
    expect(readStatusData(SEED_EXAMPLE.data)).toBe(SEED_EXAMPLE.data);
    expect(readEnvelope(deleteAnswer)?.code).toBe('200');
    expect(readEnvelope({ code: '40400', message: 'Not Found' })?.code).toBe('40400');
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0]);

    // Declined: zod decides (and refuses), as before the fast checks.
    expect(readStatusData({ ...SEED_EXAMPLE.data, status: 1 })).toBeUndefined();
    expect(readEnvelope({ code: true })).toBeUndefined();
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual([1, 1, 1]);
  });

  it('leaves JSON bodies that hold an own __proto__ key to zod, with its verdict', () => {
    const data: unknown = JSON.parse(
      '{"status":"DONE","step":{"__proto__":{"isFailed":false},"DONE":{"isFailed":false}}}',
    );
    expect(holdsOwnProtoKey(data)).toBe(true);
    const spy = vi.spyOn(naverStatusDataSchema, 'safeParse');
    expect(readStatusData(data)).toBe(data);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
