import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../../src/core/retry';
import { DEFAULT_WAIT, waitForDocuments } from '../../src/core/waiting';
import {
  DocumentIndexError,
  type DocumentStatus,
  INDEX_STATUSES,
  type IndexStatus,
  isTerminal,
  type StatusBatch,
  type WaitProgress,
} from '../../src/index';

type Ref = { id: string };
type Step = IndexStatus | DocumentIndexError;

function status(id: string, value: IndexStatus): DocumentStatus {
  return {
    provider: 'kendra',
    id,
    status: value,
    providerStatus: value.toUpperCase(),
    terminal: isTerminal(value),
    raw: {},
  };
}

/**
 * A poll that answers each document from its script, one step per read, staying on
 * the last step; it records which ids each poll asked for and when.
 */
function scripted(script: Record<string, Step[]>) {
  const reads = new Map<string, number>();
  const calls: Array<{ ids: string[]; at: number }> = [];
  const poll = vi.fn(async (refs: Ref[], _signal?: AbortSignal): Promise<StatusBatch> => {
    calls.push({ ids: refs.map((r) => r.id), at: Date.now() });
    const batch: StatusBatch = { items: [], errors: [] };
    for (const { id } of refs) {
      const steps = script[id] ?? ['not_found'];
      const n = reads.get(id) ?? 0;
      reads.set(id, n + 1);
      const step = steps[Math.min(n, steps.length - 1)] as Step;
      if (typeof step === 'string') batch.items.push(status(id, step));
      else batch.errors.push({ id, error: step });
    }
    return batch;
  });
  return { poll, calls };
}

const refs = (...ids: string[]): Ref[] => ids.map((id) => ({ id }));
const summary = (batch: StatusBatch) => ({
  items: batch.items.map((i) => `${i.id}:${i.status}`),
  errors: batch.errors.map((e) => `${e.id}:${e.error.code}`),
});

afterEach(() => {
  vi.useRealTimers();
});

describe('waitForDocuments', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_WAIT).toEqual({ minDelayMs: 1000, maxDelayMs: 30_000, notFoundGraceMs: 30_000 });
  });

  it('polls at once, then only the documents not yet done', async () => {
    vi.useFakeTimers();
    const { poll, calls } = scripted({
      a: ['processing', 'succeeded'],
      b: ['succeeded'],
      c: ['pending', 'processing', 'failed'],
    });
    const done = waitForDocuments({
      refs: refs('a', 'b', 'c'),
      poll,
      signal: new AbortController().signal,
      minDelayMs: 10,
      maxDelayMs: 100,
    });
    // The first poll goes out before any time passes.
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([{ ids: ['a', 'b', 'c'], at: Date.now() }]);
    await vi.advanceTimersByTimeAsync(1000);
    const result = await done;
    expect(calls.map((c) => c.ids)).toEqual([['a', 'b', 'c'], ['a', 'c'], ['c']]);
    expect(summary(result)).toEqual({ items: ['a:succeeded', 'b:succeeded', 'c:failed'], errors: [] });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits jittered exponential delays within [minDelayMs, maxDelayMs]', async () => {
    vi.useFakeTimers();
    const { poll, calls } = scripted({
      a: ['pending', 'pending', 'pending', 'pending', 'pending', 'pending', 'succeeded'],
    });
    const policy = { minDelayMs: 100, maxDelayMs: 1000 };
    const done = waitForDocuments({
      refs: refs('a'),
      poll,
      signal: new AbortController().signal,
      ...policy,
      random: () => 0.5,
    });
    await vi.advanceTimersByTimeAsync(10_000);
    await done;
    const gaps = calls.slice(1).map((c, i) => c.at - (calls[i] as { at: number }).at);
    expect(gaps).toEqual([100, 150, 300, 600, 750, 750]);
    expect(gaps).toEqual(gaps.map((_, i) => backoffDelay(i + 1, policy, () => 0.5)));
  });

  it('keeps every delay within bounds for any random source (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 8 }),
        async (minDelayMs, spread, randoms) => {
          vi.useFakeTimers();
          try {
            const maxDelayMs = minDelayMs + spread;
            const steps: IndexStatus[] = [...randoms.map((): IndexStatus => 'processing'), 'succeeded'];
            const { poll, calls } = scripted({ a: steps });
            let k = 0;
            const done = waitForDocuments({
              refs: refs('a'),
              poll,
              signal: new AbortController().signal,
              minDelayMs,
              maxDelayMs,
              random: () => randoms[k++ % randoms.length] as number,
            });
            await vi.advanceTimersByTimeAsync(maxDelayMs * (randoms.length + 1));
            await done;
            const gaps = calls.slice(1).map((c, i) => c.at - (calls[i] as { at: number }).at);
            expect(gaps).toHaveLength(randoms.length);
            for (const gap of gaps) {
              // Fake timers fire on whole milliseconds.
              expect(gap).toBeGreaterThanOrEqual(Math.floor(minDelayMs));
              expect(gap).toBeLessThanOrEqual(Math.ceil(maxDelayMs));
            }
          } finally {
            vi.useRealTimers();
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('stops when `until` holds, even for non-terminal statuses', async () => {
    const { poll } = scripted({ a: ['processing'], b: ['pending', 'processing'] });
    const result = await waitForDocuments({
      refs: refs('a', 'b'),
      poll,
      signal: new AbortController().signal,
      until: (s) => s === 'processing',
      minDelayMs: 0,
      maxDelayMs: 0,
    });
    expect(summary(result).items).toEqual(['a:processing', 'b:processing']);
    expect(poll).toHaveBeenCalledTimes(2);
  });

  it.each(['until', 'onProgress'] as const)(
    'a %s that throws stops the polling and rejects with a validation error naming it, its error as cause',
    async (callback) => {
      const { poll } = scripted({ a: ['pending', 'pending', 'succeeded'] });
      const mistake = new TypeError(`${callback} went wrong`);
      const thrower = () => {
        throw mistake;
      };
      const waiting = waitForDocuments({
        refs: refs('a'),
        poll,
        signal: new AbortController().signal,
        minDelayMs: 0,
        maxDelayMs: 0,
        ...(callback === 'until' ? { until: thrower } : { onProgress: thrower }),
      });
      const error = await waiting.then(
        () => undefined,
        (rejected: unknown) => rejected,
      );
      // Every rejection of the package is a DocumentIndexError (API.md); the caller's own error is its cause.
      expect(error).toBeInstanceOf(DocumentIndexError);
      expect(error).toMatchObject({ code: 'validation', field: `options.${callback}`, retryable: false });
      expect((error as DocumentIndexError).cause).toBe(mistake);
      expect((error as DocumentIndexError).lastResult?.items.map((item) => item.id)).toEqual(['a']);
      expect(poll).toHaveBeenCalledTimes(1);
    },
  );

  /** A wait on document `a` that polls without delay, with `onProgress`. */
  const waitOnA = (poll: Parameters<typeof waitForDocuments>[0]['poll'], onProgress: () => Promise<void>) =>
    waitForDocuments({
      refs: refs('a'),
      poll,
      signal: new AbortController().signal,
      minDelayMs: 0,
      maxDelayMs: 0,
      onProgress,
    });

  it('an async onProgress that rejects ends the wait as one that throws does, with nothing left unhandled', async () => {
    const { poll } = scripted({ a: ['pending', 'pending', 'succeeded'] });
    const sinkDown = new Error('progress sink down');
    const error = await waitOnA(poll, async () => {
      throw sinkDown;
    }).then(
      () => undefined,
      (rejected: unknown) => rejected as DocumentIndexError,
    );
    expect(error).toMatchObject({ code: 'validation', field: 'options.onProgress', retryable: false });
    expect(error?.message).toContain('onProgress rejected');
    expect(error?.cause).toBe(sinkDown);
    expect(error?.lastResult?.items.map((item) => item.id)).toEqual(['a']);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it('awaits an async onProgress before polling again; an abort while it runs ends the wait at once', async () => {
    const { poll } = scripted({ a: ['pending', 'pending', 'succeeded'] });
    const seenAtSave: number[] = [];
    await waitOnA(poll, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seenAtSave.push(poll.mock.calls.length);
    });
    // Each save finished before the next poll was sent.
    expect(seenAtSave).toEqual([1, 2, 3]);

    const controller = new AbortController();
    const reason = new DocumentIndexError('timeout', 'the wait timed out');
    const ended = waitForDocuments({
      refs: refs('a'),
      poll: scripted({ a: ['pending'] }).poll,
      signal: controller.signal,
      onProgress: () => {
        queueMicrotask(() => controller.abort(reason));
        return new Promise<void>(() => {});
      },
    });
    await expect(ended).rejects.toBe(reason);
  });

  it('reports a snapshot of every document after each poll, in input order', async () => {
    const { poll } = scripted({
      a: ['pending', 'succeeded'],
      b: [new DocumentIndexError('throttled', 'busy'), 'succeeded'],
    });
    const snapshots: ReturnType<typeof summary>[] = [];
    await waitForDocuments({
      refs: refs('a', 'b'),
      poll,
      signal: new AbortController().signal,
      onProgress: (snapshot) => snapshots.push(summary(snapshot)),
      minDelayMs: 0,
      maxDelayMs: 0,
    });
    expect(snapshots).toEqual([
      { items: ['a:pending'], errors: ['b:throttled'] },
      { items: ['a:succeeded', 'b:succeeded'], errors: [] },
    ]);
  });

  it("waits at least what the provider's answers asked for (Retry-After), within maxDelayMs, for the next poll only", async () => {
    vi.useFakeTimers();
    const { poll, calls } = scripted({ a: ['pending', 'pending', 'pending', 'succeeded'] });
    // The first poll's answers ask for 5 s and 2 s (the longest counts), the second for 60 s, the third for nothing.
    const asked = [[5000, 2000], [60_000], []];
    const asking = vi.fn(async (pending: Ref[], signal: AbortSignal, pollAfter: (ms: number) => void) => {
      for (const ms of asked[poll.mock.calls.length] ?? []) pollAfter(ms);
      return poll(pending, signal);
    });
    const done = waitForDocuments({
      refs: refs('a'),
      poll: asking,
      signal: new AbortController().signal,
      minDelayMs: 10,
      maxDelayMs: 20_000,
      random: () => 1,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    await done;
    const gaps = calls.slice(1).map((call, i) => call.at - (calls[i]?.at ?? 0));
    // 5 s (asked), 20 s (60 s asked, capped at maxDelayMs), then the backoff alone (10 ms doubled twice: 40 ms).
    expect(gaps).toEqual([5000, 20_000, 40]);
  });

  it('polls a retryable per-document error again and settles a non-retryable one', async () => {
    const { poll, calls } = scripted({
      flaky: [
        new DocumentIndexError('service_unavailable', 'busy'),
        new DocumentIndexError('throttled', 'busy'),
        'succeeded',
      ],
      broken: [new DocumentIndexError('invalid_response', 'no answer')],
    });
    const result = await waitForDocuments({
      refs: refs('flaky', 'broken'),
      poll,
      signal: new AbortController().signal,
      minDelayMs: 0,
      maxDelayMs: 0,
    });
    expect(calls.map((c) => c.ids)).toEqual([['flaky', 'broken'], ['flaky'], ['flaky']]);
    expect(summary(result)).toEqual({ items: ['flaky:succeeded'], errors: ['broken:invalid_response'] });
  });

  it('reports where the wait stands after every poll: poll, elapsed time, counts, done and pending', async () => {
    vi.useFakeTimers();
    const { poll } = scripted({
      a: ['processing', 'succeeded'],
      b: ['not_found'],
      c: [new DocumentIndexError('throttled', 'busy'), 'failed'],
      d: [new DocumentIndexError('invalid_response', 'unreadable')],
    });
    const progress: WaitProgress[] = [];
    const done = waitForDocuments({
      refs: refs('a', 'b', 'c', 'd'),
      poll,
      signal: new AbortController().signal,
      minDelayMs: 100,
      maxDelayMs: 100,
      notFoundGraceMs: 150,
      onProgress: (snapshot) => progress.push(snapshot),
    });
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    const zero = Object.fromEntries(INDEX_STATUSES.map((status) => [status, 0]));
    expect(progress.map(({ items, errors, ...rest }) => ({ ...summary({ items, errors }), ...rest }))).toEqual([
      {
        // `b` reads not_found inside the grace (not done); `c` failed transiently (polled again); `d` for good.
        items: ['a:processing', 'b:not_found'],
        errors: ['c:throttled', 'd:invalid_response'],
        poll: 1,
        elapsedMs: 0,
        counts: { ...zero, processing: 1, not_found: 1 },
        done: 1,
        pending: 3,
        total: 4,
      },
      {
        items: ['a:succeeded', 'b:not_found', 'c:failed'],
        errors: ['d:invalid_response'],
        poll: 2,
        elapsedMs: 100,
        counts: { ...zero, succeeded: 1, not_found: 1, failed: 1 },
        done: 3,
        pending: 1,
        total: 4,
      },
      {
        // At t=200 the grace (150 ms) is over: `b` is done as not_found.
        items: ['a:succeeded', 'b:not_found', 'c:failed'],
        errors: ['d:invalid_response'],
        poll: 3,
        elapsedMs: 200,
        counts: { ...zero, succeeded: 1, not_found: 1, failed: 1 },
        done: 4,
        pending: 0,
        total: 4,
      },
    ]);
  });

  it("keeps a document's last status beside an error, and resolves with the plain StatusBatch", async () => {
    const throttled = new DocumentIndexError('throttled', 'busy');
    const unreadable = new DocumentIndexError('invalid_response', 'unreadable');
    const { poll } = scripted({
      a: ['processing', throttled, 'succeeded'],
      b: ['pending', unreadable],
      c: [throttled, 'succeeded'],
    });
    const progress: WaitProgress[] = [];
    const result = await waitForDocuments({
      refs: refs('a', 'b', 'c'),
      poll,
      signal: new AbortController().signal,
      minDelayMs: 0,
      maxDelayMs: 0,
      onProgress: (snapshot) => progress.push(snapshot),
    });
    // Poll 1: `c` was never read, so its error has no last status.
    expect(progress[0]?.errors).toEqual([{ id: 'c', error: throttled }]);
    // Poll 2: `a` and `b` failed; what poll 1 read of them stays beside the error.
    expect(progress[1]?.errors).toEqual([
      { id: 'a', error: throttled, lastStatus: status('a', 'processing') },
      { id: 'b', error: unreadable, lastStatus: status('b', 'pending') },
    ]);
    expect(progress[1]).toMatchObject({ done: 2, pending: 1 });
    expect(summary(result)).toEqual({ items: ['a:succeeded', 'c:succeeded'], errors: ['b:invalid_response'] });
    expect(result.errors).toEqual([{ id: 'b', error: unreadable }]);
    expect(Object.keys(result)).toEqual(['items', 'errors']);
  });

  it('keeps every snapshot consistent and `pending` equal to what the next poll asks for (property)', async () => {
    const stepArb = fc.oneof(
      fc.constantFrom<Step>(...INDEX_STATUSES),
      fc.constantFrom<Step>(
        new DocumentIndexError('throttled', 'busy'),
        new DocumentIndexError('invalid_response', 'unreadable'),
      ),
    );
    const scriptArb = fc.dictionary(
      fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      fc.array(stepArb, { minLength: 1, maxLength: 6 }),
      {
        minKeys: 1,
      },
    );
    await fc.assert(
      fc.asyncProperty(scriptArb, async (script) => {
        // Every script ends in a terminal status, so the wait ends.
        const ended = Object.fromEntries(Object.entries(script).map(([id, steps]) => [id, [...steps, 'failed']]));
        const { poll, calls } = scripted(ended as Record<string, Step[]>);
        const progress: WaitProgress[] = [];
        const ids = Object.keys(script);
        await waitForDocuments({
          refs: refs(...ids),
          poll,
          signal: new AbortController().signal,
          minDelayMs: 0,
          maxDelayMs: 0,
          notFoundGraceMs: 0,
          onProgress: (snapshot) => progress.push(snapshot),
        });
        expect(progress).toHaveLength(calls.length);
        progress.forEach((snapshot, i) => {
          expect(snapshot.poll).toBe(i + 1);
          expect(snapshot.total).toBe(ids.length);
          expect([...snapshot.items, ...snapshot.errors].map((entry) => entry.id).sort()).toEqual([...ids].sort());
          expect(Object.values(snapshot.counts).reduce((a, b) => a + b, 0)).toBe(snapshot.items.length);
          expect(snapshot.done + snapshot.pending).toBe(snapshot.total);
          expect(snapshot.pending).toBe(calls[i + 1]?.ids.length ?? 0);
          if (i > 0) expect(snapshot.done).toBeGreaterThanOrEqual(progress[i - 1]?.done ?? 0);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('treats not_found within notFoundGraceMs as not visible yet (default until only)', async () => {
    vi.useFakeTimers();
    const { poll, calls } = scripted({
      late: ['not_found', 'not_found', 'processing', 'succeeded'],
      gone: ['not_found'],
    });
    const done = waitForDocuments({
      refs: refs('late', 'gone'),
      poll,
      signal: new AbortController().signal,
      minDelayMs: 100,
      maxDelayMs: 100,
      notFoundGraceMs: 250,
    });
    await vi.advanceTimersByTimeAsync(1000);
    const result = await done;
    // `gone` is polled until the grace has passed (t=0,100,200 inside; t=300 outside).
    expect(calls.map((c) => c.ids)).toEqual([
      ['late', 'gone'],
      ['late', 'gone'],
      ['late', 'gone'],
      ['late', 'gone'],
    ]);
    expect(summary(result).items).toEqual(['late:succeeded', 'gone:not_found']);
  });

  it('uses the injected clock for the grace and ignores it with a custom until', async () => {
    let clock = 0;
    const { poll } = scripted({ a: ['not_found'] });
    const waited = await waitForDocuments({
      refs: refs('a'),
      poll: async (r, s) => {
        clock += 1000;
        return poll(r, s);
      },
      signal: new AbortController().signal,
      now: () => clock,
      minDelayMs: 0,
      maxDelayMs: 0,
      notFoundGraceMs: 2500,
    });
    expect(waited.items[0]?.status).toBe('not_found');
    expect(poll).toHaveBeenCalledTimes(3);

    poll.mockClear();
    await waitForDocuments({
      refs: refs('a'),
      poll,
      signal: new AbortController().signal,
      until: isTerminal,
      notFoundGraceMs: 60_000,
    });
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it('on timeout rejects with the timeout error carrying the last snapshot', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const { poll } = scripted({ a: ['succeeded'], b: ['processing'] });
    const done = waitForDocuments({
      refs: refs('a', 'b'),
      poll,
      signal: controller.signal,
      minDelayMs: 1000,
      // No jitter: the delays are 1000 ms each.
      random: () => 0,
    });
    const rejection = done.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2500);
    const timeout = new DocumentIndexError('timeout', 'deadline');
    controller.abort(timeout);
    const error = await rejection;
    expect(error).toBe(timeout);
    expect(timeout.lastResult && summary(timeout.lastResult)).toEqual({
      items: ['a:succeeded', 'b:processing'],
      errors: [],
    });
    // Polls at t=0, 1000 and 2000; `b` is the one still polled.
    expect(timeout.lastResult).toMatchObject({ poll: 3, elapsedMs: 2500, done: 1, pending: 1, total: 2 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once when aborted mid-sleep, carrying where the wait stood, and leaves no timer running', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const { poll } = scripted({ a: ['processing'] });
    const done = waitForDocuments({ refs: refs('a'), poll, signal: controller.signal, minDelayMs: 60_000 });
    const rejection = done.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    expect(poll).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(1);
    const aborted = new DocumentIndexError('aborted', 'stop');
    controller.abort(aborted);
    expect(await rejection).toBe(aborted);
    expect(aborted.lastResult && summary(aborted.lastResult)).toEqual({ items: ['a:processing'], errors: [] });
    expect(aborted.lastResult).toMatchObject({ poll: 1, done: 0, pending: 1, total: 1 });
    expect(vi.getTimerCount()).toBe(0);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it('rejects with the signal reason over whatever the in-flight poll threw', async () => {
    const controller = new AbortController();
    const reason = new DocumentIndexError('timeout', 'deadline');
    const poll = vi.fn(async (): Promise<StatusBatch> => {
      controller.abort(reason);
      throw new Error('socket hang up');
    });
    await expect(waitForDocuments({ refs: refs('a'), poll, signal: controller.signal })).rejects.toBe(reason);
    expect(reason.lastResult).toMatchObject({ items: [], errors: [], poll: 0, done: 0, pending: 1, total: 1 });
  });

  it('rethrows a poll failure while the signal is live', async () => {
    const failure = new DocumentIndexError('unauthorized', 'no');
    const poll = vi.fn(async (): Promise<StatusBatch> => {
      throw failure;
    });
    await expect(waitForDocuments({ refs: refs('a'), poll, signal: new AbortController().signal })).rejects.toBe(
      failure,
    );
    // A foreign abort reason is not ours to decorate.
    const controller = new AbortController();
    controller.abort(new Error('plain'));
    await expect(waitForDocuments({ refs: refs('a'), poll, signal: controller.signal })).rejects.toBe(failure);
  });
});
