/**
 * The fault matrix: every adapter, over the real transport (the loopback
 * simulator), under every fault the simulators can inject. Each case checks the
 * outcome the contract promises, how many requests went out, that every rejection
 * is a DocumentIndexError, that every unique id is accounted for exactly once,
 * and (afterEach) that nothing was rejected unhandled.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentIndexClient, RetryOptions } from '../../src/index';
import { createAzureTranslationIndex } from '../../src/providers/azure/index';
import { createBedrockIndex } from '../../src/providers/bedrock/index';
import { createKendraIndex } from '../../src/providers/kendra/index';
import { createNaverRagIndex } from '../../src/providers/naver/index';
import type { Fault } from '../../src/testing/faults';
import type { RunningSimulator } from '../../src/testing/index';
import type { ProviderErrorKind } from '../../src/testing/types';
import {
  activeTimers,
  expectAccounted,
  expectNoTimerLeft,
  FAST_RETRY,
  idsOf,
  rejection,
  simulatorPerFile,
  TARGETS,
  timed,
} from './support';

/** How long an abort or deadline may take to surface; generous for a busy CI machine, far below any fault delay. */
const PROMPT_MS = 150;

let sim: RunningSimulator;
// Tests here abort and time out calls: let their stray requests land before each reset.
simulatorPerFile(
  (started) => {
    sim = started;
  },
  { settleMs: 40 },
);

/** Resolves once the simulator has answered `count` requests (its log entry has an outcome). */
/** Waits until `count` requests have reached the simulator (answered or not): no fixed sleep to guess with. */
async function received(count: number): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (sim.log.entries.length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`the simulator never received ${count} request(s)`);
}

async function answered(count: number): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (sim.log.entries.filter((entry) => entry.outcome !== undefined).length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`the simulator never answered ${count} request(s)`);
}

describe.each(TARGETS)('fault matrix: $name', ({ target }) => {
  const { provider } = target;
  /** Three chunks: two full ones and one with a single document. */
  const CHUNKS = 3;
  const docIds = () => idsOf(target, target.batchLimit * (CHUNKS - 1) + 1);
  const client = (retry: RetryOptions = FAST_RETRY, concurrency?: number) =>
    target.createClient(sim, { retry, ...(concurrency !== undefined && { concurrency }) });
  const seedDone = (ids: string[]) =>
    target.seed(
      sim,
      ids.map((id) => ({ id, statuses: [target.rawDone] })),
    );
  const inject = (fault: Fault, times = 1) => sim.inject({ provider, fault, times });
  const requests = () => sim.log.count({ provider });

  describe('transient faults are retried, then succeed', () => {
    const transient: Array<[string, Fault]> = [
      ['throttling without Retry-After', { type: 'error', kind: 'throttled' }],
      ['HTTP 500', { type: 'error', kind: 'server_error' }],
      ['HTTP 503', { type: 'error', kind: 'service_unavailable' }],
      ['a connection reset', { type: 'reset' }],
    ];
    it.each(transient)('%s', async (_, fault) => {
      const ids = docIds();
      const refs = seedDone(ids);
      inject(fault, 2);
      const batch = await client().getStatuses(refs, { concurrency: 1 });
      expect(batch.errors).toEqual([]);
      expectAccounted(batch, ids);
      // Both faults hit the first chunk (attempts 1 and 2); attempt 3 succeeded.
      expect(requests()).toBe(CHUNKS + 2);
      expect(sim.faults.pending()).toBe(0);
    });

    it('500 then 503 then success, for getStatus too', async () => {
      const [id] = docIds() as [string];
      const [ref] = seedDone([id]);
      inject({ type: 'error', kind: 'server_error' });
      inject({ type: 'error', kind: 'service_unavailable' });
      const item = await client().getStatus(ref as string);
      expect(item.status).toBe('succeeded');
      expect(requests()).toBe(3);
    });
  });

  describe('throttling and Retry-After', () => {
    it('classifies throttling as throttled with the Retry-After delay', async () => {
      const ids = docIds().slice(0, 1);
      const refs = seedDone(ids);
      inject({ type: 'error', kind: 'throttled', retryAfterSeconds: 2 });
      const batch = await client({ maxAttempts: 1 }).getStatuses(refs);
      expectAccounted(batch, ids);
      const error = batch.errors[0]?.error;
      expect(error?.code).toBe('throttled');
      expect(error?.retryable).toBe(true);
      expect(error?.retryAfterMs).toBe(2000);
      expect(error?.httpStatus).toBe(429);
    });

    it('waits what Retry-After asks (capped by maxDelayMs) before the next attempt', async () => {
      const ids = docIds().slice(0, 1);
      const refs = seedDone(ids);
      inject({ type: 'error', kind: 'throttled', retryAfterSeconds: 1 });
      // Backoff alone would wait 1 ms; Retry-After (1 s) capped at maxDelayMs waits 80 ms.
      const { ms, value } = await timed(client({ maxAttempts: 2, minDelayMs: 1, maxDelayMs: 80 }).getStatuses(refs));
      expect(value?.errors).toEqual([]);
      expect(ms).toBeGreaterThanOrEqual(75);
      const [first, second] = sim.log.filter({ provider });
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(75);
    });

    it('Retry-After: 0 still waits at least minDelayMs between attempts', async () => {
      const ids = docIds().slice(0, 1);
      const refs = seedDone(ids);
      inject({ type: 'error', kind: 'throttled', retryAfterSeconds: 0 }, 2);
      const batch = await client({ maxAttempts: 3, minDelayMs: 40, maxDelayMs: 1000 }).getStatuses(refs);
      expect(batch.errors).toEqual([]);
      const at = sim.log.filter({ provider }).map((entry) => entry.at);
      expect(at).toHaveLength(3);
      // Date.now() granularity: a timer may fire within a millisecond of its delay.
      for (let i = 1; i < at.length; i++) expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(39);
    });
  });

  describe('persistent faults: exactly maxAttempts requests per chunk, then the ids land in errors', () => {
    const persistent: Array<[string, Fault, string]> = [
      ['HTTP 500', { type: 'error', kind: 'server_error' }, 'internal'],
      ['HTTP 503', { type: 'error', kind: 'service_unavailable' }, 'service_unavailable'],
      ['throttling', { type: 'error', kind: 'throttled' }, 'throttled'],
      ['connection resets', { type: 'reset' }, 'network'],
    ];
    it.each(persistent)('%s', async (_, fault, code) => {
      const ids = docIds();
      const refs = seedDone(ids);
      inject(fault, Number.POSITIVE_INFINITY);
      const batch = await client().getStatuses([...refs, ...refs]);
      expectAccounted(batch, ids);
      expect(batch.items).toEqual([]);
      expect(new Set(batch.errors.map(({ error }) => error.code))).toEqual(new Set([code]));
      expect(batch.errors.every(({ error }) => error.provider === provider && error.retryable)).toBe(true);
      expect(requests()).toBe(CHUNKS * 3);
    });

    it('getStatus rejects with the last error after maxAttempts', async () => {
      const [ref] = seedDone(docIds().slice(0, 1));
      inject({ type: 'error', kind: 'server_error' }, Number.POSITIVE_INFINITY);
      const error = await rejection(client().getStatus(ref as string));
      expect(error.code).toBe('internal');
      expect(requests()).toBe(3);
    });
  });

  // A proxy's own page carries no provider error body; these statuses mean the same whatever the body.
  describe('a 5xx, 429 or 408 from a gateway or proxy is what its status says, whatever its body: retried', () => {
    const gateway: Array<[number, 'html' | 'empty' | 'truncated', string]> = [
      [429, 'html', 'throttled'],
      [408, 'html', 'timeout'],
      [429, 'empty', 'throttled'],
      [502, 'html', 'service_unavailable'],
      [503, 'html', 'service_unavailable'],
      [504, 'html', 'service_unavailable'],
      [500, 'html', 'internal'],
      [502, 'empty', 'service_unavailable'],
      [500, 'empty', 'internal'],
      [503, 'truncated', 'service_unavailable'],
      [500, 'truncated', 'internal'],
    ];
    it.each(gateway)('HTTP %i, body %s: maxAttempts requests per chunk, then errors', async (status, body, code) => {
      const ids = docIds();
      const refs = seedDone(ids);
      inject({ type: 'gateway', status, body }, Number.POSITIVE_INFINITY);
      // The limiter pauses after throttled answers (seconds); what is checked here is the classification and the retries.
      const throttled = status === 429 ? { rateLimit: false as const } : {};
      const batch = await target.createClient(sim, { retry: FAST_RETRY, ...throttled }).getStatuses(refs);
      expectAccounted(batch, ids);
      expect(batch.items).toEqual([]);
      expect(batch.errors.map(({ error }) => [error.code, error.retryable, error.httpStatus])).toEqual(
        ids.map(() => [code, true, status]),
      );
      expect(requests()).toBe(CHUNKS * 3);
    });

    it('two gateway pages, then the provider answers: the call succeeds', async () => {
      const ids = docIds();
      const refs = seedDone(ids);
      inject({ type: 'gateway' }, 2);
      const batch = await client().getStatuses(refs, { concurrency: 1 });
      expect(batch.errors).toEqual([]);
      expectAccounted(batch, ids);
      expect(requests()).toBe(CHUNKS + 2);
    });
  });

  it('a TLS failure (https to a plain-http port, as a misconfigured proxy gives) is network, named, and not retried', async () => {
    const ids = idsOf(target, 1);
    const attempts: number[] = [];
    const tlsSim = { ...sim, url: sim.url.replace(/^http:/, 'https:') } as RunningSimulator;
    const batch = await target
      .createClient(tlsSim, { retry: FAST_RETRY, hooks: { onRequest: (event) => attempts.push(event.attempt) } })
      .getStatuses(ids);
    expectAccounted(batch, ids);
    expect(batch.errors[0]?.error).toMatchObject({ code: 'network', retryable: false, provider });
    expect(batch.errors[0]?.error.message).toMatch(
      /\((EPROTO|ERR_SSL_\w+): TLS failed; check the scheme and certificate\)/,
    );
    expect(attempts).toEqual([1]);
    expect(requests()).toBe(0);
  });

  describe('a 401 or 403 from a gateway or proxy stops the call, whatever its body', () => {
    const dooming: Array<[number, string]> = [
      [401, 'unauthorized'],
      [403, 'forbidden'],
    ];
    it.each(dooming)('HTTP %i, an HTML body: rejects the call at once, no further chunks', async (status, code) => {
      const refs = seedDone(idsOf(target, target.batchLimit * 5));
      inject({ type: 'gateway', status, body: 'html' }, Number.POSITIVE_INFINITY);
      const error = await rejection(client(FAST_RETRY, 1).getStatuses(refs));
      expect([error.code, error.retryable, error.httpStatus]).toEqual([code, false, status]);
      expect(requests()).toBe(1);
    });
  });

  describe('unreadable answers are invalid_response, not retried', () => {
    const unreadable: Array<[string, Fault]> = [
      ['malformed JSON', { type: 'malformed' }],
      ['truncated JSON', { type: 'truncated' }],
      ['valid JSON of the wrong shape', { type: 'wrong_shape' }],
      ['a JSON array', { type: 'wrong_shape', body: [1, 2, 3] }],
      ['JSON null', { type: 'wrong_shape', body: null }],
    ];
    it.each(unreadable)('%s', async (_, fault) => {
      const ids = docIds();
      const refs = seedDone(ids);
      inject(fault, Number.POSITIVE_INFINITY);
      const batch = await client().getStatuses(refs);
      expectAccounted(batch, ids);
      expect(batch.items).toEqual([]);
      expect(new Set(batch.errors.map(({ error }) => error.code))).toEqual(new Set(['invalid_response']));
      expect(requests()).toBe(CHUNKS);

      sim.log.clear();
      const error = await rejection(client().getStatus(refs[0] as string));
      expect(error.code).toBe('invalid_response');
      expect(requests()).toBe(1);
    });
  });

  describe.runIf(Boolean(target.operations.delete))('deleteDocuments under faults', () => {
    it('retries transient faults, every attempt of a chunk carrying the same idempotency token', async () => {
      const ids = docIds();
      const refs = seedDone(ids);
      inject({ type: 'error', kind: 'server_error' }, 2);
      const batch = await client(FAST_RETRY, 1).deleteDocuments(refs);
      expect(batch.errors).toEqual([]);
      expectAccounted(batch, ids);
      expect(requests()).toBe(CHUNKS + 2);
      if (provider === 'bedrock') {
        const tokens = sim.log
          .filter({ provider })
          .map((entry) => (entry.body as { clientToken?: string }).clientToken);
        // Chunk one's three attempts share a token; every chunk has its own.
        expect(new Set(tokens.slice(0, 3)).size).toBe(1);
        expect(new Set(tokens).size).toBe(CHUNKS);
      }
    });

    it('makes exactly maxAttempts requests per chunk under persistent 5xx, then reports the ids in errors', async () => {
      const ids = docIds();
      const refs = seedDone(ids);
      inject({ type: 'error', kind: 'service_unavailable' }, Number.POSITIVE_INFINITY);
      const batch = await client().deleteDocuments(refs);
      expectAccounted(batch, ids);
      expect(batch.errors.map(({ error }) => error.code)).toEqual(ids.map(() => 'service_unavailable'));
      expect(requests()).toBe(CHUNKS * 3);
    });

    it('rejects at once on an auth failure, sending no further chunks', async () => {
      const refs = seedDone(idsOf(target, target.batchLimit * 4));
      inject({ type: 'error', kind: 'forbidden' }, Number.POSITIVE_INFINITY);
      expect((await rejection(client(FAST_RETRY, 1).deleteDocuments(refs))).code).toBe('forbidden');
      expect(requests()).toBe(1);
    });
  });

  it('maps unknown raw statuses to unknown, keeping the raw value', async () => {
    const ids = docIds().slice(0, 3);
    const raws = ['SOMETHING_NEW', 'done', `${target.rawDone} `];
    const refs = target.seed(
      sim,
      ids.map((id, i) => ({ id, statuses: [raws[i] as string] })),
    );
    const batch = await client().getStatuses(refs);
    expectAccounted(batch, ids);
    expect(batch.items.map((item) => [item.status, item.providerStatus, item.terminal])).toEqual(
      raws.map((raw) => ['unknown', raw, false]),
    );
  });

  describe('errors that doom the call reject it at once and send no further chunks', () => {
    const dooming: Array<[ProviderErrorKind, string]> = [
      ['unauthorized', 'unauthorized'],
      ['forbidden', 'forbidden'],
    ];
    it.each(dooming)('%s', async (kind, code) => {
      const ids = idsOf(target, target.batchLimit * 5);
      const refs = seedDone(ids);
      inject({ type: 'error', kind }, Number.POSITIVE_INFINITY);
      const error = await rejection(client(FAST_RETRY, 1).getStatuses(refs));
      expect(error.code).toBe(code);
      expect(error.retryable).toBe(false);
      expect(requests()).toBe(1);
      // Nothing was left queued to go out later.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(requests()).toBe(1);
    });

    it('an auth failure on a later chunk stops the chunks after it', async () => {
      const ids = idsOf(target, target.batchLimit * 5);
      const refs = seedDone(ids);
      sim.inject({ provider, fault: { type: 'latency', ms: 0 }, times: 1 });
      inject({ type: 'error', kind: 'unauthorized' }, Number.POSITIVE_INFINITY);
      const error = await rejection(client(FAST_RETRY, 1).getStatuses(refs));
      expect(error.code).toBe('unauthorized');
      expect(requests()).toBe(2);
    });
  });

  describe('time and abort', () => {
    it('latency beyond timeoutMs rejects with timeout, promptly', async () => {
      const refs = seedDone(docIds());
      inject({ type: 'latency', ms: 5000 }, Number.POSITIVE_INFINITY);
      const timers = activeTimers();
      const { ms, error } = await timed(client().getStatuses(refs, { timeoutMs: 50 }));
      expect(error?.code).toBe('timeout');
      // The call's own deadline is spent: not worth retrying as it stands.
      expect(error?.retryable).toBe(false);
      expect(ms).toBeLessThan(50 + PROMPT_MS);
      await expectNoTimerLeft(timers);

      const single = await timed(client().getStatus(refs[0] as string, { timeoutMs: 30 }));
      expect(single.error?.code).toBe('timeout');
      expect(single.error?.retryable).toBe(false);
      expect(single.ms).toBeLessThan(30 + PROMPT_MS);
    });

    it('an abort mid-request rejects with aborted promptly and leaves no timer', async () => {
      const refs = seedDone(docIds());
      inject({ type: 'latency', ms: 5000 }, Number.POSITIVE_INFINITY);
      const timers = activeTimers();
      const controller = new AbortController();
      const call = timed(client().getStatuses(refs, { signal: controller.signal }));
      await received(CHUNKS);
      controller.abort();
      const aborted = performance.now();
      const { error } = await call;
      expect(error?.code).toBe('aborted');
      expect(performance.now() - aborted).toBeLessThan(PROMPT_MS);
      await expectNoTimerLeft(timers);
    });

    it('an abort mid-retry-sleep (Retry-After 10 s) rejects with aborted promptly and sends nothing more', async () => {
      const refs = seedDone(docIds().slice(0, 1));
      inject({ type: 'error', kind: 'throttled', retryAfterSeconds: 10 }, Number.POSITIVE_INFINITY);
      const timers = activeTimers();
      const controller = new AbortController();
      const call = timed(
        client({ maxAttempts: 3, minDelayMs: 1, maxDelayMs: 20_000 }).getStatuses(refs, { signal: controller.signal }),
      );
      await answered(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort();
      const aborted = performance.now();
      const { error } = await call;
      expect(error?.code).toBe('aborted');
      expect(performance.now() - aborted).toBeLessThan(PROMPT_MS);
      // The 10 s sleep was cleared, not left to fire into a second attempt.
      await expectNoTimerLeft(timers);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(requests()).toBe(1);
    });

    it('a timeout mid-retry-sleep rejects with timeout, not after the Retry-After', async () => {
      const refs = seedDone(docIds().slice(0, 1));
      inject({ type: 'error', kind: 'throttled', retryAfterSeconds: 10 }, Number.POSITIVE_INFINITY);
      const { ms, error } = await timed(
        client({ maxAttempts: 3, minDelayMs: 1, maxDelayMs: 20_000 }).getStatuses(refs, { timeoutMs: 100 }),
      );
      expect(error?.code).toBe('timeout');
      expect(ms).toBeLessThan(100 + PROMPT_MS);
      expect(requests()).toBe(1);
    });

    it('an abort mid-waitFor rejects with aborted promptly and leaves no timer', async () => {
      const ids = docIds();
      const refs = target.seed(
        sim,
        ids.map((id) => ({ id, statuses: [target.rawInProgress] })),
      );
      const timers = activeTimers();
      const controller = new AbortController();
      const snapshots: number[] = [];
      const call = timed(
        client().waitFor(refs, {
          signal: controller.signal,
          minDelayMs: 10_000,
          maxDelayMs: 10_000,
          onProgress: (snapshot) => snapshots.push(snapshot.items.length),
        }),
      );
      await answered(CHUNKS);
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort();
      const aborted = performance.now();
      const { error } = await call;
      expect(error?.code).toBe('aborted');
      expect(performance.now() - aborted).toBeLessThan(PROMPT_MS);
      expect(snapshots).toEqual([ids.length]);
      await expectNoTimerLeft(timers);
      expect(requests()).toBe(CHUNKS);
    });

    it.runIf(Boolean(target.operations.list))('a listing page aborts and times out like any call', async () => {
      seedDone(docIds());
      inject({ type: 'latency', ms: 5000 }, Number.POSITIVE_INFINITY);
      const timers = activeTimers();
      const timedOut = await timed(client().listStatuses({ timeoutMs: 30 }).next());
      expect(timedOut.error?.code).toBe('timeout');
      expect(timedOut.ms).toBeLessThan(30 + PROMPT_MS);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      const aborted = await timed(client().listStatuses({ signal: controller.signal }).byPage().next());
      expect(aborted.error?.code).toBe('aborted');
      expect(aborted.ms).toBeLessThan(20 + PROMPT_MS);
      await expectNoTimerLeft(timers);
    });

    it.runIf(Boolean(target.operations.list))('a listing page retries transient faults', async () => {
      const ids = docIds();
      seedDone(ids);
      inject({ type: 'error', kind: 'throttled' });
      inject({ type: 'reset' });
      const listed: string[] = [];
      for await (const item of client().listStatuses()) listed.push(item.id);
      expect(listed.toSorted()).toEqual(ids.toSorted());
    });

    it('an already aborted signal rejects every method with aborted and sends nothing', async () => {
      const refs = seedDone(docIds());
      const signal = AbortSignal.abort();
      const c = client();
      for (const call of [
        c.getStatus(refs[0] as string, { signal }),
        c.getStatuses(refs, { signal }),
        c.waitFor(refs, { signal }),
      ]) {
        expect((await rejection(call)).code).toBe('aborted');
      }
      expect(requests()).toBe(0);
    });
  });
});

describe('a request-level timeout is transient, unlike the call deadline (NAVER per-attempt timeoutMs)', () => {
  const naverClient = (timeoutMs: number) =>
    createNaverRagIndex({ serviceId: 'svc', apiKey: 'k', baseUrl: sim.url, timeoutMs, retry: FAST_RETRY });

  it('retries a timed-out attempt and succeeds', async () => {
    sim.naver.putDocument('svc', { id: 'a', status: 'DONE' });
    sim.inject({ provider: 'naver', fault: { type: 'latency', ms: 1000 }, times: 1 });
    const batch = await naverClient(30).getStatuses(['a']);
    expect(batch.items.map((item) => item.status)).toEqual(['succeeded']);
    expect(sim.log.count({ provider: 'naver' })).toBe(2);
  });

  it('lands the ids in errors after maxAttempts instead of rejecting the whole call', async () => {
    sim.inject({ provider: 'naver', fault: { type: 'latency', ms: 1000 }, times: Number.POSITIVE_INFINITY });
    const batch = await naverClient(20).getStatuses(['a', 'b', 'c']);
    expectAccounted(batch, ['a', 'b', 'c']);
    expect(batch.errors.map(({ error }) => [error.code, error.retryable])).toEqual(Array(3).fill(['timeout', true]));
    expect(sim.log.count({ provider: 'naver' })).toBe(9);
  });

  it('keeps waitFor polling until its own deadline, which then carries the last snapshot', async () => {
    sim.inject({ provider: 'naver', fault: { type: 'latency', ms: 1000 }, times: Number.POSITIVE_INFINITY });
    const { ms, error } = await timed(naverClient(10).waitFor(['a'], { minDelayMs: 1, maxDelayMs: 2, timeoutMs: 200 }));
    expect(error?.code).toBe('timeout');
    expect(error?.message).toMatch(/200 ms/);
    expect(ms).toBeGreaterThanOrEqual(190);
    // The wait's deadline is spent; each request's own time limit inside it stays transient.
    expect(error?.retryable).toBe(false);
    expect(error?.lastResult?.errors.map((entry) => [entry.error.code, entry.error.retryable])).toEqual([
      ['timeout', true],
    ]);
  });
});

describe('a credential that ignores the abort signal cannot hold a call open', () => {
  const HANG_MS = 400;
  const slowly = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), HANG_MS));
  const clients: Array<[string, () => DocumentIndexClient, string]> = [
    [
      'kendra: a slow credential provider',
      () =>
        createKendraIndex({
          indexId: '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab',
          region: 'us-east-1',
          endpoint: sim.url,
          credentials: () => slowly({ accessKeyId: 'AKID', secretAccessKey: 'secret' }),
        }),
      'doc-1',
    ],
    [
      'bedrock: a slow credential provider',
      () =>
        createBedrockIndex({
          knowledgeBaseId: 'KB12345678',
          dataSourceId: 'DS12345678',
          region: 'us-east-1',
          endpoint: sim.url,
          credentials: () => slowly({ accessKeyId: 'AKID', secretAccessKey: 'secret' }),
        }),
      'doc-1',
    ],
    [
      'azure: a TokenCredential that ignores abortSignal',
      () =>
        createAzureTranslationIndex({
          endpoint: sim.url,
          translationId: '9dce0aa9-78dc-41ba-8cae-2e2f3c2ff8ec',
          credential: { getToken: () => slowly({ token: 'token', expiresOnTimestamp: Date.now() + 3_600_000 }) },
        }),
      '00000000-0000-4000-8000-000000000001',
    ],
  ];

  it.each(clients)('%s: abort and timeout settle promptly, and nothing is sent afterwards', async (_, create, id) => {
    const started = performance.now();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const aborted = await timed(create().getStatuses([id], { signal: controller.signal }));
    expect(aborted.error?.code).toBe('aborted');
    expect(aborted.ms).toBeLessThan(20 + PROMPT_MS);
    const timedOut = await timed(create().getStatus(id, { timeoutMs: 20 }));
    expect(timedOut.error?.code).toBe('timeout');
    expect(timedOut.ms).toBeLessThan(20 + PROMPT_MS);
    // Once the credential arrives, the abandoned attempts see their aborted signal and send nothing.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, HANG_MS + 100 - (performance.now() - started))));
    expect(sim.log.entries).toEqual([]);
  });
});
