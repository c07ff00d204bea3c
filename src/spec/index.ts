/**
 * The contract: the client callers use, the adapter contract providers implement,
 * the errors and the status vocabulary. Provider-neutral and free of engines.
 */
export type {
  AdapterOperations,
  BatchCall,
  ChunkResult,
  DocumentCall,
  DocumentCalls,
  FetchedPage,
  HttpExchangeObserver,
  ListCall,
  ListPageRequest,
  PreparedDocument,
  ProviderAdapter,
  PutLimits,
  PutOperation,
  RequestContext,
} from './adapter';
export type {
  BatchOptions,
  CallOptions,
  DocumentIndexClient,
  DocumentInput,
  DocumentRef,
  DocumentStatus,
  DocumentStep,
  ListOptions,
  MetadataValue,
  Page,
  PagedAsyncIterableIterator,
  PageSettings,
  PutOptions,
  RetryOptions,
  StatusBatch,
  WaitError,
  WaitOptions,
  WaitProgress,
} from './client';
export { createStatusMapper, documentStatus } from './document-status';
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
export type {
  ClientHooks,
  ClientLogger,
  RequestEventBase,
  RequestHookEvent,
  ResponseHookEvent,
  RetryHookEvent,
  ThrottleHookEvent,
} from './observability';
export {
  INDEX_STATUSES,
  type IndexStatus,
  isIndexStatus,
  isSuccess,
  isTerminal,
  type ProviderName,
} from './status';
