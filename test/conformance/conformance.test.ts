/// <reference types="vite/client" />
/**
 * One behavioural suite that every provider adapter passes against its own
 * simulator, over the real transport (loopback HTTP). Each file in `targets/`
 * exports a `target` (or `targets`) describing how to drive one adapter.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXTRA_STAGES } from '../../src/core/config';
import type { PipelineStage } from '../../src/core/pipeline';
import {
  type DocumentIndexError,
  type DocumentRef,
  type DocumentStatus,
  isDocumentIndexError,
  isTerminal,
  type WaitProgress,
} from '../../src/index';
import { PROVIDER_NAMES } from '../../src/providers/registry';
import { type ProviderErrorKind, type RunningSimulator, startSimulator } from '../../src/testing/index';
import { type ConformanceTarget, FAST_RETRY } from './harness';
import { TARGETS_BY_PROVIDER } from './targets/index';

const targets = PROVIDER_NAMES.flatMap((provider) =>
  TARGETS_BY_PROVIDER[provider].map((target) => ({ name: target.name, target })),
);

/** Resolves with the error a promise rejects with, failing the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<DocumentIndexError> {
  try {
    await promise;
  } catch (error) {
    expect(isDocumentIndexError(error), `expected a DocumentIndexError, got ${String(error)}`).toBe(true);
    return error as DocumentIndexError;
  }
  throw new Error('expected the call to reject');
}

it('finds an adapter target for every registered provider', () => {
  expect(new Set(targets.map(({ target }) => target.provider))).toEqual(new Set(PROVIDER_NAMES));
  for (const provider of PROVIDER_NAMES) expect(TARGETS_BY_PROVIDER[provider].length).toBeGreaterThan(0);
});

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

describe.each(targets)('conformance: $name', ({ target }) => {
  let sim: RunningSimulator;
  const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => target.makeId(from + i));
  const seedDone = (docIds: string[]) =>
    target.seed(
      sim,
      docIds.map((id) => ({ id, statuses: [target.rawDone] })),
    );
  const statusRequests = () => sim.log.count({ provider: target.provider, operation: target.operations.status });
  /** The next `times` status requests fail with a provider-shaped error. */
  const failStatusRequests = (fault: { kind: ProviderErrorKind; retryAfterSeconds?: number }, times = 1) =>
    sim.inject({
      provider: target.provider,
      operation: target.operations.status,
      fault: { type: 'error', ...fault },
      times,
    });
  const client = (config?: Parameters<ConformanceTarget['createClient']>[1]) =>
    target.createClient(sim, { retry: FAST_RETRY, ...config });

  beforeAll(async () => {
    sim = await startSimulator();
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await sim.close();
  });
  beforeEach(() => {
    sim.reset();
    unhandled.length = 0;
  });
  afterEach(async () => {
    expect(unhandled).toEqual([]);
    // Requests a timed-out or aborted call already put on the wire land now, not
    // after the next test's reset, where they would be counted and eat its faults.
    await sim.settle();
  });

  describe('status mapping', () => {
    it('maps every raw value of the contract table and keeps the raw value', async () => {
      const docIds = ids(target.statusTable.length);
      const refs = target.seed(
        sim,
        target.statusTable.map(([raw], i) => ({ id: docIds[i] as string, statuses: [raw] })),
      );
      const batch = await client().getStatuses(refs);
      expect(batch.errors).toEqual([]);
      expect(batch.items.map((item) => [item.providerStatus, item.status])).toEqual(
        target.statusTable.map(([raw, status]) => [raw, status]),
      );
      for (const item of batch.items) {
        expect(item.provider).toBe(target.provider);
        expect(item.terminal).toBe(isTerminal(item.status));
        expect(item.raw).toBeDefined();
      }
    });

    it('maps an unknown raw value to unknown without throwing', async () => {
      const [id] = ids(1) as [string];
      const refs = target.seed(sim, [{ id, statuses: ['SOMETHING_NEW_2031'] }]);
      const item = await client().getStatus(refs[0] as never);
      expect(item.status).toBe('unknown');
      expect(item.providerStatus).toBe('SOMETHING_NEW_2031');
      expect(item.terminal).toBe(false);
    });

    it('reads a document the provider does not know as not_found', async () => {
      const [id] = ids(1, 900) as [string];
      const batch = await client().getStatuses([id]);
      expect(batch.items.map((item) => [item.id, item.status])).toEqual([[id, 'not_found']]);
      await expect(client().getStatus(id)).resolves.toMatchObject({ id, status: 'not_found' });
    });
  });

  describe('getStatuses: chunking and accounting', () => {
    it('splits into requests of at most the provider limit and keeps input order', async () => {
      const docIds = ids(25);
      const refs = seedDone(docIds);
      const shuffled = [...refs].reverse();
      const batch = await client({ concurrency: 3 }).getStatuses(shuffled);
      expect(batch.errors).toEqual([]);
      expect(batch.items.map((item) => item.id)).toEqual([...docIds].reverse());
      expect(statusRequests()).toBe(Math.ceil(25 / target.batchLimit));
    });

    it('runs 4 requests at once by default, and `concurrency` when given', async () => {
      const refs = seedDone(ids(12 * target.batchLimit));
      const peakInFlight = async (concurrency?: number) => {
        let inFlight = 0;
        let peak = 0;
        const counting: PipelineStage = {
          name: 'in-flight',
          async attempt(context, next) {
            peak = Math.max(peak, ++inFlight);
            try {
              return await next(context);
            } finally {
              inFlight--;
            }
          },
        };
        // Each answer held back a little, so that requests overlap.
        sim.inject({ provider: target.provider, fault: { type: 'latency', ms: 5 }, times: Number.POSITIVE_INFINITY });
        const batch = await client({ [EXTRA_STAGES]: [counting], concurrency }).getStatuses(refs);
        sim.faults.clear();
        expect(batch.errors).toEqual([]);
        return peak;
      };
      expect(await peakInFlight()).toBe(4);
      expect(await peakInFlight(7)).toBe(7);
    });

    it('asks for a duplicated id once and reports it once', async () => {
      const docIds = ids(3);
      const refs = seedDone(docIds);
      const batch = await client().getStatuses([refs[0], refs[1], refs[0], refs[2], refs[1]] as never[]);
      expect(batch.items.map((item) => item.id)).toEqual(docIds);
      expect(statusRequests()).toBe(Math.ceil(3 / target.batchLimit));
    });

    it('resolves empty input with no request', async () => {
      await expect(client().getStatuses([])).resolves.toEqual({ items: [], errors: [] });
      expect(sim.log.entries).toHaveLength(0);
    });
  });

  describe('validation before sending', () => {
    it('rejects every invalid ref with validation and sends nothing', async () => {
      for (const bad of target.invalidRefs) {
        const error = await rejection(client().getStatuses([bad] as never[]));
        expect(error.code, `ref ${JSON.stringify(bad)}`).toBe('validation');
        const single = await rejection(client().getStatus(bad as never));
        expect(single.code).toBe('validation');
      }
      expect(sim.log.entries).toHaveLength(0);
    });

    it('rejects a bad ref anywhere in the batch before sending the good ones', async () => {
      const refs = seedDone(ids(12));
      const error = await rejection(client().getStatuses([...refs, target.invalidRefs[0]] as never[]));
      expect(error.code).toBe('validation');
      expect(error.message).toContain('refs[12]');
      expect(sim.log.entries).toHaveLength(0);
    });

    it.each([0, -1, 1.5, '4'])('rejects concurrency %s', async (concurrency) => {
      const error = await rejection(client().getStatuses(ids(1), { concurrency: concurrency as number }));
      expect(error.code).toBe('validation');
      expect(error.message).toContain('concurrency');
      expect(sim.log.entries).toHaveLength(0);
    });

    it('rejects a non-array refs and a negative timeout', async () => {
      expect((await rejection(client().getStatuses('abc' as never))).code).toBe('validation');
      expect((await rejection(client().getStatuses(ids(1), { timeoutMs: -1 }))).code).toBe('validation');
      expect(sim.log.entries).toHaveLength(0);
    });

    it('rejects retry.maxAttempts 0 in the factory', () => {
      expect(() => target.createClient(sim, { retry: { maxAttempts: 0 } })).toThrowError(
        expect.objectContaining({ code: 'validation' }),
      );
    });
  });

  describe('unsupported operations', () => {
    it.runIf(!target.operations.delete)('deleteDocuments rejects with unsupported and sends nothing', async () => {
      const error = await rejection(client().deleteDocuments(ids(2)));
      expect(error.code).toBe('unsupported');
      expect(sim.log.entries).toHaveLength(0);
    });

    it.runIf(!target.operations.list)('listStatuses rejects on first use with unsupported', async () => {
      const listing = client().listStatuses();
      const error = await rejection(listing.next());
      expect(error.code).toBe('unsupported');
      expect(sim.log.entries).toHaveLength(0);
    });
  });

  describe('retries', () => {
    it('retries throttling and succeeds', async () => {
      const refs = seedDone(ids(1));
      failStatusRequests({ kind: 'throttled' }, 2);
      const batch = await client().getStatuses(refs);
      expect(batch.errors).toEqual([]);
      expect(batch.items).toHaveLength(1);
      expect(statusRequests()).toBe(3);
    });

    it('honours Retry-After on throttling', async () => {
      const refs = seedDone(ids(1));
      failStatusRequests({ kind: 'throttled', retryAfterSeconds: 0 });
      await expect(client().getStatuses(refs)).resolves.toMatchObject({ errors: [] });
      expect(statusRequests()).toBe(2);
    });

    it('retries a 5xx then succeeds', async () => {
      const refs = seedDone(ids(1));
      failStatusRequests({ kind: 'server_error' });
      await expect(client().getStatuses(refs)).resolves.toMatchObject({ errors: [] });
      expect(statusRequests()).toBe(2);
    });

    it('makes exactly maxAttempts requests per chunk under persistent 5xx, then reports the ids in errors', async () => {
      const docIds = ids(2 * target.batchLimit);
      const refs = seedDone(docIds);
      failStatusRequests({ kind: 'service_unavailable' }, Number.POSITIVE_INFINITY);
      const batch = await client({ retry: { ...FAST_RETRY, maxAttempts: 4 } }).getStatuses(refs);
      expect(batch.items).toEqual([]);
      expect(batch.errors.map((e) => e.id)).toEqual(docIds);
      for (const { error } of batch.errors) {
        expect(isDocumentIndexError(error)).toBe(true);
        expect(error.retryable).toBe(true);
      }
      expect(statusRequests()).toBe(4 * 2);
    });

    it('maxAttempts 1 turns retries off', async () => {
      const refs = seedDone(ids(1));
      failStatusRequests({ kind: 'throttled' });
      const batch = await client({ retry: { maxAttempts: 1 } }).getStatuses(refs);
      expect(batch.errors.map((e) => e.error.code)).toEqual(['throttled']);
      expect(statusRequests()).toBe(1);
    });
  });

  describe('errors that doom the whole call', () => {
    it.each(['unauthorized', 'forbidden'] as const)('%s rejects the call and sends no further chunks', async (kind) => {
      const refs = seedDone(ids(5 * target.batchLimit));
      failStatusRequests({ kind }, Number.POSITIVE_INFINITY);
      const error = await rejection(client({ concurrency: 1 }).getStatuses(refs));
      expect(error.code).toBe(kind);
      expect(error.provider).toBe(target.provider);
      expect(statusRequests()).toBe(1);
    });
  });

  describe('what settled before a call ended', () => {
    /** A client whose requests of `operation` are refused with `kind` from the second one on (`concurrency: 1`). */
    const refusedAfterFirst = (operation: string, kind: ProviderErrorKind) => {
      let answered = 0;
      return client({
        concurrency: 1,
        hooks: {
          onResponse: () => {
            answered++;
            if (answered === 1)
              sim.inject({ provider: target.provider, operation, fault: { type: 'error', kind }, times: Infinity });
          },
        },
      });
    };

    it.runIf(Boolean(target.operations.delete))(
      'a delete doomed after its first chunk rejects with that chunk as lastResult (deletes already applied)',
      async () => {
        const docIds = ids(3 * target.batchLimit);
        const refs = seedDone(docIds);
        const error = await rejection(
          refusedAfterFirst(target.operations.delete as string, 'forbidden').deleteDocuments(refs),
        );
        expect(error.code).toBe('forbidden');
        expect(error.lastResult?.items.map((item) => item.id)).toEqual(docIds.slice(0, target.batchLimit));
        expect(error.lastResult?.errors).toEqual([]);
      },
    );

    it('a status call doomed after its first chunk rejects with the statuses already read', async () => {
      const docIds = ids(3 * target.batchLimit);
      const refs = seedDone(docIds);
      const error = await rejection(refusedAfterFirst(target.operations.status, 'forbidden').getStatuses(refs));
      expect(error.code).toBe('forbidden');
      expect(error.lastResult?.items.map((item) => item.id)).toEqual(docIds.slice(0, target.batchLimit));
    });

    it('a wait doomed mid-poll carries where the wait stood, not that poll’s part', async () => {
      const docIds = ids(3 * target.batchLimit);
      const refs = seedDone(docIds);
      const error = await rejection(refusedAfterFirst(target.operations.status, 'forbidden').waitFor(refs));
      expect(error.code).toBe('forbidden');
      expect(error.lastResult).toMatchObject({ poll: 0, total: docIds.length, pending: docIds.length, items: [] });
    });

    it('a status call that times out after its first chunk carries the statuses already read', async () => {
      const docIds = ids(3 * target.batchLimit);
      const refs = seedDone(docIds);
      let answered = 0;
      const index = client({
        concurrency: 1,
        hooks: {
          onResponse: () => {
            answered++;
            if (answered === 1) sim.inject({ provider: target.provider, fault: { type: 'latency', ms: 5_000 } });
          },
        },
      });
      const error = await rejection(index.getStatuses(refs, { timeoutMs: 300 }));
      expect(error.code).toBe('timeout');
      expect(error.lastResult?.items.map((item) => item.id)).toEqual(docIds.slice(0, target.batchLimit));
    });
  });

  describe('time and abort', () => {
    it('an already aborted signal rejects with aborted and sends nothing', async () => {
      const error = await rejection(client().getStatuses(ids(3), { signal: AbortSignal.abort() }));
      expect(error.code).toBe('aborted');
      expect(sim.log.entries).toHaveLength(0);
    });

    it('timeoutMs 0 rejects with timeout and sends nothing, whatever the method', async () => {
      // A deadline of 0 is spent before the first request: a 0 ms timer used to fire only after it had gone out,
      // so a delete took effect while the call reported timeout.
      const refs = seedDone(ids(3));
      const index = client();
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['getStatus', () => index.getStatus(refs[0] as string, { timeoutMs: 0 })],
        ['getStatuses', () => index.getStatuses(refs, { timeoutMs: 0 })],
        ['waitFor', () => index.waitFor(refs, { timeoutMs: 0 })],
      ];
      if (target.operations.delete)
        calls.push(['deleteDocuments', () => index.deleteDocuments(refs, { timeoutMs: 0 })]);
      for (const [name, call] of calls) {
        const error = await rejection(call());
        expect(error.code, name).toBe('timeout');
        expect(error.provider, name).toBe(target.provider);
      }
      await sim.settle();
      expect(sim.log.entries).toHaveLength(0);
    });

    it('aborting mid-request rejects with aborted promptly', async () => {
      const refs = seedDone(ids(1));
      sim.inject({ provider: target.provider, fault: { type: 'latency', ms: 5_000 } });
      const controller = new AbortController();
      const started = Date.now();
      const pending = client().getStatuses(refs, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      const error = await rejection(pending);
      expect(error.code).toBe('aborted');
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('timeoutMs bounds the call and rejects with timeout', async () => {
      const refs = seedDone(ids(1));
      sim.inject({ provider: target.provider, fault: { type: 'latency', ms: 5_000 } });
      const started = Date.now();
      const error = await rejection(client().getStatuses(refs, { timeoutMs: 50 }));
      expect(error.code).toBe('timeout');
      expect(error.retryable).toBe(false);
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });

  describe('getStatus', () => {
    it('resolves with the one document', async () => {
      const [id] = ids(1) as [string];
      const [ref] = target.seed(sim, [{ id, statuses: [target.rawInProgress] }]);
      const item = await client().getStatus(ref as never);
      expect(item).toMatchObject({ id, provider: target.provider, providerStatus: target.rawInProgress });
      expect(item.terminal).toBe(false);
    });
  });

  describe('one request pipeline', () => {
    it('sends every request of every operation through the client pipeline, retries included', async () => {
      const attempts: Array<{ operation: string; attempt: number; documents: number }> = [];
      const retries: string[] = [];
      const counting: PipelineStage = {
        name: 'counting',
        attempt(context, next) {
          attempts.push({ operation: context.operation, attempt: context.attempt, documents: context.documents });
          return next(context);
        },
        retry: (event) => retries.push(event.operation),
      };
      const docIds = ids(target.batchLimit + 2);
      const refs = target.seed(
        sim,
        docIds.map((id) => ({ id, statuses: [target.rawInProgress, target.rawDone] })),
      );
      failStatusRequests({ kind: 'throttled' }, 1);
      const index = client({ [EXTRA_STAGES]: [counting] });
      await index.getStatus(refs[0] as DocumentRef);
      await index.getStatuses(refs);
      await index.waitFor(refs, { minDelayMs: 1, maxDelayMs: 2 });
      if (target.operations.list) for await (const _ of index.listStatuses().byPage({ maxPageSize: 5 })) void _;
      if (target.operations.delete) await index.deleteDocuments(refs);
      // Every request the simulator saw went through the stage, once per attempt, and nothing else did.
      expect(attempts.length).toBe(sim.log.count({ provider: target.provider }));
      expect(retries).toEqual([expect.any(String)]);
      expect(attempts.filter((a) => a.attempt > 1)).toHaveLength(1);
      for (const { documents } of attempts) expect(documents).toBeLessThanOrEqual(target.batchLimit);
    });
  });

  describe('waitFor', () => {
    it('polls until every document is terminal, asking only for the undone ones', async () => {
      const docIds = ids(2 * target.batchLimit);
      // The first batch finishes on its second read; the second on its fourth.
      const refs = target.seed(
        sim,
        docIds.map((id, i) => ({
          id,
          statuses:
            i < target.batchLimit
              ? [target.rawInProgress, target.rawDone]
              : [target.rawInProgress, target.rawInProgress, target.rawInProgress, target.rawDone],
        })),
      );
      const snapshots: number[] = [];
      const result = await client().waitFor(refs, {
        minDelayMs: 1,
        maxDelayMs: 2,
        onProgress: (snapshot) => snapshots.push(snapshot.items.filter((i) => i.terminal).length),
      });
      expect(result.errors).toEqual([]);
      expect(result.items.map((item) => [item.id, item.status])).toEqual(docIds.map((id) => [id, 'succeeded']));
      expect(snapshots.at(-1)).toBe(docIds.length);
      // Polls 1-2 carry both halves (two full requests each); polls 3-4 only the
      // second half (one full request each): undone documents are re-packed.
      const requestsPerHalf = Math.ceil(target.batchLimit / target.batchLimit);
      expect(statusRequests()).toBe(2 * 2 * requestsPerHalf + 2 * requestsPerHalf);
    });

    it('reports progress by its own rule, a transient failure keeping the last status beside the error', async () => {
      const id = target.makeId(0);
      const refs = target.seed(sim, [{ id, statuses: [target.rawInProgress, target.rawDone] }]);
      // The first poll is answered; the second fails once with HTTP 500 (no retry: it lands in errors).
      sim.inject({ provider: target.provider, fault: { type: 'latency', ms: 0 } });
      sim.inject({ provider: target.provider, fault: { type: 'error', kind: 'server_error' } });
      const progress: WaitProgress[] = [];
      const result = await client({ retry: { maxAttempts: 1 } }).waitFor(refs, {
        minDelayMs: 1,
        maxDelayMs: 2,
        onProgress: (snapshot) => progress.push(snapshot),
      });
      expect(result.errors).toEqual([]);
      expect(result.items.map((item) => item.status)).toEqual(['succeeded']);
      expect(progress.map(({ poll, done, pending, total }) => ({ poll, done, pending, total }))).toEqual([
        { poll: 1, done: 0, pending: 1, total: 1 },
        { poll: 2, done: 0, pending: 1, total: 1 },
        { poll: 3, done: 1, pending: 0, total: 1 },
      ]);
      const failedPoll = progress[1];
      expect(failedPoll?.items).toEqual([]);
      expect(failedPoll?.errors).toHaveLength(1);
      expect(failedPoll?.errors[0]?.error).toMatchObject({ code: 'internal', retryable: true });
      expect(failedPoll?.errors[0]?.lastStatus).toMatchObject({ id, providerStatus: target.rawInProgress });
      expect(progress[0]?.counts).toMatchObject({ succeeded: 0 });
      expect(progress[2]?.counts.succeeded).toBe(1);
    });

    it('rejects with timeout and the last snapshot', async () => {
      const refs = target.seed(sim, [{ id: target.makeId(0), statuses: [target.rawInProgress] }]);
      const error = await rejection(client().waitFor(refs, { timeoutMs: 300, minDelayMs: 5, maxDelayMs: 10 }));
      expect(error.code).toBe('timeout');
      expect(error.retryable).toBe(false);
      expect(error.lastResult?.items.map((item: DocumentStatus) => item.providerStatus)).toEqual([
        target.rawInProgress,
      ]);
    });

    it('an abort mid-wait rejects with aborted at once, where the wait stood on lastResult', async () => {
      const refs = target.seed(sim, [{ id: target.makeId(0), statuses: [target.rawInProgress] }]);
      const controller = new AbortController();
      const pending = client().waitFor(refs, {
        signal: controller.signal,
        minDelayMs: 10_000,
        onProgress: () => setTimeout(() => controller.abort(), 5),
      });
      const started = Date.now();
      const error = await rejection(pending);
      expect(error.code).toBe('aborted');
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(error.lastResult?.items.map((item: DocumentStatus) => item.providerStatus)).toEqual([
        target.rawInProgress,
      ]);
    });
  });

  describe.runIf(Boolean(target.operations.delete))('deleteDocuments', () => {
    it('deletes in chunks and reports every document once', async () => {
      const docIds = ids(target.batchLimit + 3);
      const refs = seedDone(docIds);
      const batch = await client().deleteDocuments(refs);
      expect(batch.errors).toEqual([]);
      expect(batch.items.map((item) => item.id)).toEqual(docIds);
      if (target.deletedStatus) for (const item of batch.items) expect(item.status).toBe(target.deletedStatus);
      expect(sim.log.count({ provider: target.provider, operation: target.operations.delete })).toBe(
        Math.ceil(docIds.length / target.batchLimit),
      );
    });
  });

  describe.runIf(Boolean(target.operations.list))('listStatuses', () => {
    it('is lazy: nothing is fetched before the first next()', async () => {
      seedDone(ids(3));
      const listing = client().listStatuses();
      expect(sim.log.entries).toHaveLength(0);
      await listing.next();
      expect(sim.log.entries.length).toBeGreaterThan(0);
    });

    it('lists every document across pages, and resumes from a continuation token', async () => {
      const docIds = ids(23);
      seedDone(docIds);
      const seen: string[] = [];
      for await (const item of client().listStatuses()) seen.push(item.id);
      expect([...seen].sort()).toEqual([...docIds].sort());

      const pages = [];
      for await (const page of client().listStatuses().byPage({ maxPageSize: 5 })) pages.push(page);
      expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
      expect(pages.slice(0, -1).every((page) => typeof page.continuationToken === 'string')).toBe(true);
      expect(pages.at(-1)?.continuationToken).toBeUndefined();

      const resumed = [];
      const token = pages[1]?.continuationToken;
      for await (const page of client().listStatuses().byPage({ continuationToken: token, maxPageSize: 5 })) {
        resumed.push(...page.map((item) => item.id));
      }
      expect(resumed).toEqual(pages.slice(2).flatMap((page) => page.map((item) => item.id)));
    });

    it('filters by statuses', async () => {
      const docIds = ids(6);
      target.seed(
        sim,
        docIds.map((id, i) => ({ id, statuses: [i % 2 === 0 ? target.rawDone : target.rawInProgress] })),
      );
      const listed = [];
      for await (const item of client().listStatuses({ statuses: ['succeeded'] })) listed.push(item.id);
      expect(listed.sort()).toEqual(docIds.filter((_, i) => i % 2 === 0).sort());
    });

    it('rejects a page size beyond the provider maximum with validation', async () => {
      const pages = client()
        .listStatuses()
        .byPage({ maxPageSize: (target.maxPageSize ?? 1000) + 1 });
      const error = await rejection(pages.next());
      expect(error.code).toBe('validation');
      expect(sim.log.entries).toHaveLength(0);
    });
  });
});
