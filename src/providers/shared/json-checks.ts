/**
 * Building blocks of the hand-written fast checks an adapter runs on its hottest
 * response bodies before zod. Each such check must be sound against its zod
 * schema: when it says yes, so would zod (the adapters' tests hold each one to
 * its schema's verdict); when it says no, zod decides, so errors keep zod's paths.
 * They may be stricter than zod where a JSON body cannot differ: an object must be
 * a plain one, as `JSON.parse` makes them.
 */

/** A plain object (what `JSON.parse` makes of `{...}`); refused: arrays, class instances, other prototypes. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `z.optional(z.nullable(z.string()))`. */
export function isOptionalText(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

/** `z.optional(z.nullable(z.number()))` (z.number() refuses NaN and ±Infinity). */
export function isOptionalNumber(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'number' && Number.isFinite(value));
}
