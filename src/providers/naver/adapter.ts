import type { ProviderAdapter, RequestContext } from '../../spec/adapter';
import { classifyNaverError, errorFromAnswer, invalidResponse } from './errors';
import type { ResolvedNaverOptions } from './options';
import { createNaverPut, type NaverPreparedDocument } from './put';
import { encodePathSegment, type NaverDocumentRef, type NaverNormalizedRef, normalizeNaverRef } from './refs';
import { deletedStatus, type NaverDocumentStatus, notFoundStatus, PROVIDER, toDocumentStatus } from './status';
import type { NaverAnswer, NaverSend } from './transport';
import {
  httpStatusOfCode,
  type NaverEnvelopeWire,
  naverDeleteResultSchema,
  readEnvelope,
  readStatusData,
} from './wire';

/**
 * The NAVER Cloud RAG adapter: NAVER answers one document per request, so it
 * declares one-document calls only and the core runs them concurrently.
 */
export function createNaverAdapter(
  options: ResolvedNaverOptions,
  send: NaverSend,
): ProviderAdapter<NaverDocumentRef, NaverNormalizedRef, NaverDocumentStatus, NaverPreparedDocument> {
  const documentUrl = (id: string) =>
    `${options.baseUrl}/api/v1/svc/${encodePathSegment(options.serviceId)}/doc/${encodePathSegment(id)}`;

  const failIfError = (answer: NaverAnswer, operation: string): void => {
    if (answer.status >= 200 && answer.status < 300) return;
    const envelope = readEnvelope(answer.body);
    throw errorFromAnswer({
      operation,
      httpStatus: answer.status,
      effectiveStatus: answer.status,
      providerCode: envelope?.code,
      headers: answer.headers,
    });
  };

  /**
   * What a 2xx answer's envelope says: its payload, or that the document is not
   * there (a code standing for 404). Any other non-2xx code is that failure; a
   * body that is not JSON, not an envelope, or whose code has no documented form
   * is `invalid_response`.
   */
  const readAnswer = (
    answer: NaverAnswer,
    operation: string,
  ): { payload: unknown; wire: NaverEnvelopeWire } | 'not_found' => {
    if (!answer.readable) throw invalidResponse(operation, 'a body that is not JSON', answer.status);
    const envelope = readEnvelope(answer.body);
    if (!envelope) throw invalidResponse(operation, 'an unexpected envelope', answer.status);
    const status = httpStatusOfCode(envelope.code);
    if (status === undefined) throw invalidResponse(operation, 'a code of no documented form', answer.status);
    if (status >= 200 && status < 300) return { payload: envelope.payload, wire: envelope.wire };
    if (status === 404) return 'not_found';
    throw errorFromAnswer({
      operation,
      httpStatus: answer.status,
      effectiveStatus: status,
      providerCode: envelope.code,
      headers: answer.headers,
    });
  };

  const getStatus = async (ref: NaverNormalizedRef, context: RequestContext): Promise<NaverDocumentStatus> => {
    const operation = 'status request';
    const answer = await send('GET', `${documentUrl(ref.id)}/status`, context);
    // HTTP 404 on the status route: the document is not (or no longer) there. No
    // retrieved page says what an unknown document answers; this is our reading.
    if (answer.status === 404) return notFoundStatus(ref.id, readEnvelope(answer.body)?.wire);
    failIfError(answer, operation);
    const read = readAnswer(answer, operation);
    if (read === 'not_found') return notFoundStatus(ref.id, readEnvelope(answer.body)?.wire);
    const data = readStatusData(read.payload);
    if (!data) throw invalidResponse(operation, 'document data of an unexpected shape', answer.status);
    return toDocumentStatus(ref.id, data);
  };

  /**
   * Deletes one document. Accepted: `deleted` with providerStatus `''`. HTTP 404
   * (or a code standing for 404): the document is not there, reported as a
   * `not_found` item, not an error, so that deleting what is already gone (or a
   * retry of a delete whose answer was lost) is not a failure, and one missing
   * document does not doom the other documents of the call.
   */
  const deleteDocument = async (ref: NaverNormalizedRef, context: RequestContext): Promise<NaverDocumentStatus> => {
    const operation = 'delete request';
    const answer = await send('DELETE', documentUrl(ref.id), context);
    if (answer.status === 404) return notFoundStatus(ref.id, readEnvelope(answer.body)?.wire);
    failIfError(answer, operation);
    // An empty 2xx body (204) is an accepted delete too.
    if (answer.readable && answer.body === undefined) return deletedStatus(ref.id, undefined);
    const read = readAnswer(answer, operation);
    if (read === 'not_found') return notFoundStatus(ref.id, readEnvelope(answer.body)?.wire);
    const result = naverDeleteResultSchema.safeParse(read.payload ?? {});
    if (!result.success) throw invalidResponse(operation, 'a result of an unexpected shape', answer.status);
    const list = result.data.deleted;
    if (list && !list.includes(ref.id)) {
      throw invalidResponse(operation, 'a result that does not list the document as deleted', answer.status);
    }
    return deletedStatus(ref.id, read.wire);
  };

  return {
    provider: PROVIDER,
    normalizeRef: normalizeNaverRef,
    classifyError: classifyNaverError,
    operations: {
      status: { one: { name: 'getDocumentStatus', send: getStatus } },
      delete: { one: { name: 'deleteDocument', send: deleteDocument } },
      put: createNaverPut(options, send),
    },
    unsupportedHints: { list: 'NAVER RAG has no endpoint that lists documents' },
  };
}
