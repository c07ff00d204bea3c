import ky, { type KyInstance } from 'ky';
import type { ChunkResult, ProviderAdapter, RequestContext } from '../../core/adapter';
import { documentStatus } from '../../core/document-status';
import type { DocumentStatus } from '../../core/types';
import { notFoundStatus, toDocumentStatus } from './document-status';
import { classifyNaverError, errorFromAnswer, invalidResponse } from './errors';
import { encodePathSegment, type NaverDocumentRef, type NaverNormalizedRef, normalizeNaverRef } from './ids';
import { NAVER_DEFAULT_CONCURRENCY, type ResolvedNaverOptions } from './options';
import { httpStatusOfCode, isSuccessCode, naverDeleteResultSchema, naverStatusDataSchema, readEnvelope } from './wire';

/** One answer, read once: status, headers and the body parsed as JSON (undefined when empty). */
interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  /** False when the body was not empty and not JSON. */
  readable: boolean;
}

/**
 * The NAVER Cloud RAG adapter: one document per request (`batchLimit` 1), run
 * concurrently by the core. ky sends the requests with its own retry off
 * (`retry: 0`, the core is the one retry layer) and HTTP errors returned rather
 * than thrown, so the answer is classified here and ky's `HTTPError` (which holds
 * the request and its `Authorization` header) never exists.
 */
export function createNaverAdapter(
  options: ResolvedNaverOptions,
): ProviderAdapter<NaverDocumentRef, NaverNormalizedRef> {
  const http: KyInstance = ky.create({
    retry: 0,
    timeout: options.timeoutMs,
    throwHttpErrors: false,
    headers: { authorization: `Bearer ${options.apiKey}`, accept: 'application/json' },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const documentUrl = (id: string) =>
    `${options.baseUrl}/api/v1/svc/${encodePathSegment(options.serviceId)}/doc/${encodePathSegment(id)}`;

  const send = async (method: 'GET' | 'DELETE', url: string, context: RequestContext): Promise<Answer> => {
    const response = await http(url, { method, signal: context.signal });
    const text = await response.text();
    let body: unknown;
    let readable = true;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        readable = false;
      }
    }
    return { status: response.status, headers: response.headers, body, readable };
  };

  const failIfError = (answer: Answer, operation: string): void => {
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

  const getOne = async (ref: NaverNormalizedRef, context: RequestContext): Promise<DocumentStatus> => {
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
  const deleteOne = async (ref: NaverNormalizedRef, context: RequestContext): Promise<ChunkResult> => {
    const operation = 'delete request';
    const answer = await send('DELETE', documentUrl(ref.id), context);
    if (answer.status === 404) return { items: [notFoundStatus(ref.id, answer.body)], errors: [] };
    failIfError(answer, operation);
    if (!answer.readable) throw invalidResponse(operation, 'a body that is not JSON', answer.status);
    const deleted = documentStatus({
      provider: 'naver',
      id: ref.id,
      status: 'deleted',
      providerStatus: '',
      raw: answer.body,
    });
    // An empty 2xx body (204) is an accepted delete too.
    if (answer.body === undefined) return { items: [deleted], errors: [] };
    const envelope = readEnvelope(answer.body);
    if (!envelope) throw invalidResponse(operation, 'an unexpected envelope', answer.status);
    if (!isSuccessCode(envelope.code)) {
      const effectiveStatus = httpStatusOfCode(envelope.code);
      if (effectiveStatus === 404) return { items: [notFoundStatus(ref.id, answer.body)], errors: [] };
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
      const error = invalidResponse(operation, 'a result that does not list the document as deleted', answer.status);
      return { items: [], errors: [{ id: ref.id, error }] };
    }
    return { items: [deleted], errors: [] };
  };

  return {
    provider: 'naver',
    batchLimit: 1,
    defaultConcurrency: NAVER_DEFAULT_CONCURRENCY,
    unsupportedHints: { list: 'NAVER RAG has no endpoint that lists documents' },
    normalizeRef: normalizeNaverRef,
    classifyError: classifyNaverError,
    getOne,
    async getStatusChunk(refs, context) {
      return mergeSequential(refs, (ref) => getOne(ref, context).then((item) => ({ items: [item], errors: [] })));
    },
    async deleteChunk(refs, context) {
      return mergeSequential(refs, (ref) => deleteOne(ref, context));
    },
  };
}

/**
 * Runs one request per ref in order. With `batchLimit` 1 the core hands over one
 * ref per chunk; the loop only keeps the adapter correct if that ever changes.
 */
async function mergeSequential(
  refs: readonly NaverNormalizedRef[],
  run: (ref: NaverNormalizedRef) => Promise<ChunkResult>,
): Promise<ChunkResult> {
  const merged: ChunkResult = { items: [], errors: [] };
  for (const ref of refs) {
    const result = await run(ref);
    merged.items.push(...result.items);
    merged.errors.push(...result.errors);
  }
  return merged;
}
