import { isPlainObject, requireString } from '../../core/validate';
import { validationError } from '../../spec/errors';

/** A NAVER document: its id, or an object carrying it. */
export type NaverDocumentRef = string | { id: string };

/** A validated NAVER document ref. */
export interface NaverNormalizedRef {
  id: string;
}

/** Longest document id accepted. */
export const MAX_NAVER_DOC_ID_LENGTH = 1024;

/**
 * Validates a document ref: a non-empty id of at most 1024 characters that is not
 * `.` or `..` (URL parsers resolve those as path navigation whatever the
 * encoding) and that can be percent-encoded (no lone surrogates).
 */
export function normalizeNaverRef(ref: unknown, field: string): NaverNormalizedRef {
  let id: unknown = ref;
  let idField = field;
  if (typeof ref !== 'string') {
    if (!isPlainObject(ref)) throw validationError(field, 'expected a document id string or { id }');
    id = ref.id;
    idField = `${field}.id`;
  }
  return { id: requirePathSegment(id, idField, MAX_NAVER_DOC_ID_LENGTH) };
}

/**
 * Checks a value that is sent as one path segment (a document id, the serviceId)
 * and returns it. `encodePathSegment` of the result always succeeds.
 */
export function requirePathSegment(value: unknown, field: string, max?: number): string {
  const text = requireString(value, field, { min: 1, max });
  if (text === '.' || text === '..') throw validationError(field, 'must not be "." or ".."');
  try {
    encodeURIComponent(text);
  } catch {
    throw validationError(field, 'must be well-formed Unicode (no lone surrogates)');
  }
  return text;
}

/**
 * Encodes a value as exactly one path segment: `/`, `?`, `#`, `%` and every other
 * reserved character are percent-encoded, so `a/b` and `../x` stay one segment
 * and `%41` reaches the service as `%41`, not `A`.
 */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value);
}
