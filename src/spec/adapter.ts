/**
 * The adapter contract: what a provider supplies so that the core can build a
 * `DocumentIndexClient` around it. An adapter translates one request at a time
 * (its ids, its wire calls, its errors); the core does everything between the
 * caller and those requests, once for every provider: validation of the call,
 * chunking, scheduling, retries, deadlines, paging, waiting and merging.
 */
import type { DocumentStatus, StatusBatch } from './client';
import type { DocumentIndexError } from './errors';
import type { IndexStatus, ProviderName } from './status';

/** What one attempt of one provider request gets from the core. */
export interface RequestContext {
  /**
   * Aborts when the call is aborted, times out, or is doomed by another chunk's
   * error. Absent when nothing can cancel the request (no caller signal, no
   * deadline, no other request in the call): adapters pass it on as it is, and a
   * request without a signal skips the SDK's abort wiring, which on a single fast
   * call costs as much as everything else docindex does.
   */
  readonly signal?: AbortSignal | undefined;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /**
   * Stable across every attempt of one request and unique per request: an
   * idempotency token (Bedrock `clientToken`), so a retried delete is not applied twice.
   */
  readonly chunkToken: string;
  /** The provider's name for the operation this request is (as the adapter declared it). */
  readonly operation: string;
  /**
   * Present only while something observes requests (a hook, a logger, a tracer):
   * the transport tells it about each HTTP exchange of the attempt. Absent, the
   * transport does nothing extra.
   */
  readonly observer?: HttpExchangeObserver | undefined;
  /**
   * Present only while `waitFor` polls: a transport whose successful answer says
   * when to look again (Azure's `Retry-After` on status reads, "how long to wait
   * before making a new request") reports it here, in milliseconds, and the wait's
   * next poll waits at least that long (within its `maxDelayMs`).
   */
  readonly pollAfter?: ((ms: number) => void) | undefined;
}

/**
 * What a transport reports of each HTTP exchange of an attempt, for hooks, logs
 * and spans: an attempt may make several (Azure follows next links within one
 * lookup, a caller's own AWS client may retry underneath).
 */
export interface HttpExchangeObserver {
  /** The request is leaving: its method and full URL as sent (signed, final; redacted by the observer). */
  requestSent(method: string, url: string): void;
  /** Its response's status and headers arrived, whatever the status; `requestId` is the provider's. */
  responseReceived(httpStatus: number, requestId: string | undefined): void;
}

/** What a provider returned for one chunk: each id asked is in `items` or `errors`. */
export type ChunkResult<Status extends DocumentStatus = DocumentStatus> = StatusBatch<Status>;

/** A call that carries several documents per request. */
export interface BatchCall<Normalized, Status extends DocumentStatus = DocumentStatus> {
  /** The provider's operation name (e.g. `BatchGetDocumentStatus`), for errors, logs and hooks. */
  readonly name: string;
  /** Most documents one request may carry (the provider's documented limit). */
  readonly maxDocuments: number;
  /** Sends one request for at most `maxDocuments` documents. */
  send(refs: Normalized[], context: RequestContext): Promise<ChunkResult<Status>>;
}

/**
 * A call that carries exactly one document. An error it throws is that
 * document's error (or, when it dooms every request, the whole call's).
 */
export interface DocumentCall<Normalized, Status extends DocumentStatus = DocumentStatus> {
  /** The provider's operation name, for errors, logs and hooks. */
  readonly name: string;
  /** Sends one request for one document. */
  send(ref: Normalized, context: RequestContext): Promise<Status>;
}

/**
 * How a provider does one thing to documents: a batch call, a one-document call,
 * or both. The core uses the batch call for many documents and falls back to one
 * request per document (run concurrently) where there is none; for a single
 * document it prefers the one-document call.
 */
export type DocumentCalls<Normalized, Status extends DocumentStatus = DocumentStatus> =
  | { batch: BatchCall<Normalized, Status>; one?: DocumentCall<Normalized, Status> }
  | { batch?: BatchCall<Normalized, Status>; one: DocumentCall<Normalized, Status> };

/** A listing request for one page. */
export interface ListPageRequest {
  continuationToken?: string | undefined;
  maxPageSize?: number | undefined;
  statuses?: readonly IndexStatus[] | undefined;
}

/** One page as an adapter fetched it. `continuationToken` is absent on the last page. */
export interface FetchedPage<T> {
  items: T[];
  continuationToken?: string | undefined;
}

/** The provider's listing: one page per request. */
export interface ListCall<Status extends DocumentStatus = DocumentStatus> {
  /** The provider's operation name, for errors, logs and hooks. */
  readonly name: string;
  /** Largest `maxPageSize` the listing accepts. */
  readonly maxPageSize: number;
  /** Fetches one page. */
  send(request: ListPageRequest, context: RequestContext): Promise<FetchedPage<Status>>;
}

/** One document an adapter has checked and prepared for its put call. */
export interface PreparedDocument {
  /** The key `items` and `errors` report it under (the caller's id; Bedrock S3 documents: the uri). */
  readonly id: string;
  /**
   * How much of the provider's size limits it uses, in the unit the provider
   * counts (bytes of inline content; Bedrock text: characters). 0 for content the
   * provider reads elsewhere (S3).
   */
  readonly size: number;
}

/**
 * A put call's documented size limits, in the unit of `PreparedDocument.size`;
 * absent where the provider documents none. The number of documents per request
 * is the batch call's `maxDocuments` (1 for a one-document call).
 */
export interface PutLimits {
  /** Most one request may carry in total. */
  readonly bytesPerRequest?: number | undefined;
  /** Most one document may be. */
  readonly bytesPerDocument?: number | undefined;
}

/**
 * How a provider adds or replaces documents. The adapter checks and prepares one
 * document at a time (`prepare`) and sends one chunk (`calls.batch`) or one
 * document (`calls.one`); the core reads the source, cuts chunks at the count and
 * size limits, schedules, retries and merges.
 */
export interface PutOperation<Prepared extends PreparedDocument, Status extends DocumentStatus = DocumentStatus> {
  /**
   * Checks one input (`field` is its place in the call, e.g. `docs[3]`) and
   * prepares what the wire call sends; throws a `validation` error naming the
   * member (`docs[3].content`). A document over the provider's size limit is
   * refused here, with what to do instead.
   */
  prepare(document: unknown, field: string): Prepared;
  readonly limits: PutLimits;
  /**
   * The wire call; a chunk never exceeds the batch call's `maxDocuments` nor
   * `limits`. Errors follow the batch rule (a dooming error rejects the call),
   * except that a `validation` error of a one-document call is that document's
   * refusal: where the provider refuses documents one request at a time, that is
   * how it refuses one (a batch call refuses its documents in its answer).
   */
  readonly calls: DocumentCalls<Prepared, Status>;
  /**
   * For providers whose add call refuses an id that exists, with a separate call
   * to replace one: sent, as a request of its own, for a document whose
   * one-document call failed with `conflict`.
   */
  readonly replace?: DocumentCall<Prepared, Status> | undefined;
}

/** Every operation an adapter offers; a missing one rejects with `unsupported`, and nothing is sent. */
export interface AdapterOperations<
  Normalized,
  Status extends DocumentStatus = DocumentStatus,
  Prepared extends PreparedDocument = PreparedDocument,
> {
  /** Statuses (`getStatus`, `getStatuses`, `waitFor`). */
  readonly status: DocumentCalls<Normalized, Status>;
  /** Deletes (`deleteDocuments`). */
  readonly delete?: DocumentCalls<Normalized, Status> | undefined;
  /** The listing (`listStatuses`). */
  readonly list?: ListCall<Status> | undefined;
  /** Adding or replacing documents (`putDocuments`). */
  readonly put?: PutOperation<Prepared, Status> | undefined;
}

/**
 * The contract between the core and a provider adapter. An adapter supplies its
 * operations, its id validation and its error classification; the core supplies
 * chunking, concurrency, retries, deadlines, paging and waiting.
 *
 * `Ref` is what callers pass; `Normalized` is the validated form the adapter sends
 * (its `id` is the key that `DocumentStatus.id` and `StatusBatch.errors` use);
 * `Prepared` is a document its put call sends.
 */
export interface ProviderAdapter<
  Ref,
  Normalized extends { id: string },
  Status extends DocumentStatus = DocumentStatus,
  Prepared extends PreparedDocument = PreparedDocument,
> {
  /** The provider's name; the core puts it on every error that does not name one. */
  readonly provider: ProviderName;
  /** Validates one ref and returns its normalised form; throws a `validation` error naming `field`. */
  normalizeRef(ref: Ref | unknown, field: string): Normalized;
  /** Turns anything a wire call threw into our error (never throws itself). */
  classifyError(error: unknown): DocumentIndexError;
  /** What the provider can do, one entry per operation. */
  readonly operations: AdapterOperations<Normalized, Status, Prepared>;
  /** Why an operation is unsupported, for the error message. */
  readonly unsupportedHints?: { delete?: string; list?: string; put?: string };
}
