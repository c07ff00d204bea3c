import type * as z from 'zod/mini';
import { DocumentIndexError } from '../../core/errors';

/**
 * Checks a response body against its schema. Drift (a missing or mistyped field
 * we read) is `invalid_response`: retrying would get the same body. The message
 * names the response and the paths that failed, never their values.
 */
export function parseWire<T extends z.ZodMiniType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body);
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
