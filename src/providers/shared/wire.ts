import type * as z from 'zod/mini';
import { DocumentIndexError } from '../../spec/errors';
import { type WireParseResult, wireParser } from './wire-check';

/**
 * One parser per schema, made on first use (see `wireParser`: on success it hands
 * back the input itself, so use it for schemas whose output is read by named
 * fields, or whose objects are loose anyway).
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
 * names the service, the response and the paths that failed, never their values.
 */
export function parseWire<T extends z.ZodMiniType>(
  schema: T,
  body: unknown,
  service: string,
  what: string,
): z.infer<T> {
  const result = parserFor(schema)(body);
  if (result.success) return result.data;
  const paths = result.error.issues
    .slice(0, 3)
    .map((issue) => issue.path.map(String).join('.') || '(root)')
    .join(', ');
  throw new DocumentIndexError('invalid_response', `${service} sent a ${what} of an unexpected shape (at ${paths})`, {
    retryable: false,
    cause: result.error,
  });
}
