/**
 * The Bedrock simulator's IngestKnowledgeBaseDocuments request check: every
 * document against the Smithy model's shapes and limits (bedrock-agent
 * 2023-06-05, as in test/fixtures/official/aws/bedrock-agent.json), collected
 * into one ValidationException's `fieldList` as the service reports them.
 */
import { base64Length, base64Start, codePoints } from '../encoding';
import {
  type BedrockDataSourceType,
  type FieldProblem,
  isRecord,
  MAX_DOCUMENTS_PER_CALL,
  readIngestedIdentifier,
  type WireDocumentIdentifier,
} from './wire';

/** What the simulator keeps of one ingested document, for tests (the content's size and start, not the content). */
export interface BedrockIngestedDocument {
  identifier: WireDocumentIdentifier;
  /** `IN_LINE` text or bytes, a custom document's `S3_LOCATION`, or an S3 data source's document. */
  source: 'TEXT' | 'BYTE' | 'S3_LOCATION' | 'S3';
  /** The inline bytes' `mimeType`. */
  mimeType?: string;
  /** Characters of inline text, or bytes of inline content (decoded). */
  size?: number;
  /** The first characters of inline text, or the first bytes of inline content as UTF-8 (at most 64). */
  start?: string;
  /** A custom document's S3 location. */
  s3Uri?: string;
  /** The inline metadata attributes, as sent. */
  attributes?: unknown[];
}

/** `ByteContentBlob` and `Data` are at most 5,242,880 bytes / characters. */
const INLINE_LIMIT = 5_242_880;
// `u`: the model's patterns count code points.
const MIME_TYPE = /[a-z]{1,20}\/.{1,20}/u;
const S3_OBJECT_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.{1,1024}$/u;
const BUCKET_OWNER = /^[0-9]{12}$/;
const VALUE_TYPES = new Set(['BOOLEAN', 'NUMBER', 'STRING', 'STRING_LIST']);

/**
 * Reads `documents` (1-10) for a data source of `type`; collects what the
 * service would refuse into `problems` and returns what each document carried.
 */
export function readIngestRequest(
  documents: unknown,
  type: BedrockDataSourceType,
  problems: FieldProblem[],
): BedrockIngestedDocument[] {
  if (!Array.isArray(documents) || documents.length < 1 || documents.length > MAX_DOCUMENTS_PER_CALL) {
    problems.push({ name: 'documents', message: `must be a list of 1 to ${MAX_DOCUMENTS_PER_CALL} documents` });
    return [];
  }
  const read: BedrockIngestedDocument[] = [];
  documents.forEach((document, i) => {
    const field = `documents.${i}`;
    const identifier = readIngestedIdentifier(document, field, type, problems);
    const content = isRecord(document) && isRecord(document.content) ? document.content : {};
    const ingested = identifier ? readContent(identifier, content, `${field}.content`, problems) : undefined;
    const metadata = isRecord(document) ? document.metadata : undefined;
    if (metadata !== undefined) {
      readMetadata(metadata, `${field}.metadata`, problems, ingested);
      refuseMixedMethods(content, metadata, field, problems);
    }
    if (ingested) read.push(ingested);
  });
  return read;
}

function readContent(
  identifier: WireDocumentIdentifier,
  content: Record<string, unknown>,
  field: string,
  problems: FieldProblem[],
): BedrockIngestedDocument | undefined {
  if (identifier.dataSourceType === 'S3') return { identifier, source: 'S3' };
  const custom = isRecord(content.custom) ? content.custom : {};
  const at = `${field}.custom`;
  if (custom.sourceType === 'S3_LOCATION') {
    const location = readCustomS3Location(custom.s3Location, `${at}.s3Location`, problems);
    return location === undefined ? undefined : { identifier, source: 'S3_LOCATION', s3Uri: location };
  }
  if (custom.sourceType !== 'IN_LINE') {
    problems.push({ name: `${at}.sourceType`, message: 'must be one of IN_LINE, S3_LOCATION' });
    return undefined;
  }
  const inline = isRecord(custom.inlineContent) ? custom.inlineContent : undefined;
  if (!inline) {
    problems.push({ name: `${at}.inlineContent`, message: 'is required when sourceType is IN_LINE' });
    return undefined;
  }
  if (inline.type === 'TEXT') {
    const data = isRecord(inline.textContent) ? inline.textContent.data : undefined;
    const length = typeof data === 'string' ? codePoints(data) : 0;
    if (typeof data !== 'string' || length < 1 || length > INLINE_LIMIT) {
      problems.push({
        name: `${at}.inlineContent.textContent.data`,
        message: `must be a string of 1 to ${INLINE_LIMIT} characters`,
      });
      return undefined;
    }
    return { identifier, source: 'TEXT', size: length, start: data.slice(0, 64) };
  }
  if (inline.type === 'BYTE') {
    const byteContent = isRecord(inline.byteContent) ? inline.byteContent : {};
    const { mimeType, data } = byteContent;
    const bytes = base64Length(data);
    let ok = true;
    if (typeof mimeType !== 'string' || !MIME_TYPE.test(mimeType)) {
      problems.push({ name: `${at}.inlineContent.byteContent.mimeType`, message: `must match ${MIME_TYPE.source}` });
      ok = false;
    }
    if (bytes === undefined || bytes < 1 || bytes > INLINE_LIMIT) {
      problems.push({
        name: `${at}.inlineContent.byteContent.data`,
        message: `must be base64 of 1 to ${INLINE_LIMIT} bytes`,
      });
      ok = false;
    }
    if (!ok) return undefined;
    return {
      identifier,
      source: 'BYTE',
      mimeType: mimeType as string,
      size: bytes,
      start: base64Start(data as string, 64),
    };
  }
  problems.push({ name: `${at}.inlineContent.type`, message: 'must be one of BYTE, TEXT' });
  return undefined;
}

function readCustomS3Location(value: unknown, field: string, problems: FieldProblem[]): string | undefined {
  const location = isRecord(value) ? value : undefined;
  const uri = location?.uri;
  if (typeof uri !== 'string' || codePoints(uri) > 1024 || !S3_OBJECT_URI.test(uri)) {
    problems.push({ name: `${field}.uri`, message: `must match ${S3_OBJECT_URI.source} (1 to 1024 characters)` });
    return undefined;
  }
  const owner = location?.bucketOwnerAccountId;
  if (owner !== undefined && (typeof owner !== 'string' || !BUCKET_OWNER.test(owner))) {
    problems.push({ name: `${field}.bucketOwnerAccountId`, message: 'must be 12 digits' });
    return undefined;
  }
  return uri;
}

/**
 * "The content and metadata for a document must be defined with the same method. For example, if you define the
 * content inline, you must also define the metadata inline" (the user guide's direct-ingestion page): content read
 * from S3 with inline attributes, or inline content with an S3 metadata file, is refused.
 */
function refuseMixedMethods(
  content: Record<string, unknown>,
  metadata: unknown,
  field: string,
  problems: FieldProblem[],
): void {
  const custom = isRecord(content.custom) ? content.custom : undefined;
  const contentInS3 = content.dataSourceType === 'S3' || custom?.sourceType === 'S3_LOCATION';
  const contentInline = custom?.sourceType === 'IN_LINE';
  const type = isRecord(metadata) ? metadata.type : undefined;
  if ((contentInS3 && type === 'IN_LINE_ATTRIBUTE') || (contentInline && type === 'S3_LOCATION')) {
    problems.push({
      name: `${field}.metadata.type`,
      message: 'The content and metadata for a document must be defined with the same method',
    });
  }
}

function readMetadata(
  value: unknown,
  field: string,
  problems: FieldProblem[],
  ingested: BedrockIngestedDocument | undefined,
): void {
  const metadata = isRecord(value) ? value : {};
  if (metadata.type === 'S3_LOCATION') {
    readCustomS3Location(metadata.s3Location, `${field}.s3Location`, problems);
    return;
  }
  if (metadata.type !== 'IN_LINE_ATTRIBUTE') {
    problems.push({ name: `${field}.type`, message: 'must be one of IN_LINE_ATTRIBUTE, S3_LOCATION' });
    return;
  }
  const attributes = metadata.inlineAttributes;
  if (!Array.isArray(attributes) || attributes.length < 1 || attributes.length > 50) {
    problems.push({ name: `${field}.inlineAttributes`, message: 'must be a list of 1 to 50 attributes' });
    return;
  }
  attributes.forEach((attribute, i) => {
    readAttribute(attribute, `${field}.inlineAttributes.${i}`, problems);
  });
  if (ingested) ingested.attributes = attributes;
}

function readAttribute(value: unknown, field: string, problems: FieldProblem[]): void {
  const attribute = isRecord(value) ? value : {};
  const { key } = attribute;
  if (typeof key !== 'string' || key.length < 1 || codePoints(key) > 200) {
    problems.push({ name: `${field}.key`, message: 'must be a string of 1 to 200 characters' });
  }
  const attributeValue = isRecord(attribute.value) ? attribute.value : {};
  const type = attributeValue.type;
  if (typeof type !== 'string' || !VALUE_TYPES.has(type)) {
    problems.push({ name: `${field}.value.type`, message: 'must be one of BOOLEAN, NUMBER, STRING, STRING_LIST' });
    return;
  }
  const at = `${field}.value`;
  if (type === 'STRING' && !isValueString(attributeValue.stringValue)) {
    problems.push({ name: `${at}.stringValue`, message: 'must be a string of 1 to 2048 characters' });
  }
  if (
    type === 'NUMBER' &&
    (typeof attributeValue.numberValue !== 'number' || !Number.isFinite(attributeValue.numberValue))
  ) {
    problems.push({ name: `${at}.numberValue`, message: 'must be a number' });
  }
  if (type === 'BOOLEAN' && typeof attributeValue.booleanValue !== 'boolean') {
    problems.push({ name: `${at}.booleanValue`, message: 'must be a boolean' });
  }
  if (type === 'STRING_LIST') {
    const list = attributeValue.stringListValue;
    if (!Array.isArray(list) || list.length < 1 || list.length > 10 || !list.every(isValueString)) {
      problems.push({
        name: `${at}.stringListValue`,
        message: 'must be a list of 1 to 10 strings of 1 to 2048 characters',
      });
    }
  }
}

function isValueString(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && codePoints(value) <= 2048;
}
