/**
 * The NAVER simulator's document writes: `POST /doc` (the service picks the id),
 * `POST /doc/{docId}` (add under the caller's id) and `PUT /doc/{docId}`
 * (replace), as NAVER's reference pages document them (rag-add-doc,
 * rag-add-doc-by-id, rag-replace-doc; test/fixtures/official/naver/). Followed:
 * the routes, the JSON body (`body` required; `orgid`, `title`, `file_name`,
 * `url`, `created_at` ISO 8601, `extra` an object) and the id rule of
 * add-by-id (letters, digits, `-`, `_`). Not documented, so settings
 * (`NaverWriteSettings`) with our assumption as the default: what POST answers
 * for an id that exists, what PUT answers for one that does not, and the
 * answer bodies, which follow the file routes' documented
 * `{status: {code: 200, message: ''}, result: {inserted, deleted, updated}}`.
 */
import { codePoints } from '../encoding';

/** What the simulator does where NAVER's pages say nothing. */
export interface NaverWriteSettings {
  /** `POST /doc/{docId}` for a document that exists: refuse it (HTTP 409, code 40900; the default) or replace it. */
  addExisting: 'conflict' | 'replace';
  /** `PUT /doc/{docId}` for a document that does not exist: refuse it (HTTP 404, code 40400; the default) or create it. */
  replaceMissing: 'not_found' | 'create';
}

export const DEFAULT_WRITE_SETTINGS: Readonly<NaverWriteSettings> = Object.freeze({
  addExisting: 'conflict',
  replaceMissing: 'not_found',
});

/** What the simulator keeps of a written document, for tests (the body's size and start, not the body). */
export interface NaverWrittenDocument {
  serviceId: string;
  id: string;
  /** How it was written last. */
  route: 'add' | 'replace';
  /** Characters of `body`. */
  bodyLength: number;
  /** The first 64 characters of `body`. */
  bodyStart: string;
  orgid?: string;
  title?: string;
  file_name?: string;
  url?: string;
  created_at?: string;
  extra?: Record<string, unknown>;
}

/** Caller-chosen ids (rag-add-doc-by-id). */
const DOC_ID = /^[A-Za-z0-9_-]+$/;
const OPTIONAL_STRINGS = ['orgid', 'title', 'file_name', 'url', 'created_at'] as const;

/** Either the written document, or why the body is refused. */
export type ReadBody = { ok: true; document: NaverWrittenDocument } | { ok: false; message: string };

/** Checks a write's JSON body against the documented fields. */
export function readDocumentBody(serviceId: string, id: string, route: 'add' | 'replace', body: unknown): ReadBody {
  if (!isRecord(body)) return { ok: false, message: 'The request body must be a JSON object' };
  if (typeof body.body !== 'string') return { ok: false, message: 'body is required and must be a String' };
  for (const field of OPTIONAL_STRINGS) {
    if (body[field] !== undefined && typeof body[field] !== 'string') {
      return { ok: false, message: `${field} must be a String` };
    }
  }
  if (typeof body.created_at === 'string' && Number.isNaN(Date.parse(body.created_at))) {
    return { ok: false, message: 'created_at must be an ISO 8601 date and time' };
  }
  if (body.extra !== undefined && !isRecord(body.extra)) return { ok: false, message: 'extra must be an Object' };
  const document: NaverWrittenDocument = {
    serviceId,
    id,
    route,
    bodyLength: codePoints(body.body),
    bodyStart: body.body.slice(0, 64),
  };
  for (const field of OPTIONAL_STRINGS) {
    const value = body[field];
    if (typeof value === 'string') document[field] = value;
  }
  if (isRecord(body.extra)) document.extra = body.extra;
  return { ok: true, document };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a caller-chosen id follows the add-by-id page's rule. */
export function isValidDocId(id: string): boolean {
  return DOC_ID.test(id);
}

/** The success answer of a write, in the file routes' documented form. */
export function writeAnswer(route: 'add' | 'replace', id: string): Record<string, unknown> {
  return {
    status: { code: 200, message: '' },
    result:
      route === 'add'
        ? { inserted: [id], deleted: null, updated: null }
        : { inserted: null, deleted: null, updated: [id] },
  };
}
