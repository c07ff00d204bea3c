import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  DEFAULT_RETRY,
  type RetryPolicy,
  resolveRetryPolicy,
  retryDelay,
  withRetry,
} from '../../src/core/retry';
import { MAX_TIMER_MS, sleep } from '../../src/core/sleep';
import { DocumentIndexError } from '../../src/index';

const FAST: RetryPolicy = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };
const policyArb = fc
  .tuple(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e7, noNaN: true }))
  .map(([a, b]) => ({ minDelayMs: Math.min(a, b), maxDelayMs: Math.max(a, b) }));
const randomArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** A classifier for attempts that only ever throw our own errors: passes them on, fails the test otherwise. */
function never(error: unknown): DocumentIndexError {
  if (error instanceof DocumentIndexError) return error;
  throw new Error('classify should only see our own errors here');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('resolveRetryPolicy', () => {
  it('fills the documented defaults', () => {
    expect(resolveRetryPolicy(undefined)).toEqual({ maxAttempts: 3, minDelayMs: 100, maxDelayMs: 20_000 });
    expect(DEFAULT_RETRY).toEqual({ maxAttempts: 3, minDelayMs: 100, maxDelayMs: 20_000 });
  });

  it('keeps maxDelayMs at least minDelayMs', () => {
    expect(resolveRetryPolicy({ minDelayMs: 500, maxDelayMs: 10 })).toEqual({
      maxAttempts: 3,
      minDelayMs: 500,
      maxDelayMs: 500,
    });
    expect(resolveRetryPolicy({ maxAttempts: 1, minDelayMs: 1, maxDelayMs: 5 })).toEqual({
      maxAttempts: 1,
      minDelayMs: 1,
      maxDelayMs: 5,
    });
  });
});

describe('backoffDelay', () => {
  it('stays within [minDelayMs, maxDelayMs] for every attempt, policy and random (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), policyArb, randomArb, (attempt, policy, r) => {
        const delay = backoffDelay(attempt, policy, () => r);
        expect(Number.isFinite(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(policy.minDelayMs);
        expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
      }),
    );
  });

  it('stays finite for very long waits with a zero minimum', () => {
    // Regression: 0 * 2 ** 1024 is NaN.
    expect(backoffDelay(2000, { minDelayMs: 0, maxDelayMs: 0 })).toBe(0);
    expect(backoffDelay(2000, { minDelayMs: 0, maxDelayMs: 100 }, () => 0.5)).toBe(0);
  });

  it('grows exponentially with equal jitter until the cap', () => {
    const policy = { minDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(100);
    expect(backoffDelay(2, policy, () => 0)).toBe(100);
    expect(backoffDelay(2, policy, () => 0.999999)).toBeCloseTo(200, 2);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(300);
    expect(backoffDelay(10, policy, () => 0)).toBe(500);
    expect(backoffDelay(10, policy, () => 0.999999)).toBeCloseTo(1000, 2);
    // Attempt numbers below 1 are treated as the first.
    expect(backoffDelay(0, policy, () => 0)).toBe(100);
  });

  it('jitters: different random values give different delays', () => {
    const policy = { minDelayMs: 100, maxDelayMs: 100_000 };
    expect(backoffDelay(5, policy, () => 0)).not.toBe(backoffDelay(5, policy, () => 0.9));
    const delay = backoffDelay(5, policy);
    expect(delay).toBeGreaterThanOrEqual(800);
    expect(delay).toBeLessThanOrEqual(1600);
  });
});

describe('retryDelay', () => {
  const policy: RetryPolicy = { maxAttempts: 3, minDelayMs: 10, maxDelayMs: 1000 };

  const withRetryAfter = (ms: number) => new DocumentIndexError('throttled', 'x', { retryAfterMs: ms });

  it('honours a Retry-After longer than the backoff, capped at maxDelayMs', () => {
    expect(retryDelay(1, withRetryAfter(400), policy)).toBe(400);
    expect(retryDelay(1, withRetryAfter(3_600_000), policy)).toBe(1000);
  });

  it('never waits less than minDelayMs, whatever Retry-After says (0, negative)', () => {
    expect(retryDelay(1, withRetryAfter(0), policy, () => 0)).toBe(10);
    expect(retryDelay(1, withRetryAfter(-5), policy, () => 0)).toBe(10);
    expect(retryDelay(1, withRetryAfter(3), policy, () => 0)).toBe(10);
  });

  it('jitters the first retry of a throttled answer over [minDelayMs, 2 x minDelayMs]', () => {
    // Requests throttled together must not all come back at the same instant.
    for (const error of [withRetryAfter(0), new DocumentIndexError('throttled', 'x')]) {
      expect(retryDelay(1, error, policy, () => 0)).toBe(10);
      expect(retryDelay(1, error, policy, () => 0.5)).toBe(15);
      expect(retryDelay(1, error, policy, () => 0.999999)).toBeCloseTo(20, 3);
    }
  });

  it('stays within [minDelayMs, maxDelayMs], above both a capped Retry-After and the plain backoff (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e12, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        policyArb,
        randomArb,
        (ms, attempt, p, r) => {
          const retryPolicy = { maxAttempts: 3, ...p };
          const delay = retryDelay(attempt, withRetryAfter(ms), retryPolicy, () => r);
          expect(delay).toBeGreaterThanOrEqual(p.minDelayMs);
          expect(delay).toBeLessThanOrEqual(p.maxDelayMs);
          expect(delay).toBeGreaterThanOrEqual(Math.min(p.maxDelayMs, ms));
          expect(delay).toBeGreaterThanOrEqual(backoffDelay(attempt, p, () => r));
        },
      ),
    );
  });

  it('falls back to the jittered backoff without Retry-After', () => {
    expect(retryDelay(3, new DocumentIndexError('throttled', 'x'), policy, () => 0)).toBe(20);
  });
});

describe('sleep', () => {
  it('resolves after the delay and leaves no timer or listener', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    let done = false;
    const slept = sleep(50, controller.signal).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(49);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await slept;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('works without a signal', async () => {
    vi.useFakeTimers();
    const slept = sleep(10);
    await vi.advanceTimersByTimeAsync(10);
    await expect(slept).resolves.toBeUndefined();
  });

  it('rejects at once with the reason when already aborted, starting no timer', async () => {
    vi.useFakeTimers();
    const reason = new Error('stop');
    await expect(sleep(1000, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once when aborted mid-sleep and clears its timer', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(slept).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clamps delays beyond what setTimeout holds instead of firing after 1 ms', async () => {
    vi.useFakeTimers();
    let done = false;
    void sleep(MAX_TIMER_MS * 2).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(done).toBe(true);
  });
});

describe('withRetry', () => {
  const throttled = () => new DocumentIndexError('throttled', 'slow down');

  it('returns the first success without retrying', async () => {
    const run = vi.fn(async (attempt: number) => `ok-${attempt}`);
    await expect(withRetry(run, { policy: FAST, signal: new AbortController().signal, classify: never })).resolves.toBe(
      'ok-1',
    );
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('counts every attempt including the first, for any maxAttempts (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), async (maxAttempts) => {
        const attempts: number[] = [];
        const onRetry = vi.fn();
        const error = throttled();
        await expect(
          withRetry(
            async (attempt) => {
              attempts.push(attempt);
              throw error;
            },
            {
              policy: { maxAttempts, minDelayMs: 0, maxDelayMs: 0 },
              signal: new AbortController().signal,
              classify: never,
              onRetry,
            },
          ),
        ).rejects.toBe(error);
        expect(attempts).toEqual(Array.from({ length: maxAttempts }, (_, i) => i + 1));
        expect(onRetry).toHaveBeenCalledTimes(maxAttempts - 1);
      }),
      { numRuns: 20 },
    );
  });

  it('succeeds on a later attempt and reports each retry with its delay', async () => {
    const onRetry = vi.fn();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new DocumentIndexError('service_unavailable', 'busy', { retryAfterMs: 2 });
        return 'done';
      },
      { policy: FAST, signal: new AbortController().signal, classify: never, onRetry },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(onRetry.mock.calls.map(([info]) => [info.attempt, info.delayMs])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('waits the backoff from the policy between attempts (fake timers, injected random)', async () => {
    vi.useFakeTimers();
    const policy: RetryPolicy = { maxAttempts: 3, minDelayMs: 100, maxDelayMs: 10_000 };
    const startedAt: number[] = [];
    const done = withRetry(
      async () => {
        startedAt.push(Date.now());
        throw throttled();
      },
      { policy, signal: new AbortController().signal, classify: never, random: () => 0 },
    );
    const settled = expect(done).rejects.toMatchObject({ code: 'throttled' });
    await vi.advanceTimersByTimeAsync(1000);
    await settled;
    const gaps = startedAt.slice(1).map((t, i) => t - (startedAt[i] as number));
    expect(gaps).toEqual([100, 100]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never retries a non-retryable error', async () => {
    for (const code of ['unauthorized', 'forbidden', 'not_found', 'validation', 'conflict'] as const) {
      const run = vi.fn(async () => {
        throw new DocumentIndexError(code, 'no');
      });
      await expect(
        withRetry(run, { policy: FAST, signal: new AbortController().signal, classify: never }),
      ).rejects.toMatchObject({ code });
      expect(run).toHaveBeenCalledTimes(1);
    }
    const overridden = vi.fn(async () => {
      throw new DocumentIndexError('throttled', 'not this time', { retryable: false });
    });
    await expect(
      withRetry(overridden, { policy: FAST, signal: new AbortController().signal, classify: never }),
    ).rejects.toBeInstanceOf(DocumentIndexError);
    expect(overridden).toHaveBeenCalledTimes(1);
  });

  it('classifies every failure, foreign errors into ours', async () => {
    const foreign = new TypeError('fetch failed');
    const classify = vi.fn((error: unknown) => new DocumentIndexError('network', 'down', { cause: error }));
    const run = vi.fn(async () => {
      throw foreign;
    });
    const rejection = await withRetry(run, { policy: FAST, signal: new AbortController().signal, classify }).catch(
      (e: unknown) => e,
    );
    expect(rejection).toMatchObject({ code: 'network', cause: foreign });
    expect(run).toHaveBeenCalledTimes(3);
    expect(classify).toHaveBeenCalledTimes(3);
    expect(classify).toHaveBeenCalledWith(foreign);

    const fatal = vi.fn(() => new DocumentIndexError('forbidden', 'no'));
    const once = vi.fn(async () => {
      throw new Error('403');
    });
    await expect(
      withRetry(once, { policy: FAST, signal: new AbortController().signal, classify: fatal }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(once).toHaveBeenCalledTimes(1);
  });

  it('never starts an attempt once aborted', async () => {
    const reason = new DocumentIndexError('aborted', 'stop');
    const run = vi.fn(async () => 'x');
    await expect(withRetry(run, { policy: FAST, signal: AbortSignal.abort(reason), classify: never })).rejects.toBe(
      reason,
    );
    expect(run).not.toHaveBeenCalled();
  });

  it('does not retry an attempt that failed because of the abort', async () => {
    const controller = new AbortController();
    const reason = new DocumentIndexError('timeout', 'deadline');
    const classify = vi.fn((e: unknown) => new DocumentIndexError('network', 'x', { cause: e }));
    const run = vi.fn(async () => {
      controller.abort(reason);
      throw new DOMException('aborted', 'AbortError');
    });
    await expect(withRetry(run, { policy: FAST, signal: controller.signal, classify })).rejects.toBe(reason);
    expect(run).toHaveBeenCalledTimes(1);
    expect(classify).not.toHaveBeenCalled();
  });

  it('rejects at once when aborted mid-sleep and leaves no timer running (fake timers)', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const run = vi.fn(async () => {
      throw new DocumentIndexError('throttled', 'wait an hour', { retryAfterMs: 3_600_000 });
    });
    const done = withRetry(run, {
      policy: { maxAttempts: 5, minDelayMs: 1, maxDelayMs: 3_600_000 },
      signal: controller.signal,
      classify: never,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(1);
    const reason = new DocumentIndexError('aborted', 'stop');
    controller.abort(reason);
    await expect(done).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
