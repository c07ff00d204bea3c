/**
 * The Bedrock agent wire vocabulary the simulator speaks (REST JSON, API
 * 2023-06-05), and the service-side validation of request bodies. Written against
 * the model, not the SDK, so the simulator stays free of the SDK.
 */
import { codePoints } from '../encoding';

/** A data source's type; a document identifier must be of the same type. */
export type BedrockDataSourceType = 'CUSTOM' | 'S3';

/** `DocumentIdentifier` as it travels on the wire. */
export type WireDocumentIdentifier =
  | { dataSourceType: 'CUSTOM'; custom: { id: string } }
  | { dataSourceType: 'S3'; s3: { uri: string } };

/** `KnowledgeBaseDocumentDetail` as it travels on the wire (`updatedAt` ISO 8601 date-time). */
export interface WireDocumentDetail {
  knowledgeBaseId: string;
  dataSourceId: string;
  status: string;
  identifier: WireDocumentIdentifier;
  statusReason?: string;
  updatedAt?: string;
}

/** One entry of a ValidationException's `fieldList`. */
export interface FieldProblem {
  name: string;
  message: string;
}

/** `knowledgeBaseId` and `dataSourceId`. */
export const RESOURCE_ID_PATTERN = /^[0-9a-zA-Z]{10}$/;
/** `clientToken`, 33-256 characters. */
export const CLIENT_TOKEN_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}$/;
/** `s3.uri` of a document identifier. */
// `u`: `.{1,128}` counts code points, as the service does.
export const S3_URI_PATTERN = /^s3:\/\/.{1,128}$/u;
/** Most identifiers one get or delete, and most documents one ingest, may carry. */
export const MAX_DOCUMENTS_PER_CALL = 10;
/** `maxResults` of a listing. */
export const MAX_LIST_RESULTS = 1000;

/** The key a document is stored under inside its data source: its custom id or its S3 uri. */
export function identifierKey(identifier: WireDocumentIdentifier): string {
  return identifier.dataSourceType === 'S3' ? identifier.s3.uri : identifier.custom.id;
}

/** Builds the wire identifier of a stored document. */
export function toWireIdentifier(type: BedrockDataSourceType, key: string): WireDocumentIdentifier {
  return type === 'S3' ? { dataSourceType: 'S3', s3: { uri: key } } : { dataSourceType: 'CUSTOM', custom: { id: key } };
}

/**
 * Reads one `DocumentIdentifier`, collecting what the service would refuse under
 * `field`. `expected` is the data source's type: the service refuses the other one.
 */
export function readIdentifier(
  value: unknown,
  field: string,
  expected: BedrockDataSourceType,
  problems: FieldProblem[],
): WireDocumentIdentifier | undefined {
  if (!isRecord(value)) {
    problems.push({ name: field, message: 'must be an object' });
    return undefined;
  }
  const type = value.dataSourceType;
  if (type !== 'CUSTOM' && type !== 'S3') {
    problems.push({ name: `${field}.dataSourceType`, message: 'must be one of CUSTOM, S3' });
    return undefined;
  }
  if (type !== expected) {
    problems.push({
      name: `${field}.dataSourceType`,
      message: `identifier type ${type} does not match the data source type ${expected}`,
    });
    return undefined;
  }
  if (type === 'CUSTOM') {
    const id = isRecord(value.custom) ? value.custom.id : undefined;
    if (typeof id !== 'string' || id.length < 1 || codePoints(id) > 2048) {
      problems.push({ name: `${field}.custom.id`, message: 'must be a string of 1 to 2048 characters' });
      return undefined;
    }
    return { dataSourceType: 'CUSTOM', custom: { id } };
  }
  const uri = isRecord(value.s3) ? value.s3.uri : undefined;
  if (typeof uri !== 'string' || !S3_URI_PATTERN.test(uri)) {
    problems.push({ name: `${field}.s3.uri`, message: `must match ${S3_URI_PATTERN.source}` });
    return undefined;
  }
  return { dataSourceType: 'S3', s3: { uri } };
}

/** Reads `documentIdentifiers` (1-10 identifiers). */
export function readIdentifierList(
  value: unknown,
  expected: BedrockDataSourceType,
  problems: FieldProblem[],
): WireDocumentIdentifier[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_DOCUMENTS_PER_CALL) {
    problems.push({
      name: 'documentIdentifiers',
      message: `must be a list of 1 to ${MAX_DOCUMENTS_PER_CALL} document identifiers`,
    });
    return [];
  }
  const identifiers: WireDocumentIdentifier[] = [];
  value.forEach((item, i) => {
    const identifier = readIdentifier(item, `documentIdentifiers.${i}`, expected, problems);
    if (identifier) identifiers.push(identifier);
  });
  return identifiers;
}

/** Reads an optional `clientToken` (33-256 characters, the model's pattern). */
export function readClientToken(value: unknown, problems: FieldProblem[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < 33 || value.length > 256 || !CLIENT_TOKEN_PATTERN.test(value)) {
    problems.push({
      name: 'clientToken',
      message: `must be 33 to 256 characters matching ${CLIENT_TOKEN_PATTERN.source}`,
    });
    return undefined;
  }
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the identifier of one `documents[i]` of an ingest: `content.custom.customDocumentIdentifier.id`
 * or `content.s3.s3Location.uri`, of the data source's type.
 */
export function readIngestedIdentifier(
  value: unknown,
  field: string,
  expected: BedrockDataSourceType,
  problems: FieldProblem[],
): WireDocumentIdentifier | undefined {
  const content = isRecord(value) ? value.content : undefined;
  if (!isRecord(content)) {
    problems.push({ name: `${field}.content`, message: 'must be an object' });
    return undefined;
  }
  const custom = isRecord(content.custom) ? content.custom : undefined;
  const s3 = isRecord(content.s3) ? content.s3 : undefined;
  const candidate =
    content.dataSourceType === 'CUSTOM'
      ? {
          dataSourceType: 'CUSTOM',
          custom: {
            id: isRecord(custom?.customDocumentIdentifier) ? custom.customDocumentIdentifier.id : undefined,
          },
        }
      : {
          dataSourceType: content.dataSourceType,
          s3: { uri: isRecord(s3?.s3Location) ? s3.s3Location.uri : undefined },
        };
  return readIdentifier(candidate, `${field}.content`, expected, problems);
}
