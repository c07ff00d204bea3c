/**
 * Validates Kendra request bodies the way the service does, collecting every
 * broken constraint into one `ValidationException` message in AWS's own style
 * ("2 validation errors detected: Value ... at 'indexId' failed to satisfy
 * constraint: ...").
 */
import { codePoints } from '../encoding';

/** One `{Key, Value}` document attribute as it travels on the wire. */
export interface KendraWireAttribute {
  Key: string;
  Value: Record<string, unknown>;
}

export interface BatchGetDocumentStatusInput {
  IndexId: string;
  DocumentInfoList: Array<{ DocumentId: string; Attributes?: KendraWireAttribute[] }>;
}

export interface BatchDeleteDocumentInput {
  IndexId: string;
  DocumentIdList: string[];
}

/** Either the typed input, or the problems Kendra would report for it. */
export type Checked<T> = { ok: true; input: T } | { ok: false; problems: string[] };

const INDEX_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
const MAX_ITEMS = 10;
const MAX_DOCUMENT_ID = 2048;

/** Joins problems the way AWS's validation layer words them. */
export function validationMessage(problems: readonly string[]): string {
  const count = problems.length;
  return `${count} validation error${count === 1 ? '' : 's'} detected: ${problems.join('; ')}`;
}

/** `IndexId`, 1-10 `DocumentInfoList` entries with valid ids and attributes. */
export function checkBatchGetDocumentStatus(body: unknown): Checked<BatchGetDocumentStatusInput> {
  const problems: string[] = [];
  const record = asRecord(body);
  checkIndexId(record.IndexId, problems);
  const list = checkList(record.DocumentInfoList, 'documentInfoList', problems);
  list?.forEach((item, i) => {
    const info = asRecord(item);
    const at = `documentInfoList.${i + 1}.member`;
    checkDocumentId(info.DocumentId, `${at}.documentId`, problems);
    checkAttributes(info.Attributes, `${at}.attributes`, problems);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, input: body as BatchGetDocumentStatusInput };
}

/** `IndexId`, 1-10 valid ids in `DocumentIdList`. */
export function checkBatchDeleteDocument(body: unknown): Checked<BatchDeleteDocumentInput> {
  const problems: string[] = [];
  const record = asRecord(body);
  checkIndexId(record.IndexId, problems);
  const list = checkList(record.DocumentIdList, 'documentIdList', problems);
  list?.forEach((id, i) => {
    checkDocumentId(id, `documentIdList.${i + 1}.member`, problems);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, input: body as BatchDeleteDocumentInput };
}

export function checkIndexId(value: unknown, problems: string[]): void {
  if (value === undefined || value === null) {
    problems.push("Value null at 'indexId' failed to satisfy constraint: Member must not be null");
  } else if (typeof value !== 'string') {
    problems.push("Value at 'indexId' failed to satisfy constraint: Member must be a string");
  } else if (value.length !== 36) {
    problems.push(`Value '${value}' at 'indexId' failed to satisfy constraint: Member must have length 36`);
  } else if (!INDEX_ID_PATTERN.test(value)) {
    problems.push(
      `Value '${value}' at 'indexId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9][a-zA-Z0-9-]*`,
    );
  }
}

export function checkList(value: unknown, member: string, problems: string[]): unknown[] | undefined {
  if (value === undefined || value === null) {
    problems.push(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.push(`Value at '${member}' failed to satisfy constraint: Member must be a list`);
    return undefined;
  }
  if (value.length < 1) {
    problems.push(
      `Value '[]' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    );
  }
  if (value.length > MAX_ITEMS) {
    problems.push(
      `Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ITEMS}`,
    );
  }
  return value;
}

export function checkDocumentId(value: unknown, member: string, problems: string[]): void {
  if (value === undefined || value === null) {
    problems.push(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  } else if (typeof value !== 'string') {
    problems.push(`Value at '${member}' failed to satisfy constraint: Member must be a string`);
  } else if (value.length < 1) {
    problems.push(
      `Value '' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    );
  } else if (codePoints(value) > MAX_DOCUMENT_ID) {
    // The value itself is not echoed: it is 2 KB of someone's id.
    problems.push(
      `Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_DOCUMENT_ID}`,
    );
  }
}

/**
 * Visits each `DocumentAttribute` of a list member (as an object, with its member
 * path `member.N.member`); a present member that is not a list is one problem.
 */
export function forEachAttribute(
  value: unknown,
  member: string,
  problems: string[],
  visit: (attribute: Record<string, unknown>, at: string) => void,
): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.push(`Value at '${member}' failed to satisfy constraint: Member must be a list`);
    return;
  }
  for (let i = 0; i < value.length; i++) visit(asRecord(value[i]), `${member}.${i + 1}.member`);
}

export function checkAttributes(value: unknown, member: string, problems: string[]): void {
  forEachAttribute(value, member, problems, (attribute, at) => {
    if (typeof attribute.Key !== 'string' || attribute.Key.length < 1 || attribute.Key.length > 200) {
      problems.push(`Value at '${at}.key' failed to satisfy constraint: Member must have length between 1 and 200`);
    }
    if (typeof attribute.Value !== 'object' || attribute.Value === null || Array.isArray(attribute.Value)) {
      problems.push(`Value null at '${at}.value' failed to satisfy constraint: Member must not be null`);
    }
  });
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
