/**
 * A throttled service on a fake clock, for the rate limiter's tests: a token
 * bucket (rate and burst, the rate may change over time) in front of requests that
 * take a fixed latency, and a client that sweeps chunks through a limiter with a
 * pool of workers and retries, as the batch runner does. Time only moves when the
 * simulation says so, so a run of minutes takes milliseconds and never flakes.
 */
import type { LimiterClock, RateLimiter } from '../../src/core/rate-limiter';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/** A clock whose time only moves when `advanceTo` or `run` moves it. */
export class FakeClock implements LimiterClock {
  private time = 0;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): Timer {
    const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.push(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    const at = this.timers.indexOf(handle as Timer);
    if (at !== -1) this.timers.splice(at, 1);
  }

  /** Timers still armed. */
  pending(): number {
    return this.timers.length;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Fires every timer due by `until`, in order, letting promise reactions run after each. */
  async run(until: number = Number.POSITIVE_INFINITY, stop: () => boolean = () => false): Promise<void> {
    await settle();
    while (!stop()) {
      let next: Timer | undefined;
      for (const timer of this.timers) {
        if (!next || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq)) next = timer;
      }
      if (!next || next.at > until) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.time = Math.max(this.time, next.at);
      next.callback();
      await settle();
    }
    if (Number.isFinite(until)) this.time = Math.max(this.time, until);
  }
}

/** Lets every pending promise reaction run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** An error shaped like the pipeline's classified throttling error. */
export class Throttled extends Error {
  readonly code = 'throttled';
  constructor(readonly retryAfterMs?: number) {
    super('throttled');
  }
}

export interface ServiceOptions {
  /** Requests per second the bucket refills; may change with time (ms). */
  rate: number | ((now: number) => number);
  /** Bucket capacity. */
  burst: number;
  /** Time from send to an accepted answer (ms); the quota is checked halfway unless `arrivalMs` says. */
  latencyMs: number;
  /** Time from send to the quota check (ms; default half the latency). */
  arrivalMs?: number;
  /** Retry-After sent with throttled answers (ms). */
  retryAfterMs?: number;
  /** At most this many requests in flight at the service, beyond which it throttles too. */
  maxConcurrent?: number;
  /**
   * Time from the quota check to a throttled answer (ms; default half the latency).
   * 0 is what the benchmark's simulator and most services do: refuse at once.
   */
  throttledAnswerMs?: number;
  /**
   * Up to this much more (ms, uniform from `random`) on each request's arrival, and as
   * much again on an accepted one's answer: round trips that vary, as on loopback.
   */
  jitterMs?: number;
  random?: () => number;
}

/** A token-bucket service; `send` answers after the latency, throttled or not. */
export class ThrottledService {
  accepted = 0;
  throttled = 0;
  /** Arrival time and outcome of every request. */
  readonly log: Array<{ at: number; ok: boolean }> = [];
  private tokens: number;
  private refilledAt: number;
  private inFlight = 0;

  constructor(
    private readonly clock: FakeClock,
    private readonly options: ServiceOptions,
  ) {
    this.tokens = options.burst;
    this.refilledAt = clock.now();
  }

  private rate(now: number): number {
    const { rate } = this.options;
    return typeof rate === 'function' ? rate(now) : rate;
  }

  private admit(now: number): boolean {
    this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.rate(now));
    this.refilledAt = now;
    if (this.options.maxConcurrent !== undefined && this.inFlight >= this.options.maxConcurrent) return false;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  send = async (): Promise<'ok'> => {
    const jitter = () => (this.options.jitterMs ?? 0) * (this.options.random?.() ?? 0);
    const arrivalMs = (this.options.arrivalMs ?? this.options.latencyMs / 2) + jitter();
    await this.clock.sleep(arrivalMs);
    const ok = this.admit(this.clock.now());
    this.log.push({ at: this.clock.now(), ok });
    if (ok) this.inFlight++;
    await this.clock.sleep(
      ok ? Math.max(0, this.options.latencyMs - arrivalMs) + jitter() : (this.options.throttledAnswerMs ?? arrivalMs),
    );
    if (ok) this.inFlight--;
    if (!ok) {
      this.throttled++;
      throw new Throttled(this.options.retryAfterMs);
    }
    this.accepted++;
    return 'ok';
  };
}

export interface SweepResult {
  /** Chunks that ended accepted / failed after every attempt. */
  done: number;
  failed: number;
  attempts: number;
  wallMs: number;
}

/**
 * Sweeps `chunks` requests through `limiter` with `concurrency` workers, each
 * request retried (equal-jitter backoff from `backoffMs`, default 100 ms, up to
 * `maxAttempts`) as the pipeline does; resolves when all have settled.
 */
export async function sweep(
  clock: FakeClock,
  limiter: RateLimiter,
  service: ThrottledService,
  options: { chunks: number; concurrency: number; maxAttempts?: number; backoffMs?: number; random?: () => number },
): Promise<SweepResult> {
  const started = clock.now();
  const maxAttempts = options.maxAttempts ?? 3;
  const random = options.random ?? seeded(1);
  const result: SweepResult = { done: 0, failed: 0, attempts: 0, wallMs: 0 };
  let next = 0;
  const worker = async () => {
    while (next < options.chunks) {
      next++;
      for (let attempt = 1; ; attempt++) {
        result.attempts++;
        try {
          await limiter.run(undefined, service.send, undefined);
          result.done++;
          break;
        } catch (error) {
          if (attempt >= maxAttempts) {
            result.failed++;
            break;
          }
          const retryAfter = (error as Throttled).retryAfterMs;
          const ceiling = Math.min(20_000, (options.backoffMs ?? 100) * 2 ** (attempt - 1));
          await clock.sleep(retryAfter ?? ceiling / 2 + random() * (ceiling / 2));
        }
      }
    }
  };
  const workers = Promise.all(Array.from({ length: options.concurrency }, worker));
  let finished = false;
  void workers.then(() => {
    finished = true;
  });
  await clock.run(Number.POSITIVE_INFINITY, () => finished);
  await workers;
  result.wallMs = clock.now() - started;
  return result;
}

/** A small deterministic random source (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
