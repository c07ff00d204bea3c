/**
 * Amazon Kendra document indexing status: `createKendraIndex`, on `@aws-sdk/client-kendra`.
 *
 * @packageDocumentation
 * @module docindex/kendra
 */
import { KendraClient } from '@aws-sdk/client-kendra';
import { createDocumentIndexClient } from '../../core/client';
import type { DocumentIndexClient } from '../../spec/client';
import { resolveAwsClient } from '../aws/config';
import { inFactory } from '../shared/factory';
import { createKendraAdapter } from './adapter';
import { type KendraIndexOptions, validateKendraOptions } from './options';
import type { KendraRef } from './refs';
import { type KendraDocumentStatus, PROVIDER } from './status';

export { classifyKendraError } from './errors';
export type { KendraCredentials, KendraIndexOptions } from './options';
export {
  KENDRA_CONTENT_TYPES,
  KENDRA_INLINE_BYTES_PER_REQUEST,
  KENDRA_PUT_BATCH_LIMIT,
  type KendraPreparedDocument,
} from './put';
export type { KendraDocumentRef, KendraRef } from './refs';
export { KENDRA_STATUS_TABLE, type KendraDocumentStatus, type KendraRawStatus, mapKendraStatus } from './status';

/**
 * A document index client for one Amazon Kendra index, on `@aws-sdk/client-kendra`.
 *
 * - `getStatuses` / `getStatus` / `waitFor` use BatchGetDocumentStatus, 10 documents
 *   per request; a ref may carry the status-lookup attributes of a custom data
 *   source (`KendraDocumentRef`). Per-document `Errors` land in `errors`
 *   with their `ErrorCode` as `providerCode`; `FailureCode` / `FailureReason` fill `failure`.
 * - `deleteDocuments` uses BatchDeleteDocument; accepted documents read `deleting`
 *   (Kendra deletes asynchronously), refused ones (`FailedDocuments`) land in `errors`.
 * - `putDocuments` uses BatchPutDocument: at most 10 documents and 5,000,000 bytes of
 *   inline content per request; `content` is sent as `Blob`, `s3Uri` as `S3Path`
 *   (with the `roleArn` option), `contentType` as Kendra's `ContentType` name,
 *   `metadata` as attributes (string, integer, Date, string[]). Accepted documents
 *   read `pending`; refused ones (`FailedDocuments`) land in `errors`.
 * - `listStatuses` rejects with `unsupported`: Kendra has no listing API.
 *
 * The client this factory creates has `maxAttempts: 1`, so `retry` is the only retry
 * layer. A `client` you pass is used as given (see {@link KendraIndexOptions.client}).
 * Every invalid option throws a `validation` error here, before anything is sent.
 *
 * @example
 * ```ts
 * import { createKendraIndex } from 'docindex/kendra';
 *
 * const index = createKendraIndex({ indexId: '0123abcd-...', region: 'us-east-1' });
 * const { items, errors } = await index.getStatuses(['doc-1', { id: 'doc-2', dataSourceId: 'ds1', dataSourceSyncJobExecutionId: 'job-7' }]);
 * ```
 */
export function createKendraIndex(options: KendraIndexOptions): DocumentIndexClient<KendraRef, KendraDocumentStatus> {
  return inFactory(PROVIDER, () => {
    const checked = validateKendraOptions(options);
    const kendra = resolveAwsClient(checked, 'KendraClient', 'KENDRA', (config) => new KendraClient(config));
    return createDocumentIndexClient(createKendraAdapter(kendra, checked.indexId, checked.roleArn), checked);
  });
}
