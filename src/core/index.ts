export type { ChunkResult, ListPageRequest, ProviderAdapter, RequestContext } from './adapter';
export { chunk, mapWithConcurrency, uniqueBy } from './batching';
export { type CallScope, openCallScope, withCallScope } from './call-scope';
export { type ClientConfig, createDocumentIndexClient, DEFAULT_CONCURRENCY, mergeChunkResults } from './client';
export { documentStatus } from './document-status';
export {
  DOCUMENT_INDEX_ERROR_CODES,
  DocumentIndexError,
  type DocumentIndexErrorCode,
  type DocumentIndexErrorOptions,
  isDocumentIndexError,
  isRetryableCode,
  unsupportedError,
  validationError,
} from './errors';
export { createPagedIterator, type FetchedPage, type PageFetcher } from './paging';
export { createRequestRunner, type RequestRunner } from './request-runner';
export {
  backoffDelay,
  DEFAULT_RETRY,
  type RetryContext,
  type RetryPolicy,
  resolveRetryPolicy,
  retryDelay,
  withRetry,
} from './retry';
export { parseRetryAfter } from './retry-after';
export { sleep } from './sleep';
export {
  createStatusMapper,
  INDEX_STATUSES,
  type IndexStatus,
  isIndexStatus,
  isSuccess,
  isTerminal,
  type ProviderName,
} from './status';
export type {
  BatchOptions,
  CallOptions,
  DocumentIndexClient,
  DocumentRef,
  DocumentStatus,
  DocumentStep,
  ListOptions,
  Page,
  PagedAsyncIterableIterator,
  PageSettings,
  RetryOptions,
  StatusBatch,
  WaitOptions,
} from './types';
// The checks factories and the core run before anything is sent, for custom
// adapters. Named exports, not a namespace object: `export * as` makes bundlers
// keep a helper chunk that esbuild then reports as an ignored side-effect import.
export { optionalFiniteNumber, optionalInteger, requireObject, requireString } from './validate';
export { DEFAULT_WAIT, type WaitPlan, waitForDocuments } from './waiting';
