/**
 * The conformance suite of `putDocuments`: every adapter with a put call passes
 * the same cases against its own simulator, over the real transport; an adapter
 * without one (Azure) is checked to reject with `unsupported` and send nothing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXTRA_STAGES } from '../../src/core/config';
import type { PipelineStage } from '../../src/core/pipeline';
import { type DocumentIndexError, type DocumentInput, isDocumentIndexError, type StatusBatch } from '../../src/index';
import { PROVIDER_NAMES } from '../../src/providers/registry';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';
import { type ConformanceTarget, FAST_RETRY, type PutTarget, textDocument } from './harness';
import { TARGETS_BY_PROVIDER } from './targets/index';

const targets = PROVIDER_NAMES.flatMap((provider) =>
  TARGETS_BY_PROVIDER[provider].map((target) => ({ name: target.name, target })),
);

async function rejection(promise: Promise<unknown>): Promise<DocumentIndexError> {
  try {
    await promise;
  } catch (error) {
    expect(isDocumentIndexError(error), `expected a DocumentIndexError, got ${String(error)}`).toBe(true);
    return error as DocumentIndexError;
  }
  throw new Error('expected the call to reject');
}

/** Every id of `input` is in exactly one of the two lists. */
function expectAccounted(batch: StatusBatch, input: readonly string[]): void {
  const answered = [...batch.items.map((item) => item.id), ...batch.errors.map((entry) => entry.id)];
  expect([...answered].sort()).toEqual([...input].sort());
}

async function* lazily<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe.each(targets)('putDocuments conformance: $name', ({ target }) => {
  let sim: RunningSimulator;
  const client = (config?: Parameters<ConformanceTarget['createClient']>[1]) =>
    target.createClient(sim, { retry: FAST_RETRY, ...config });

  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());
  afterEach(() => sim.settle());

  it.runIf(!target.put)('rejects with unsupported and sends nothing (the provider has no put call)', async () => {
    const error = await rejection(client().putDocuments([textDocument('a')]));
    expect(error).toMatchObject({ code: 'unsupported', provider: target.provider });
    expect(sim.log.entries).toHaveLength(0);
  });

  it.runIf(Boolean(target.put))('timeoutMs 0 rejects with timeout and sends nothing', async () => {
    const put = target.put as PutTarget;
    const error = await rejection(client().putDocuments([textDocument(put.makeId(0))], { timeoutMs: 0 }));
    expect(error).toMatchObject({ code: 'timeout', provider: target.provider });
    await sim.settle();
    expect(sim.log.entries).toHaveLength(0);
  });

  // The rest needs a put call; Azure has none (see above), so each case is skipped there explicitly.
  const put = target.put as PutTarget;
  const when = it.runIf(Boolean(target.put));
  const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => put.makeId(from + i));
  const putRequests = () => sim.log.filter({ provider: target.provider, operation: put.operation });

  when('puts every document once, in requests of at most the provider limit; accepted ones then index', async () => {
    const docIds = ids(2 * put.batchLimit + 3);
    const index = client();
    const batch = await index.putDocuments(docIds.map((id) => textDocument(id)));
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => item.id)).toEqual(docIds);
    for (const item of batch.items) expect(['pending', 'processing']).toContain(item.status);
    const sent = putRequests().flatMap((entry) => put.idsOf(entry.body, entry.url));
    expect([...sent].sort()).toEqual([...docIds].sort());
    for (const entry of putRequests())
      expect(put.idsOf(entry.body, entry.url).length).toBeLessThanOrEqual(put.batchLimit);
    const done = await index.waitFor(batch.items, { minDelayMs: 1, maxDelayMs: 2 });
    expect(done.errors).toEqual([]);
    for (const item of done.items) expect(put.rawIndexed).toContain(item.providerStatus);
  });

  when('upserts: a document put again is replaced, not refused', async () => {
    const [id] = ids(1) as [string];
    const index = client();
    await index.waitFor((await index.putDocuments([textDocument(id, 'first')])).items, { minDelayMs: 1 });
    const again = await index.putDocuments([textDocument(id, 'second')]);
    expect(again.errors).toEqual([]);
    expect(again.items.map((item) => item.id)).toEqual([id]);
    const done = await index.waitFor(again.items, { minDelayMs: 1, maxDelayMs: 2 });
    expect(put.rawIndexed).toContain(done.items[0]?.providerStatus);
  });

  when('accounts for partial refusals: refused documents in errors with their provider code', async () => {
    const docIds = ids(put.batchLimit + 2);
    const refused = [docIds[1], docIds.at(-1)] as string[];
    const code = put.refuse(sim, refused);
    const batch = await client().putDocuments(docIds.map((id) => textDocument(id)));
    expectAccounted(batch, docIds);
    expect(batch.errors.map((entry) => entry.id)).toEqual(refused);
    for (const { error } of batch.errors) {
      expect(error).toMatchObject({ provider: target.provider, providerCode: code, retryable: false });
    }
    expect(batch.items.map((item) => item.id)).toEqual(docIds.filter((id) => !refused.includes(id)));
  });

  when('retries a failed request with the same documents (and idempotency token)', async () => {
    const docIds = ids(2);
    sim.inject({ provider: target.provider, operation: put.operation, fault: { type: 'error', kind: 'server_error' } });
    const batch = await client({ concurrency: 1 }).putDocuments(docIds.map((id) => textDocument(id)));
    expect(batch.errors).toEqual([]);
    const [first, retry] = putRequests();
    expect(first?.outcome).toBe(500);
    expect(retry?.body).toEqual(first?.body);
    if (put.tokenOf) expect(put.tokenOf(retry?.body)).toBe(put.tokenOf(first?.body));
  });

  when('lands a chunk that still fails after its retries in errors, retryable, and goes on', async () => {
    const docIds = ids(2 * put.batchLimit);
    sim.inject({
      provider: target.provider,
      operation: put.operation,
      fault: { type: 'error', kind: 'service_unavailable' },
      times: 3,
    });
    const batch = await client({ concurrency: 1 }).putDocuments(docIds.map((id) => textDocument(id)));
    expectAccounted(batch, docIds);
    expect(batch.errors.map((entry) => entry.id)).toEqual(docIds.slice(0, put.batchLimit));
    for (const { error } of batch.errors) expect(error.retryable).toBe(true);
  });

  when('cuts by size: no request exceeds the byte limit, a document over it is refused before sending', async () => {
    if (put.bytesPerRequest !== undefined) {
      const third = Math.floor(put.bytesPerRequest / 3) + 1;
      const docIds = ids(4);
      const batch = await client({ concurrency: 1 }).putDocuments(
        docIds.map((id) => ({ id, content: 'x'.repeat(third), contentType: 'text/plain' })),
      );
      expect(batch.errors).toEqual([]);
      expect(putRequests().map((entry) => put.idsOf(entry.body, entry.url).length)).toEqual([2, 2]);
    }
    if (put.bytesPerDocument !== undefined) {
      sim.reset();
      const error = await rejection(
        client().putDocuments([
          textDocument(put.makeId(0)),
          { id: put.makeId(1), content: 'x'.repeat(put.bytesPerDocument + 1), contentType: 'text/plain' },
        ]),
      );
      expect(error).toMatchObject({ code: 'validation', field: 'docs[1].content' });
      expect(sim.log.entries).toHaveLength(0);
    }
  });

  when('names the first bad document of an iterable by position and id; lastResult holds what was sent', async () => {
    const docIds = ids(put.batchLimit + 1);
    const source: unknown[] = [
      ...docIds.map((id) => textDocument(id)),
      { id: put.makeId(99) },
      textDocument(put.makeId(100)),
    ];
    const error = await rejection(
      client({ concurrency: 1 }).putDocuments(lazily(source) as AsyncIterable<DocumentInput>),
    );
    expect(error).toMatchObject({ code: 'validation', field: `docs[${docIds.length}].content` });
    expect(error.message).toContain(`position ${docIds.length}`);
    expect(error.message).toContain(put.makeId(99));
    const sent = putRequests().flatMap((entry) => put.idsOf(entry.body, entry.url));
    expect(sent).not.toContain(put.makeId(100));
    const last = error.lastResult as StatusBatch;
    // Everything sent is accounted for in lastResult; nothing is sent twice.
    expect(new Set(sent).size).toBe(sent.length);
    expectAccounted(last, sent);
  });

  when('checks an array whole: a bad last document rejects with nothing sent', async () => {
    const error = await rejection(
      client().putDocuments([...ids(3).map((id) => textDocument(id)), { id: put.makeId(9), content: 7 } as never]),
    );
    expect(error).toMatchObject({ code: 'validation', field: 'docs[3].content', provider: target.provider });
    expect(sim.log.entries).toHaveLength(0);
  });

  when('checks an array whole: a hole (a sparse array) rejects with nothing sent', async () => {
    const documents: unknown[] = ids(put.batchLimit + 1).map((id) => textDocument(id));
    documents.length += 1;
    const error = await rejection(client().putDocuments(documents as never));
    expect(error).toMatchObject({
      code: 'validation',
      field: `docs[${put.batchLimit + 1}]`,
      provider: target.provider,
    });
    expect(sim.log.entries).toHaveLength(0);
  });

  when('refuses a repeated id', async () => {
    const [a, b] = ids(2) as [string, string];
    const error = await rejection(client().putDocuments([textDocument(a), textDocument(b), textDocument(a)]));
    expect(error).toMatchObject({ code: 'validation', field: 'docs[2].id' });
    expect(sim.log.entries).toHaveLength(0);
  });

  when.each(['timeout', 'abort'] as const)('a %s mid-ingest rejects; nothing lost, nothing sent after', async (how) => {
    const docIds = ids(3 * put.batchLimit);
    // The second request hangs: the first completes, the call ends while the second is in flight.
    sim.inject({ provider: target.provider, operation: put.operation, fault: { type: 'latency', ms: 0 } });
    sim.inject({ provider: target.provider, operation: put.operation, fault: { type: 'latency', ms: 5_000 } });
    const controller = new AbortController();
    const options =
      how === 'timeout' ? { timeoutMs: 150, concurrency: 1 } : { signal: controller.signal, concurrency: 1 };
    const pending = client().putDocuments(lazily(docIds.map((id) => textDocument(id))), options);
    if (how === 'abort') setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const error = await rejection(pending);
    expect(error.code).toBe(how === 'timeout' ? 'timeout' : 'aborted');
    expect(Date.now() - started).toBeLessThan(2_000);
    // What completed is on the error; the document of the cut request is in neither list (the call rejected).
    expect(error.lastResult?.items.map((item) => item.id)).toEqual(docIds.slice(0, put.batchLimit));
    const sentBefore = putRequests().length;
    await sim.settle();
    expect(putRequests().length).toBe(sentBefore);
    expect(sentBefore).toBe(2);
  });

  when('an error that dooms every request rejects the call and sends no further request', async () => {
    sim.inject({
      provider: target.provider,
      operation: put.operation,
      fault: { type: 'error', kind: 'forbidden' },
      times: Number.POSITIVE_INFINITY,
    });
    const error = await rejection(
      client({ concurrency: 1 }).putDocuments(ids(3 * put.batchLimit).map((id) => textDocument(id))),
    );
    expect(error).toMatchObject({ code: 'forbidden', provider: target.provider });
    expect(putRequests()).toHaveLength(1);
  });

  when('sends every put request through the client pipeline', async () => {
    const seen: string[] = [];
    const counting: PipelineStage = {
      name: 'counting',
      attempt(context, next) {
        seen.push(context.operation);
        return next(context);
      },
    };
    const index = client({ [EXTRA_STAGES]: [counting] });
    const [existing] = ids(1) as [string];
    await index.putDocuments([textDocument(existing)]);
    await index.putDocuments(ids(put.batchLimit + 1).map((id) => textDocument(id)));
    expect(seen.length).toBe(sim.log.count({ provider: target.provider }));
  });
});
