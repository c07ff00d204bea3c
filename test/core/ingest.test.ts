import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChunkResult,
  createDocumentIndexClient,
  DocumentIndexError,
  isDocumentIndexError,
  type StatusBatch,
} from '../../src/index';
import { FakeWireError, MemoryAdapter, type MemoryPutOptions, wireDelay } from './memory-adapter';

const NO_DELAY_RETRY = { maxAttempts: 3, minDelayMs: 0, maxDelayMs: 0 };

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 2));
  expect(unhandled).toEqual([]);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

async function rejectionOf(promise: Promise<unknown>): Promise<DocumentIndexError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(isDocumentIndexError(outcome.error)).toBe(true);
  return outcome.error as DocumentIndexError;
}

const doc = (i: number, size = 1) => ({ id: `d${i}`, content: 'x'.repeat(size) });
const docs = (n: number, size = 1) => Array.from({ length: n }, (_, i) => doc(i, size));

/** A source that counts how far it has been read. */
function counting<T>(items: Iterable<T>): { source: AsyncIterable<T>; read: () => number; closed: () => boolean } {
  let read = 0;
  let closed = false;
  async function* generate() {
    try {
      for (const item of items) {
        read++;
        yield item;
      }
    } finally {
      closed = true;
    }
  }
  return { source: generate(), read: () => read, closed: () => closed };
}

function client(put: MemoryPutOptions = {}, options: { concurrency?: number; batchLimit?: number } = {}) {
  const adapter = new MemoryAdapter(options.batchLimit ?? 10, { put });
  const index = createDocumentIndexClient(adapter, { retry: NO_DELAY_RETRY, concurrency: options.concurrency ?? 4 });
  return { adapter, index };
}

const idsOf = (batch: StatusBatch) => ({
  items: batch.items.map((item) => item.id),
  errors: batch.errors.map((entry) => entry.id),
});

describe('putDocuments: cutting and accounting', () => {
  it('resolves an empty source with no request', async () => {
    const { adapter, index } = client();
    await expect(index.putDocuments([])).resolves.toEqual({ items: [], errors: [] });
    await expect(index.putDocuments(counting([]).source)).resolves.toEqual({ items: [], errors: [] });
    expect(adapter.calls).toEqual([]);
  });

  it('cuts at the count limit and keeps source order, each accepted document with its status', async () => {
    const { adapter, index } = client({}, { batchLimit: 10 });
    const result = await index.putDocuments(docs(25));
    expect(adapter.idsOf('put').map((part) => part.length)).toEqual([10, 10, 5]);
    expect(idsOf(result)).toEqual({ items: docs(25).map((d) => d.id), errors: [] });
    expect(result.items[0]).toMatchObject({ status: 'pending', providerStatus: '' });
    expect(adapter.stored.size).toBe(25);
  });

  it('cuts at the byte limit: a document that does not fit opens the next request', async () => {
    const { adapter, index } = client({ bytesPerRequest: 10 });
    const sizes = [4, 4, 4, 10, 1, 9, 2];
    await index.putDocuments(sizes.map((size, i) => doc(i, size)));
    expect(adapter.idsOf('put')).toEqual([['d0', 'd1'], ['d2'], ['d3'], ['d4', 'd5'], ['d6']]);
  });

  it('refuses a document larger than a request may be, before sending, even when the adapter lets it through', async () => {
    const { adapter, index } = client({ bytesPerRequest: 10 });
    const error = await rejectionOf(index.putDocuments([doc(0, 3), doc(1, 11)]));
    expect(error).toMatchObject({ code: 'validation', field: 'docs[1].content' });
    expect(error.message).toContain('position 1');
    expect(adapter.calls).toEqual([]);
  });

  it('holds count and byte limits and accounts for every id once under random sizes and failures (property)', async () => {
    const outcomes = fc.constantFrom('ok', 'refuse-odd', 'transient', 'flaky', 'missing-answer');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 12, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(outcomes, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (sizes, batchLimit, bytesPerRequest, concurrency, script, lazy) => {
          const { adapter, index } = client({ bytesPerRequest }, { batchLimit, concurrency });
          const input = sizes.map((size, i) => doc(i, size));
          const outcomeOf = new Map<string, string>();
          let chunkNo = 0;
          adapter.behaviour = async (call): Promise<ChunkResult | undefined> => {
            let outcome = outcomeOf.get(call.chunkToken);
            if (outcome === undefined) {
              outcome = script[chunkNo++ % script.length] as string;
              outcomeOf.set(call.chunkToken, outcome);
            }
            await Promise.resolve();
            switch (outcome) {
              case 'transient':
                throw new FakeWireError(503);
              case 'flaky':
                if (call.attempt === 1) throw new FakeWireError(500);
                return undefined;
              case 'refuse-odd':
                return {
                  items: call.ids.filter((_, i) => i % 2 === 0).map((id) => adapter.status(id, 'pending', '')),
                  errors: call.ids
                    .filter((_, i) => i % 2 === 1)
                    .map((id) => ({
                      id,
                      error: new DocumentIndexError('validation', 'refused', { providerCode: 'X' }),
                    })),
                };
              case 'missing-answer':
                return { items: call.ids.slice(1).map((id) => adapter.status(id, 'pending', '')), errors: [] };
              default:
                return undefined;
            }
          };
          const result = await index.putDocuments(lazy ? counting(input).source : input);
          const all = input.map((d) => d.id);
          // Every id exactly once, each list in source order.
          expect([...idsOf(result).items, ...idsOf(result).errors].sort()).toEqual([...all].sort());
          expect(idsOf(result).items).toEqual(all.filter((id) => idsOf(result).items.includes(id)));
          expect(idsOf(result).errors).toEqual(all.filter((id) => idsOf(result).errors.includes(id)));
          // Each document in exactly one request (its retries aside), requests within both limits, in order.
          const requests = new Map<string, string[]>();
          for (const call of adapter.calls) requests.set(call.chunkToken, call.ids);
          expect([...requests.values()].flat()).toEqual(all);
          const sizeOf = new Map(input.map((d) => [d.id, d.content.length]));
          for (const part of requests.values()) {
            expect(part.length).toBeLessThanOrEqual(batchLimit);
            const bytes = part.reduce((sum, id) => sum + (sizeOf.get(id) ?? 0), 0);
            // A request is full: it holds at most the limit, and only a single document may be alone at the limit.
            expect(bytes).toBeLessThanOrEqual(bytesPerRequest);
          }
          expect(adapter.peakInFlight).toBeLessThanOrEqual(concurrency);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('packs requests full: the next document would not have fitted (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 8, max: 20 }),
        async (sizes, bytesPerRequest) => {
          const { adapter, index } = client({ bytesPerRequest }, { batchLimit: 4 });
          await index.putDocuments(sizes.map((size, i) => doc(i, size)));
          const parts = adapter.idsOf('put');
          for (let k = 0; k + 1 < parts.length; k++) {
            const part = parts[k] as string[];
            const next = (parts[k + 1] as string[])[0] as string;
            const bytes = part.reduce((sum, id) => sum + (sizes[Number(id.slice(1))] ?? 0), 0);
            const nextSize = sizes[Number(next.slice(1))] ?? 0;
            expect(part.length === 4 || bytes + nextSize > bytesPerRequest).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lands the documents of a chunk that still fails after retries in errors, retryable', async () => {
    const { adapter, index } = client({}, { batchLimit: 2 });
    adapter.behaviour = (call) => {
      if (call.ids.includes('d2')) throw new FakeWireError(503);
      return undefined;
    };
    const result = await index.putDocuments(docs(5));
    expect(idsOf(result)).toEqual({ items: ['d0', 'd1', 'd4'], errors: ['d2', 'd3'] });
    expect(result.errors[0]?.error).toMatchObject({ code: 'service_unavailable', retryable: true });
    expect(adapter.calls.filter((call) => call.ids.includes('d2'))).toHaveLength(3);
  });
});

describe('putDocuments: lazy reading', () => {
  it('reads only the first request’s documents before it is sent', async () => {
    const { adapter, index } = client({}, { batchLimit: 10, concurrency: 1 });
    const source = counting(docs(100));
    const readAtSend: number[] = [];
    let settled = 0;
    adapter.behaviour = async (call) => {
      readAtSend.push(source.read() - settled);
      // A request that takes a while: the source must wait for it, not read on.
      await wireDelay(3, call.signal);
      settled += call.ids.length;
      return undefined;
    };
    await index.putDocuments(source.source);
    // Read but not yet settled when each request is sent: that request's 10 documents, never more.
    expect(readAtSend).toEqual(Array.from({ length: 10 }, () => 10));
  });

  it('reads one document past a request cut by size: it opens the next request', async () => {
    const { adapter, index } = client({ bytesPerRequest: 5 }, { batchLimit: 10, concurrency: 1 });
    const source = counting(docs(12, 2));
    const readAtSend: number[] = [];
    adapter.behaviour = () => {
      readAtSend.push(source.read());
      return undefined;
    };
    await index.putDocuments(source.source);
    expect(readAtSend[0]).toBe(3);
    expect(adapter.idsOf('put')[0]).toEqual(['d0', 'd1']);
  });

  it('never holds more than the requests in flight plus the one being filled (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 10 }),
        async (count, batchLimit, concurrency, delays) => {
          const { adapter, index } = client({}, { batchLimit, concurrency });
          const source = counting(docs(count));
          let settled = 0;
          let worst = 0;
          let call = 0;
          adapter.behaviour = async (recorded) => {
            worst = Math.max(worst, source.read() - settled);
            await wireDelay(delays[call++ % delays.length] as number, recorded.signal);
            settled += recorded.ids.length;
            return undefined;
          };
          const result = await index.putDocuments(source.source);
          expect(result.items).toHaveLength(count);
          expect(worst).toBeLessThanOrEqual(concurrency * batchLimit + 1);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('putDocuments: validation positions', () => {
  it('checks an array whole before sending: a bad last document rejects with nothing sent', async () => {
    const { adapter, index } = client();
    const input: unknown[] = [...docs(30), { id: 'bad', content: 7 }];
    const error = await rejectionOf(index.putDocuments(input as never));
    expect(error).toMatchObject({ code: 'validation', field: 'docs[30].content', provider: 'kendra' });
    expect(error.message).toContain('position 30');
    expect(error.message).toContain('"bad"');
    expect(adapter.calls).toEqual([]);
    expect(error.lastResult).toBeUndefined();
  });

  it('an iterable whose 50,001st document is bad: the first 50,000 sent once, the error names it, lastResult holds them', async () => {
    const { adapter, index } = client({}, { concurrency: 8 });
    function* source() {
      for (let i = 0; i < 50_000; i++) yield doc(i);
      yield { id: 'the-bad-one', content: undefined };
      for (let i = 50_001; i < 60_000; i++) yield doc(i);
    }
    const error = await rejectionOf(index.putDocuments(source()));
    expect(error).toMatchObject({ code: 'validation', field: 'docs[50000].content' });
    expect(error.message).toContain('position 50000');
    expect(error.message).toContain('"the-bad-one"');
    const sent = adapter.calls.flatMap((call) => call.ids);
    expect(sent).toHaveLength(50_000);
    expect(new Set(sent).size).toBe(50_000);
    expect(error.lastResult?.items).toHaveLength(50_000);
    expect(adapter.prepared).toBe(50_001);
  });

  it('awaits the chunks in flight when a bad document is read, and counts them in lastResult', async () => {
    const { adapter, index } = client({}, { batchLimit: 2, concurrency: 4 });
    const finished: string[] = [];
    adapter.behaviour = async (call) => {
      await wireDelay(20, call.signal);
      finished.push(...call.ids);
      return undefined;
    };
    const source = counting([...docs(4), { id: 'x' }, doc(9)]);
    const error = await rejectionOf(index.putDocuments(source.source));
    expect(error.field).toBe('docs[4].content');
    expect(finished.sort()).toEqual(['d0', 'd1', 'd2', 'd3']);
    expect(idsOf(error.lastResult as StatusBatch)).toEqual({ items: ['d0', 'd1', 'd2', 'd3'], errors: [] });
    // Nothing after the bad document was read, and the source was told so.
    expect(source.read()).toBe(5);
    expect(source.closed()).toBe(true);
  });

  it('refuses a repeated id: an array before sending, an iterable as read', async () => {
    const { adapter, index } = client({}, { batchLimit: 2 });
    const input = [doc(0), doc(1), doc(2), doc(1)];
    const early = await rejectionOf(index.putDocuments(input));
    expect(early).toMatchObject({ code: 'validation', field: 'docs[3].id' });
    expect(early.message).toContain('docs[1]');
    expect(adapter.calls).toEqual([]);
    const late = await rejectionOf(index.putDocuments(counting(input).source));
    expect(late.field).toBe('docs[3].id');
    // d2 was read into the request being filled, which is never sent.
    expect(late.lastResult?.items.map((item) => item.id)).toEqual(['d0', 'd1']);
  });

  it('refuses what is not a source of documents, strings included', async () => {
    const { adapter, index } = client();
    for (const bad of ['abc', 42, null, { id: 'x' }]) {
      expect(await rejectionOf(index.putDocuments(bad as never))).toMatchObject({ code: 'validation', field: 'docs' });
    }
    expect((await rejectionOf(index.putDocuments([], { concurrency: 0 }))).field).toBe('options.concurrency');
    expect(adapter.calls).toEqual([]);
  });

  it.each([null, undefined, 42])(
    'refuses an iterator whose next() gives %s instead of a result, as validation',
    async (step) => {
      const { index } = client({}, { batchLimit: 1 });
      let reads = 0;
      const broken = {
        [Symbol.asyncIterator]: () => ({
          next: async () => (reads++ === 0 ? { done: false, value: doc(0) } : step),
        }),
      } as unknown as AsyncIterable<{ id: string; content: string }>;
      const error = await rejectionOf(index.putDocuments(broken));
      expect(error).toMatchObject({ code: 'validation', field: 'docs[1]' });
      expect(error.message).toContain('not an iterator result');
      expect(error.lastResult?.items.map((item) => item.id)).toEqual(['d0']);
    },
  );

  it('turns a source that throws into a validation error with the source’s error as cause', async () => {
    const { index } = client({}, { batchLimit: 1 });
    const failure = new Error('disk gone');
    async function* source() {
      yield doc(0);
      throw failure;
    }
    const error = await rejectionOf(index.putDocuments(source()));
    expect(error).toMatchObject({ code: 'validation', field: 'docs[1]' });
    expect(error.cause).toBe(failure);
    expect(error.lastResult?.items.map((item) => item.id)).toEqual(['d0']);
  });
});

describe('putDocuments: dooming errors, abort and timeout', () => {
  it('rejects at once on a dooming error, reads and sends nothing more', async () => {
    const { adapter, index } = client({}, { batchLimit: 1, concurrency: 1 });
    adapter.behaviour = (call) => {
      if (call.ids[0] === 'd2') throw new FakeWireError(403);
      return undefined;
    };
    const source = counting(docs(10));
    const error = await rejectionOf(index.putDocuments(source.source));
    expect(error.code).toBe('forbidden');
    expect(adapter.idsOf('put')).toEqual([['d0'], ['d1'], ['d2']]);
    expect(source.read()).toBeLessThanOrEqual(4);
    expect(error.lastResult?.items.map((item) => item.id)).toEqual(['d0', 'd1']);
  });

  it('rejects at once on a dooming error while the source is slow to give the next document, and closes it', async () => {
    const { adapter, index } = client({}, { batchLimit: 1, concurrency: 2 });
    adapter.behaviour = () => {
      throw new FakeWireError(404);
    };
    let closed = false;
    let reads = 0;
    // A queue that gives one document, then nothing more for as long as the call waits (a stream gone quiet).
    const quiet: AsyncIterable<{ id: string; content: string }> = {
      [Symbol.asyncIterator]: () => ({
        next: () => (reads++ === 0 ? Promise.resolve({ done: false, value: doc(0) }) : new Promise(() => {})),
        return: async () => {
          closed = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const error = await rejectionOf(index.putDocuments(quiet));
    expect(error.code).toBe('not_found');
    expect(adapter.idsOf('put')).toEqual([['d0']]);
    expect(closed).toBe(true);
    expect(error.lastResult).toMatchObject({ items: [] });
  });

  it.each([
    ['an aborted signal', { signal: AbortSignal.abort() }, 'aborted'],
    ['timeoutMs: 0', { timeoutMs: 0 }, 'timeout'],
  ] as const)('closes a source it never read when the call ends before it starts (%s)', async (_, options, code) => {
    const { adapter, index } = client();
    let reads = 0;
    let returned = false;
    // A stream or a cursor: opened by the call, to be released by its return().
    const cursor: AsyncIterable<{ id: string; content: string }> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value: doc(reads++) }),
        return: async () => {
          returned = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const error = await rejectionOf(index.putDocuments(cursor, options));
    expect(error.code).toBe(code);
    expect(returned).toBe(true);
    expect(reads).toBe(0);
    expect(adapter.calls).toEqual([]);
  });

  it('an abort mid-ingest rejects with aborted at once; lastResult holds what completed', async () => {
    const { adapter, index } = client({}, { batchLimit: 1, concurrency: 2 });
    const controller = new AbortController();
    adapter.behaviour = async (call) => {
      if (call.ids[0] === 'd3') controller.abort();
      await wireDelay(call.ids[0] === 'd0' || call.ids[0] === 'd1' ? 0 : 1000, call.signal);
      return undefined;
    };
    const started = Date.now();
    const error = await rejectionOf(index.putDocuments(docs(50), { signal: controller.signal }));
    expect(error.code).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(500);
    const sent = adapter.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(adapter.calls.length).toBe(sent);
    // Everything is accounted for: completed in lastResult, the rest not acknowledged.
    expect(error.lastResult?.items.map((item) => item.id)).toEqual(['d0', 'd1']);
  });

  it('a timeout while the source hangs rejects with timeout promptly', async () => {
    const { index } = client({}, { batchLimit: 2 });
    let closed = false;
    const hanging: AsyncIterable<{ id: string; content: string }> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise(() => {}),
        return: async () => {
          closed = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const started = Date.now();
    const error = await rejectionOf(index.putDocuments(hanging, { timeoutMs: 30 }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(500);
    expect(closed).toBe(true);
    expect(error.lastResult).toEqual({ items: [], errors: [] });
  });
});

describe('putDocuments: one-document calls', () => {
  it('sends one request per document, concurrently, and replaces an existing id through its own request', async () => {
    const { adapter, index } = client({ batch: false, replace: true }, { concurrency: 3 });
    adapter.stored.set('d1', 'old');
    const result = await index.putDocuments(docs(3, 2));
    expect(idsOf(result)).toEqual({ items: ['d0', 'd1', 'd2'], errors: [] });
    expect(adapter.idsOf('put')).toEqual([['d0'], ['d1'], ['d2']]);
    expect(adapter.idsOf('replace')).toEqual([['d1']]);
    expect(adapter.stored.get('d1')).toBe('xx');
  });

  it('without a replace call, a conflict is that document’s error', async () => {
    const adapter = new MemoryAdapter(10, { put: { batch: false } });
    const index = createDocumentIndexClient(adapter, { retry: NO_DELAY_RETRY });
    adapter.behaviour = (call) => {
      if (call.ids[0] === 'd1') throw new DocumentIndexError('conflict', 'exists');
      return undefined;
    };
    const result = await index.putDocuments(docs(2));
    expect(idsOf(result)).toEqual({ items: ['d0'], errors: ['d1'] });
  });
});

describe('putDocuments: refusals of one request', () => {
  it('a validation refusal is the document’s error for one-document calls, and dooms a batch call', async () => {
    const refuse = (adapter: MemoryAdapter) => {
      adapter.behaviour = (call) => {
        if (call.ids.includes('d1')) throw new DocumentIndexError('validation', 'refused', { providerCode: '40000' });
        return undefined;
      };
    };
    const one = client({ batch: false }, { concurrency: 1 });
    refuse(one.adapter);
    const result = await one.index.putDocuments(docs(3));
    expect(idsOf(result)).toEqual({ items: ['d0', 'd2'], errors: ['d1'] });
    expect(result.errors[0]?.error).toMatchObject({ code: 'validation', providerCode: '40000' });
    const batched = client({}, { batchLimit: 1, concurrency: 1 });
    refuse(batched.adapter);
    const error = await rejectionOf(batched.index.putDocuments(docs(3)));
    expect(error.code).toBe('validation');
    expect(error.lastResult?.items.map((item) => item.id)).toEqual(['d0']);
  });
});

describe('putDocuments: unsupported', () => {
  it('rejects with unsupported when the adapter has no put call, reading nothing', async () => {
    const adapter = new MemoryAdapter(10, { put: false });
    const source = counting(docs(3));
    const error = await rejectionOf(createDocumentIndexClient(adapter).putDocuments(source.source));
    expect(error.code).toBe('unsupported');
    expect(source.read()).toBe(0);
  });
});
