import {
  BatchPutDocumentCommand,
  type BatchPutDocumentResponseFailedDocument,
  type ContentType,
  type Document,
  type DocumentAttribute,
  type KendraClient,
  type S3Path,
} from '@aws-sdk/client-kendra';
import { codePointLength, requireString } from '../../core/validate';
import type { ChunkResult, PreparedDocument, PutOperation, RequestContext } from '../../spec/adapter';
import { validationError } from '../../spec/errors';
import { observed } from '../aws/observe';
import { readDocumentInput, requireOneSource, utf8Bytes } from '../shared/document-input';
import { acceptedStatus, type KendraDocumentStatus } from './status';
import { batchOutcome, listOf } from './wire';

/*
 * BatchPutDocument's limits, from the Smithy model (aws/api-models-aws
 * kendra/service/2019-02-03/kendra-2019-02-03.json, extracted in
 * test/fixtures/official/aws/kendra.json):
 * - `Documents`: shape DocumentList, length 1-10.
 * - `Document.Id`: shape DocumentId, length 1-2048.
 * - `Document.Blob`: shape Blob, no length trait. The only size facts are the
 *   documentation of `Documents`: "5 MB total size for inline documents" (older
 *   model text) and "50 MB total size for any file" (newer). We take the
 *   stricter reading: at most 5,000,000 bytes of inline content per request,
 *   which also caps one document.
 * - `Document.S3Path`: shape S3Path, `Bucket` S3BucketName length 3-63
 *   `^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$`, `Key` S3ObjectKey length 1-1024.
 * - `Document.ContentType`: enum ContentType, 12 names (not MIME types): the
 *   table below is ours.
 * - `Document.Attributes`: DocumentAttribute `Key` length 1-200
 *   `^[a-zA-Z0-9_][a-zA-Z0-9_-]*$`; `Value` one of `StringValue` (length
 *   1-2048), `StringListValue` (strings of length 1-2048), `LongValue`,
 *   `DateValue`. No boolean or fractional type.
 */

/** Documents per BatchPutDocument request. */
export const KENDRA_PUT_BATCH_LIMIT = 10;
/** Inline content (`Blob` bytes) per BatchPutDocument request: the stricter of Kendra's documented readings. */
export const KENDRA_INLINE_BYTES_PER_REQUEST = 5_000_000;

const DOCUMENT_ID = { min: 1, max: 2048 };
const ATTRIBUTE_KEY = /^[a-zA-Z0-9_][a-zA-Z0-9_-]*$/;
const ATTRIBUTE_STRING = { min: 1, max: 2048 };
const S3_BUCKET = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;

/**
 * MIME types to Kendra's `ContentType` names (our table: Kendra documents names
 * only). A content type not listed here is refused, since Kendra would not know
 * how to read it.
 */
export const KENDRA_CONTENT_TYPES: Readonly<Record<string, ContentType>> = Object.freeze({
  'application/pdf': 'PDF',
  'text/html': 'HTML',
  'application/msword': 'MS_WORD',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'MS_WORD',
  'text/plain': 'PLAIN_TEXT',
  'application/vnd.ms-powerpoint': 'PPT',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPT',
  'application/rtf': 'RTF',
  'text/rtf': 'RTF',
  'application/xml': 'XML',
  'text/xml': 'XML',
  'application/xslt+xml': 'XSLT',
  'application/vnd.ms-excel': 'MS_EXCEL',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'MS_EXCEL',
  'text/csv': 'CSV',
  'application/json': 'JSON',
  'text/markdown': 'MD',
});

// Every ContentType of the SDK has a MIME type above (a new enum value is a compile error here).
type Unmapped = Exclude<ContentType, (typeof KENDRA_CONTENT_TYPES)[string]>;
const everyContentTypeMapped: [Unmapped] extends [never] ? true : Unmapped = true;
void everyContentTypeMapped;

/** A document ready for BatchPutDocument; its size is the `Blob`'s bytes (0 for an S3 document). */
export interface KendraPreparedDocument extends PreparedDocument {
  readonly document: Document;
}

/** Where the put call sends, and the role it reads S3 documents with. */
export interface KendraPutTarget {
  client: Pick<KendraClient, 'send'>;
  indexId: string;
  roleArn?: string | undefined;
}

/** BatchPutDocument as the core's put operation: one request per chunk of at most 10 documents and 5,000,000 bytes. */
export function createKendraPut(target: KendraPutTarget): PutOperation<KendraPreparedDocument, KendraDocumentStatus> {
  const { client, indexId, roleArn } = target;

  const putChunk = async (
    documents: KendraPreparedDocument[],
    context: RequestContext,
  ): Promise<ChunkResult<KendraDocumentStatus>> => {
    const output = await client.send(
      observed(
        new BatchPutDocumentCommand({
          IndexId: indexId,
          RoleArn: roleArn,
          Documents: documents.map(({ document }) => document),
        }),
        context,
      ),
      { abortSignal: context.signal },
    );
    return batchOutcome(
      'add',
      documents.map(({ id }) => id),
      listOf<BatchPutDocumentResponseFailedDocument>(output.FailedDocuments, 'FailedDocuments'),
      output.$metadata?.requestId,
      (id) => acceptedStatus(id, 'pending'),
    );
  };

  return {
    prepare: (value, field) => prepareKendraDocument(value, field, roleArn),
    limits: { bytesPerRequest: KENDRA_INLINE_BYTES_PER_REQUEST, bytesPerDocument: KENDRA_INLINE_BYTES_PER_REQUEST },
    calls: { batch: { name: 'BatchPutDocument', maxDocuments: KENDRA_PUT_BATCH_LIMIT, send: putChunk } },
  };
}

/** Checks one `DocumentInput` against Kendra's rules and builds its `Document`. */
export function prepareKendraDocument(
  value: unknown,
  field: string,
  roleArn: string | undefined,
): KendraPreparedDocument {
  const input = readDocumentInput(value, field, DOCUMENT_ID);
  requireOneSource(input, field);
  const document: Document = { Id: input.id };
  let size = 0;
  if (input.content !== undefined) {
    const blob = typeof input.content === 'string' ? utf8Bytes(input.content) : input.content;
    if (blob.length > KENDRA_INLINE_BYTES_PER_REQUEST) {
      throw validationError(
        `${field}.content`,
        `is ${blob.length} bytes; Kendra takes at most ${KENDRA_INLINE_BYTES_PER_REQUEST} bytes of inline content per request: put the document in S3 and pass its s3Uri (with the factory's roleArn)`,
      );
    }
    document.Blob = blob;
    size = blob.length;
  } else {
    if (roleArn === undefined) {
      throw validationError(
        `${field}.s3Uri`,
        'S3 documents need the factory option roleArn: the IAM role Kendra reads the bucket with',
      );
    }
    document.S3Path = parseS3Path(input.s3Uri as string, `${field}.s3Uri`);
  }
  // A string is text: plain text unless a content type says otherwise.
  const contentType = input.contentType ?? (typeof input.content === 'string' ? 'text/plain' : undefined);
  if (contentType !== undefined) {
    const name = Object.hasOwn(KENDRA_CONTENT_TYPES, contentType) ? KENDRA_CONTENT_TYPES[contentType] : undefined;
    if (name === undefined) {
      throw validationError(
        `${field}.contentType`,
        `Kendra cannot index ${contentType}; it reads ${Object.keys(KENDRA_CONTENT_TYPES).join(', ')}`,
      );
    }
    document.ContentType = name;
  }
  if (input.title !== undefined) document.Title = input.title;
  if (input.metadata.length > 0) {
    document.Attributes = input.metadata.map(([key, metadataValue]) =>
      toAttribute(key, metadataValue, `${field}.metadata.${key}`),
    );
  }
  return { id: input.id, size, document };
}

/** One metadata entry as a Kendra attribute: String, Long (integers), Date or StringList. */
function toAttribute(key: string, value: unknown, field: string): DocumentAttribute {
  if (key.length > 200 || !ATTRIBUTE_KEY.test(key)) {
    throw validationError(field, 'a Kendra attribute key is 1-200 characters of [a-zA-Z0-9_-], not starting with -');
  }
  if (typeof value === 'string') {
    return { Key: key, Value: { StringValue: requireString(value, field, ATTRIBUTE_STRING) } };
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw validationError(
        field,
        Number.isInteger(value)
          ? 'an integer beyond ±(2^53 - 1) is not exact as a JavaScript number: send it as a string'
          : 'Kendra has no fractional type: a number must be an integer (sent as LongValue)',
      );
    }
    return { Key: key, Value: { LongValue: value } };
  }
  if (value instanceof Date) return { Key: key, Value: { DateValue: value } };
  if (Array.isArray(value)) {
    const list = value.map((item: string, i) => requireString(item, `${field}[${i}]`, ATTRIBUTE_STRING));
    return { Key: key, Value: { StringListValue: list } };
  }
  throw validationError(field, 'Kendra has no boolean type: send it as a string or a number');
}

/** `s3://bucket/key` as Kendra's `S3Path`. */
function parseS3Path(uri: string, field: string): S3Path {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  const bucket = match?.[1];
  const key = match?.[2];
  if (bucket === undefined || key === undefined) throw validationError(field, 'expected s3://bucket/key');
  if (bucket.length < 3 || bucket.length > 63 || !S3_BUCKET.test(bucket)) {
    throw validationError(field, 'the bucket must be an S3 bucket name (3-63 characters of a-z, 0-9, . and -)');
  }
  if (codePointLength(key) > 1024) throw validationError(field, 'the object key must be at most 1024 characters');
  return { Bucket: bucket, Key: key };
}
