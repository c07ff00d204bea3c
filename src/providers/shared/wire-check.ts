import type * as z from 'zod/mini';

/**
 * Response validation without zod's per-call cost. zod's `safeParse` builds a
 * fresh copy of every object it checks, which costs more than `JSON.parse` on a
 * status page. Our wire schemas are plain shapes, so they compile (once) into a
 * predicate that only looks; zod still runs whenever that predicate says no, so
 * a failure keeps zod's issues and paths.
 */

/** True when a value is what the schema describes. */
export type WireCheck = (value: unknown) => boolean;

type Schema = z.core.$ZodType;
type Def = z.core.$ZodTypes['_zod']['def'];

/**
 * A compiled schema. `optional` and `nullable` only decide undefined and null,
 * so those two verdicts are flags and the rest applies to every other value:
 * `optional(nullable(string))` is one `typeof` test, not three calls.
 */
interface Node {
  /** undefined (as a value; an absent object key is the object's business). */
  readonly undefinedOk: boolean;
  readonly nullOk: boolean;
  /** A scalar's `typeof`, tested inline. */
  readonly type: 'string' | 'number' | 'boolean' | undefined;
  /** Any other value's test; none (with no `type`) accepts everything. */
  readonly test: WireCheck | undefined;
}

/** Nodes are made here only, so that every one has the same hidden class. */
function node(undefinedOk: boolean, nullOk: boolean, type: Node['type'], test: WireCheck | undefined): Node {
  return { undefinedOk, nullOk, type, test };
}

/** The compiled schema's verdict on one value. */
function accepts(node: Node, value: unknown): boolean {
  if (value === undefined) return node.undefinedOk;
  if (value === null) return node.nullOk;
  if (node.type !== undefined) {
    // z.number() refuses NaN and ±Infinity; Number.isFinite is false for all three.
    return typeof value === node.type && (node.type !== 'number' || Number.isFinite(value));
  }
  return node.test === undefined || node.test(value);
}

/**
 * Compiles a schema's definition (`schema._zod.def`, zod 4 core's introspection)
 * into a predicate with zod's verdict: string, number, boolean, unknown, any,
 * optional, nullable, object (stripping or loose), array, record of string keys
 * and union, each without checks. Anything else (refinements and length checks,
 * string formats, coercion, defaults, transforms, pipes, strict objects, lazy or
 * recursive schemas, literals, ...) gives undefined: the caller keeps zod.
 *
 * One deliberate difference: a record holding an own `__proto__` key (JSON.parse
 * makes one from `{"__proto__": ...}`) is declined although zod accepts it, since
 * zod's copy drops that key and a caller iterating the record must not see it.
 */
export function compileWireCheck(schema: z.core.$ZodType): WireCheck | undefined {
  const node = compileNode(schema, new Set());
  return node && ((value) => accepts(node, value));
}

/** What `wireParser` answers: zod's `safeParse` result type. */
export type WireParseResult<T> = z.core.util.SafeParseResult<T>;

/**
 * A drop-in for `schema.safeParse` that answers from the compiled predicate when
 * it can. On success the data is the input itself, not zod's copy, so it keeps
 * keys a stripping `z.object` would drop and shares the input's objects. That is
 * only right for schemas whose output is read by named fields (or whose objects
 * are loose anyway), and whose schemas transform nothing (the compiler refuses
 * transforms, so the input already has the output's type). Use sites say why
 * theirs qualify. The predicate is compiled on first use, never per call.
 */
export function wireParser<T extends z.ZodMiniType>(schema: T): (value: unknown) => WireParseResult<z.output<T>> {
  let compiled = false;
  let check: WireCheck | undefined;
  return (value) => {
    if (!compiled) {
      check = compileWireCheck(schema);
      compiled = true;
    }
    // The predicate has zod's verdict and the schema transforms nothing, so the
    // input is a valid output (a stripping object's extra keys aside).
    if (check?.(value)) return { success: true, data: value as z.output<T> };
    return schema.safeParse(value);
  };
}

/**
 * The definition keys each supported type may have besides `type`, a custom
 * `error` (which changes messages, not verdicts) and an empty `checks`. Any other
 * key changes what the schema accepts: a string format (`z.email()`), `z.int()`
 * and `z.coerce.*` share their types' names, `z.xor` and discriminated unions
 * add keys to a union, `z.partialRecord` and `z.looseRecord` to a record.
 */
const DEF_KEYS: Readonly<Record<string, readonly string[]>> = {
  string: [],
  number: [],
  boolean: [],
  unknown: [],
  any: [],
  optional: ['innerType'],
  nullable: ['innerType'],
  array: ['element'],
  union: ['options'],
  object: ['shape', 'catchall'],
  record: ['keyType', 'valueType'],
};

function compileNode(schema: Schema, visiting: Set<Schema>): Node | undefined {
  const def = schema._zod.def as Def;
  const allowed = Object.hasOwn(DEF_KEYS, def.type) ? DEF_KEYS[def.type] : undefined;
  // Refused: a recursive schema (a getter in a shape), which would walk forever;
  // a schema that is itself a check; `z.exactOptional`, whose definition is an
  // optional's but which refuses an explicit undefined.
  const { traits } = schema._zod;
  if (!allowed || visiting.has(schema) || traits.has('$ZodCheck') || traits.has('$ZodExactOptional')) return undefined;
  for (const key of Object.keys(def)) {
    if (key !== 'type' && key !== 'error' && !allowed.includes(key) && (key !== 'checks' || def.checks?.length)) {
      return undefined;
    }
  }
  visiting.add(schema);
  try {
    return compileDef(def, visiting);
  } finally {
    visiting.delete(schema);
  }
}

function compileDef(def: Def, visiting: Set<Schema>): Node | undefined {
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return node(false, false, def.type, undefined);
    case 'unknown':
    case 'any':
      return node(true, true, undefined, undefined);
    case 'optional':
    case 'nullable': {
      const inner = compileNode(def.innerType, visiting);
      const optional = def.type === 'optional';
      return inner && node(inner.undefinedOk || optional, inner.nullOk || !optional, inner.type, inner.test);
    }
    case 'array': {
      const element = compileNode(def.element, visiting);
      // By index, as zod does, so a hole is checked as undefined.
      return (
        element &&
        nonNullish((value) => {
          if (!Array.isArray(value)) return false;
          for (let index = 0; index < value.length; index++) if (!accepts(element, value[index])) return false;
          return true;
        })
      );
    }
    case 'union': {
      const options = def.options.map((option) => compileNode(option, visiting));
      if (!options.every((option) => option !== undefined)) return undefined;
      return node(
        options.some((option) => option.undefinedOk),
        options.some((option) => option.nullOk),
        undefined,
        (value) => options.some((option) => accepts(option, value)),
      );
    }
    case 'object':
      return compileObject(def, visiting);
    case 'record':
      return compileRecord(def, visiting);
    default:
      return undefined;
  }
}

/** A node for a test that refuses undefined and null. */
function nonNullish(test: WireCheck): Node {
  return node(false, false, undefined, test);
}

interface Field {
  readonly key: string;
  readonly node: Node;
  /** The verdict on an absent key. */
  readonly absentOk: boolean;
}

function compileObject(def: z.core.$ZodObjectDef, visiting: Set<Schema>): Node | undefined {
  // Only a loose object's catchall (unknown or any) accepts every extra key; a
  // strict object's is `never`, and any other catchall validates the extras.
  const catchall = def.catchall && compileNode(def.catchall, visiting);
  if (def.catchall && !(catchall && !catchall.type && !catchall.test && catchall.nullOk && catchall.undefinedOk)) {
    return undefined;
  }
  const shape = def.shape;
  if (Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  const fields: Field[] = [];
  for (const [key, fieldSchema] of Object.entries(shape)) {
    // zod never reads or writes a shape key named __proto__.
    if (key === '__proto__') continue;
    const compiled = compileNode(fieldSchema, visiting);
    if (!compiled) return undefined;
    // zod's rule for an absent key: refused unless the schema is optional on
    // input, accepted outright when it is optional on output too.
    const { optin, optout } = fieldSchema._zod;
    fields.push({
      key,
      node: compiled,
      absentOk: optin !== undefined && (optout === 'optional' || compiled.undefinedOk),
    });
  }
  return nonNullish((value) => {
    if (typeof value !== 'object' || Array.isArray(value)) return false;
    const object = value as Record<string, unknown>;
    for (const field of fields) {
      // zod reads `input[key]` and `key in input`, inherited properties included.
      const fieldValue = object[field.key];
      if (fieldValue === undefined && !(field.key in object) ? !field.absentOk : !accepts(field.node, fieldValue)) {
        return false;
      }
    }
    return true;
  });
}

function compileRecord(def: z.core.$ZodRecordDef, visiting: Set<Schema>): Node | undefined {
  // An enum or literal key type makes zod check the keys it lists instead.
  const keyNode = def.keyType._zod.values === undefined ? compileNode(def.keyType, visiting) : undefined;
  const valueNode = compileNode(def.valueType, visiting);
  if (keyNode?.type !== 'string' || keyNode.nullOk || keyNode.undefinedOk || !valueNode) return undefined;
  return nonNullish((value) => {
    if (!isPlainObject(value)) return false;
    const record = value as Record<string, unknown>;
    // Object.keys: own enumerable string keys, the ones zod checks.
    for (const key of Object.keys(record)) {
      // zod skips (and drops) it; declined so that zod's copy, without it, is used.
      if (key === '__proto__' || !accepts(valueNode, record[key])) return false;
    }
    // An own enumerable symbol key fails z.string() as a key.
    return Object.getOwnPropertySymbols(record).every(
      (symbol) => !Object.prototype.propertyIsEnumerable.call(record, symbol),
    );
  });
}

/** zod's `util.isPlainObject`, which `z.record` applies where `z.object` only asks for a non-array object. */
function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const ctor: unknown = (value as { constructor?: unknown }).constructor;
  if (typeof ctor !== 'function') return true;
  const prototype: unknown = ctor.prototype;
  if (typeof prototype !== 'object' || prototype === null || Array.isArray(prototype)) return false;
  return Object.hasOwn(prototype, 'isPrototypeOf');
}
