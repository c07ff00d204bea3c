/**
 * The client contract: what every adapter's client offers its callers.
 */
import type { DocumentIndexError } from './errors';
import type { IndexStatus, ProviderName } from './status';

/** A document to ask about: its id, or an object carrying it (providers may accept richer refs). */
export type DocumentRef = string | { id: string };

/** One processing step of a document (NAVER reports these). */
export interface DocumentStep {
  name: string;
  failed: boolean;
  startedAt?: Date;
  finishedAt?: Date;
}

/**
 * One document's status, normalised, with the provider's own value and object kept
 * beside it. `Raw` is the type of `raw` and `Provider` of `provider`: each
 * provider's factory returns a client whose statuses name both.
 */
export interface DocumentStatus<Raw = unknown, Provider extends ProviderName = ProviderName> {
  provider: Provider;
  /** The id the caller asked about (Bedrock S3 refs: the s3 uri). */
  id: string;
  status: IndexStatus;
  /** The raw value, e.g. `'UPDATE_FAILED'`, `'Running'`, `'PARTIAL'`; `''` where the provider reported none. */
  providerStatus: string;
  /** `isTerminal(status)`. */
  terminal: boolean;
  /** The provider's failure code and reason, when it gave one. */
  failure?: { code?: string; message?: string };
  /** 0..1, where the provider reports progress (Azure `progress`, NAVER steps). */
  progress?: number;
  updatedAt?: Date;
  steps?: ReadonlyArray<DocumentStep>;
  /** The provider's own object for this document. */
  raw: Raw;
}

/** The outcome of a batch call: every unique id asked about is in exactly one of the two lists. */
export interface StatusBatch<Status extends DocumentStatus = DocumentStatus> {
  /** Documents the provider answered for, in input order. */
  items: Status[];
  /** Documents the provider refused or that still failed after retries. */
  errors: Array<{ id: string; error: DocumentIndexError }>;
}

/**
 * A document whose latest `waitFor` poll failed, in a {@link WaitProgress}. When an
 * earlier poll read the document, its status then is kept as `lastStatus`: a
 * transient error does not erase what was known.
 */
export interface WaitError<Status extends DocumentStatus = DocumentStatus> {
  id: string;
  error: DocumentIndexError;
  /** The document's status from the last poll that read it; absent when no poll has. */
  lastStatus?: Status;
}

/**
 * Where a `waitFor` stands after a poll, as `onProgress` sees it (and as a timed-out
 * wait's `error.lastResult` holds it). A `StatusBatch` of every document (each id once,
 * in `items` or `errors`, input order), plus the poll count, the time spent, counts
 * per status, and how many documents are done and pending by the rule `waitFor`
 * itself stops on, so that no caller has to re-derive "done".
 */
export interface WaitProgress<Status extends DocumentStatus = DocumentStatus> extends StatusBatch<Status> {
  /** Documents whose latest poll failed; transient errors (`error.retryable`) are polled again. */
  errors: Array<WaitError<Status>>;
  /** Polls answered so far: 1 after the first. */
  poll: number;
  /** Milliseconds since the wait started. */
  elapsedMs: number;
  /** Documents in `items` per status; every status is present, 0 when none. */
  counts: Readonly<Record<IndexStatus, number>>;
  /**
   * Documents `waitFor` will not poll again: their status satisfies `until` (with the
   * default `until`, a `not_found` read within `notFoundGraceMs` of the start does
   * not), or their error is not retryable.
   */
  done: number;
  /** Documents `waitFor` still polls (`total - done`); 0 once the wait has ended. */
  pending: number;
  /** Unique documents in the wait. */
  total: number;
}

/** Options every call takes: cancellation and a deadline. */
export interface CallOptions {
  /** Aborts the call; it rejects with code `aborted`. */
  signal?: AbortSignal | undefined;
  /** Bounds the whole call, retries included; it rejects with code `timeout`. */
  timeoutMs?: number | undefined;
}

/** Options of the batch calls (`getStatuses`, `deleteDocuments`). */
export interface BatchOptions extends CallOptions {
  /** How many provider requests may be in flight at once (default: the client's, 4 unless set). */
  concurrency?: number | undefined;
}

/** A metadata value a document may carry (each provider's adapter says which types it can send). */
export type MetadataValue = string | number | boolean | Date | readonly string[];

/**
 * A document to put (`putDocuments`). Give `content` (inline) or `s3Uri`
 * (a document in S3), not both; Bedrock's `s3://` ids are S3 documents whose
 * content is that object (see the provider's README section).
 */
export interface DocumentInput {
  /** The caller's id for the document; Bedrock: an `s3://` id is an S3 document. */
  id: string;
  /** The inline body: a string is text, bytes are sent as bytes. */
  content?: string | Uint8Array | undefined;
  /** MIME type of `content`, e.g. `'text/plain'`, `'text/html'`, `'application/pdf'`. */
  contentType?: string | undefined;
  /** `'s3://bucket/key'`: the document's content in S3 (Kendra `S3Path`, Bedrock S3 content). */
  s3Uri?: string | undefined;
  title?: string | undefined;
  /** Attributes to index with the document. */
  metadata?: Record<string, MetadataValue> | undefined;
}

/** Options of `putDocuments`: those of the batch calls. */
export interface PutOptions extends BatchOptions {}

/** Options of `listStatuses`. */
export interface ListOptions extends CallOptions {
  /** Bounds each page's fetch, retries included, not the whole listing; it rejects with code `timeout`. */
  timeoutMs?: number | undefined;
  /** Only documents in these statuses (filtered server-side where the provider can). */
  statuses?: IndexStatus[] | undefined;
}

/** Options of `waitFor`: how long, how often, and when a document counts as done. */
export interface WaitOptions<Status extends DocumentStatus = DocumentStatus> extends BatchOptions {
  /** Bounds the whole wait; on expiry rejects with `timeout` and `error.lastResult`. */
  timeoutMs?: number | undefined;
  /** First delay between polls (default 1000). */
  minDelayMs?: number | undefined;
  /** Cap on the delay between polls (default 30000). */
  maxDelayMs?: number | undefined;
  /**
   * When a document is done (default: `isTerminal`). If it throws, the wait stops
   * polling and rejects with a `validation` error naming `options.until`, your
   * error as its `cause` and where the wait stood as `lastResult`.
   */
  until?: ((status: IndexStatus) => boolean) | undefined;
  /**
   * Called after every poll with where the wait stands: every document's latest
   * status or error, and the counts (see {@link WaitProgress}). If it throws, the
   * wait stops polling and rejects as for `until` (unlike the factory's `hooks`,
   * which are observers and never break a call). A promise it returns (an async
   * function) is awaited before the next poll, and its rejection ends the wait the same way.
   */
  onProgress?: ((progress: WaitProgress<Status>) => void) | undefined;
  /**
   * Only with the default `until`: a document reading `not_found` within this many
   * milliseconds of the start is treated as not yet visible (default 30000).
   */
  notFoundGraceMs?: number | undefined;
}

/** Retry policy for one request; `maxAttempts` counts every attempt, the first included. */
export interface RetryOptions {
  /** Attempts per request, first included (default 3; 1 turns retries off). */
  maxAttempts?: number | undefined;
  /** Smallest backoff delay, also the least a retry waits whatever Retry-After says (default 100). */
  minDelayMs?: number | undefined;
  /** Largest backoff delay, and the cap on a provider's Retry-After (default 20000). */
  maxDelayMs?: number | undefined;
}

/** Where `byPage` starts and how large its pages are. */
export interface PageSettings {
  /** Resume after the page that carried this token. */
  continuationToken?: string | undefined;
  /** Ask the provider for pages of at most this many documents. */
  maxPageSize?: number | undefined;
}

/** A page of results; `continuationToken` is absent on the last page. */
export type Page<T> = T[] & { continuationToken?: string };

/** An async iterator of items that can also be walked page by page (the Azure SDK's shape). */
export interface PagedAsyncIterableIterator<T, TPage = Page<T>, TSettings = PageSettings> {
  /** The next item, fetching the next page when the current one is used up. */
  next(): Promise<IteratorResult<T, undefined>>;
  /**
   * Ends the listing (what `for await` calls on `break`, `return` or a throw in its
   * body): the page in hand is let go, and `next()` reports done from then on.
   */
  return(value?: undefined): Promise<IteratorResult<T, undefined>>;
  /** Makes the iterator usable in `for await`. */
  [Symbol.asyncIterator](): PagedAsyncIterableIterator<T, TPage, TSettings>;
  /** Walks the listing page by page, from the start or from `settings.continuationToken`. */
  byPage(settings?: TSettings): AsyncIterableIterator<TPage>;
}

/**
 * The provider-neutral client every adapter returns. `Ref` is what its calls
 * accept as a document, `Status` what they answer with (a provider's factory
 * narrows both; the defaults are the neutral types).
 */
export interface DocumentIndexClient<Ref = DocumentRef, Status extends DocumentStatus = DocumentStatus> {
  /** The provider's name: `Status['provider']`, so a factory's client names its own (`'kendra'`, ...). */
  readonly provider: Status['provider'];
  /** One document's status, or the error the provider reported for it. */
  getStatus(ref: Ref, options?: CallOptions): Promise<Status>;
  /** Many documents' statuses, chunked at the provider's limit and run concurrently. */
  getStatuses(refs: readonly Ref[], options?: BatchOptions): Promise<StatusBatch<Status>>;
  /** Every document, lazily, page by page where the provider can list. */
  listStatuses(options?: ListOptions): PagedAsyncIterableIterator<Status>;
  /** Deletes documents; each is reported with its state once the provider accepted the delete. */
  deleteDocuments(refs: readonly Ref[], options?: BatchOptions): Promise<StatusBatch<Status>>;
  /**
   * Polls until every document satisfies `until` (default: terminal). Resolves with
   * every document's final status or error, under the same accounting rule as
   * `getStatuses`; `onProgress` sees a {@link WaitProgress} after every poll.
   */
  waitFor(refs: readonly Ref[], options?: WaitOptions<Status>): Promise<StatusBatch<Status>>;
  /**
   * Adds or replaces documents (upsert), cut into requests at the provider's
   * documented count and size limits and run concurrently. An iterable source is
   * read lazily, only as requests free up. Each accepted document is in `items`
   * with the status the provider reported on acceptance, each refused one in
   * `errors`; `waitFor(batch.items)` then waits for exactly what was accepted.
   */
  putDocuments(
    docs: Iterable<DocumentInput> | AsyncIterable<DocumentInput>,
    options?: PutOptions,
  ): Promise<StatusBatch<Status>>;
}
