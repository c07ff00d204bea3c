import type { DocumentIndexError } from './errors';
import type { FetchedPage } from './paging';
import type { IndexStatus, ProviderName } from './status';
import type { DocumentStatus, StatusBatch } from './types';

/** What one attempt of one provider request gets from the core. */
export interface RequestContext {
  /**
   * Aborts when the call is aborted, times out, or is doomed by another chunk's
   * error. Absent when nothing can cancel the request (no caller signal, no
   * deadline, no other request in the call): adapters pass it on as it is, and a
   * request without a signal skips the SDK's abort wiring, which on a single fast
   * call costs as much as everything else docindex does.
   */
  signal?: AbortSignal | undefined;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * Stable across every attempt of one chunk and unique per chunk: an idempotency
   * token (Bedrock `clientToken`), so a retried delete is not applied twice.
   */
  chunkToken: string;
}

/** What a provider returned for one chunk: each id asked is in `items` or `errors`. */
export type ChunkResult = StatusBatch;

/** A listing request for one page. */
export interface ListPageRequest {
  continuationToken?: string | undefined;
  maxPageSize?: number | undefined;
  statuses?: readonly IndexStatus[] | undefined;
}

/**
 * The contract between the core and a provider adapter. An adapter supplies its
 * wire calls, its id validation and its error classification; the core supplies
 * chunking, concurrency, retries, deadlines, paging and waiting.
 *
 * `Ref` is what callers pass; `Normalized` is the validated form the adapter sends
 * (its `id` is the key that `DocumentStatus.id` and `StatusBatch.errors` use).
 */
export interface ProviderAdapter<Ref, Normalized extends { id: string }> {
  readonly provider: ProviderName;
  /** Most documents one request may carry (10 for the batch APIs, 1 for per-document APIs). */
  readonly batchLimit: number;
  /** Default number of requests in flight for batch calls (4 unless set). */
  readonly defaultConcurrency?: number;
  /** Largest `maxPageSize` the listing accepts. */
  readonly maxListPageSize?: number;

  /** Validates one ref and returns its normalised form; throws a `validation` error naming `field`. */
  normalizeRef(ref: Ref | unknown, field: string): Normalized;
  /** Turns anything a wire call threw into our error (never throws itself). */
  classifyError(error: unknown): DocumentIndexError;

  /** Statuses of at most `batchLimit` documents in one request. */
  getStatusChunk(refs: Normalized[], context: RequestContext): Promise<ChunkResult>;
  /** One document's status, where the provider has a single-document call. */
  getOne?(ref: Normalized, context: RequestContext): Promise<DocumentStatus>;
  /** Deletes at most `batchLimit` documents in one request. Absent: `unsupported`. */
  deleteChunk?(refs: Normalized[], context: RequestContext): Promise<ChunkResult>;
  /** One page of the listing. Absent: `unsupported`. */
  listPage?(request: ListPageRequest, context: RequestContext): Promise<FetchedPage<DocumentStatus>>;
  /** Why an operation is unsupported, for the error message. */
  readonly unsupportedHints?: { delete?: string; list?: string };
}
