/**
 * Values for property tests of response checks against zod: near a schema's
 * shape (built from its definition), arbitrary JSON, and anything at all.
 */
import fc from 'fast-check';
import type * as z from 'zod/mini';

type Schema = z.core.$ZodType;

/** Values zod is particular about, used in place of a field's proper value. */
const ODD_VALUES: readonly unknown[] = [
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  1.5,
  '',
  'text',
  true,
  false,
  [],
  [null],
  {},
  Object.create(null),
  new Date(0),
  new Map(),
];

const oddValue = fc.constantFrom(...ODD_VALUES);

/**
 * Values near a schema's shape: built from its definition, mostly of the right
 * type, with fields dropped, nulled, set to undefined or retyped, and extra keys.
 */
export function near(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  const wrong = fc.oneof(oddValue, fc.jsonValue({ maxDepth: 1 }));
  const right = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case 'string':
        return fc.string({ maxLength: 6 });
      case 'number':
        // fc.double() includes NaN and ±Infinity, which z.number() refuses.
        return fc.oneof({ arbitrary: fc.integer(), weight: 4 }, { arbitrary: fc.double(), weight: 1 });
      case 'boolean':
        return fc.boolean();
      case 'unknown':
      case 'any':
        return fc.oneof(oddValue, fc.jsonValue({ maxDepth: 2 }));
      case 'optional':
        return fc.oneof(fc.constant(undefined), near(def.innerType, depth));
      case 'nullable':
        return fc.oneof(fc.constant(null), near(def.innerType, depth));
      case 'array':
        // Sparse arrays too: zod checks a hole as undefined.
        return fc.oneof(
          { arbitrary: fc.array(near(def.element, depth + 1), { maxLength: depth > 2 ? 1 : 4 }), weight: 6 },
          { arbitrary: fc.sparseArray(near(def.element, depth + 1), { maxLength: 4 }), weight: 1 },
        );
      case 'union':
        return fc.oneof(...def.options.map((option) => near(option, depth)));
      case 'record':
        return fc.dictionary(fc.constantFrom('EXTRACT', 'DONE', 'x', '', '__proto__'), near(def.valueType, depth + 1), {
          maxKeys: 4,
        });
      case 'object': {
        const fields = Object.entries(def.shape).map(([key, field]) =>
          fc
            .tuple(
              // Mostly kept: a schema of ten fields should still see whole valid objects.
              fc.oneof(
                { arbitrary: fc.constant('keep'), weight: 24 },
                { arbitrary: fc.constantFrom('drop', 'null', 'undefined', 'retype'), weight: 1 },
              ),
              near(field, depth + 1),
              wrong,
            )
            .map(([how, value, other]): [string, unknown] | undefined => {
              if (how === 'drop') return undefined;
              if (how === 'null') return [key, null];
              if (how === 'undefined') return [key, undefined];
              return [key, how === 'retype' ? other : value];
            }),
        );
        const extras = fc.dictionary(fc.constantFrom('extra', 'id', 'value', 'constructor'), wrong, { maxKeys: 2 });
        return fc.tuple(fc.tuple(...fields), extras).map(([entries, extra]) => {
          const object: Record<string, unknown> = { ...extra };
          for (const entry of entries) if (entry) object[entry[0]] = entry[1];
          return object;
        });
      }
      default:
        throw new Error(`no generator for ${def.type}`);
    }
  })();
  return fc.oneof({ arbitrary: right, weight: 20 }, { arbitrary: wrong, weight: 1 });
}

/** Values for a schema: near its shape, arbitrary JSON, and anything at all. */
export function valuesFor(schema: Schema): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: near(schema), weight: 6 },
    { arbitrary: fc.jsonValue(), weight: 1 },
    {
      arbitrary: fc.anything({ withNullPrototype: true, withSparseArray: true, withBoxedValues: true, withMap: true }),
      weight: 1,
    },
  );
}
