import type { ProviderAdapter, RequestContext } from '../../spec/adapter';
import { classifyNaverError, errorFromAnswer, invalidResponse } from './errors';
import type { ResolvedNaverOptions } from './options';
import { createNaverPut, type NaverPreparedDocument } from './put';
import { encodePathSegment, type NaverDocumentRef, type NaverNormalizedRef, normalizeNaverRef } from './refs';
import { deletedStatus, type NaverDocumentStatus, notFoundStatus, PROVIDER, toDocumentStatus } from './status';
import type { NaverAnswer, NaverSend } from './transport';
import { httpStatusOfCode, isSuccessCode, naverDeleteResultSchema, naverStatusDataSchema, readEnvelope } from './wire';

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

  const getStatus = async (ref: NaverNormalizedRef, context: RequestContext): Promise<NaverDocumentStatus> => {
    const operation = 'status request';
    const answer = await send('GET', `${documentUrl(ref.id)}/status`, context);
    // HTTP 404 on the status route: the document is not (or no longer) there.
    if (answer.status === 404) return notFoundStatus(ref.id, answer.body);
    failIfError(answer, operation);
    if (!answer.readable) throw invalidResponse(operation, 'a body that is not JSON', answer.status);
    const envelope = readEnvelope(answer.body);
    if (!envelope) throw invalidResponse(operation, 'an unexpected envelope', answer.status);
    if (!isSuccessCode(envelope.code)) {
      const effectiveStatus = httpStatusOfCode(envelope.code);
      if (effectiveStatus === 404) return notFoundStatus(ref.id, answer.body);
      throw errorFromAnswer({
        operation,
        httpStatus: answer.status,
        effectiveStatus: effectiveStatus ?? 500,
        providerCode: envelope.code,
        headers: answer.headers,
      });
    }
    const data = naverStatusDataSchema.safeParse(envelope.payload);
    if (!data.success) throw invalidResponse(operation, 'document data of an unexpected shape', answer.status);
    return toDocumentStatus(ref.id, data.data, envelope.payload);
  };

  /**
   * Deletes one document. Accepted: `deleted` with providerStatus `''`. HTTP 404
   * (or code 404xx): the document is not there, reported as a `not_found` item,
   * not an error, so that deleting what is already gone (or a retry of a delete
   * whose answer was lost) is not a failure, and one missing document does not
   * doom the other documents of the call.
   */
  const deleteDocument = async (ref: NaverNormalizedRef, context: RequestContext): Promise<NaverDocumentStatus> => {
    const operation = 'delete request';
    const answer = await send('DELETE', documentUrl(ref.id), context);
    if (answer.status === 404) return notFoundStatus(ref.id, answer.body);
    failIfError(answer, operation);
    if (!answer.readable) throw invalidResponse(operation, 'a body that is not JSON', answer.status);
    // An empty 2xx body (204) is an accepted delete too.
    if (answer.body === undefined) return deletedStatus(ref.id, answer.body);
    const envelope = readEnvelope(answer.body);
    if (!envelope) throw invalidResponse(operation, 'an unexpected envelope', answer.status);
    if (!isSuccessCode(envelope.code)) {
      const effectiveStatus = httpStatusOfCode(envelope.code);
      if (effectiveStatus === 404) return notFoundStatus(ref.id, answer.body);
      throw errorFromAnswer({
        operation,
        httpStatus: answer.status,
        effectiveStatus: effectiveStatus ?? 500,
        providerCode: envelope.code,
        headers: answer.headers,
      });
    }
    const result = naverDeleteResultSchema.safeParse(envelope.payload ?? {});
    if (!result.success) throw invalidResponse(operation, 'a result of an unexpected shape', answer.status);
    const list = result.data.deleted;
    if (list && !list.includes(ref.id)) {
      throw invalidResponse(operation, 'a result that does not list the document as deleted', answer.status);
    }
    return deletedStatus(ref.id, answer.body);
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
