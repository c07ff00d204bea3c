/**
 * The client-wide rate limiter, for every adapter, over the real transport: a
 * client built by its factory with default options paces every request it sends
 * (nothing injected), shares one limiter across its calls, keeps `retry.maxAttempts`
 * exact, and lets a call waiting for its turn end on abort or deadline at once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXTRA_STAGES } from '../../src/core/config';
import type { PipelineStage } from '../../src/core/pipeline';
import { type DocumentIndexError, type DocumentRef, isDocumentIndexError } from '../../src/index';
import { PROVIDER_NAMES } from '../../src/providers/registry';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';
import { type ConformanceTarget, FAST_RETRY } from './harness';
import { TARGETS_BY_PROVIDER } from './targets/index';

const targets = PROVIDER_NAMES.flatMap((provider) =>
  TARGETS_BY_PROVIDER[provider].map((target) => ({ name: target.name, target })),
);

/** How long an abort or a deadline may take to surface on a busy CI machine. */
const PROMPT_MS = 150;

async function rejection(promise: Promise<unknown>): Promise<DocumentIndexError> {
  try {
    await promise;
  } catch (error) {
    expect(isDocumentIndexError(error), String(error)).toBe(true);
    return error as DocumentIndexError;
  }
  throw new Error('expected the call to reject');
}

const activeTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe.each(targets)('rate limiter: $name', ({ target }) => {
  let sim: RunningSimulator;
  const operation = target.operations.status;
  const provider = target.provider;
  const client = (config?: Parameters<ConformanceTarget['createClient']>[1]) =>
    target.createClient(sim, { retry: FAST_RETRY, ...config });
  /** `requests` status requests' worth of documents, seeded terminal. */
  const seedRequests = (requests: number, from = 0) =>
    target.seed(
      sim,
      Array.from({ length: requests * target.batchLimit }, (_, i) => ({
        id: target.makeId(from + i),
        statuses: [target.rawDone],
      })),
    );
  const outcomes = () => sim.log.filter({ provider, operation }).map((entry) => entry.outcome);
  const throttledAnswers = () => outcomes().filter((outcome) => outcome !== 200).length;

  /**
   * A stage inside the limiter that tells when the first answer came back: by the
   * time `answered()` resolves, the limiter has seen it too.
   */
  let answered: () => Promise<void>;
  let watch: PipelineStage;
  beforeEach(() => {
    sim.reset();
    let seen: () => void;
    const first = new Promise<void>((resolve) => {
      seen = resolve;
    });
    answered = () => first.then(() => new Promise((resolve) => setTimeout(resolve, 1)));
    watch = {
      name: 'watch',
      attempt: (context, next) =>
        next(context).finally(() => {
          seen();
        }),
    };
  });

  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(async () => {
    await sim.settle();
  });

  it('paces every request of a default client, across concurrent calls, far below the throttling of no limiter', async () => {
    const sweep = async (rateLimit?: false) => {
      sim.reset();
      const first = seedRequests(20);
      const second = seedRequests(20, 20 * target.batchLimit);
      // A quota well below what even a loaded machine sends, so both sweeps run into it.
      sim.rateLimit({ provider, operation, capacity: 4, refillPerSecond: 25 });
      const index = client({ retry: { maxAttempts: 6, minDelayMs: 1, maxDelayMs: 5 }, concurrency: 4, rateLimit });
      const [a, b] = await Promise.all([index.getStatuses(first), index.getStatuses(second)]);
      return { errors: a.errors.length + b.errors.length, items: a.items.length + b.items.length };
    };
    const limited = await sweep();
    const limitedThrottled = throttledAnswers();
    const limitedRequests = outcomes().length;
    await sweep(false);
    const unlimitedThrottled = throttledAnswers();
    expect(limited).toEqual({ errors: 0, items: 40 * target.batchLimit });
    const counts = JSON.stringify({ limitedThrottled, limitedRequests, unlimitedThrottled });
    // The limited sweep pays for the first wave (up to the 8 requests in flight when
    // the first throttled answer comes) and a few to measure the quota: 12-13 of about
    // 53 here, against roughly 200 of 240 without a limiter.
    expect(limitedThrottled / limitedRequests, counts).toBeLessThan(0.35);
    expect(limitedThrottled, counts).toBeLessThan(unlimitedThrottled / 3);
  });

  it("shares one limiter across the client's calls: a Retry-After holds back every method", async () => {
    const refs = seedRequests(1);
    sim.inject({ provider, operation, fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 1 }, times: 1 });
    const index = client({ retry: { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5_000 }, [EXTRA_STAGES]: [watch] });
    const throttled = index.getStatuses(refs);
    await answered();
    const held = performance.now();
    const other = index.getStatus(refs[0] as DocumentRef);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The other call's request is waiting for the limiter, not on the wire.
    expect(sim.log.count({ provider })).toBe(1);
    await expect(other).resolves.toMatchObject({ provider });
    expect(performance.now() - held).toBeGreaterThan(900);
    await expect(throttled).resolves.toMatchObject({ errors: [] });
  });

  it('keeps retry.maxAttempts exact: waiting is not an attempt, every attempt is one request', async () => {
    const refs = seedRequests(3);
    sim.inject({ provider, operation, fault: { type: 'error', kind: 'throttled' }, times: Number.POSITIVE_INFINITY });
    const attempts: number[] = [];
    const counting: PipelineStage = {
      name: 'counting',
      attempt(context, next) {
        attempts.push(context.attempt);
        return next(context);
      },
    };
    const index = client({ retry: { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 }, [EXTRA_STAGES]: [counting] });
    const result = await index.getStatuses(refs);
    expect(result.items).toEqual([]);
    expect(result.errors.map(({ error }) => error.code)).toEqual(refs.map(() => 'throttled'));
    // Three requests, each tried exactly three times, each attempt one request on the wire.
    expect(outcomes()).toHaveLength(9);
    expect(attempts.sort()).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
  });

  it('ends a call waiting for the limiter at once on abort, and at its deadline, leaving no timer', async () => {
    const refs = seedRequests(1);
    sim.inject({ provider, operation, fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 10 }, times: 1 });
    const index = client({ retry: { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 20_000 }, [EXTRA_STAGES]: [watch] });
    const timers = activeTimers();
    const first = new AbortController();
    const holding = rejection(index.getStatuses(refs, { signal: first.signal }));
    await answered();

    const waiting = new AbortController();
    const started = performance.now();
    const aborted = rejection(index.getStatus(refs[0] as DocumentRef, { signal: waiting.signal }));
    const deadline = rejection(index.getStatuses(refs, { timeoutMs: 60 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const abortedAt = performance.now();
    waiting.abort();
    expect((await aborted).code).toBe('aborted');
    expect(performance.now() - abortedAt).toBeLessThan(PROMPT_MS);
    const timedOut = await deadline;
    expect(timedOut.code).toBe('timeout');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(performance.now() - started).toBeLessThan(60 + PROMPT_MS);

    first.abort();
    expect((await holding).code).toBe('aborted');
    // Only the first request ever reached the provider.
    expect(sim.log.count({ provider })).toBe(1);
    const until = performance.now() + 250;
    while (activeTimers() > timers && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(activeTimers(), process.getActiveResourcesInfo().join(', ')).toBeLessThanOrEqual(timers);
  });

  it('refuses a bad rateLimit with validation, naming the field, before any request', () => {
    const bad = (rateLimit: unknown) => () => client({ rateLimit: rateLimit as never });
    for (const [value, field] of [
      [true, 'rateLimit'],
      ['fast', 'rateLimit'],
      [50, 'rateLimit'],
      [{}, 'rateLimit.requestsPerSecond'],
      [{ requestsPerSecond: 0 }, 'rateLimit.requestsPerSecond'],
      [{ requestsPerSecond: Number.POSITIVE_INFINITY }, 'rateLimit.requestsPerSecond'],
      [{ requestsPerSecond: '10' }, 'rateLimit.requestsPerSecond'],
      // Misspelt, it is named as such: "did you mean requestsPerSecond?".
      [{ requestPerSecond: 10 }, 'rateLimit.requestPerSecond'],
    ] as const) {
      expect(bad(value)).toThrow(expect.objectContaining({ code: 'validation', field, provider }));
    }
    expect(() => client({ rateLimit: { requestsPerSecond: 0.5 } })).not.toThrow();
    expect(() => client({ rateLimit: 'adaptive' })).not.toThrow();
    expect(sim.log.count()).toBe(0);
  });
});
