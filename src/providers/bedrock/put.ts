import {
  type BedrockAgentClient,
  IngestKnowledgeBaseDocumentsCommand,
  type InlineContent,
  type KnowledgeBaseDocument,
  type KnowledgeBaseDocumentDetail,
  type MetadataAttribute,
} from '@aws-sdk/client-bedrock-agent';
import { codePointLength, requireString } from '../../core/validate';
import type { ChunkResult, PreparedDocument, PutOperation, RequestContext } from '../../spec/adapter';
import type { MetadataValue } from '../../spec/client';
import { documentStatus } from '../../spec/document-status';
import { DocumentIndexError, validationError } from '../../spec/errors';
import { observed } from '../aws/observe';
import { type CheckedDocumentInput, readDocumentInput, requireOneSource, utf8Bytes } from '../shared/document-input';
import { CUSTOM_ID_MAX_LENGTH, identifierId, S3_URI_PATTERN } from './refs';
import { type BedrockDocumentStatus, mapBedrockStatus, PROVIDER, toDocumentStatus } from './status';

/*
 * IngestKnowledgeBaseDocuments' limits, from the Smithy model (aws/api-models-aws
 * bedrock-agent/service/2023-06-05/bedrock-agent-2023-06-05.json, extracted in
 * test/fixtures/official/aws/bedrock-agent.json):
 * - `documents`: shape KnowledgeBaseDocuments, length 1-10. No total size.
 * - Inline bytes: ByteContentDoc.data, shape ByteContentBlob, length 1-5,242,880
 *   bytes; `mimeType` required, pattern `[a-z]{1,20}/.{1,20}` (unanchored), and
 *   its documentation lists the 20 supported types below.
 * - Inline text: TextContentDoc.data, shape Data, length 1-5,242,880 characters.
 * - CustomDocumentIdentifier.id: length 1-2048.
 * - A custom document's S3 content: CustomS3Location.uri, shape S3ObjectUri,
 *   length 1-1024, `^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.{1,1024}$`.
 * - An S3 data source's document: S3Location.uri, shape S3BucketUri, length
 *   1-2048, `^s3://.{1,128}$`.
 * - DocumentMetadata.inlineAttributes: length 1-50 (so no metadata is sent as
 *   none, not as an empty list); MetadataAttribute.key: shape Key, length 1-200;
 *   MetadataAttributeValue: `stringValue` StringValue 1-2048, `stringListValue`
 *   1-10 StringValues, `numberValue` a double, `booleanValue`. No date type: a
 *   Date is sent as an ISO 8601 STRING.
 * - `clientToken`: shape ClientToken, length 33-256,
 *   `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}$`; "If this token matches a previous
 *   request, Amazon Bedrock ignores the request". Ours is the hex SHA-256 (64
 *   characters) of the chunk, so a retried or re-delivered chunk is ignored.
 */

/** Documents per IngestKnowledgeBaseDocuments request. */
export const BEDROCK_PUT_BATCH_LIMIT = 10;
/** Most bytes of inline content, or characters of inline text, one document may have. */
export const BEDROCK_INLINE_CONTENT_LIMIT = 5_242_880;

/** The MIME types `ByteContentDoc.mimeType` documents as supported. */
export const BEDROCK_MIME_TYPES: readonly string[] = Object.freeze([
  'text/plain',
  'text/html',
  'text/csv',
  'text/vtt',
  'message/rfc822',
  'application/xhtml+xml',
  'application/pdf',
  'application/msword',
  'application/vnd.ms-word.document.macroenabled.12',
  'application/vnd.ms-word.template.macroenabled.12',
  'application/vnd.ms-excel',
  'application/vnd.ms-excel.addin.macroenabled.12',
  'application/vnd.ms-excel.sheet.macroenabled.12',
  'application/vnd.ms-excel.template.macroenabled.12',
  'application/vnd.ms-excel.sheet.binary.macroenabled.12',
  'application/vnd.ms-spreadsheetml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template',
]);

// `u`: the model's `.{1,1024}` counts code points, as Smithy's ECMA 262 patterns do with it (an emoji is one).
const CUSTOM_S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.{1,1024}$/u;
const ATTRIBUTE_STRING = { min: 1, max: 2048 };
/** The metadata key a document's `title` is sent under (Bedrock documents have no title member). */
export const BEDROCK_TITLE_ATTRIBUTE = 'title';

/** A document ready for IngestKnowledgeBaseDocuments; its size counts against the per-document inline limit. */
export interface BedrockPreparedDocument extends PreparedDocument {
  readonly document: KnowledgeBaseDocument;
}

/** Where the put call sends. */
export interface BedrockPutTarget {
  client: Pick<BedrockAgentClient, 'send'>;
  knowledgeBaseId: string;
  dataSourceId: string;
}

/**
 * IngestKnowledgeBaseDocuments as the core's put operation: one request per
 * chunk of at most 10 documents, its `clientToken` derived from the chunk.
 */
export function createBedrockPut(
  target: BedrockPutTarget,
): PutOperation<BedrockPreparedDocument, BedrockDocumentStatus> {
  const { client, knowledgeBaseId, dataSourceId } = target;
  // One token per chunk, computed once: the core hands every attempt the same array.
  const tokens = new WeakMap<readonly BedrockPreparedDocument[], Promise<string>>();

  const ingestChunk = async (
    documents: BedrockPreparedDocument[],
    context: RequestContext,
  ): Promise<ChunkResult<BedrockDocumentStatus>> => {
    let clientToken = tokens.get(documents);
    if (!clientToken) {
      clientToken = chunkToken(knowledgeBaseId, dataSourceId, documents);
      tokens.set(documents, clientToken);
    }
    const output = await client.send(
      observed(
        new IngestKnowledgeBaseDocumentsCommand({
          knowledgeBaseId,
          dataSourceId,
          documents: documents.map(({ document }) => document),
          clientToken: await clientToken,
        }),
        context,
      ),
      { abortSignal: context.signal },
    );
    return acceptedOrRefused(documents, output.documentDetails, { knowledgeBaseId, dataSourceId });
  };

  return {
    prepare: prepareBedrockDocument,
    limits: { bytesPerDocument: BEDROCK_INLINE_CONTENT_LIMIT },
    calls: {
      batch: { name: 'IngestKnowledgeBaseDocuments', maxDocuments: BEDROCK_PUT_BATCH_LIMIT, send: ingestChunk },
    },
  };
}

/** Checks one `DocumentInput` against Bedrock's rules and builds its `KnowledgeBaseDocument`. */
export function prepareBedrockDocument(value: unknown, field: string): BedrockPreparedDocument {
  const s3Document = typeof (value as { id?: unknown } | null)?.id === 'string' && isS3Id((value as { id: string }).id);
  const input = readDocumentInput(
    value,
    field,
    s3Document
      ? { max: 2048, pattern: S3_URI_PATTERN, patternText: 's3://<1-128 characters>' }
      : { max: CUSTOM_ID_MAX_LENGTH },
  );
  if (s3Document) {
    // A document of an S3 data source: its content is the object the id names.
    if (input.content !== undefined) {
      throw validationError(
        `${field}.content`,
        'an s3:// id is a document of an S3 data source: its content is that object, not inline content',
      );
    }
    if (input.s3Uri !== undefined && input.s3Uri !== input.id) {
      throw validationError(`${field}.s3Uri`, 'for an s3:// id, s3Uri (if given) must be the id itself');
    }
    refuseContentType(input, field);
    refuseInlineMetadata(input, field);
    const document: KnowledgeBaseDocument = {
      content: { dataSourceType: 'S3', s3: { s3Location: { uri: input.id } } },
    };
    return { id: input.id, size: 0, document };
  }
  requireOneSource(input, field);
  const identifier = { id: input.id };
  let document: KnowledgeBaseDocument;
  let size = 0;
  if (input.s3Uri !== undefined) {
    if (codePointLength(input.s3Uri) > 1024 || !CUSTOM_S3_URI.test(input.s3Uri)) {
      throw validationError(
        `${field}.s3Uri`,
        'expected s3://bucket/key (a bucket name, at most 1024 characters in all)',
      );
    }
    refuseContentType(input, field);
    refuseInlineMetadata(input, field);
    document = {
      content: {
        dataSourceType: 'CUSTOM',
        custom: { customDocumentIdentifier: identifier, sourceType: 'S3_LOCATION', s3Location: { uri: input.s3Uri } },
      },
    };
  } else {
    const content = input.content as string | Uint8Array;
    const mimeType = input.contentType;
    if (typeof content === 'string' && (mimeType === undefined || mimeType === 'text/plain')) {
      size = codePointLength(content);
      requireInlineSize(size, 'characters', field);
      document = inlineDocument(identifier, { type: 'TEXT', textContent: { data: content } });
    } else {
      if (mimeType === undefined) {
        throw validationError(`${field}.contentType`, 'bytes need a contentType on Bedrock (its mimeType)');
      }
      if (!BEDROCK_MIME_TYPES.includes(mimeType)) {
        throw validationError(
          `${field}.contentType`,
          `Bedrock does not take ${mimeType} inline; it takes ${BEDROCK_MIME_TYPES.join(', ')}`,
        );
      }
      // A string with another content type than plain text (HTML, CSV, ...) goes as its UTF-8 bytes, typed.
      const data = typeof content === 'string' ? utf8Bytes(content) : content;
      size = data.length;
      requireInlineSize(size, 'bytes', field);
      document = inlineDocument(identifier, { type: 'BYTE', byteContent: { mimeType, data } });
    }
  }
  const metadata = toMetadata(input, field);
  if (metadata) document.metadata = metadata;
  return { id: input.id, size, document };
}

/** A custom document with inline content. */
function inlineDocument(identifier: { id: string }, inlineContent: InlineContent): KnowledgeBaseDocument {
  return {
    content: {
      dataSourceType: 'CUSTOM',
      custom: { customDocumentIdentifier: identifier, sourceType: 'IN_LINE', inlineContent },
    },
  };
}

function isS3Id(id: string): boolean {
  return id.startsWith('s3://');
}

function requireInlineSize(size: number, unit: string, field: string): void {
  if (size < 1) throw validationError(`${field}.content`, 'Bedrock refuses empty inline content');
  if (size > BEDROCK_INLINE_CONTENT_LIMIT) {
    throw validationError(
      `${field}.content`,
      `is ${size} ${unit}; Bedrock takes at most ${BEDROCK_INLINE_CONTENT_LIMIT} ${unit} inline: put the document in S3 and pass its s3Uri`,
    );
  }
}

/** A content type only describes inline content on Bedrock; refused elsewhere rather than dropped. */
function refuseContentType(input: CheckedDocumentInput, field: string): void {
  if (input.contentType !== undefined) {
    throw validationError(`${field}.contentType`, 'Bedrock takes a content type for inline content only');
  }
}

/**
 * Bedrock takes a document's metadata the way it takes its content ("The content
 * and metadata for a document must be defined with the same method", the user
 * guide's direct-ingestion page): a document read from S3 takes its metadata from
 * S3 too, not inline, so `metadata` and `title` are refused for it.
 */
function refuseInlineMetadata(input: CheckedDocumentInput, field: string): void {
  const member = input.metadata.length > 0 ? 'metadata' : input.title !== undefined ? 'title' : undefined;
  if (member === undefined) return;
  throw validationError(
    `${field}.${member}`,
    'Bedrock takes the metadata of a document in S3 from S3 too (a <object>.metadata.json beside it), not inline: inline metadata needs inline content',
  );
}

/** `metadata` (and `title`) as inline attributes; undefined when there are none (an empty list is refused). */
function toMetadata(input: CheckedDocumentInput, field: string): KnowledgeBaseDocument['metadata'] {
  const entries: Array<[string, MetadataValue, string]> = input.metadata.map(([key, value]) => [
    key,
    value,
    `${field}.metadata.${key}`,
  ]);
  if (input.title !== undefined) {
    if (input.metadata.some(([key]) => key === BEDROCK_TITLE_ATTRIBUTE)) {
      throw validationError(
        `${field}.title`,
        `Bedrock sends the title as the attribute "${BEDROCK_TITLE_ATTRIBUTE}", which metadata already has`,
      );
    }
    entries.push([BEDROCK_TITLE_ATTRIBUTE, input.title, `${field}.title`]);
  }
  if (entries.length === 0) return undefined;
  if (entries.length > 50) {
    throw validationError(
      `${field}.metadata`,
      `Bedrock takes at most 50 attributes per document, got ${entries.length}`,
    );
  }
  return {
    type: 'IN_LINE_ATTRIBUTE',
    inlineAttributes: entries.map(([key, value, at]) => toAttribute(key, value, at)),
  };
}

function toAttribute(key: string, value: MetadataValue, field: string): MetadataAttribute {
  if (codePointLength(key) > 200) throw validationError(field, 'a Bedrock attribute key is at most 200 characters');
  if (typeof value === 'string') return { key, value: { type: 'STRING', stringValue: attributeString(value, field) } };
  if (typeof value === 'number') return { key, value: { type: 'NUMBER', numberValue: value } };
  if (typeof value === 'boolean') return { key, value: { type: 'BOOLEAN', booleanValue: value } };
  if (value instanceof Date) return { key, value: { type: 'STRING', stringValue: value.toISOString() } };
  if (value.length < 1 || value.length > 10) {
    throw validationError(field, `Bedrock takes 1 to 10 strings in a list, got ${value.length}`);
  }
  const list = value.map((item, i) => attributeString(item, `${field}[${i}]`));
  return { key, value: { type: 'STRING_LIST', stringListValue: list } };
}

function attributeString(value: string, field: string): string {
  const text = requireString(value, field, { min: 1 });
  if (codePointLength(text) > ATTRIBUTE_STRING.max) {
    throw validationError(field, `must be at most ${ATTRIBUTE_STRING.max} characters`);
  }
  return text;
}

/**
 * The chunk's `clientToken`: the hex SHA-256 of what the request carries (the
 * knowledge base, the data source and the documents, bytes included). WebCrypto,
 * so it runs wherever the SDK does.
 */
export async function chunkToken(
  knowledgeBaseId: string,
  dataSourceId: string,
  documents: readonly BedrockPreparedDocument[],
): Promise<string> {
  const blobs: Uint8Array[] = [];
  // Bytes go after the JSON, each replaced in it by its place in that list.
  const json = JSON.stringify(
    { knowledgeBaseId, dataSourceId, documents: documents.map((d) => d.document) },
    // The holder's own value, not the one given: a Node Buffer arrives already through its toJSON, every byte a number.
    function (this: Record<string, unknown>, key, value) {
      const own = this[key];
      if (own instanceof Uint8Array) {
        blobs.push(own);
        return { bytes: blobs.length - 1, length: own.length };
      }
      return value;
    },
  );
  const head = utf8Bytes(json);
  const whole = new Uint8Array(head.length + blobs.reduce((sum, blob) => sum + blob.length, 0));
  whole.set(head, 0);
  let offset = head.length;
  for (const blob of blobs) {
    whole.set(blob, offset);
    offset += blob.length;
  }
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', whole));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Each document of the chunk by Bedrock's answer: a detail whose status is a
 * failure is a refusal (`errors`, the status as `providerCode`); any other detail
 * is the status reported on acceptance. `documentDetails` is optional in the
 * model: a document it leaves out was accepted all the same (HTTP 202), and
 * reads `pending` with no provider status.
 */
function acceptedOrRefused(
  documents: readonly BedrockPreparedDocument[],
  details: KnowledgeBaseDocumentDetail[] | undefined,
  where: { knowledgeBaseId: string; dataSourceId: string },
): ChunkResult<BedrockDocumentStatus> {
  const byId = new Map<string, KnowledgeBaseDocumentDetail>();
  if (details !== undefined && !Array.isArray(details)) {
    throw new DocumentIndexError(
      'invalid_response',
      'Bedrock sent an ingest answer whose documentDetails is not a list',
      {
        retryable: false,
      },
    );
  }
  for (const detail of details ?? []) {
    if (typeof detail !== 'object' || detail === null) continue;
    const id = identifierId(detail.identifier);
    if (id !== undefined && !byId.has(id)) byId.set(id, detail);
  }
  const result: ChunkResult<BedrockDocumentStatus> = { items: [], errors: [] };
  for (const { id, document } of documents) {
    const detail = byId.get(id);
    if (!detail) {
      result.items.push(acceptedStatus(id, document, where));
      continue;
    }
    if (mapBedrockStatus(detail.status) === 'failed') {
      result.errors.push({
        id,
        // Bedrock's reason goes into the message: `cause` is left out of toJSON(), so a log or the CLI would not show it.
        error: new DocumentIndexError(
          'validation',
          `Bedrock did not accept the document (${String(detail.status)})${reasonOf(detail)}`,
          {
            providerCode: typeof detail.status === 'string' ? detail.status : undefined,
            retryable: false,
            cause: detail,
          },
        ),
      });
    } else result.items.push(toDocumentStatus(id, detail));
  }
  return result;
}

/** A document the answer did not report on: accepted, no status yet. */
function acceptedStatus(
  id: string,
  document: KnowledgeBaseDocument,
  where: { knowledgeBaseId: string; dataSourceId: string },
): BedrockDocumentStatus {
  const identifier =
    document.content?.dataSourceType === 'S3'
      ? { dataSourceType: 'S3' as const, s3: { uri: id } }
      : { dataSourceType: 'CUSTOM' as const, custom: { id } };
  return documentStatus({
    provider: PROVIDER,
    id,
    status: 'pending',
    providerStatus: '',
    raw: { ...where, status: undefined, identifier },
  });
}

/** `: <statusReason>` when Bedrock gave one, else nothing. */
function reasonOf(detail: { statusReason?: unknown }): string {
  return typeof detail.statusReason === 'string' && detail.statusReason !== '' ? `: ${detail.statusReason}` : '';
}
