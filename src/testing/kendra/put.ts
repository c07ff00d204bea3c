/**
 * The Kendra simulator's BatchPutDocument: the request checked against the
 * Smithy model's shapes (kendra-2019-02-03, as in
 * test/fixtures/official/aws/kendra.json) the way the service's validation
 * layer words it, and a record of what each put document carried.
 */
import { base64Length, base64Start, codePoints } from '../encoding';
import {
  asRecord,
  type Checked,
  checkDocumentId,
  checkIndexId,
  checkList,
  forEachAttribute,
  type KendraWireAttribute,
} from './requests';

/** A BatchPutDocument request body, as the SDK sends it (`Blob` base64, `DateValue` epoch seconds). */
export interface BatchPutDocumentInput {
  IndexId: string;
  RoleArn?: string;
  Documents: Array<{
    Id: string;
    Title?: string;
    Blob?: string;
    S3Path?: { Bucket: string; Key: string };
    ContentType?: string;
    Attributes?: KendraWireAttribute[];
  }>;
}

/** What the simulator keeps of one put document, for tests (the content's size and start, not the content). */
export interface KendraReceivedDocument {
  indexId: string;
  id: string;
  title?: string;
  contentType?: string;
  /** Bytes of the inline `Blob`, decoded. */
  blobBytes?: number;
  /** The first bytes of the `Blob` (at most 64) as UTF-8 text, for a quick look. */
  blobStart?: string;
  s3Path?: { Bucket: string; Key: string };
  /** The request's `RoleArn`, when it had one. */
  roleArn?: string;
  attributes: KendraWireAttribute[];
}

/** Limits the simulator enforces on BatchPutDocument beyond the model's shapes. */
export interface KendraPutLimits {
  /**
   * Decoded `Blob` bytes one request may carry (default 5,000,000: the stricter
   * of Kendra's documented readings, "5 MB total size for inline documents").
   */
  inlineBytesPerRequest: number;
}

export const DEFAULT_PUT_LIMITS: Readonly<KendraPutLimits> = Object.freeze({ inlineBytesPerRequest: 5_000_000 });

/** The enum `ContentType`. */
const CONTENT_TYPES = new Set([
  'PDF',
  'HTML',
  'MS_WORD',
  'PLAIN_TEXT',
  'PPT',
  'RTF',
  'XML',
  'XSLT',
  'MS_EXCEL',
  'CSV',
  'JSON',
  'MD',
]);
/** `DocumentAttributeKey`, 1-200. */
const ATTRIBUTE_KEY = /^[a-zA-Z0-9_][a-zA-Z0-9_-]*$/;
/** `S3BucketName`, 3-63. */
const S3_BUCKET = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;
/** `RoleArn`, 0-1284. */
const ROLE_ARN = /^arn:[a-z0-9-.]{1,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[^/].{0,1023}$/u;

/**
 * `IndexId`, 1-10 `Documents` of valid shape, and at most `inlineBytesPerRequest`
 * bytes of `Blob` in total. Every broken constraint is listed, as AWS does.
 */
export function checkBatchPutDocument(body: unknown, limits: KendraPutLimits): Checked<BatchPutDocumentInput> {
  const problems: string[] = [];
  const record = asRecord(body);
  checkIndexId(record.IndexId, problems);
  if (record.RoleArn !== undefined) {
    const role = record.RoleArn;
    if (typeof role !== 'string' || codePoints(role) > 1284 || (role !== '' && !ROLE_ARN.test(role))) {
      problems.push(
        `Value at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_ARN.source}`,
      );
    }
  }
  const list = checkList(record.Documents, 'documents', problems);
  let inlineBytes = 0;
  list?.forEach((item, i) => {
    const document = asRecord(item);
    const at = `documents.${i + 1}.member`;
    checkDocumentId(document.Id, `${at}.id`, problems);
    if (document.Title !== undefined && typeof document.Title !== 'string') {
      problems.push(`Value at '${at}.title' failed to satisfy constraint: Member must be a string`);
    }
    if (document.Blob !== undefined) {
      const bytes = base64Length(document.Blob);
      if (bytes === undefined)
        problems.push(`Value at '${at}.blob' failed to satisfy constraint: Member must be base64`);
      else inlineBytes += bytes;
    }
    if (document.S3Path !== undefined) checkS3Path(document.S3Path, `${at}.s3Path`, problems);
    if (document.ContentType !== undefined && !CONTENT_TYPES.has(document.ContentType as string)) {
      problems.push(
        `Value at '${at}.contentType' failed to satisfy constraint: Member must satisfy enum value set: [${[...CONTENT_TYPES].join(', ')}]`,
      );
    }
    checkPutAttributes(document.Attributes, `${at}.attributes`, problems);
  });
  if (inlineBytes > limits.inlineBytesPerRequest) {
    problems.push(
      `Value at 'documents' failed to satisfy constraint: Inline documents must not exceed ${limits.inlineBytesPerRequest} bytes in total, got ${inlineBytes}`,
    );
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, input: body as BatchPutDocumentInput };
}

/** What the simulator keeps of a put document. */
export function receivedDocument(
  indexId: string,
  roleArn: string | undefined,
  document: BatchPutDocumentInput['Documents'][number],
): KendraReceivedDocument {
  const received: KendraReceivedDocument = { indexId, id: document.Id, attributes: document.Attributes ?? [] };
  if (document.Title !== undefined) received.title = document.Title;
  if (document.ContentType !== undefined) received.contentType = document.ContentType;
  if (document.Blob !== undefined) {
    received.blobBytes = base64Length(document.Blob) ?? 0;
    received.blobStart = base64Start(document.Blob, 64);
  }
  if (document.S3Path !== undefined) received.s3Path = document.S3Path;
  if (roleArn !== undefined) received.roleArn = roleArn;
  return received;
}

function checkS3Path(value: unknown, member: string, problems: string[]): void {
  const path = asRecord(value);
  const bucket = path.Bucket;
  if (typeof bucket !== 'string' || bucket.length < 3 || bucket.length > 63 || !S3_BUCKET.test(bucket)) {
    problems.push(
      `Value at '${member}.bucket' failed to satisfy constraint: Member must satisfy regular expression pattern: ${S3_BUCKET.source}`,
    );
  }
  const key = path.Key;
  if (typeof key !== 'string' || key.length < 1 || codePoints(key) > 1024) {
    problems.push(`Value at '${member}.key' failed to satisfy constraint: Member must have length between 1 and 1024`);
  }
}

/** `DocumentAttribute` entries: a valid key and exactly one value member of its shape. */
function checkPutAttributes(value: unknown, member: string, problems: string[]): void {
  forEachAttribute(value, member, problems, (attribute, at) => {
    const key = attribute.Key;
    if (typeof key !== 'string' || key.length < 1 || key.length > 200 || !ATTRIBUTE_KEY.test(key)) {
      problems.push(
        `Value at '${at}.key' failed to satisfy constraint: Member must have length between 1 and 200 and satisfy regular expression pattern: ${ATTRIBUTE_KEY.source}`,
      );
    }
    const attributeValue = asRecord(attribute.Value);
    const members = Object.keys(attributeValue).filter((name) => attributeValue[name] !== undefined);
    if (members.length !== 1) {
      problems.push(
        `Value at '${at}.value' failed to satisfy constraint: You can only provide one value for a document attribute`,
      );
      return;
    }
    const [kind] = members as [string];
    const entry = attributeValue[kind];
    const valid =
      kind === 'StringValue'
        ? isAttributeString(entry)
        : kind === 'StringListValue'
          ? Array.isArray(entry) && entry.every(isAttributeString)
          : kind === 'LongValue'
            ? Number.isInteger(entry)
            : kind === 'DateValue'
              ? typeof entry === 'number' || (typeof entry === 'string' && !Number.isNaN(Date.parse(entry)))
              : false;
    if (!valid) {
      problems.push(
        `Value at '${at}.value.${lowerFirst(kind)}' failed to satisfy constraint: Member is not a valid ${kind}`,
      );
    }
  });
}

function isAttributeString(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && codePoints(value) <= 2048;
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
