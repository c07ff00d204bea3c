import { requireString } from '../../src/core/validate';
import type {
  AdapterOperations,
  ChunkResult,
  DocumentIndexError,
  DocumentStatus,
  FetchedPage,
  IndexStatus,
  ListPageRequest,
  ProviderAdapter,
  RequestContext,
} from '../../src/index';
import { DocumentIndexError as ErrorClass, isTerminal } from '../../src/index';

/** One request the adapter received. */
export interface RecordedCall {
  op: 'status' | 'one' | 'delete' | 'list' | 'put' | 'replace';
  ids: string[];
  attempt: number;
  chunkToken: string;
  /** Absent when nothing could cancel the request (see `RequestContext.signal`). */
  signal?: AbortSignal | undefined;
}

/** A document of the memory adapter's put call: its id, and its size (the content's length). */
export interface MemoryPrepared {
  id: string;
  size: number;
  content: string;
}

/** How the memory adapter's put call is declared (see the constructor). */
export interface MemoryPutOptions {
  bytesPerRequest?: number;
  bytesPerDocument?: number;
  /** false: a one-document call, as NAVER has; with `replace`, a conflict on an existing id falls back to it. */
  batch?: boolean;
  replace?: boolean;
}

/**
 * What a request does before answering: return nothing to answer from the store,
 * a `ChunkResult` to answer with that, or throw to fail the attempt.
 */
export type Behaviour = (call: RecordedCall) => undefined | ChunkResult | Promise<undefined | ChunkResult>;

/** A wire error as a fake SDK would throw it; `classifyError` maps `status`. */
export class FakeWireError extends Error {
  constructor(
    readonly status: number,
    message = `HTTP ${status}`,
  ) {
    super(message);
  }
}

/**
 * An in-memory provider adapter for the core's unit tests: documents live in a map,
 * every request is recorded, and `behaviour` scripts failures and delays. The
 * provider simulators are the fakes for adapter tests; this one exists because the
 * core is tested without any provider.
 */
export class MemoryAdapter implements ProviderAdapter<string | { id: string }, { id: string }> {
  readonly provider = 'kendra' as const;
  readonly calls: RecordedCall[] = [];
  /** Raw status per document; each read of a document advances one step and stays on the last. */
  readonly docs = new Map<string, IndexStatus[]>();
  readonly reads = new Map<string, number>();
  /** Pages for the listing: page k is answered for token `k` (the first for none). */
  pages: DocumentStatus[][] = [];
  behaviour: Behaviour = () => undefined;
  inFlight = 0;
  peakInFlight = 0;
  readonly unsupportedHints = { list: 'no listing API' };

  /** The operations table the core reads, built from the options below. */
  readonly operations: AdapterOperations<{ id: string }, DocumentStatus, MemoryPrepared>;
  /** Documents put, by id: their content. */
  readonly stored = new Map<string, string>();
  /** How many documents of the source `prepare` has seen. */
  prepared = 0;

  /**
   * `batch: false` declares only one-document calls (as NAVER does), so the core
   * falls back to one request per document; `getOne` adds a one-document status
   * call beside the batch call (as Azure has).
   */
  constructor(
    readonly batchLimit = 10,
    options: {
      delete?: boolean;
      list?: boolean;
      getOne?: boolean;
      batch?: boolean;
      put?: MemoryPutOptions | false;
    } = {},
  ) {
    const batched = options.batch !== false;
    const statusOne = { name: 'ReadOne', send: this.readOne };
    const statusBatch = { name: 'ReadMany', maxDocuments: batchLimit, send: this.getStatusChunk };
    const deleteBatch = { name: 'DeleteMany', maxDocuments: batchLimit, send: this.deleteChunk };
    const deleteOne = { name: 'DeleteOne', send: this.deleteOneDocument };
    this.operations = {
      status: batched
        ? options.getOne
          ? { batch: statusBatch, one: statusOne }
          : { batch: statusBatch }
        : { one: statusOne },
      delete: options.delete === false ? undefined : batched ? { batch: deleteBatch } : { one: deleteOne },
      list: options.list === false ? undefined : { name: 'ListPage', maxPageSize: 1000, send: this.listPage },
      put: options.put === false ? undefined : this.putOperation(options.put ?? {}),
    };
  }

  /**
   * The put call: a document is `{ id, content: string }`, its size the content's
   * length. With `replace`, the one-document add refuses an id that exists
   * (`conflict`) and a separate replace call overwrites it.
   */
  private putOperation(options: MemoryPutOptions): NonNullable<AdapterOperations<{ id: string }>['put']> & {
    prepare(document: unknown, field: string): MemoryPrepared;
  } {
    const prepare = (document: unknown, field: string): MemoryPrepared => {
      this.prepared++;
      const input = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
      const id = requireString(input.id, `${field}.id`, { max: 64 }, this.provider);
      const content = requireString(input.content, `${field}.content`, { min: 0 }, this.provider);
      return { id, size: content.length, content };
    };
    const putChunk = (docs: MemoryPrepared[], context: RequestContext): Promise<ChunkResult> =>
      this.run('put', docs, context, () => this.answer(docs, (id) => this.store(docs, id)));
    const addOne = async (doc: MemoryPrepared, context: RequestContext): Promise<DocumentStatus> =>
      this.only(
        await this.run('put', [doc], context, () => {
          if (options.replace && this.stored.has(doc.id)) {
            throw new ErrorClass('conflict', `${doc.id} exists`, { provider: this.provider });
          }
          return this.answer([doc], (id) => this.store([doc], id));
        }),
      );
    const replaceOne = async (doc: MemoryPrepared, context: RequestContext): Promise<DocumentStatus> =>
      this.only(await this.run('replace', [doc], context, () => this.answer([doc], (id) => this.store([doc], id))));
    return {
      prepare,
      limits: { bytesPerRequest: options.bytesPerRequest, bytesPerDocument: options.bytesPerDocument },
      calls:
        options.batch === false
          ? { one: { name: 'PutOne', send: addOne } }
          : { batch: { name: 'PutMany', maxDocuments: this.batchLimit, send: putChunk } },
      replace: options.replace ? { name: 'ReplaceOne', send: replaceOne } : undefined,
    };
  }

  private store(docs: MemoryPrepared[], id: string): DocumentStatus {
    const doc = docs.find((candidate) => candidate.id === id) as MemoryPrepared;
    this.stored.set(id, doc.content);
    return this.status(id, 'pending', '');
  }

  /** Stores documents; a single status stays fixed, an array advances per read. */
  put(entries: Record<string, IndexStatus | IndexStatus[]>): this {
    for (const [id, value] of Object.entries(entries)) this.docs.set(id, Array.isArray(value) ? value : [value]);
    return this;
  }

  /** The ids each request of `op` carried, in the order requests started. */
  idsOf(op: RecordedCall['op']): string[][] {
    return this.calls.filter((c) => c.op === op).map((c) => c.ids);
  }

  normalizeRef(ref: unknown, field: string): { id: string } {
    const id = typeof ref === 'object' && ref !== null && !Array.isArray(ref) ? (ref as { id?: unknown }).id : ref;
    const fieldName = typeof ref === 'object' && ref !== null ? `${field}.id` : field;
    return { id: requireString(id, fieldName, { max: 64 }, this.provider) };
  }

  classifyError(error: unknown): DocumentIndexError {
    if (error instanceof FakeWireError) {
      const code =
        error.status === 401
          ? 'unauthorized'
          : error.status === 403
            ? 'forbidden'
            : error.status === 404
              ? 'not_found'
              : error.status === 429
                ? 'throttled'
                : error.status >= 500
                  ? 'service_unavailable'
                  : 'invalid_response';
      return new ErrorClass(code, `The fake provider answered HTTP ${error.status}`, {
        provider: this.provider,
        httpStatus: error.status,
        cause: error,
      });
    }
    return new ErrorClass('network', 'The fake provider could not be reached', {
      provider: this.provider,
      cause: error,
    });
  }

  private getStatusChunk = (refs: { id: string }[], context: RequestContext): Promise<ChunkResult> =>
    this.run('status', refs, context, () => this.answer(refs, (id) => this.read(id)));

  private deleteChunk = (refs: { id: string }[], context: RequestContext): Promise<ChunkResult> =>
    this.run('delete', refs, context, () =>
      this.answer(refs, (id) => {
        if (!this.docs.has(id)) return undefined;
        this.docs.set(id, ['deleted']);
        return this.status(id, 'deleting', '');
      }),
    );

  private deleteOneDocument = async (ref: { id: string }, context: RequestContext): Promise<DocumentStatus> =>
    this.only(await this.deleteChunk([ref], context));

  private listPage = async (
    request: ListPageRequest,
    context: RequestContext,
  ): Promise<FetchedPage<DocumentStatus>> => {
    const index = request.continuationToken === undefined ? 0 : Number(request.continuationToken);
    const result = await this.run('list', [], context, () => ({ items: this.pages[index] ?? [], errors: [] }));
    this.lastListRequest = request;
    const next = index + 1 < this.pages.length ? String(index + 1) : undefined;
    return { items: result.items, continuationToken: next };
  };

  lastListRequest?: ListPageRequest;

  private readOne = async (ref: { id: string }, context: RequestContext): Promise<DocumentStatus> =>
    this.only(await this.run('one', [ref], context, () => this.answer([ref], (id) => this.read(id))));

  /** The one document of a one-document answer, or its error thrown. */
  private only(result: ChunkResult): DocumentStatus {
    const item = result.items[0];
    if (item) return item;
    throw result.errors[0]?.error ?? new Error('no answer');
  }

  status(id: string, value: IndexStatus, providerStatus: string = value.toUpperCase()): DocumentStatus {
    return { provider: this.provider, id, status: value, providerStatus, terminal: isTerminal(value), raw: { id } };
  }

  private read(id: string): DocumentStatus | undefined {
    const steps = this.docs.get(id);
    if (!steps) return this.status(id, 'not_found');
    const n = this.reads.get(id) ?? 0;
    this.reads.set(id, n + 1);
    return this.status(id, steps[Math.min(n, steps.length - 1)] as IndexStatus);
  }

  private answer(refs: { id: string }[], one: (id: string) => DocumentStatus | undefined): ChunkResult {
    const result: ChunkResult = { items: [], errors: [] };
    for (const { id } of refs) {
      const item = one(id);
      if (item) result.items.push(item);
      else {
        result.errors.push({
          id,
          error: new ErrorClass('not_found', `No document ${id}`, { provider: this.provider, retryable: false }),
        });
      }
    }
    return result;
  }

  private async run(
    op: RecordedCall['op'],
    refs: { id: string }[],
    context: RequestContext,
    answer: () => ChunkResult,
  ): Promise<ChunkResult> {
    const call: RecordedCall = { op, ids: refs.map((r) => r.id), ...context };
    this.calls.push(call);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      return (await this.behaviour(call)) ?? answer();
    } finally {
      this.inFlight--;
    }
  }
}

/** Resolves after `ms`, or rejects with the signal's reason like a fetch would. */
export function wireDelay(ms: number, signal: AbortSignal | undefined): Promise<undefined> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('This operation was aborted', 'AbortError'));
      return;
    }
    const timer = setTimeout(() => resolve(undefined), ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('This operation was aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}
