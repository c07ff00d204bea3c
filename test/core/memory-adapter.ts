import type {
  ChunkResult,
  DocumentIndexError,
  DocumentStatus,
  FetchedPage,
  IndexStatus,
  ListPageRequest,
  ProviderAdapter,
  RequestContext,
} from '../../src/index';
import { DocumentIndexError as ErrorClass, isTerminal, requireString } from '../../src/index';

/** One request the adapter received. */
export interface RecordedCall {
  op: 'status' | 'one' | 'delete' | 'list';
  ids: string[];
  attempt: number;
  chunkToken: string;
  /** Absent when nothing could cancel the request (see `RequestContext.signal`). */
  signal?: AbortSignal | undefined;
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

  constructor(
    readonly batchLimit = 10,
    options: { delete?: boolean; list?: boolean; getOne?: boolean; defaultConcurrency?: number } = {},
  ) {
    if (options.delete === false) this.deleteChunk = undefined;
    if (options.list === false) this.listPage = undefined;
    if (options.getOne) this.getOne = this.readOne;
    if (options.defaultConcurrency !== undefined) this.defaultConcurrency = options.defaultConcurrency;
  }

  defaultConcurrency?: number;
  getOne?: (ref: { id: string }, context: RequestContext) => Promise<DocumentStatus>;

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

  async getStatusChunk(refs: { id: string }[], context: RequestContext): Promise<ChunkResult> {
    return this.run('status', refs, context, () => this.answer(refs, (id) => this.read(id)));
  }

  deleteChunk?: (refs: { id: string }[], context: RequestContext) => Promise<ChunkResult> = (refs, context) =>
    this.run('delete', refs, context, () =>
      this.answer(refs, (id) => {
        if (!this.docs.has(id)) return undefined;
        this.docs.set(id, ['deleted']);
        return this.status(id, 'deleting', '');
      }),
    );

  listPage?: (request: ListPageRequest, context: RequestContext) => Promise<FetchedPage<DocumentStatus>> = async (
    request,
    context,
  ) => {
    const index = request.continuationToken === undefined ? 0 : Number(request.continuationToken);
    const result = await this.run('list', [], context, () => ({ items: this.pages[index] ?? [], errors: [] }));
    this.lastListRequest = request;
    const next = index + 1 < this.pages.length ? String(index + 1) : undefined;
    return { items: result.items, continuationToken: next };
  };

  lastListRequest?: ListPageRequest;

  private readOne = async (ref: { id: string }, context: RequestContext): Promise<DocumentStatus> => {
    const result = await this.run('one', [ref], context, () => this.answer([ref], (id) => this.read(id)));
    const item = result.items[0];
    if (item) return item;
    throw result.errors[0]?.error ?? new Error('no answer');
  };

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
