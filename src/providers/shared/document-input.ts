import { describe, isPlainObject, requireString } from '../../core/validate';
import type { MetadataValue } from '../../spec/client';
import { validationError } from '../../spec/errors';

/**
 * The provider-neutral half of checking a `DocumentInput`: every member of the
 * right type, none unknown (a misspelt member would otherwise be dropped without
 * a word), the content type in `type/subtype` form. What each provider accepts
 * (id rules, sizes, content types, metadata types) its adapter checks after.
 */

/** A document input whose members have the documented types. */
export interface CheckedDocumentInput {
  id: string;
  content?: string | Uint8Array | undefined;
  /** The MIME type's essence, lower-cased and without parameters (`text/html; charset=utf-8` is `text/html`). */
  contentType?: string | undefined;
  s3Uri?: string | undefined;
  title?: string | undefined;
  /** `metadata`'s entries, each value of a `MetadataValue` type; empty when none. */
  metadata: Array<[key: string, value: MetadataValue]>;
}

const MEMBERS = new Set(['id', 'content', 'contentType', 's3Uri', 'title', 'metadata']);

/** `type/subtype` of RFC 9110 (tokens), optionally followed by parameters. */
const MIME_TYPE = /^([!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+)\s*(;.*)?$/i;

/**
 * Checks the members' types of one input at `field` (e.g. `docs[3]`); throws a
 * `validation` error naming the member. `id` is checked with `idRule` (the
 * provider's length and pattern).
 */
export function readDocumentInput(
  value: unknown,
  field: string,
  idRule: Parameters<typeof requireString>[2],
): CheckedDocumentInput {
  if (!isPlainObject(value)) {
    throw validationError(field, `expected a document { id, content | s3Uri, ... }, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!MEMBERS.has(key)) throw validationError(`${field}.${key}`, 'is not a member of a document');
  }
  const id = requireString(value.id, `${field}.id`, idRule);
  const { content } = value;
  if (content !== undefined && typeof content !== 'string' && !(content instanceof Uint8Array)) {
    throw validationError(`${field}.content`, `expected a string or a Uint8Array, got ${describe(content)}`);
  }
  const input: CheckedDocumentInput = { id, content, metadata: readMetadata(value.metadata, `${field}.metadata`) };
  if (value.contentType !== undefined) input.contentType = mimeEssence(value.contentType, `${field}.contentType`);
  if (value.s3Uri !== undefined) input.s3Uri = requireString(value.s3Uri, `${field}.s3Uri`, {});
  if (value.title !== undefined) input.title = requireString(value.title, `${field}.title`, { min: 0 });
  return input;
}

/** Throws unless exactly one of `content` and `s3Uri` is given. */
export function requireOneSource(input: CheckedDocumentInput, field: string): void {
  if (input.content === undefined && input.s3Uri === undefined) {
    throw validationError(`${field}.content`, 'a document needs its content, or an s3Uri where the provider reads S3');
  }
  if (input.content !== undefined && input.s3Uri !== undefined) {
    throw validationError(`${field}.s3Uri`, 'give content or s3Uri, not both');
  }
}

function mimeEssence(value: unknown, field: string): string {
  const text = requireString(value, field, { max: 255 });
  const match = MIME_TYPE.exec(text.trim());
  if (!match) throw validationError(field, 'expected a MIME type such as text/plain or application/pdf');
  return (match[1] as string).toLowerCase();
}

function readMetadata(value: unknown, field: string): Array<[string, MetadataValue]> {
  if (value === undefined) return [];
  if (!isPlainObject(value)) throw validationError(field, `expected an object of attributes, got ${describe(value)}`);
  return Object.entries(value).map(([key, entry]) => {
    const at = `${field}.${key}`;
    if (key === '') throw validationError(field, 'an attribute key must not be empty');
    if (typeof entry === 'string' || typeof entry === 'boolean') return [key, entry];
    if (typeof entry === 'number') {
      if (!Number.isFinite(entry)) throw validationError(at, `expected a finite number, got ${describe(entry)}`);
      return [key, entry];
    }
    if (entry instanceof Date) {
      if (Number.isNaN(entry.getTime())) throw validationError(at, 'is an invalid Date');
      return [key, entry];
    }
    if (Array.isArray(entry)) {
      // `Array.from`, not `forEach`: a hole of a sparse array is refused as the undefined it reads as.
      const list = Array.from(entry, (item: unknown, i) => {
        if (typeof item !== 'string') throw validationError(`${at}[${i}]`, `expected a string, got ${describe(item)}`);
        return item;
      });
      return [key, list];
    }
    throw validationError(at, `expected a string, number, boolean, Date or string[], got ${describe(entry)}`);
  });
}

const encoder = new TextEncoder();

/** A string's UTF-8 bytes. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** How many bytes a string takes in UTF-8, without encoding it (a lone surrogate counts as U+FFFD, 3 bytes). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Bytes as UTF-8 text; throws a `validation` error naming `field` when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, field: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw validationError(field, 'the bytes are not valid UTF-8 text');
  }
}
