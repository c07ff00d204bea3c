import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONCURRENCY } from '../../src/core/config';
import {
  type ChunkResult,
  createDocumentIndexClient,
  DocumentIndexError,
  type DocumentStatus,
  isDocumentIndexError,
  type StatusBatch,
} from '../../src/index';
import bedrockModel from '../fixtures/official/aws/bedrock-agent.json';
import { FakeWireError, MemoryAdapter, wireDelay } from './memory-adapter';

const FAST_RETRY = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };
const NO_DELAY_RETRY = { maxAttempts: 3, minDelayMs: 0, maxDelayMs: 0 };

// Any rejection nobody handles (a chunk left running after a doomed call, a sleep
// rejected by close()) fails the file.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  vi.useRealTimers();
  await new Promise((resolve) => setTimeout(resolve, 2));
  expect(unhandled).toEqual([]);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

/** Awaits a promise expected to reject and returns the rejection, asserting it is ours. */
async function rejectionOf(promise: Promise<unknown>): Promise<DocumentIndexError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(isDocumentIndexError(outcome.error)).toBe(true);
  return outcome.error as DocumentIndexError;
}

const ids = (batch: StatusBatch) => ({
  items: batch.items.map((i) => i.id),
  errors: batch.errors.map((e) => e.id),
});

describe('createDocumentIndexClient: validation', () => {
  it('rejects bad client settings synchronously, naming the field', () => {
    const adapter = new MemoryAdapter();
    for (const concurrency of [0, -1, 1.5, '4', 257, Number.NaN]) {
      expect(() => createDocumentIndexClient(adapter, { concurrency: concurrency as number })).toThrow(
        expect.objectContaining({ code: 'validation', field: 'concurrency' }),
      );
    }
    const badRetry: Array<[unknown, string]> = [
      [{ maxAttempts: 0 }, 'retry.maxAttempts'],
      [{ maxAttempts: 2.5 }, 'retry.maxAttempts'],
      [{ minDelayMs: -1 }, 'retry.minDelayMs'],
      [{ maxDelayMs: Number.POSITIVE_INFINITY }, 'retry.maxDelayMs'],
      ['fast', 'retry'],
      [null, 'retry'],
    ];
    for (const [retry, field] of badRetry) {
      expect(() => createDocumentIndexClient(adapter, { retry: retry as never })).toThrow(
        expect.objectContaining({ code: 'validation', field }),
      );
    }
    expect(adapter.calls).toEqual([]);
  });

  it('rejects bad refs and options before any request', async () => {
    const adapter = new MemoryAdapter().put({ a: 'succeeded' });
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY });
    const cases: Array<[Promise<unknown>, string]> = [
      [client.getStatuses('a' as never), 'refs'],
      [client.getStatuses(null as never), 'refs'],
      [client.getStatuses({ length: 1, 0: 'a' } as never), 'refs'],
      [client.getStatuses(['a', 42 as never]), 'refs[1]'],
      [client.getStatuses(['a', '']), 'refs[1]'],
      [client.getStatuses(['a', { id: 7 } as never]), 'refs[1].id'],
      [client.deleteDocuments(['a', null as never]), 'refs[1]'],
      [client.waitFor([undefined as never]), 'refs[0]'],
      // biome-ignore lint/suspicious/noSparseArray: a hole is a missing ref
      [client.getStatuses(['a', , 'b'] as never), 'refs[1]'],
      [client.getStatus(42 as never), 'ref'],
      [client.getStatuses(['a'], { concurrency: 0 }), 'options.concurrency'],
      [client.getStatuses(['a'], new AbortController().signal as never), 'options'],
      [client.getStatus('a', new AbortController().signal as never), 'options'],
      [client.getStatuses(['a'], { concurrency: -1 }), 'options.concurrency'],
      [client.getStatuses(['a'], { concurrency: 1.5 }), 'options.concurrency'],
      [client.getStatuses(['a'], { concurrency: '4' as never }), 'options.concurrency'],
      [client.getStatuses(['a'], { timeoutMs: -1 }), 'options.timeoutMs'],
      [client.getStatuses(['a'], { timeoutMs: Number.NaN }), 'options.timeoutMs'],
      [client.getStatuses(['a'], { signal: {} as never }), 'options.signal'],
      [client.getStatuses(['a'], null as never), 'options'],
      [client.getStatus('a', { timeoutMs: -1 }), 'options.timeoutMs'],
      [client.deleteDocuments(['a'], { concurrency: 0 }), 'options.concurrency'],
      [client.waitFor(['a'], { minDelayMs: -5 }), 'options.minDelayMs'],
      [client.waitFor(['a'], { maxDelayMs: Number.POSITIVE_INFINITY }), 'options.maxDelayMs'],
      [client.waitFor(['a'], { notFoundGraceMs: -1 }), 'options.notFoundGraceMs'],
      [client.waitFor(['a'], { until: 'terminal' as never }), 'options.until'],
      [client.waitFor(['a'], { onProgress: 1 as never }), 'options.onProgress'],
      [client.listStatuses({ statuses: ['failed', 'FAILED' as never] }).next(), 'options.statuses[1]'],
      [client.listStatuses({ statuses: 'failed' as never }).next(), 'options.statuses'],
      // biome-ignore lint/suspicious/noSparseArray: a hole is a missing status
      [client.listStatuses({ statuses: ['failed', , 'succeeded'] as never }).next(), 'options.statuses[1]'],
      [client.listStatuses({ timeoutMs: -1 }).next(), 'options.timeoutMs'],
      [client.listStatuses().byPage({ maxPageSize: 0 }).next(), 'maxPageSize'],
      [client.listStatuses().byPage({ maxPageSize: 1001 }).next(), 'maxPageSize'],
      [client.listStatuses().byPage({ continuationToken: '' }).next(), 'continuationToken'],
      // Page settings given to the listing, or misspelt: a resume would silently start over.
      [client.listStatuses({ continuationToken: 'p2' } as never).next(), 'options.continuationToken'],
      [client.listStatuses({ maxPageSize: 5 } as never).next(), 'options.maxPageSize'],
      [
        client
          .listStatuses()
          .byPage({ continuationTokn: 'p2' } as never)
          .next(),
        'settings.continuationTokn',
      ],
      [
        client
          .listStatuses()
          .byPage({ pageSize: 5 } as never)
          .next(),
        'settings.pageSize',
      ],
    ];
    for (const [promise, field] of cases) {
      const error = await rejectionOf(promise);
      expect({ field: error.field, code: error.code }).toEqual({ field, code: 'validation' });
      expect(error.message).toContain(field);
    }
    expect(adapter.calls).toEqual([]);
  });

  it('refuses a misspelt option, naming the one meant, and lets a key like no option through', async () => {
    const adapter = new MemoryAdapter().put({ a: 'succeeded' });
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY });
    // From JavaScript (or through a variable) these compiled, and the option meant silently did not apply.
    const cases: Array<[Promise<unknown>, string, string]> = [
      [client.getStatuses(['a'], { timeout: 5000 } as never), 'options.timeout', 'timeoutMs'],
      [client.getStatus('a', { Signal: undefined } as never), 'options.Signal', 'signal'],
      [client.getStatuses(['a'], { concurency: 2 } as never), 'options.concurency', 'concurrency'],
      [client.deleteDocuments(['a'], { concurrence: 2 } as never), 'options.concurrence', 'concurrency'],
      [client.waitFor(['a'], { timeout: 1 } as never), 'options.timeout', 'timeoutMs'],
      [client.waitFor(['a'], { onProgres: () => {} } as never), 'options.onProgres', 'onProgress'],
      [client.waitFor(['a'], { minDelay: 5 } as never), 'options.minDelay', 'minDelayMs'],
      [client.waitFor(['a'], { untill: () => true } as never), 'options.untill', 'until'],
      [client.listStatuses({ status: ['failed'] } as never).next(), 'options.status', 'statuses'],
      [
        client.putDocuments([{ id: 'a', content: 'x' }], { concurrancy: 2 } as never),
        'options.concurrancy',
        'concurrency',
      ],
    ];
    for (const [promise, field, meant] of cases) {
      const error = await rejectionOf(promise);
      expect({ field: error.field, code: error.code }).toEqual({ field, code: 'validation' });
      expect(error.message).toContain(`did you mean ${meant}?`);
    }
    expect(adapter.calls).toEqual([]);
    // An object shared with other code may carry its own fields, and a wait option on a batch call is no typo.
    const shared = {
      signal: new AbortController().signal,
      requestId: 'r-1',
      timeZone: 'UTC',
      minDelayMs: 5,
      until: () => true,
    };
    await expect(client.getStatuses(['a'], shared as never)).resolves.toMatchObject({ items: [{ id: 'a' }] });
  });

  it('refuses retry and wait delays whose minimum is above their maximum', async () => {
    const adapter = new MemoryAdapter().put({ a: 'succeeded' });
    expect(() => createDocumentIndexClient(adapter, { retry: { minDelayMs: 5000, maxDelayMs: 10 } })).toThrow(
      expect.objectContaining({ code: 'validation', field: 'retry.minDelayMs' }),
    );
    expect(() => createDocumentIndexClient(adapter, { retry: { maxAttempt: 1 } as never })).toThrow(
      expect.objectContaining({
        field: 'retry.maxAttempt',
        message: expect.stringContaining('did you mean maxAttempts?'),
      }),
    );
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY });
    const error = await rejectionOf(client.waitFor(['a'], { minDelayMs: 5000, maxDelayMs: 10 }));
    expect(error.field).toBe('options.minDelayMs');
    await expect(client.waitFor(['a'], { minDelayMs: 10, maxDelayMs: 10 })).resolves.toMatchObject({
      items: [{ id: 'a' }],
    });
    expect(adapter.calls.length).toBe(1);
  });

  it('rejects a non-iterable statuses object with validation, not a TypeError', async () => {
    const client = createDocumentIndexClient(new MemoryAdapter());
    // Regression: listStatuses() built a Set from it before validating and threw synchronously.
    const iterator = client.listStatuses({ statuses: { length: 1 } as never });
    expect((await rejectionOf(iterator.next())).field).toBe('options.statuses');
  });

  it('a status the listing does not know names the ones it does (without echoing the string)', async () => {
    const client = createDocumentIndexClient(new MemoryAdapter());
    const error = await rejectionOf(client.listStatuses({ statuses: ['bogus' as never] }).next());
    expect(error).toMatchObject({ code: 'validation', field: 'options.statuses[0]' });
    expect(error.message).toBe(
      'Invalid options.statuses[0]: expected one of pending, processing, succeeded, partial, failed, cancelling, cancelled, deleting, deleted, not_found, ignored, unknown, got a string',
    );
  });

  it('never echoes a bad string value in the message', async () => {
    const client = createDocumentIndexClient(new MemoryAdapter());
    const error = await rejectionOf(client.getStatuses(['a'], { concurrency: 'sk-SECRET' as never }));
    expect(error.message).not.toContain('sk-SECRET');
  });
});

describe('createDocumentIndexClient: batches', () => {
  it('resolves empty input with no request', async () => {
    const adapter = new MemoryAdapter();
    const client = createDocumentIndexClient(adapter);
    await expect(client.getStatuses([])).resolves.toEqual({ items: [], errors: [] });
    await expect(client.deleteDocuments([])).resolves.toEqual({ items: [], errors: [] });
    await expect(client.waitFor([])).resolves.toEqual({ items: [], errors: [] });
    expect(adapter.calls).toEqual([]);
  });

  it('chunks at the batch limit, asks duplicates once and keeps input order', async () => {
    const adapter = new MemoryAdapter(2).put({
      a: 'succeeded',
      b: 'processing',
      c: 'failed',
      d: 'pending',
      e: 'ignored',
    });
    // Later chunks answer first, so order comes from the merge, not from timing.
    adapter.behaviour = async (call) => {
      await wireDelay(call.ids.includes('a') ? 6 : 1, call.signal);
      return undefined;
    };
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY });
    const result = await client.getStatuses(['a', 'b', 'a', { id: 'c' }, 'b', 'd', 'e', 'x']);
    expect(adapter.idsOf('status')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'x'],
    ]);
    expect(result.items.map((i) => `${i.id}:${i.status}`)).toEqual([
      'a:succeeded',
      'b:processing',
      'c:failed',
      'd:pending',
      'e:ignored',
      'x:not_found',
    ]);
    expect(result.errors).toEqual([]);
  });

  it('gives each chunk its own idempotency token, stable across its retries', async () => {
    const adapter = new MemoryAdapter(1).put({ a: 'succeeded', b: 'succeeded' });
    adapter.behaviour = (call) => {
      if (call.attempt < 3) throw new FakeWireError(503);
      return undefined;
    };
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY });
    const result = await client.deleteDocuments(['a', 'b']);
    expect(ids(result)).toEqual({ items: ['a', 'b'], errors: [] });
    expect(result.items.map((i) => [i.status, i.providerStatus])).toEqual([
      ['deleting', ''],
      ['deleting', ''],
    ]);
    const byId = (id: string) => adapter.calls.filter((c) => c.ids[0] === id);
    expect(byId('a').map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(new Set(byId('a').map((c) => c.chunkToken)).size).toBe(1);
    expect(new Set(byId('b').map((c) => c.chunkToken)).size).toBe(1);
    expect(byId('a')[0]?.chunkToken).not.toBe(byId('b')[0]?.chunkToken);
  });

  it('never repeats an idempotency token, within a client or across clients, in the form Bedrock takes', async () => {
    // Bedrock's clientToken, as its Smithy model declares it (the official fixture).
    const { pattern, length } = bedrockModel.shapes.ClientToken;
    const tokens: string[] = [];
    for (let client = 0; client < 3; client++) {
      const adapter = new MemoryAdapter(1).put({ a: 'succeeded', b: 'succeeded', c: 'succeeded' });
      const index = createDocumentIndexClient(adapter);
      await index.deleteDocuments(['a', 'b', 'c']);
      await index.deleteDocuments(['a']);
      tokens.push(...adapter.calls.map((call) => call.chunkToken));
    }
    expect(tokens).toHaveLength(12);
    expect(new Set(tokens).size).toBe(12);
    for (const token of tokens) {
      expect(token).toMatch(new RegExp(pattern));
      expect(token.length).toBeGreaterThanOrEqual(length.min);
      expect(token.length).toBeLessThanOrEqual(length.max);
    }
  });

  it('puts a chunk that still fails after retries into errors, and per-document errors too', async () => {
    const adapter = new MemoryAdapter(2).put({ a: 'succeeded', b: 'succeeded', c: 'succeeded' });
    adapter.behaviour = (call) => {
      if (call.ids.includes('c')) throw new FakeWireError(429);
      return undefined;
    };
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY });
    const result = await client.deleteDocuments(['a', 'missing', 'c', 'd']);
    expect(ids(result)).toEqual({ items: ['a'], errors: ['missing', 'c', 'd'] });
    expect(result.errors.map((e) => e.error.code)).toEqual(['not_found', 'throttled', 'throttled']);
    expect(result.errors[1]?.error.httpStatus).toBe(429);
    expect(adapter.idsOf('delete').filter((c) => c.includes('c'))).toHaveLength(3);
  });

  it('reports an id the provider answered neither way as invalid_response', async () => {
    const adapter = new MemoryAdapter(3);
    adapter.behaviour = () => ({
      items: [adapter.status('a', 'succeeded'), adapter.status('zz', 'failed')],
      errors: [],
    });
    const client = createDocumentIndexClient(adapter);
    const result = await client.getStatuses(['a', 'b']);
    expect(ids(result)).toEqual({ items: ['a'], errors: ['b'] });
    expect(result.errors[0]?.error.code).toBe('invalid_response');
  });

  it('counts an id the provider reported both ways once, as its error', async () => {
    const adapter = new MemoryAdapter(3);
    const conflict = new DocumentIndexError('conflict', 'both');
    adapter.behaviour = () => ({
      items: [adapter.status('a', 'succeeded'), adapter.status('a', 'failed')],
      errors: [{ id: 'a', error: conflict }],
    });
    const result = await createDocumentIndexClient(adapter).getStatuses(['a']);
    expect(result).toEqual({ items: [], errors: [{ id: 'a', error: conflict }] });
  });

  it('holds the accounting rule under random per-chunk outcomes (property)', async () => {
    const outcomeArb = fc.constantFrom('ok', 'per-doc-errors', 'transient', 'partial-answer', 'flaky');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.stringMatching(/^[a-z]{1,4}$/)), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(outcomeArb, { minLength: 1, maxLength: 10 }),
        async (input, batchLimit, concurrency, outcomes) => {
          const adapter = new MemoryAdapter(batchLimit);
          let chunkNo = 0;
          const outcomeOf = new Map<string, string>();
          adapter.behaviour = async (call): Promise<ChunkResult | undefined> => {
            let outcome = outcomeOf.get(call.chunkToken);
            if (outcome === undefined) {
              outcome = outcomes[chunkNo++ % outcomes.length] as string;
              outcomeOf.set(call.chunkToken, outcome);
            }
            await Promise.resolve();
            switch (outcome) {
              case 'transient':
                throw new FakeWireError(503);
              case 'flaky':
                if (call.attempt === 1) throw new FakeWireError(500);
                return undefined;
              case 'per-doc-errors':
                return {
                  items: call.ids.filter((_, i) => i % 2 === 0).map((id) => adapter.status(id, 'succeeded')),
                  errors: call.ids
                    .filter((_, i) => i % 2 === 1)
                    .map((id) => ({ id, error: new DocumentIndexError('conflict', 'busy') })),
                };
              case 'partial-answer':
                return { items: call.ids.slice(1).map((id) => adapter.status(id, 'failed')), errors: [] };
              default:
                return undefined;
            }
          };
          const client = createDocumentIndexClient(adapter, { retry: NO_DELAY_RETRY, concurrency });
          const result = await client.getStatuses(input);
          const unique = [...new Set(input)];
          const answered = [...result.items.map((i) => i.id), ...result.errors.map((e) => e.id)];
          // Every unique id exactly once, in items or errors.
          expect(answered.sort()).toEqual([...unique].sort());
          // Both lists keep input order.
          expect(result.items.map((i) => i.id)).toEqual(unique.filter((id) => result.items.some((i) => i.id === id)));
          expect(result.errors.map((e) => e.id)).toEqual(unique.filter((id) => result.errors.some((e) => e.id === id)));
          // Each id was asked in exactly one chunk (retries of that chunk aside), chunks within the limit.
          const chunks = new Map<string, string[]>();
          for (const call of adapter.calls) chunks.set(call.chunkToken, call.ids);
          expect([...chunks.values()].flat().sort()).toEqual([...unique].sort());
          for (const part of chunks.values()) expect(part.length).toBeLessThanOrEqual(batchLimit);
          expect(adapter.peakInFlight).toBeLessThanOrEqual(concurrency);
          for (const { error } of result.errors) expect(isDocumentIndexError(error)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects at once on a dooming error, starts no further chunk and cancels those in flight', async () => {
    const adapter = new MemoryAdapter(1).put({ a: 'succeeded', b: 'succeeded', c: 'succeeded' });
    const aborted: string[] = [];
    adapter.behaviour = async (call) => {
      if (call.ids[0] === 'b') throw new FakeWireError(401);
      call.signal?.addEventListener('abort', () => aborted.push(call.ids[0] as string));
      await wireDelay(1000, call.signal);
      return undefined;
    };
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY, concurrency: 2 });
    const started = Date.now();
    const error = await rejectionOf(client.getStatuses(['a', 'b', 'c', 'd', 'e', 'f']));
    expect(Date.now() - started).toBeLessThan(500);
    expect(error).toMatchObject({ code: 'unauthorized', httpStatus: 401, provider: 'kendra' });
    // 'a' and 'b' were in flight; 'b' doomed the call before anything else started.
    expect(adapter.idsOf('status')).toEqual([['a'], ['b']]);
    expect(adapter.calls.filter((c) => c.ids[0] === 'b')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(aborted).toEqual(['a']);
    expect(adapter.calls[0]?.signal?.aborted).toBe(true);
  });

  it('treats forbidden, not_found and validation from a chunk as dooming too', async () => {
    for (const [status, code] of [
      [403, 'forbidden'],
      [404, 'not_found'],
    ] as const) {
      const adapter = new MemoryAdapter(1);
      adapter.behaviour = () => {
        throw new FakeWireError(status);
      };
      const client = createDocumentIndexClient(adapter, { concurrency: 1 });
      expect((await rejectionOf(client.getStatuses(['a', 'b']))).code).toBe(code);
      expect(adapter.calls).toHaveLength(1);
    }
    const adapter = new MemoryAdapter(1);
    adapter.behaviour = () => {
      throw new DocumentIndexError('validation', 'bad config');
    };
    expect((await rejectionOf(createDocumentIndexClient(adapter).deleteDocuments(['a']))).code).toBe('validation');
  });

  it('honours the per-call concurrency bound and the client default, batched or one request per document', async () => {
    const run = async (
      adapter: MemoryAdapter,
      config: { concurrency?: number },
      options?: { concurrency?: number },
    ): Promise<number> => {
      adapter.behaviour = async (call) => wireDelay(2, call.signal);
      await createDocumentIndexClient(adapter, config).getStatuses(
        Array.from({ length: 24 }, (_, i) => `doc-${i}`),
        options,
      );
      return adapter.peakInFlight;
    };
    expect(DEFAULT_CONCURRENCY).toBe(4);
    expect(await run(new MemoryAdapter(1), {})).toBe(4);
    expect(await run(new MemoryAdapter(1), { concurrency: 6 })).toBe(6);
    expect(await run(new MemoryAdapter(1), { concurrency: 6 }, { concurrency: 2 })).toBe(2);
    expect(await run(new MemoryAdapter(1), {}, { concurrency: 1 })).toBe(1);
    expect(await run(new MemoryAdapter(10, { batch: false }), {})).toBe(4);
    expect(await run(new MemoryAdapter(10, { batch: false }), { concurrency: 7 })).toBe(7);
  });

  it('falls back to one request per document, run concurrently, when the adapter has no batch call', async () => {
    const adapter = new MemoryAdapter(10, { batch: false }).put({ a: 'succeeded', b: 'failed', c: 'processing' });
    adapter.behaviour = (call) => {
      if (call.ids[0] === 'b' && call.attempt === 1) throw new FakeWireError(503);
      return undefined;
    };
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY });
    const batch = await client.getStatuses(['a', 'b', 'c', 'missing', 'a']);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual([
      ['a', 'succeeded'],
      ['b', 'failed'],
      ['c', 'processing'],
      ['missing', 'not_found'],
    ]);
    // One document per request, every request a one-document call; b's first attempt was retried.
    expect(adapter.calls.map((call) => [call.op, call.ids])).toEqual(
      expect.arrayContaining([
        ['one', ['a']],
        ['one', ['b']],
        ['one', ['b']],
        ['one', ['c']],
        ['one', ['missing']],
      ]),
    );
    expect(adapter.calls).toHaveLength(5);
    // A document the one-document call fails for lands in `errors`, the others go on.
    adapter.behaviour = (call) => {
      if (call.ids[0] === 'b') throw new FakeWireError(500);
      return undefined;
    };
    const failing = await client.getStatuses(['a', 'b']);
    expect(failing.items.map((item) => item.id)).toEqual(['a']);
    expect(failing.errors.map(({ id, error }) => [id, error.code, error.provider])).toEqual([
      ['b', 'service_unavailable', 'kendra'],
    ]);
  });

  it('classifies foreign errors and survives a classifier that throws', async () => {
    const adapter = new MemoryAdapter(1);
    adapter.behaviour = () => {
      throw new TypeError('fetch failed');
    };
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY });
    const result = await client.getStatuses(['a']);
    expect(result.errors[0]?.error).toMatchObject({ code: 'network', provider: 'kendra' });
    expect(adapter.calls).toHaveLength(3);

    const broken = new MemoryAdapter(1);
    broken.behaviour = () => {
      throw new TypeError('weird');
    };
    broken.classifyError = () => {
      throw new Error('classifier bug');
    };
    const error = await rejectionOf(createDocumentIndexClient(broken, { retry: FAST_RETRY }).getStatus('a'));
    expect(error).toMatchObject({ code: 'internal', retryable: false });
    expect(broken.calls).toHaveLength(1);
  });
});

describe('createDocumentIndexClient: time', () => {
  it('rejects with timeout when timeoutMs passes, retries included, leaving nothing running', async () => {
    const adapter = new MemoryAdapter(1);
    adapter.behaviour = (call) => wireDelay(10_000, call.signal);
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY });
    const started = Date.now();
    const error = await rejectionOf(client.getStatuses(['a', 'b'], { timeoutMs: 20 }));
    expect(error).toMatchObject({ code: 'timeout', provider: 'kendra' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(adapter.calls).toHaveLength(2);
    expect(adapter.calls.every((c) => c.signal?.aborted)).toBe(true);
  });

  it('bounds retries by timeoutMs too', async () => {
    const adapter = new MemoryAdapter(1);
    adapter.behaviour = () => {
      throw new DocumentIndexError('throttled', 'slow', { retryAfterMs: 60_000 });
    };
    const client = createDocumentIndexClient(adapter, { retry: { maxAttempts: 5, maxDelayMs: 60_000 } });
    expect((await rejectionOf(client.getStatus('a', { timeoutMs: 15 }))).code).toBe('timeout');
    expect(adapter.calls).toHaveLength(1);
  });

  it('rejects with aborted, the reason as cause, when the caller aborts', async () => {
    const adapter = new MemoryAdapter(1);
    adapter.behaviour = (call) => wireDelay(10_000, call.signal);
    const client = createDocumentIndexClient(adapter);
    const controller = new AbortController();
    const pending = client.getStatuses(['a'], { signal: controller.signal });
    setTimeout(() => controller.abort('user'), 2);
    const error = await rejectionOf(pending);
    expect(error).toMatchObject({ code: 'aborted', cause: 'user', retryable: false });

    const before = adapter.calls.length;
    const early = await rejectionOf(client.getStatus('a', { signal: AbortSignal.abort('nope') }));
    expect(early.code).toBe('aborted');
    expect(adapter.calls).toHaveLength(before);
  });
});

describe('createDocumentIndexClient: a burst against a rate limit answering Retry-After: 0', () => {
  /** Mulberry32: a seeded stand-in for Math.random, so the jitter is the same on every run. */
  const seeded = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  it('backs off from every throttled answer, so 25 documents one per request all get through', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockImplementation(seeded(20));
    try {
      // A token bucket in (fake) time: 5 at once, then one every 5 ms; beyond that throttled, Retry-After: 0.
      let tokens = 5;
      let refilledAt = Date.now();
      const adapter = new MemoryAdapter(1, { batch: false });
      const sentAt = new Map<string, number[]>();
      adapter.behaviour = (call) => {
        const id = call.ids[0] as string;
        sentAt.set(id, [...(sentAt.get(id) ?? []), Date.now()]);
        tokens = Math.min(5, tokens + (Date.now() - refilledAt) / 5);
        refilledAt = Date.now();
        if (tokens < 1) throw new DocumentIndexError('throttled', 'rate limited', { retryAfterMs: 0 });
        tokens -= 1;
        return undefined;
      };
      const docs = Array.from({ length: 25 }, (_, i) => `doc-${i}`);
      adapter.put(Object.fromEntries(docs.map((id) => [id, 'succeeded' as const])));
      // The default retry policy: 3 attempts, 100 ms to 20 s. The rate limiter is off:
      // this is the retry backoff alone (the limiter would spare most of the retries).
      const client = createDocumentIndexClient(adapter, { concurrency: 8, rateLimit: false });
      const call = client.getStatuses(docs);
      await vi.runAllTimersAsync();
      const batch = await call;
      expect(batch.errors.map((entry) => entry.error.code)).toEqual([]);
      expect(batch.items).toHaveLength(25);
      // Every attempt after a throttled one came at least the backoff's minimum (100 ms) later, jittered.
      const gaps = [...sentAt.values()].flatMap((at) => at.slice(1).map((t, i) => t - (at[i] ?? 0)));
      expect(gaps.length).toBeGreaterThanOrEqual(5);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
      expect(new Set(gaps).size).toBeGreaterThan(gaps.length / 2);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('createDocumentIndexClient: getStatus', () => {
  it('picks its own id from the chunk answer', async () => {
    const adapter = new MemoryAdapter();
    adapter.behaviour = () => ({
      items: [adapter.status('other', 'failed'), adapter.status('a', 'processing')],
      errors: [],
    });
    const status = await createDocumentIndexClient(adapter).getStatus({ id: 'a' });
    expect(status).toMatchObject({ id: 'a', status: 'processing', terminal: false });
    expect(adapter.idsOf('status')).toEqual([['a']]);
  });

  it('rejects with the error the provider reported for it', async () => {
    const adapter = new MemoryAdapter();
    const reported = new DocumentIndexError('conflict', 'locked', { provider: 'kendra' });
    adapter.behaviour = () => ({ items: [], errors: [{ id: 'a', error: reported }] });
    expect(await rejectionOf(createDocumentIndexClient(adapter).getStatus('a'))).toBe(reported);

    adapter.behaviour = () => ({ items: [], errors: [] });
    expect((await rejectionOf(createDocumentIndexClient(adapter).getStatus('a'))).code).toBe('invalid_response');
  });

  it('uses the single-document call when the adapter has one, with retries', async () => {
    const adapter = new MemoryAdapter(1, { getOne: true }).put({ a: 'succeeded' });
    adapter.behaviour = (call) => {
      if (call.attempt === 1) throw new FakeWireError(502);
      return undefined;
    };
    const status = await createDocumentIndexClient(adapter, { retry: FAST_RETRY }).getStatus('a');
    expect(status.status).toBe('succeeded');
    expect(adapter.calls.map((c) => [c.op, c.attempt])).toEqual([
      ['one', 1],
      ['one', 2],
    ]);
  });
});

describe('createDocumentIndexClient: request signals', () => {
  const signalled = (adapter: MemoryAdapter) => adapter.calls.map((c) => c.signal instanceof AbortSignal);

  it('sends a lone request with no signal when nothing could cancel it', async () => {
    const adapter = new MemoryAdapter(2, { getOne: true }).put({ a: 'succeeded', b: 'failed' });
    const client = createDocumentIndexClient(adapter);
    await client.getStatus('a');
    await client.getStatuses(['a', 'b']);
    await client.deleteDocuments(['a']);
    await client.getStatus('a', {});
    for await (const _ of client.listStatuses()) break;
    expect(adapter.calls.map((c) => c.op)).toEqual(['one', 'status', 'delete', 'one', 'list']);
    expect(signalled(adapter)).toEqual([false, false, false, false, false]);
  });

  it('gives every request a signal when the caller passes one or a deadline, or the call has several requests', async () => {
    const adapter = new MemoryAdapter(2, { getOne: true }).put({ a: 'succeeded', b: 'failed', c: 'failed' });
    const client = createDocumentIndexClient(adapter);
    await client.getStatus('a', { signal: new AbortController().signal });
    await client.getStatus('a', { timeoutMs: 60_000 });
    await client.getStatuses(['a', 'b', 'c']);
    await client.deleteDocuments(['a'], { timeoutMs: 60_000 });
    for await (const _ of client.listStatuses({ signal: new AbortController().signal })) break;
    await client.waitFor(['a']);
    expect(adapter.calls.map((c) => c.op)).toEqual(['one', 'one', 'status', 'status', 'delete', 'list', 'status']);
    expect(signalled(adapter)).toEqual([true, true, true, true, true, true, true]);
  });

  it('still retries, with backoff, a request that has no signal', async () => {
    const adapter = new MemoryAdapter(10).put({ a: 'succeeded' });
    adapter.behaviour = (call) => {
      if (call.attempt < 3) throw new FakeWireError(503);
      return undefined;
    };
    const batch = await createDocumentIndexClient(adapter, { retry: FAST_RETRY }).getStatuses(['a']);
    expect(batch.items.map((item) => item.id)).toEqual(['a']);
    expect(adapter.calls.map((c) => [c.attempt, c.signal])).toEqual([
      [1, undefined],
      [2, undefined],
      [3, undefined],
    ]);
  });
});

describe('createDocumentIndexClient: unsupported operations', () => {
  it('rejects delete and list with unsupported and calls nothing', async () => {
    const adapter = new MemoryAdapter(10, { delete: false, list: false });
    const client = createDocumentIndexClient(adapter);
    const deleted = await rejectionOf(client.deleteDocuments(['a']));
    expect(deleted).toMatchObject({ code: 'unsupported', provider: 'kendra', retryable: false });
    // Checked before the refs: nothing about the input matters.
    expect((await rejectionOf(client.deleteDocuments('junk' as never))).code).toBe('unsupported');

    const listing = client.listStatuses();
    const listed = await rejectionOf(listing.next());
    expect(listed.code).toBe('unsupported');
    expect(listed.message).toContain('no listing API');
    expect((await rejectionOf(client.listStatuses().byPage().next())).code).toBe('unsupported');
    expect(adapter.calls).toEqual([]);
  });
});

describe('createDocumentIndexClient: listStatuses', () => {
  const page = (adapter: MemoryAdapter, ...entries: Array<[string, DocumentStatus['status']]>) =>
    entries.map(([id, status]) => adapter.status(id, status));

  it('is lazy, follows tokens page by page and resumes from a token', async () => {
    const adapter = new MemoryAdapter();
    adapter.pages = [page(adapter, ['a', 'succeeded'], ['b', 'failed']), [], page(adapter, ['c', 'processing'])];
    const client = createDocumentIndexClient(adapter);
    const listing = client.listStatuses();
    expect(adapter.calls).toEqual([]);
    const all: string[] = [];
    for await (const item of listing) all.push(item.id);
    expect(all).toEqual(['a', 'b', 'c']);

    const pages = [];
    for await (const p of client.listStatuses().byPage({ maxPageSize: 2 })) pages.push(p);
    expect(pages.map((p) => [p.map((i) => i.id), p.continuationToken])).toEqual([
      [['a', 'b'], '1'],
      [[], '2'],
      [['c'], undefined],
    ]);
    expect(adapter.lastListRequest?.maxPageSize).toBe(2);

    const resumed = [];
    for await (const p of client.listStatuses().byPage({ continuationToken: '1' })) resumed.push(...p.map((i) => i.id));
    expect(resumed).toEqual(['c']);
  });

  it('passes statuses to the server and filters what it sends back anyway', async () => {
    const adapter = new MemoryAdapter();
    adapter.pages = [page(adapter, ['a', 'succeeded'], ['b', 'failed'], ['c', 'partial'], ['d', 'failed'])];
    const client = createDocumentIndexClient(adapter);
    const found: string[] = [];
    for await (const item of client.listStatuses({ statuses: ['failed', 'partial', 'failed'] })) found.push(item.id);
    expect(found).toEqual(['b', 'c', 'd']);
    expect(adapter.lastListRequest?.statuses).toEqual(['failed', 'partial']);

    const everything: string[] = [];
    for await (const item of client.listStatuses({ statuses: [] })) everything.push(item.id);
    expect(everything).toEqual(['a', 'b', 'c', 'd']);
    expect(adapter.lastListRequest?.statuses).toBeUndefined();
  });

  it('retries a page and rejects with our error when it keeps failing', async () => {
    const adapter = new MemoryAdapter();
    adapter.pages = [page(adapter, ['a', 'succeeded'])];
    adapter.behaviour = (call) => {
      if (call.attempt === 1) throw new FakeWireError(503);
      return undefined;
    };
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY });
    expect((await client.listStatuses().next()).value?.id).toBe('a');
    adapter.behaviour = () => {
      throw new FakeWireError(500);
    };
    expect((await rejectionOf(client.listStatuses().next())).code).toBe('service_unavailable');
  });
});

describe('createDocumentIndexClient: listStatuses, time and abort', () => {
  const threePages = (adapter: MemoryAdapter) => {
    adapter.pages = [
      [adapter.status('a', 'succeeded')],
      [adapter.status('b', 'succeeded')],
      [adapter.status('c', 'failed')],
    ];
    return adapter;
  };

  it('timeoutMs bounds each page fetch, retries included, not the time the caller spends between pages (fake timers)', async () => {
    vi.useFakeTimers();
    const adapter = threePages(new MemoryAdapter());
    // Every fetch takes 30 ms of (fake) wire time.
    adapter.behaviour = (call) => wireDelay(30, call.signal);
    const pages = createDocumentIndexClient(adapter, { retry: FAST_RETRY }).listStatuses({ timeoutMs: 50 }).byPage();
    const first = pages.next();
    await vi.advanceTimersByTimeAsync(30);
    expect((await first).value?.map((item: DocumentStatus) => item.id)).toEqual(['a']);
    // The caller takes 10 s over the first page: the next fetch still has its own 50 ms.
    await vi.advanceTimersByTimeAsync(10_000);
    const second = pages.next();
    await vi.advanceTimersByTimeAsync(30);
    expect((await second).value?.map((item: DocumentStatus) => item.id)).toEqual(['b']);

    // A fetch that retries past 50 ms (30 ms, a 503, a backoff, 30 ms more) times out.
    adapter.behaviour = async (call) => {
      await wireDelay(30, call.signal);
      if (call.attempt === 1) throw new FakeWireError(503);
      return undefined;
    };
    const third = rejectionOf(pages.next());
    await vi.advanceTimersByTimeAsync(100);
    expect((await third).code).toBe('timeout');
    expect(adapter.calls.filter((call) => call.op === 'list').map((call) => call.attempt)).toEqual([1, 1, 1, 2]);
  });

  it('an aborted signal ends the whole listing, even between pages: the next page is never asked for', async () => {
    const adapter = threePages(new MemoryAdapter());
    const controller = new AbortController();
    const listing = createDocumentIndexClient(adapter).listStatuses({ signal: controller.signal });
    expect((await listing.next()).value?.id).toBe('a');
    controller.abort('enough');
    const error = await rejectionOf(listing.next());
    expect(error).toMatchObject({ code: 'aborted', cause: 'enough' });
    expect(adapter.calls.filter((call) => call.op === 'list')).toHaveLength(1);
  });

  it('an abort during a page fetch rejects that page with aborted', async () => {
    const adapter = threePages(new MemoryAdapter());
    adapter.behaviour = (call) => wireDelay(10_000, call.signal);
    const controller = new AbortController();
    const pending = rejectionOf(createDocumentIndexClient(adapter).listStatuses({ signal: controller.signal }).next());
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect((await pending).code).toBe('aborted');
  });
});

describe('createDocumentIndexClient: waitFor with callbacks that throw', () => {
  it.each(['until', 'onProgress'] as const)(
    'a throwing %s rejects the wait with a validation error, its error as cause, and polling stops',
    async (callback) => {
      vi.useFakeTimers();
      const adapter = new MemoryAdapter().put({ a: 'processing', b: 'processing' });
      const thrown = new TypeError(`${callback} broke`);
      let calls = 0;
      const options = {
        minDelayMs: 1_000,
        maxDelayMs: 1_000,
        [callback]: () => {
          calls++;
          if (calls === 2) throw thrown;
          return false;
        },
      };
      const outcome = createDocumentIndexClient(adapter)
        .waitFor(['a', 'b'], options)
        .catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(5_000);
      const error = await outcome;
      expect(error).toMatchObject({ code: 'validation', field: `options.${callback}` });
      expect((error as { cause?: unknown }).cause).toBe(thrown);
      const polls = adapter.calls.length;
      expect(polls).toBe(callback === 'until' ? 1 : 2);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(adapter.calls).toHaveLength(polls);
      expect(vi.getTimerCount()).toBe(0);
    },
  );
});

describe('createDocumentIndexClient: waitFor', () => {
  it('polls until every document is terminal, asking only the undone ones, re-packed', async () => {
    const adapter = new MemoryAdapter(2).put({
      a: ['pending', 'processing', 'succeeded'],
      b: 'succeeded',
      c: ['processing', 'failed'],
      d: ['pending', 'pending', 'pending', 'partial'],
      e: 'ignored',
    });
    const snapshots: number[] = [];
    const client = createDocumentIndexClient(adapter, { retry: FAST_RETRY });
    const result = await client.waitFor(['a', 'b', 'c', 'a', 'd', 'e'], {
      minDelayMs: 1,
      maxDelayMs: 2,
      onProgress: (snapshot) => snapshots.push(snapshot.items.filter((i) => i.terminal).length),
    });
    expect(result.items.map((i) => `${i.id}:${i.status}`)).toEqual([
      'a:succeeded',
      'b:succeeded',
      'c:failed',
      'd:partial',
      'e:ignored',
    ]);
    expect(adapter.idsOf('status')).toEqual([['a', 'b'], ['c', 'd'], ['e'], ['a', 'c'], ['d'], ['a', 'd'], ['d']]);
    expect(snapshots).toEqual([2, 3, 4, 5]);
  });

  it('honours until and notFoundGraceMs', async () => {
    const adapter = new MemoryAdapter().put({ a: ['pending', 'processing', 'succeeded'] });
    const client = createDocumentIndexClient(adapter);
    const early = await client.waitFor(['a'], { until: (s) => s !== 'pending', minDelayMs: 1, maxDelayMs: 1 });
    expect(early.items[0]?.status).toBe('processing');

    const missing = new MemoryAdapter();
    const graceClient = createDocumentIndexClient(missing);
    const notYet = await graceClient.waitFor(['ghost'], { notFoundGraceMs: 15, minDelayMs: 1, maxDelayMs: 2 });
    expect(notYet.items[0]?.status).toBe('not_found');
    expect(missing.calls.length).toBeGreaterThan(1);
  });

  it('rejects with timeout and the last snapshot', async () => {
    const adapter = new MemoryAdapter().put({ a: 'succeeded', b: 'processing' });
    const client = createDocumentIndexClient(adapter);
    const error = await rejectionOf(client.waitFor(['a', 'b'], { timeoutMs: 20, minDelayMs: 1, maxDelayMs: 3 }));
    expect(error.code).toBe('timeout');
    expect(error.lastResult?.items.map((i) => `${i.id}:${i.status}`)).toEqual(['a:succeeded', 'b:processing']);
  });

  it('rejects with aborted at once, even mid-sleep, leaving no timer (fake timers)', async () => {
    vi.useFakeTimers();
    const adapter = new MemoryAdapter().put({ a: 'processing' });
    const client = createDocumentIndexClient(adapter);
    const controller = new AbortController();
    const pending = rejectionOf(client.waitFor(['a'], { signal: controller.signal, minDelayMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(adapter.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort('stop');
    const error = await pending;
    expect(error).toMatchObject({ code: 'aborted', cause: 'stop' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects the wait when a poll hits a dooming error', async () => {
    const adapter = new MemoryAdapter().put({ a: ['processing', 'processing'] });
    const client = createDocumentIndexClient(adapter);
    adapter.behaviour = () => {
      if (adapter.calls.length > 1) throw new FakeWireError(403);
      return undefined;
    };
    expect((await rejectionOf(client.waitFor(['a'], { minDelayMs: 1, maxDelayMs: 1 }))).code).toBe('forbidden');
  });
});
