import { describe, isPlainObject, requireString } from '../../core/validate';
import { validationError } from '../../spec/errors';

/** A document id, validated (a UUID). */
export interface AzureDocumentRef {
  id: string;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Translation and document ids are UUIDs. */
export const UUID_RULE = { pattern: UUID, patternText: 'a UUID (8-4-4-4-12 hex digits)' } as const;

/** Validates a ref (a UUID, or `{ id }` carrying one); throws a `validation` error naming `field`. */
export function normalizeAzureRef(ref: unknown, field: string): AzureDocumentRef {
  const id = isPlainObject(ref) ? ref.id : ref;
  const idField = isPlainObject(ref) ? `${field}.id` : field;
  if (typeof id !== 'string') throw validationError(idField, `expected a document id string, got ${describe(id)}`);
  return { id: requireString(id, idField, UUID_RULE) };
}
