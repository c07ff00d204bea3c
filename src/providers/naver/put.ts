import type { PreparedDocument, PutOperation, RequestContext } from '../../spec/adapter';
import { documentStatus } from '../../spec/document-status';
import { DocumentIndexError, validationError } from '../../spec/errors';
import { decodeUtf8, readDocumentInput, utf8ByteLength } from '../shared/document-input';
import { errorFromAnswer, invalidResponse } from './errors';
import type { ResolvedNaverOptions } from './options';
import { encodePathSegment, MAX_NAVER_DOC_ID_LENGTH } from './refs';
import { type NaverDocumentStatus, type NaverRawStatus, PROVIDER } from './status';
import type { NaverAnswer, NaverSend } from './transport';
import { httpStatusOfCode, readEnvelope } from './wire';

/*
 * What NAVER's reference pages document for the document routes
 * (api.ncloud-docs.com rag-add-doc-by-id and rag-replace-doc, kept in
 * test/fixtures/official/naver/add-document-by-id.json and replace-document.json):
 * - `POST /api/v1/svc/{serviceId}/doc/{docId}` adds a document under an id of
 *   the caller's choosing: "English letters, numbers, and special characters
 *   "-" and "_""; no length is stated (our 1024 is ours).
 * - `PUT /api/v1/svc/{serviceId}/doc/{docId}` replaces "a previously uploaded
 *   document with a new one".
 * - Both take a JSON body: `body` (String, required), `orgid`, `title`,
 *   `file_name`, `url`, `created_at` (ISO 8601), `extra` (Object, free fields).
 *   No size limit is stated for either.
 * Not documented (the response sections could not be retrieved): what either
 * answers, what POST answers for an id that exists, what PUT answers for one
 * that does not.
 *
 * Our upsert, from the two documented routes: POST first, the add call being
 * the one documented for a new id; when it is refused as a conflict (HTTP 409,
 * or a code whose status part is 409), PUT, as its own request. So a new
 * document costs one request and a replaced one two, and a POST retried after
 * its answer was lost ends in a PUT of the same content. Any 2xx answer is an
 * acceptance, whatever its body, unless its envelope carries an error code.
 */

/** Caller-chosen document ids: letters, digits, `-` and `_` (the add-by-id page). */
export const NAVER_PUT_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Content types NAVER's document routes can take: text (the `body` field is a String). */
const TEXT_TYPES = /^(text\/[a-z0-9.+-]+|application\/(json|xml|xhtml\+xml|x-ndjson|[a-z0-9.-]+\+(json|xml)))$/;

/** The JSON body of an add or replace. */
export interface NaverDocumentBody {
  body: string;
  title?: string;
  /** `metadata`, a Date as an ISO 8601 string. */
  extra?: Record<string, string | number | boolean | readonly string[]>;
}

/** A document ready for the add or replace route; its size is the body's UTF-8 bytes (NAVER states no limit). */
export interface NaverPreparedDocument extends PreparedDocument {
  readonly body: NaverDocumentBody;
}

/** Add (`POST`) and, for an existing id, replace (`PUT`) as the core's put operation: one document per request. */
export function createNaverPut(
  options: Pick<ResolvedNaverOptions, 'baseUrl' | 'serviceId'>,
  send: NaverSend,
): PutOperation<NaverPreparedDocument, NaverDocumentStatus> {
  const documentUrl = (id: string) =>
    `${options.baseUrl}/api/v1/svc/${encodePathSegment(options.serviceId)}/doc/${encodePathSegment(id)}`;

  const write =
    (method: 'POST' | 'PUT', operation: string) =>
    async (document: NaverPreparedDocument, context: RequestContext): Promise<NaverDocumentStatus> => {
      const answer = await send(method, documentUrl(document.id), context, document.body);
      return documentStatus<NaverRawStatus, typeof PROVIDER>({
        provider: PROVIDER,
        id: document.id,
        status: 'pending',
        providerStatus: '',
        raw: method === 'PUT' ? replaced(answer, operation) : requireAccepted(answer, operation),
      });
    };

  return {
    prepare: prepareNaverDocument,
    limits: {},
    calls: { one: { name: 'addDocument', send: write('POST', 'add request') } },
    replace: { name: 'replaceDocument', send: write('PUT', 'replace request') },
  };
}

/** Checks one `DocumentInput` against NAVER's rules and builds its JSON body. */
export function prepareNaverDocument(value: unknown, field: string): NaverPreparedDocument {
  const input = readDocumentInput(value, field, {
    max: MAX_NAVER_DOC_ID_LENGTH,
    pattern: NAVER_PUT_ID_PATTERN,
    patternText: 'letters, digits, - and _ (the ids NAVER lets callers choose)',
  });
  if (input.s3Uri !== undefined) {
    throw validationError(`${field}.s3Uri`, "NAVER's document routes take the text itself: no S3 input");
  }
  if (input.content === undefined) throw validationError(`${field}.content`, 'NAVER documents need their text (body)');
  if (input.contentType !== undefined && !TEXT_TYPES.test(input.contentType)) {
    throw validationError(`${field}.contentType`, `NAVER's document routes take text, not ${input.contentType}`);
  }
  const text = typeof input.content === 'string' ? input.content : decodeUtf8(input.content, `${field}.content`);
  const body: NaverDocumentBody = { body: text };
  if (input.title !== undefined) body.title = input.title;
  if (input.metadata.length > 0) {
    body.extra = Object.fromEntries(
      input.metadata.map(([key, entry]) => [key, entry instanceof Date ? entry.toISOString() : entry]),
    );
  }
  return { id: input.id, size: utf8ByteLength(text), body };
}

/**
 * The replace's answer, read as an add's is, but for one thing: it is sent only
 * after the add said the document exists, so the service is there and a `404`
 * says the document went in between. That is this document's failure (a
 * `conflict`), not the whole call's, as a missing service would be. Our own
 * reading: NAVER's replace page does not say what it answers for a missing id
 * (test/fixtures/official/naver/FINDINGS.md, section 12); the simulator's 404 is
 * its own default (`replaceMissing`), not a documented answer.
 */
function replaced(answer: NaverAnswer, operation: string): NaverRawStatus {
  try {
    return requireAccepted(answer, operation);
  } catch (error) {
    if (!(error instanceof DocumentIndexError) || error.code !== 'not_found') throw error;
    throw new DocumentIndexError('conflict', `${error.message}: the document went between the add and the replace`, {
      httpStatus: error.httpStatus,
      providerCode: error.providerCode,
      requestId: error.requestId,
      retryable: false,
    });
  }
}

/**
 * Throws our error unless the answer accepted the document (a 2xx whose envelope,
 * if any, says success); returns the envelope, the status's `raw`.
 */
function requireAccepted(answer: NaverAnswer, operation: string): NaverRawStatus {
  const envelope = answer.readable ? readEnvelope(answer.body) : undefined;
  const coded = envelope === undefined ? undefined : httpStatusOfCode(envelope.code);
  const ok = answer.status >= 200 && answer.status < 300;
  if (ok && (coded === undefined || (coded >= 200 && coded < 300))) {
    if (!answer.readable) throw invalidResponse(operation, 'a body that is not JSON', answer.status);
    return envelope?.wire;
  }
  throw errorFromAnswer({
    operation,
    httpStatus: answer.status,
    effectiveStatus: ok ? (coded ?? 500) : answer.status,
    providerCode: envelope?.code,
    headers: answer.headers,
  });
}
