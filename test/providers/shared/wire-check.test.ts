import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as azureSchemas from '../../../src/providers/azure/wire';
import * as naverWire from '../../../src/providers/naver/wire';
import { compileWireCheck, wireParser } from '../../../src/providers/shared/wire-check';
import { valuesFor } from './schema-values';

type Schema = z.core.$ZodType;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** Every schema the two modules export, by name. */
const WIRE_SCHEMAS: Array<[string, Schema]> = [];
for (const [module, exports] of [
  ['azure', azureSchemas],
  ['naver', naverWire],
] as const) {
  for (const [name, value] of Object.entries(exports))
    if (isSchema(value)) WIRE_SCHEMAS.push([`${module} ${name}`, value]);
}

/** True when an own `__proto__` key is anywhere in the value (fast-check makes them). */
function holdsOwnProtoKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.hasOwn(value, '__proto__')) return true;
  return Object.values(value).some(holdsOwnProtoKey);
}

/** The value with every own `__proto__` key of its plain objects removed. */
function withoutOwnProtoKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOwnProtoKeys);
  if (typeof value !== 'object' || value === null) return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy = Object.create(prototype) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) if (key !== '__proto__') copy[key] = withoutOwnProtoKeys(item);
  return copy;
}

/**
 * Asserts the compiled verdict equals zod's, and that both verdicts were seen.
 * The one allowed difference is the documented one: declining a value zod
 * accepts when it holds an own `__proto__` key (which zod's copy drops).
 */
function expectZodVerdicts(schema: Schema, values: fc.Arbitrary<unknown>, numRuns = 1500): void {
  const check = compileWireCheck(schema);
  expect(check).toBeTypeOf('function');
  const seen = { accepted: 0, refused: 0 };
  fc.assert(
    fc.property(values, (value) => {
      const expected = z.safeParse(schema, value).success;
      const verdict = check?.(value);
      if (verdict === false && expected && holdsOwnProtoKey(value)) {
        // Declined for that key alone: without it, both accept.
        const stripped = withoutOwnProtoKeys(value);
        expect(check?.(stripped)).toBe(true);
        expect(z.safeParse(schema, stripped).success).toBe(true);
        return;
      }
      expect(verdict).toBe(expected);
      seen[expected ? 'accepted' : 'refused']++;
    }),
    { numRuns },
  );
  expect(seen.accepted).toBeGreaterThan(numRuns / 20);
  expect(seen.refused).toBeGreaterThan(numRuns / 20);
}

describe('compileWireCheck', () => {
  it('finds the wire schemas', () => {
    expect(WIRE_SCHEMAS.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'azure azureDocumentListSchema',
        'azure azureDocumentSchema',
        'azure azureTranslationSchema',
        'azure azureErrorBodySchema',
        'naver naverStatusDataSchema',
        'naver naverCodeEnvelopeSchema',
        'naver naverStatusEnvelopeSchema',
        'naver naverDeleteResultSchema',
      ]),
    );
  });

  it.each(WIRE_SCHEMAS)('compiles %s to a predicate with the verdict of safeParse (property)', (_name, schema) => {
    expectZodVerdicts(schema, valuesFor(schema));
  });

  // Constructs our schemas do not use today, held to the same rule.
  const combinations: Array<[string, Schema]> = [
    [
      'every scalar optional, nullable or both',
      z.object({
        s1: z.optional(z.string()),
        s2: z.nullable(z.string()),
        s3: z.nullable(z.optional(z.string())),
        n1: z.optional(z.number()),
        n2: z.nullable(z.number()),
        n3: z.optional(z.nullable(z.number())),
        b1: z.optional(z.boolean()),
        b2: z.nullable(z.boolean()),
      }),
    ],
    ['nullable(optional(boolean))', z.object({ flag: z.nullable(z.optional(z.boolean())) })],
    ['required unknown (present undefined passes, absent fails)', z.object({ info: z.unknown(), n: z.number() })],
    ['optional of a union of objects', z.object({ u: z.optional(z.union([z.object({ a: z.string() }), z.number()])) })],
    ['union holding an optional option', z.object({ u: z.union([z.optional(z.string()), z.number()]) })],
    ['array of optional strings', z.object({ list: z.array(z.optional(z.string())) })],
    ['record of arrays of nullable numbers', z.record(z.string(), z.array(z.nullable(z.number())))],
    ['loose object with catchall any', z.catchall(z.object({ id: z.string() }), z.any())],
    [
      'nested optional and nullable wrappers',
      z.object({ v: z.optional(z.optional(z.nullable(z.nullable(z.string())))) }),
    ],
  ];

  it.each(combinations)('compiles %s with the verdict of safeParse (property)', (_name, schema) => {
    expectZodVerdicts(schema, valuesFor(schema));
  });

  it('reads object keys as zod does: inherited properties count, a shape key __proto__ is ignored', () => {
    const shape: Record<string, Schema> = { toString: z.unknown() };
    // A literal `__proto__:` would set the prototype; this makes an own key.
    Object.defineProperty(shape, '__proto__', { value: z.string(), enumerable: true });
    const schema = z.object(shape);
    const check = compileWireCheck(schema);
    expect(check).toBeTypeOf('function');
    for (const value of [{}, Object.create(null), { toString: undefined }, [], null]) {
      expect(check?.(value)).toBe(z.safeParse(schema, value).success);
    }
  });

  it('applies z.record plain-object test, which z.object does not', () => {
    const record = z.record(z.string(), z.string());
    const check = compileWireCheck(record);
    class Custom {
      a = 'x';
    }
    for (const value of [new Custom(), Object.create(null), new Map(), { a: 'x' }, { [Symbol('s')]: 'x' }]) {
      expect(check?.(value)).toBe(z.safeParse(record, value).success);
    }
  });

  it('declines a record holding an own __proto__ key, so that zod answers with its copy without it', () => {
    const body: unknown = JSON.parse(
      '{"status":"DONE","step":{"__proto__":{"isFailed":"no"},"DONE":{"isFailed":false}}}',
    );
    expect(z.safeParse(naverWire.naverStatusDataSchema, body).success).toBe(true);
    expect(compileWireCheck(naverWire.naverStatusDataSchema)?.(body)).toBe(false);
    const result = wireParser(naverWire.naverStatusDataSchema)(body);
    expect(result.success).toBe(true);
    expect(result.data).not.toBe(body);
    expect(Object.keys(result.data?.step ?? {})).toEqual(['DONE']);
  });
});

describe('unsupported schemas', () => {
  const unsupported: Array<[string, Schema, unknown[]]> = [
    ['a string with a length check', z.string().check(z.minLength(2)), ['ab', 'a', 3]],
    ['a number with a check', z.number().check(z.positive()), [1, -1, 'x']],
    ['an integer', z.int(), [1, 1.5]],
    ['a string format', z.email(), ['a@b.co', 'nope']],
    ['a coerced number', z.coerce.number(), ['12', 'x']],
    ['a strict object', z.strictObject({ a: z.string() }), [{ a: 'x' }, { a: 'x', b: 1 }]],
    [
      'an object with a refinement',
      z.object({ a: z.string() }).check(z.refine((v) => v.a !== 'no')),
      [{ a: 'x' }, { a: 'no' }],
    ],
    [
      'a catchall that validates',
      z.catchall(z.object({ a: z.string() }), z.string()),
      [
        { a: 'x', b: 'y' },
        { a: 'x', b: 1 },
      ],
    ],
    [
      'a transform',
      z.pipe(
        z.string(),
        z.transform((s: string) => s.length),
      ),
      ['abc', 3],
    ],
    ['a default', z.object({ a: z._default(z.string(), 'd') }), [{}, { a: 1 }]],
    ['an exact optional', z.object({ a: z.exactOptional(z.string()) }), [{}, { a: undefined }, { a: 'x' }]],
    ['a literal', z.literal('a'), ['a', 'b']],
    ['an array with a length check', z.array(z.string()).check(z.minLength(1)), [[], ['a']]],
    ['a discriminated union', z.discriminatedUnion('k', [z.object({ k: z.literal('a') })]), [{ k: 'a' }, { k: 'b' }]],
    ['a loose record', z.looseRecord(z.string(), z.number()), [{ a: 1 }, { a: 'x' }]],
    ['a nested unsupported field', z.looseObject({ id: z.string(), n: z.optional(z.int()) }), [{ id: 'x', n: 1.5 }]],
  ];

  it.each(unsupported)('leaves %s to zod', (_name, schema, values) => {
    expect(compileWireCheck(schema)).toBeUndefined();
    const parse = wireParser(schema as z.ZodMiniType);
    for (const value of values) {
      const ours = parse(value);
      const zods = z.safeParse(schema, value);
      expect(ours.success).toBe(zods.success);
      expect(ours.data).toEqual(zods.data);
      expect(ours.error?.issues).toEqual(zods.error?.issues);
    }
  });

  it('returns what a transform made, showing zod ran', () => {
    const parse = wireParser(
      z.pipe(
        z.string(),
        z.transform((s: string) => s.length),
      ),
    );
    expect(parse('abcd')).toEqual({ success: true, data: 4 });
  });

  it('leaves a recursive schema to zod instead of walking it forever', () => {
    const node = z.object({
      name: z.string(),
      get children(): z.ZodMiniOptional<z.ZodMiniArray<typeof node>> {
        return z.optional(z.array(node));
      },
    });
    expect(compileWireCheck(node)).toBeUndefined();
    expect(wireParser(node)({ name: 'a', children: [{ name: 'b' }] }).success).toBe(true);
    expect(wireParser(node)({ name: 'a', children: [{ name: 1 }] }).success).toBe(false);
  });
});

describe('wireParser', () => {
  const page = {
    value: [
      { id: '0000', status: 'Succeeded', progress: 1, error: null, extra: { kept: true } },
      { id: '0001', status: 'Failed', error: { code: 'x', innerError: { message: 'm' } } },
    ],
    '@nextLink': null,
  };

  it('hands back the input itself when the check passes', () => {
    const result = wireParser(azureSchemas.azureDocumentListSchema)(page);
    expect(result.success).toBe(true);
    expect(result.data).toBe(page);
    const envelope = { code: 20000, message: 'Success', data: { status: 'DONE' } };
    expect(wireParser(naverWire.naverCodeEnvelopeSchema)(envelope).data).toBe(envelope);
  });

  it('keeps keys a stripping object would drop, the only difference from zod on success', () => {
    const data = { status: 'DONE', unknownField: 1 };
    expect(wireParser(naverWire.naverStatusDataSchema)(data).data).toBe(data);
    expect(z.safeParse(naverWire.naverStatusDataSchema, data).data).toEqual({ status: 'DONE' });
  });

  it("fails with zod's issues and paths", () => {
    const broken = { ...page, value: [{ id: '0000', status: 7 }] };
    const result = wireParser(azureSchemas.azureDocumentListSchema)(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual(z.safeParse(azureSchemas.azureDocumentListSchema, broken).error?.issues);
    expect(result.error?.issues[0]?.path).toEqual(['value', 0, 'status']);
  });
});
