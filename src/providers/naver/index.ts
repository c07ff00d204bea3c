/**
 * NAVER Cloud RAG document index status (`docindex/naver`), over ky.
 *
 * @packageDocumentation
 * @module docindex/naver
 */
import { createDocumentIndexClient } from '../../core/client';
import type { DocumentIndexClient } from '../../spec/client';
import { inFactory } from '../shared/factory';
import { createNaverAdapter } from './adapter';
import { type NaverRagIndexOptions, resolveNaverOptions } from './options';
import type { NaverDocumentRef } from './refs';
import { type NaverDocumentStatus, PROVIDER } from './status';
import { createNaverSend } from './transport';

export {
  NAVER_DEFAULT_BASE_URL,
  NAVER_DEFAULT_TIMEOUT_MS,
  type NaverFetch,
  type NaverRagIndexOptions,
} from './options';
export { NAVER_PUT_ID_PATTERN, type NaverDocumentBody, type NaverPreparedDocument } from './put';
export type { NaverDocumentRef } from './refs';
export {
  mapNaverStatus,
  NAVER_STATUS_TABLE,
  type NaverDocumentStatus,
  type NaverIndexStatus,
  type NaverRawStatus,
} from './status';
export type { NaverEnvelopeWire, NaverStatusWire, NaverStepWire } from './wire';

/**
 * A client for the documents of one NAVER Cloud RAG service.
 *
 * - `getStatus` / `getStatuses` / `waitFor`: `GET /api/v1/svc/{serviceId}/doc/{docId}/status`,
 *   one document per request, `concurrency` (default 4, as for every provider)
 *   at a time. HTTP 404 reads as `not_found`; steps, progress (finished pipeline
 *   steps / 5), the failed step and `updatedAt` are filled in from the answer.
 * - `deleteDocuments`: `DELETE /api/v1/svc/{serviceId}/doc/{docId}`; an accepted
 *   delete reads `deleted`, a document that is not there `not_found`.
 * - `putDocuments`: `POST /api/v1/svc/{serviceId}/doc/{docId}` (add), and for an id
 *   that exists (a 409 conflict) `PUT` on the same path (replace), one document
 *   per request; `content` is sent as `body` (bytes decoded as UTF-8), `title` as
 *   `title`, `metadata` as `extra`. Ids are letters, digits, `-` and `_`; S3 input
 *   is refused. Accepted documents read `pending`.
 * - `listStatuses`: rejects with `unsupported` (NAVER has no listing endpoint).
 *
 * Document ids are non-empty strings of at most 1024 characters, never `.` or
 * `..`, always sent percent-encoded as one path segment. Options are checked here
 * and throw a `validation` error naming the field.
 *
 * @example
 * ```ts
 * const index = createNaverRagIndex({ serviceId: 'my-service', apiKey: process.env.NAVER_RAG_API_KEY! });
 * const status = await index.getStatus('12345');
 * ```
 */
export function createNaverRagIndex(
  options: NaverRagIndexOptions,
): DocumentIndexClient<NaverDocumentRef, NaverDocumentStatus> {
  return inFactory(PROVIDER, () => {
    const resolved = resolveNaverOptions(options);
    const adapter = createNaverAdapter(resolved, createNaverSend(resolved));
    return createDocumentIndexClient(adapter, options);
  });
}
