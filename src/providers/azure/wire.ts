import type * as z from 'zod/mini';
import { DocumentIndexError } from '../../core/errors';
import { type WireParseResult, wireParser } from '../wire-check';

/**
 * One parser per schema, made on first use. Every Azure schema is a `looseObject`
 * (arrays and scalars inside), so the input the fast path hands back has the
 * very keys zod's copy would: the adapter iterates `page.value`, reads named
 * fields, and keeps a document or translation as `raw`, which is now the wire
 * object itself rather than zod's copy of it (same fields; zod's copy listed the
 * schema's keys first).
 */
const parsers = new WeakMap<z.ZodMiniType, (body: unknown) => WireParseResult<unknown>>();

function parserFor<T extends z.ZodMiniType>(schema: T): (body: unknown) => WireParseResult<z.infer<T>> {
  let parser = parsers.get(schema);
  if (parser === undefined) {
    parser = wireParser(schema);
    parsers.set(schema, parser);
  }
  return parser as (body: unknown) => WireParseResult<z.infer<T>>;
}

/**
 * Checks a response body against its schema. Drift (a missing or mistyped field
 * we read) is `invalid_response`: retrying would get the same body. The message
 * names the response and the paths that failed, never their values.
 */
export function parseWire<T extends z.ZodMiniType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = parserFor(schema)(body);
  if (result.success) return result.data;
  const paths = result.error.issues
    .slice(0, 3)
    .map((issue) => issue.path.map(String).join('.') || '(root)')
    .join(', ');
  throw new DocumentIndexError('invalid_response', `Azure sent a ${what} of an unexpected shape (at ${paths})`, {
    provider: 'azure',
    retryable: false,
    cause: result.error,
  });
}
