import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Outcome, settledAfter, throttledAfterFirstWave } from '../../bench/lib/throttling';
import { createRateLimiter, type LimiterClock, type RateLimiter } from '../../src/core/rate-limiter';
import { createAwsAdaptiveLimiter } from './aws-adaptive-limiter';
import { FakeClock, seeded, sweep, Throttled, ThrottledService } from './throttled-service';

/** A clock that counts how often the limiter reads it or arms a timer. */
function countingClock(inner: FakeClock = new FakeClock()) {
  const counts = { now: 0, timers: 0 };
  const clock: LimiterClock = {
    now: () => {
      counts.now++;
      return inner.now();
    },
    setTimeout: (callback, ms) => {
      counts.timers++;
      return inner.setTimeout(callback, ms);
    },
    clearTimeout: (handle) => inner.clearTimeout(handle),
  };
  return { clock, counts, inner };
}

/** Figure 7's service on loopback: checked on arrival, an accepted request held 20 ms, a throttled one answered at once. */
const FIGURE_7 = { rate: 50, burst: 10, arrivalMs: 0.2, latencyMs: 20.2, throttledAnswerMs: 0.2 };

/** The floor of a sweep against a token bucket: every request beyond the burst waits for a token. */
const floorMs = (requests: number, rate: number, burst: number) => ((requests - burst) / rate) * 1000;

/** Requests accepted per second over `[from, to)` (ms), from the service's log. */
const acceptedRate = (service: ThrottledService, from: number, to: number) =>
  (service.log.filter((entry) => entry.ok && entry.at >= from && entry.at < to).length * 1000) / (to - from);

/** The service's log as figure 7 reads it (`bench/lib/throttling.ts`). */
const outcomesOf = (service: ThrottledService): Outcome[] => service.log.map((entry) => [entry.at, entry.ok]);

/** Throttled share of the requests the service saw over `[from, to)`. */
const throttledShare = (service: ThrottledService, from: number, to: number) => {
  const seen = service.log.filter((entry) => entry.at >= from && entry.at < to);
  return seen.filter((entry) => !entry.ok).length / seen.length;
};

/**
 * A sweep of `rate * seconds` requests at concurrency 8 through `make`'s limiter
 * against a token bucket: the throttled answers after its first 10 s, and its wall time.
 */
async function throttledLate(
  make: (clock: FakeClock) => RateLimiter,
  { rate, burst, latencyMs, seconds }: { rate: number; burst: number; latencyMs: number; seconds: number },
): Promise<{ late: number; wallMs: number }> {
  const clock = new FakeClock();
  const service = new ThrottledService(clock, { rate, burst, latencyMs });
  const result = await sweep(clock, make(clock), service, {
    chunks: rate * seconds,
    concurrency: 8,
    maxAttempts: 5,
    random: seeded(1),
  });
  expect(result.failed).toBe(0);
  const late = service.log.filter((entry) => !entry.ok && entry.at >= 10_000).length;
  return { late, wallMs: result.wallMs };
}

/**
 * docindex's limiter and the AWS SDK's over the same sweeps (`[quota, burst, round
 * trip ms]`): after the first 10 s docindex has no more throttled answers than the
 * AWS limiter and at most `cap`, and it finishes sooner.
 */
async function expectNoWorseThanAws(
  cases: readonly (readonly [rate: number, burst: number, latencyMs: number])[],
  seconds: number,
  cap: number,
): Promise<void> {
  for (const [rate, burst, latencyMs] of cases) {
    const sweepOf = { rate, burst, latencyMs, seconds };
    const docindex = await throttledLate((clock) => createRateLimiter('adaptive', { clock }), sweepOf);
    const aws = await throttledLate(createAwsAdaptiveLimiter, sweepOf);
    expect(docindex.late).toBeLessThanOrEqual(aws.late);
    expect(docindex.late).toBeLessThanOrEqual(cap);
    expect(docindex.wallMs).toBeLessThan(aws.wallMs);
  }
}

/** Throttles the limiter once (its first throttled answer puts it in discovery). */
async function throttleOnce(limiter: RateLimiter, retryAfterMs?: number): Promise<void> {
  await expect(limiter.run(undefined, () => Promise.reject(new Throttled(retryAfterMs)), undefined)).rejects.toThrow(
    'throttled',
  );
}

describe('adaptive rate limiter', () => {
  it('never delays a client that is not throttled: no timer, every send at once, the clock read once per burst from idle', async () => {
    const { clock, counts } = countingClock();
    const limiter = createRateLimiter('adaptive', { clock });
    let bursts = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('ok', 'network', 'server', 'undefined'), { minLength: 1, maxLength: 50 }),
        async (outcomes) => {
          bursts++;
          const started: number[] = [];
          const calls = outcomes.map((outcome, i) =>
            limiter.run(
              undefined,
              (n: number) => {
                started.push(n);
                if (outcome === 'ok') return Promise.resolve(n);
                if (outcome === 'undefined') return Promise.reject(undefined);
                return Promise.reject(Object.assign(new Error(outcome), { code: outcome }));
              },
              i,
            ),
          );
          // Every request went out synchronously, before anything settled.
          expect(started).toEqual(outcomes.map((_, i) => i));
          await Promise.allSettled(calls);
        },
      ),
    );
    // Each burst's first request (sent with nothing in flight) reads the time, for
    // discovery to read the provider's burst from; the others do not.
    expect(counts).toEqual({ now: bursts, timers: 0 });
    expect(limiter.state()).toMatchObject({ limited: false, waiting: 0, throttled: 0 });
  });

  it('passes values and errors through unchanged, a synchronous throw as a rejection', async () => {
    const limiter = createRateLimiter('adaptive');
    const error = new Error('boom');
    await expect(limiter.run(undefined, async (n: number) => n * 2, 21)).resolves.toBe(42);
    await expect(limiter.run(undefined, () => Promise.reject(error), undefined)).rejects.toBe(error);
    await expect(
      limiter.run(
        undefined,
        () => {
          throw error;
        },
        undefined,
      ),
    ).rejects.toBe(error);
  });

  it('converges under a steady quota: near the floor, few throttled requests, the quota measured', async () => {
    const clock = new FakeClock();
    const service = new ThrottledService(clock, { rate: 50, burst: 10, latencyMs: 20 });
    const limiter = createRateLimiter('adaptive', { clock });
    const result = await sweep(clock, limiter, service, { chunks: 3000, concurrency: 8 });
    expect(result).toMatchObject({ done: 3000, failed: 0 });
    expect(result.wallMs / floorMs(3000, 50, 10)).toBeLessThan(1.01);
    expect(service.throttled / (service.throttled + service.accepted)).toBeLessThan(0.015);
    // After the first few seconds, almost nothing is throttled.
    expect(throttledShare(service, 5_000, 60_000)).toBeLessThan(0.01);
    expect(limiter.state().measured).toBeGreaterThan(47);
    expect(limiter.state().measured).toBeLessThan(53);
    expect(clock.pending()).toBe(0);
  });

  it('measures by requests sent, not answers: a wave in flight at the first throttled answer does not inflate the quota', async () => {
    // Figure 7 on the fake clock: 8 in flight against a 50/s bucket of 10 on loopback
    // (checked on arrival, accepted held 20 ms, throttled answered at once). Counting
    // answers credited a measurement with the requests still in flight when the budget
    // ran out, paid for before it ran out: discovery read the quota as 51.9 (and its
    // probe as 53.2), over it, and that cost a throttled answer more.
    const clock = new FakeClock();
    const service = new ThrottledService(clock, FIGURE_7);
    const limiter = createRateLimiter('adaptive', { clock });
    const readings: number[] = [];
    const send = service.send;
    service.send = () =>
      send().catch((error: unknown) => {
        queueMicrotask(() => queueMicrotask(() => readings.push(limiter.state().measured)));
        throw error;
      });
    const result = await sweep(clock, limiter, service, { chunks: 300, concurrency: 8 });
    expect(result).toMatchObject({ done: 300, failed: 0 });
    // The wave (5 refused together) and discovery's throttled answer: no more.
    expect(service.throttled).toBeLessThanOrEqual(6);
    // Discovery's reading is trusted (see below), paced 5% under it for its precision.
    expect(result.wallMs / floorMs(300, 50, 10)).toBeLessThan(1.07);
    // Discovery's reading (the first after the wave, which measures nothing): at most the quota (47.2 by send).
    const discovery = readings.find((reading) => reading > 0);
    expect(discovery).toBeGreaterThan(40);
    expect(discovery).toBeLessThanOrEqual(50);
  });

  it('recounts discovery when refusals come back late: requests it counted as paid for that were throttled do not inflate its reading', async () => {
    // Figure 7 with a client slow to read a refusal (8 ms: the first run's cold error
    // path): requests sent while discovery's closing refusal was on its way back were
    // counted as paid for, then throttled too. Discovery read 52 for a quota of 50 in
    // every run (the benchmark's first run once read 60), and over ten runs paid 34
    // throttled answers after the first wave; recounted, 25 (its closing refusal and
    // the late one in flight with it; one run is a request off by its count alone).
    let afterWave = 0;
    const discoveries: number[] = [];
    for (let seed = 0; seed < 10; seed++) {
      const clock = new FakeClock();
      const service = new ThrottledService(clock, {
        ...FIGURE_7,
        throttledAnswerMs: 8,
        jitterMs: 2,
        random: seeded(seed),
      });
      const limiter = createRateLimiter('adaptive', { clock });
      const readings: Array<[at: number, measured: number]> = [];
      const send = service.send;
      service.send = () =>
        send().catch((error: unknown) => {
          queueMicrotask(() => queueMicrotask(() => readings.push([clock.now(), limiter.state().measured])));
          throw error;
        });
      const result = await sweep(clock, limiter, service, { chunks: 300, concurrency: 8, random: seeded(seed) });
      expect(result).toMatchObject({ done: 300, failed: 0 });
      // Discovery closes about 250 ms in; the next throttled answer comes seconds later.
      discoveries.push(readings.filter(([at, measured]) => at < 400 && measured > 0).at(-1)?.[1] ?? 0);
      afterWave += throttledAfterFirstWave(outcomesOf(service), FIGURE_7.latencyMs);
    }
    // A count of about 12 is a request off now and then (then paced 5% under it), no more.
    expect(discoveries.every((reading) => reading > 40 && reading < 1.1 * 50)).toBe(true);
    expect(discoveries.filter((reading) => reading > 50).length).toBeLessThanOrEqual(1);
    expect(afterWave).toBeLessThanOrEqual(25);
  });

  it('is not held in discovery by late refusals of the burst before it: what discovery counts is what it sent', async () => {
    // Sixty requests in flight when the budget runs out, their refusals coming back over up to 1.2 s (a busy event
    // loop, a jittery network). Each late refusal lowered the count of requests paid for since discovery began
    // below zero: discovery never closed, and sent 3 requests per 2 s pause against a 40 requests/s quota
    // (27 s, 47 s and 51 s for refusals spread over 150, 600 and 1200 ms).
    for (const [spreadMs, withinMs] of [
      [0, 12_000],
      [150, 12_000],
      [300, 12_000],
      [600, 12_000],
      [1200, 15_000],
    ] as const) {
      const clock = new FakeClock();
      const service = new ThrottledService(clock, { rate: 40, burst: 3, latencyMs: 4, throttledAnswerMs: 0 });
      const limiter = createRateLimiter('adaptive', { clock });
      const send = service.send;
      let sends = 0;
      service.send = () => {
        const index = sends++;
        return send().catch(async (error: unknown) => {
          if (index < 60) await clock.sleep((spreadMs * index) / 60);
          throw error;
        });
      };
      const result = await sweep(clock, limiter, service, { chunks: 400, concurrency: 60, maxAttempts: 20 });
      expect(result).toMatchObject({ done: 400, failed: 0 });
      // 400 requests at 40/s take 10 s at the quota.
      expect(result.wallMs, `refusals spread over ${spreadMs} ms`).toBeLessThan(withinMs);
      expect(limiter.state().measured).toBeGreaterThan(30);
    }
  });

  it("trusts discovery's reading when the burst seen before it shows the pause could not fill the bucket: figure 7 throttled no more than by the AWS SDK limiter", async () => {
    // Figure 7's 300 requests on the fake clock. Probing up by doubling after discovery
    // (as when its reading may be low) cost two throttled answers more, and probes
    // every 2.5 s after it another: 9 or 10, against the AWS SDK limiter's 6.
    // A client that sent a request a minute before the sweep counts from the sweep's
    // start, when the bucket had refilled: what was paid for since its first request
    // says nothing of the burst.
    const run = async (make: (clock: FakeClock) => RateLimiter, idleFirst = false) => {
      const clock = new FakeClock();
      const service = new ThrottledService(clock, FIGURE_7);
      const limiter = make(clock);
      if (idleFirst) {
        await sweep(clock, limiter, service, { chunks: 1, concurrency: 1 });
        await clock.run(clock.now() + 60_000);
      }
      const throttledBefore = service.throttled;
      const result = await sweep(clock, limiter, service, { chunks: 300, concurrency: 8 });
      expect(result.failed).toBe(0);
      return { throttled: service.throttled - throttledBefore, wallMs: result.wallMs };
    };
    const aws = await run(createAwsAdaptiveLimiter);
    for (const idleFirst of [false, true]) {
      const docindex = await run((clock) => createRateLimiter('adaptive', { clock }), idleFirst);
      expect(docindex.throttled).toBeLessThanOrEqual(aws.throttled);
      expect(docindex.wallMs).toBeLessThan(0.7 * aws.wallMs);
    }
  });

  it("paces under discovery's reading by its precision: with round trips that vary, about as few throttled answers after the first wave as the AWS SDK limiter", async () => {
    // Figure 7 with arrivals and answers up to 4 ms late, as on loopback. Discovery
    // counts about 13 requests, so its reading is 8% off with one request more; paced
    // 3% under it, such a reading was throttled again within a second or two: over 40
    // timings 56 throttled answers after the first wave against the AWS SDK limiter's
    // 40 (which is far under the quota then), now 44.
    const afterWave = async (make: (clock: FakeClock) => RateLimiter, seed: number) => {
      const clock = new FakeClock();
      const service = new ThrottledService(clock, { ...FIGURE_7, jitterMs: 4, random: seeded(seed) });
      const result = await sweep(clock, make(clock), service, { chunks: 300, concurrency: 8, random: seeded(seed) });
      expect(result.failed).toBe(0);
      return throttledAfterFirstWave(outcomesOf(service), FIGURE_7.latencyMs);
    };
    let docindex = 0;
    let aws = 0;
    for (let seed = 0; seed < 40; seed++) {
      docindex += await afterWave((clock) => createRateLimiter('adaptive', { clock }), seed);
      aws += await afterWave(createAwsAdaptiveLimiter, seed);
    }
    expect(docindex).toBeLessThanOrEqual(1.15 * aws);
  });

  it('probes a quota that holds rarely: after the first 10 s no more throttled answers than the AWS SDK limiter, and sooner done', async () => {
    // The AWS SDK's own adaptive limiter (its class, on the fake clock), over the same
    // minute-long sweeps. Its probes come about every 4-5 s at these rates; so do
    // docindex's once measurements agree (they came every 2.5 s while a reading held
    // up by the clamp was compared with the next true one, and never agreed).
    const cases = [
      [50, 10, 20],
      [200, 20, 20],
      [100, 2, 20],
    ] as const;
    await expectNoWorseThanAws(cases, 60, 12);
  });

  it('measures each probe of a quota that holds, however long it held: no cut far below the quota and no cascade back', async () => {
    // Probes at a quota that holds come 6 to 7 s apart at these rates (low rates,
    // bursts of a second's worth or more). Measurements reached back only 5 s, so a
    // probe found none, was cut to 0.7 of its rate, and the doubling back overshot
    // to twice the quota: then a throttled answer per 10% step down (20/s, burst 5:
    // 18 throttled after the first 10 s, the AWS SDK's limiter 11).
    const cases = [
      [20, 5, 20],
      [10, 10, 200],
      [20, 50, 1],
    ] as const;
    // At most about one per probe: 30 s of a quota that holds, probed every 6 to 7 s.
    await expectNoWorseThanAws(cases, 40, 8);
  });

  it('a client barely faster than its quota is paced at once when throttled again, not paused each time', async () => {
    // Found by the property below: two workers of 5 ms round trips (400/s) against
    // 322/s with a burst of 2 are throttled about once a second. Rediscovering the
    // quota each time (a pause, then one request at a time) made the sweep 1.26x
    // slower than no limiter; measured from the answers since the previous throttled
    // one, it runs near the quota's floor.
    // [quota, burst, round trip, workers, largest throttled share]
    for (const [rate, burst, latencyMs, concurrency, throttledShare] of [
      [322, 2, 5, 2, 0.01],
      [6, 2, 200, 3, 0.25],
    ] as const) {
      const chunks = Math.max(200, rate * 20);
      const clock = new FakeClock();
      const service = new ThrottledService(clock, { rate, burst, latencyMs });
      const result = await sweep(clock, createRateLimiter('adaptive', { clock }), service, {
        chunks,
        concurrency,
        maxAttempts: 10,
        random: seeded(0),
      });
      const floor = Math.max(floorMs(chunks, rate, burst), (chunks / concurrency) * latencyMs);
      expect(result.failed).toBe(0);
      expect(result.wallMs / floor).toBeLessThan(1.15);
      expect(service.throttled / (service.throttled + service.accepted)).toBeLessThan(throttledShare);
    }
  });

  it('converges for any quota, burst, latency and concurrency, and never does much worse than no limiter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          rate: fc.integer({ min: 5, max: 400 }),
          burst: fc.integer({ min: 2, max: 50 }),
          latencyMs: fc.integer({ min: 1, max: 200 }),
          concurrency: fc.integer({ min: 1, max: 16 }),
          seed: fc.integer(),
        }),
        async ({ rate, burst, latencyMs, concurrency, seed }) => {
          const chunks = Math.max(200, rate * 20);
          const run = async (limiter: (clock: FakeClock) => RateLimiter) => {
            const clock = new FakeClock();
            const service = new ThrottledService(clock, { rate, burst, latencyMs });
            const result = await sweep(clock, limiter(clock), service, {
              chunks,
              concurrency,
              maxAttempts: 10,
              random: seeded(seed),
            });
            return { ...result, throttled: service.throttled / (service.throttled + service.accepted) };
          };
          const adaptive = await run((clock) => createRateLimiter('adaptive', { clock }));
          const off = await run(() => ({ run: (_signal, send, arg) => send(arg), state: () => ({}) as never }));
          const floor = Math.max(floorMs(chunks, rate, burst), (chunks / concurrency) * latencyMs);
          expect(adaptive.failed).toBe(0);
          expect(adaptive.wallMs).toBeLessThan(Math.max(1.2 * floor, 1.05 * off.wallMs));
          // Throttled answers: a few per probe of the quota, far fewer than without a limiter.
          expect(adaptive.throttled).toBeLessThan(Math.max(0.25, off.throttled));
        },
      ),
      { numRuns: Number(process.env.LIMITER_RUNS ?? 25) },
    );
  });

  it('follows a quota that falls and rises again (50 -> 20 -> 50 requests/s) within a few seconds', async () => {
    const clock = new FakeClock();
    const rate = (now: number) => (now < 10_000 ? 50 : now < 20_000 ? 20 : 50);
    const service = new ThrottledService(clock, { rate, burst: 10, latencyMs: 20 });
    const limiter = createRateLimiter('adaptive', { clock });
    const result = await sweep(clock, limiter, service, { chunks: 1300, concurrency: 8, maxAttempts: 5 });
    expect(result).toMatchObject({ done: 1300, failed: 0 });
    // Within 2 s of the drop, the rate is the new quota, with a throttled request per probe.
    expect(acceptedRate(service, 12_000, 20_000)).toBeCloseTo(20, -0.5);
    expect(throttledShare(service, 12_000, 20_000)).toBeLessThan(0.05);
    // Within 5 s of the rise, the client uses the higher quota again.
    expect(acceptedRate(service, 25_000, result.wallMs)).toBeGreaterThan(45);
    expect(throttledShare(service, 10_000, 12_000)).toBeLessThan(0.3);
  });

  it('finds a quota that rose back within 3 s wherever the rise falls between its probes (figure 7, 50 -> 20 -> 50)', async () => {
    // After the quota changed, probes stay about 2.5 s apart for a while (they had grown
    // rarer with each agreeing reading at 20/s, up to 7 s apart: the rise was used only
    // 4.8 s after it in the worst of these runs). The time the quota stays at 20 varies,
    // so the rise falls at every point between two probes.
    const settle: number[] = [];
    for (let i = 0; i < 20; i++) {
      const low = 5_000 + i * 113;
      const clock = new FakeClock();
      const rate = (now: number) => (now < 5_000 ? 50 : now < 5_000 + low ? 20 : 50);
      const service = new ThrottledService(clock, { ...FIGURE_7, rate });
      const chunks = 600 + Math.round(((low - 5_000) * 20) / 1000);
      const result = await sweep(clock, createRateLimiter('adaptive', { clock }), service, { chunks, concurrency: 8 });
      expect(result.failed).toBe(0);
      const drop = settledAfter(outcomesOf(service), 5_000, 5_000 + low, 20);
      const rise = settledAfter(outcomesOf(service), 5_000 + low, Number.POSITIVE_INFINITY, 50);
      expect(drop).toBeLessThanOrEqual(1_000);
      settle.push(rise ?? Number.POSITIVE_INFINITY);
    }
    expect(Math.max(...settle)).toBeLessThanOrEqual(3_000);
  });

  it('steps aside once the throttling has passed: back to the fast path, no timer', async () => {
    const { clock, counts, inner } = countingClock();
    const limiter = createRateLimiter('adaptive', { clock });
    // Ten seconds of a 20 requests/s quota, then none at all.
    const service = new ThrottledService(inner, { rate: (now) => (now < 10_000 ? 20 : 1e6), burst: 5, latencyMs: 5 });
    await sweep(inner, limiter, service, { chunks: 1200, concurrency: 8 });
    expect(limiter.state()).toMatchObject({ limited: false, window: Number.POSITIVE_INFINITY, waiting: 0 });
    const before = { ...counts };
    await Promise.all(Array.from({ length: 100 }, (_, i) => limiter.run(undefined, async () => i, undefined)));
    // One clock read (the first request, sent with nothing in flight), no timer.
    expect(counts).toEqual({ ...before, now: before.now + 1 });
    expect(inner.pending()).toBe(0);
  });

  it('shrinks concurrency on throttling: one request at a time after the first throttled answer, then more', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter('adaptive', { clock });
    let inFlight = 0;
    let peak = 0;
    const send = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await clock.sleep(100);
      inFlight--;
    };
    await throttleOnce(limiter);
    const calls = Array.from({ length: 8 }, () => limiter.run(undefined, send, undefined));
    await clock.run(149);
    // The pause (100 ms) is over; one request is out, the rest wait their turn.
    expect(peak).toBe(1);
    expect(limiter.state().waiting).toBe(7);
    await clock.run();
    await Promise.all(calls);
    expect(peak).toBeGreaterThan(1);
  });

  it('limits how many are in flight when the service limits concurrency, not rate', async () => {
    const clock = new FakeClock();
    const service = new ThrottledService(clock, { rate: 1e6, burst: 1e6, latencyMs: 50, maxConcurrent: 3 });
    const limiter = createRateLimiter('adaptive', { clock });
    const result = await sweep(clock, limiter, service, { chunks: 1000, concurrency: 8, maxAttempts: 10 });
    expect(result.failed).toBe(0);
    // Without a limiter, 5 of every 8 requests would be throttled.
    expect(service.throttled / (service.throttled + service.accepted)).toBeLessThan(0.1);
    expect(result.wallMs).toBeLessThan(1.15 * ((1000 / 3) * 50));
  });

  it('honours Retry-After: every request holds back until it has passed, capped at maxHoldMs', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter('adaptive', { clock, maxHoldMs: 2_000 });
    await throttleOnce(limiter, 1_500);
    const sent: number[] = [];
    const calls = Array.from({ length: 3 }, () =>
      limiter.run(
        undefined,
        async () => {
          sent.push(clock.now());
        },
        undefined,
      ),
    );
    await clock.run(1_499);
    expect(sent).toEqual([]);
    await clock.run();
    await Promise.all(calls);
    expect(sent[0]).toBe(1_500);

    const capped = new FakeClock();
    const limiter2 = createRateLimiter('adaptive', { clock: capped, maxHoldMs: 2_000 });
    await throttleOnce(limiter2, 3_600_000);
    const call = limiter2.run(undefined, async () => capped.now(), undefined);
    await capped.run();
    expect(await call).toBe(2_000);
  });

  it("caps only a Retry-After at maxHoldMs: discovery's own pauses still double, however small the cap", async () => {
    // A client whose retry policy waits at most 5 ms between attempts (as the
    // conformance suite's does) once had its discovery pauses capped at 5 ms too: the
    // provider's bucket could not refill in between, and discovery paid for its reading
    // with a throttled answer every few milliseconds.
    const throttledWith = async (maxHoldMs?: number) => {
      const clock = new FakeClock();
      const service = new ThrottledService(clock, { rate: 25, burst: 4, latencyMs: 2 });
      const limiter = createRateLimiter('adaptive', { clock, maxHoldMs });
      const result = await sweep(clock, limiter, service, { chunks: 40, concurrency: 8, maxAttempts: 6, backoffMs: 1 });
      expect(result.failed).toBe(0);
      return service.throttled;
    };
    const uncapped = await throttledWith();
    expect(await throttledWith(5)).toBe(uncapped);
    expect(await throttledWith(1)).toBe(uncapped);
  });

  it('sends about one request every 2 s to a provider that accepts nothing, and every request still ends', async () => {
    const clock = new FakeClock();
    const service = new ThrottledService(clock, { rate: 0, burst: 0, latencyMs: 5 });
    const limiter = createRateLimiter('adaptive', { clock });
    const result = await sweep(clock, limiter, service, { chunks: 8, concurrency: 4, maxAttempts: 3 });
    expect(result).toMatchObject({ done: 0, failed: 8, attempts: 24 });
    expect(service.throttled).toBe(24);
    // After the pauses have grown (100 ms, doubling), one request per 2 s at most.
    const late = service.log.filter((entry) => entry.at > 5_000);
    for (let i = 1; i < late.length; i++) {
      expect((late[i]?.at as number) - (late[i - 1]?.at as number)).toBeGreaterThanOrEqual(1_990);
    }
    expect(late.length).toBeGreaterThan(5);
    expect(clock.pending()).toBe(0);
  });

  it('a fixed rate spaces requests evenly and never exceeds it', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 20 }, { clock });
    const sent: number[] = [];
    const calls = Array.from({ length: 41 }, () =>
      limiter.run(
        undefined,
        async () => {
          sent.push(clock.now());
        },
        undefined,
      ),
    );
    await clock.run();
    await Promise.all(calls);
    expect(sent[0]).toBe(0);
    expect(sent.at(-1)).toBe(2_000);
    for (let i = 1; i < sent.length; i++) expect((sent[i] as number) - (sent[i - 1] as number)).toBe(50);
    // Throttling does not move a fixed rate.
    const throttled = limiter.run(undefined, () => Promise.reject(new Throttled()), undefined);
    const outcome = expect(throttled).rejects.toThrow('throttled');
    await clock.run();
    await outcome;
    expect(limiter.state()).toMatchObject({ rate: 20, limited: true, throttled: 1 });
  });
});

describe('a fixed rate is a ceiling', () => {
  /** Sends one request through `limiter` at `at` on the fake clock; resolves with when it went out. */
  const sendAt = (clock: FakeClock, limiter: RateLimiter, at: number): Promise<number> =>
    new Promise((resolve) => {
      clock.setTimeout(() => {
        void limiter.run(
          undefined,
          async () => {
            resolve(clock.now());
          },
          undefined,
        );
      }, at - clock.now());
    });

  it('below 0.5 requests per second too (the adaptive floor is not applied to it)', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 0.25 }, { clock });
    const sent = [sendAt(clock, limiter, 0), sendAt(clock, limiter, 0)];
    await clock.run();
    const [first, second] = await Promise.all(sent);
    expect((second as number) - (first as number)).toBe(4_000);
  });

  it('requests arriving after a short idle gap still go at least an interval apart (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 2, maxLength: 12 }),
        async (rate, gaps) => {
          const clock = new FakeClock();
          const limiter = createRateLimiter({ requestsPerSecond: rate }, { clock });
          const arrivals = gaps.map((_, i) => gaps.slice(0, i + 1).reduce((sum, gap) => sum + gap, 0));
          const sent = arrivals.map((at) => sendAt(clock, limiter, at));
          await clock.run();
          const times = (await Promise.all(sent)).sort((a, b) => a - b);
          for (let i = 1; i < times.length; i++) {
            expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(1000 / rate - 1e-9);
          }
        },
      ),
    );
  });

  it('the case that showed it: one request, an idle gap of 1.75 intervals, then two at once', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 15 }, { clock });
    const interval = 1000 / 15;
    const sent = [
      sendAt(clock, limiter, 0),
      sendAt(clock, limiter, 1.75 * interval),
      sendAt(clock, limiter, 1.75 * interval),
    ];
    await clock.run();
    const times = await Promise.all(sent);
    // An interval apart (the timer rounds up to the millisecond), where it was 15-17 ms.
    expect(times[2]! - times[1]!, String(times)).toBeGreaterThanOrEqual(interval);
    expect(times[2]! - times[1]!, String(times)).toBeLessThan(interval + 1);
  });
});

describe('waiting for the limiter', () => {
  it('rejects with the signal reason at once when aborted while waiting, and leaves no timer', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter('adaptive', { clock });
    await throttleOnce(limiter, 10_000);
    const controller = new AbortController();
    let sent = false;
    const call = limiter.run(
      controller.signal,
      async () => {
        sent = true;
      },
      undefined,
    );
    await clock.run(10);
    expect(limiter.state().waiting).toBe(1);
    expect(clock.pending()).toBe(1);
    const reason = new Error('aborted by the caller');
    controller.abort(reason);
    // No time passes on the fake clock: the rejection is immediate.
    await expect(call).rejects.toBe(reason);
    expect(clock.now()).toBe(10);
    expect(limiter.state().waiting).toBe(0);
    expect(clock.pending()).toBe(0);
    await clock.run();
    expect(sent).toBe(false);
  });

  it('rejects at once for a signal already aborted, and lets the others behind an aborted waiter go in order', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 10 }, { clock });
    const aborted = AbortSignal.abort(new Error('already'));
    await expect(limiter.run(aborted, async () => 1, undefined)).rejects.toThrow('already');
    const order: number[] = [];
    const controller = new AbortController();
    const calls = [0, 1, 2, 3].map((i) =>
      limiter.run(
        i === 1 ? controller.signal : undefined,
        async () => {
          order.push(i);
        },
        undefined,
      ),
    );
    const outcomes = Promise.allSettled(calls);
    controller.abort(new Error('second'));
    await clock.run();
    const settled = await outcomes;
    expect(order).toEqual([0, 2, 3]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(clock.pending()).toBe(0);
  });

  it('frees the place of a request abandoned on abort, even if it never settles', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter('adaptive', { clock });
    await throttleOnce(limiter);
    await clock.run(100);
    const controller = new AbortController();
    // Discovery lets one request out at a time; this one hangs for ever.
    void limiter.run(controller.signal, () => new Promise<never>(() => {}), undefined);
    const next = limiter.run(undefined, async () => 'next', undefined);
    await clock.run(120);
    expect(limiter.state().waiting).toBe(1);
    controller.abort();
    await clock.run(130);
    await expect(next).resolves.toBe('next');
  });
});
