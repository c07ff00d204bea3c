import type { DocumentIdentifier } from '@aws-sdk/client-bedrock-agent';
import { describe, isPlainObject, requireString } from '../../core/validate';
import { validationError } from '../../spec/errors';

/**
 * What `createBedrockIndex` clients accept as a document:
 * - a string: an S3 document when it starts with `s3://`, otherwise a custom id;
 * - `{ id }`: the same rule;
 * - `{ customId }`: always a custom id (even one that starts with `s3://`);
 * - `{ s3Uri }`: always an S3 uri;
 * - the SDK's own `DocumentIdentifier` (`{ dataSourceType, custom: { id } }` or `{ dataSourceType, s3: { uri } }`).
 */
export type BedrockDocumentRef =
  | string
  | { id: string }
  | { customId: string }
  | { s3Uri: string }
  | { dataSourceType: 'CUSTOM'; custom: { id: string } }
  | { dataSourceType: 'S3'; s3: { uri: string } };

/** A validated ref: its wire identifier, and the id results are reported under (custom id or s3 uri). */
export interface NormalizedBedrockRef {
  id: string;
  identifier: DocumentIdentifier;
}

/** Custom document ids: 1-2048 characters. */
export const CUSTOM_ID_MAX_LENGTH = 2048;
/** S3 document uris, as the model constrains them. */
// `u`: `.{1,128}` counts code points (an emoji is one character), as the service counts them.
export const S3_URI_PATTERN = /^s3:\/\/.{1,128}$/u;

/** Validates one ref; throws a `validation` error naming `field`. */
export function normalizeBedrockRef(ref: unknown, field: string): NormalizedBedrockRef {
  if (typeof ref === 'string') return fromString(ref, field);
  if (!isPlainObject(ref)) {
    throw validationError(field, `expected a string or a document ref object, got ${describe(ref)}`);
  }
  if ('customId' in ref) return customRef(ref.customId, `${field}.customId`);
  if ('s3Uri' in ref) return s3Ref(ref.s3Uri, `${field}.s3Uri`);
  if ('id' in ref) return fromString(ref.id, `${field}.id`);
  if (ref.dataSourceType === 'CUSTOM') {
    return customRef(isPlainObject(ref.custom) ? ref.custom.id : undefined, `${field}.custom.id`);
  }
  if (ref.dataSourceType === 'S3') return s3Ref(isPlainObject(ref.s3) ? ref.s3.uri : undefined, `${field}.s3.uri`);
  throw validationError(field, 'expected one of id, customId, s3Uri, or a DocumentIdentifier');
}

function fromString(value: unknown, field: string): NormalizedBedrockRef {
  return typeof value === 'string' && value.startsWith('s3://') ? s3Ref(value, field) : customRef(value, field);
}

function customRef(value: unknown, field: string): NormalizedBedrockRef {
  const id = requireString(value, field, { min: 1, max: CUSTOM_ID_MAX_LENGTH });
  return { id, identifier: { dataSourceType: 'CUSTOM', custom: { id } } };
}

function s3Ref(value: unknown, field: string): NormalizedBedrockRef {
  const uri = requireString(value, field, { pattern: S3_URI_PATTERN, patternText: 's3://<1-128 characters>' });
  return { id: uri, identifier: { dataSourceType: 'S3', s3: { uri } } };
}

/** The id a wire identifier stands for: its custom id, or its S3 uri. */
export function identifierId(identifier: DocumentIdentifier | undefined): string | undefined {
  if (identifier?.dataSourceType === 'S3') return identifier.s3?.uri;
  return identifier?.custom?.id ?? identifier?.s3?.uri;
}
