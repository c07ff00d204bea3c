import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { chunk, mapWithConcurrency, uniqueBy } from '../../src/core/batching';

/** A promise with its resolve/reject exposed, to control when a task settles. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued microtask and promise callback run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('chunk', () => {
  it('never exceeds the limit, and keeps order and set (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 25 }), (items, size) => {
        const chunks = chunk(items, size);
        for (const part of chunks) {
          expect(part.length).toBeGreaterThan(0);
          expect(part.length).toBeLessThanOrEqual(size);
        }
        // Only the last chunk may be short: the batches are as full as they can be.
        for (const part of chunks.slice(0, -1)) expect(part).toHaveLength(size);
        expect(chunks.flat()).toEqual(items);
        expect(chunks).toHaveLength(Math.ceil(items.length / size));
      }),
    );
  });

  it('returns no chunk for no input', () => {
    expect(chunk([], 10)).toEqual([]);
  });

  it('rejects a size that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) expect(() => chunk([1], size)).toThrow(RangeError);
  });
});

describe('uniqueBy', () => {
  it('keeps the first of each key, in input order', () => {
    const refs = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
      { id: 'a', n: 3 },
      { id: 'c', n: 4 },
      { id: 'b', n: 5 },
    ];
    expect(uniqueBy(refs, (r) => r.id)).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
      { id: 'c', n: 4 },
    ]);
  });

  it('yields each key exactly once, in first-seen order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 })), (keys) => {
        const unique = uniqueBy(keys, (k) => k);
        expect(unique).toEqual([...new Set(keys)]);
      }),
    );
  });
});

describe('mapWithConcurrency', () => {
  it('resolves to an empty array for no input without calling the task', async () => {
    const task = vi.fn();
    await expect(mapWithConcurrency([], 4, task)).resolves.toEqual([]);
    expect(task).not.toHaveBeenCalled();
  });

  it('never has more than `concurrency` tasks in flight and keeps input order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        async (ticks, concurrency) => {
          let inFlight = 0;
          let peak = 0;
          const results = await mapWithConcurrency(ticks, concurrency, async (wait, index) => {
            inFlight++;
            peak = Math.max(peak, inFlight);
            // Settle out of order: each task yields a different number of times.
            for (let i = 0; i < wait; i++) await Promise.resolve();
            inFlight--;
            return `${index}:${wait}`;
          });
          expect(results).toEqual(ticks.map((wait, index) => `${index}:${wait}`));
          expect(peak).toBeLessThanOrEqual(concurrency);
          expect(peak).toBe(Math.min(concurrency, ticks.length));
        },
      ),
    );
  });

  it('rejects at once on the first failure and launches no further task', async () => {
    const gates = Array.from({ length: 6 }, () => deferred<string>());
    const started: number[] = [];
    const run = mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, (i) => {
      started.push(i);
      return (gates[i] as ReturnType<typeof deferred<string>>).promise;
    });
    const outcome = run.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await flush();
    expect(started).toEqual([0, 1]);

    const boom = new Error('boom');
    gates[1]?.reject(boom);
    await flush();
    // Rejected while task 0 is still in flight: no waiting for it.
    await expect(outcome).resolves.toBe(boom);

    // Task 0 settling later neither launches more work nor changes the outcome.
    gates[0]?.resolve('late');
    await flush();
    expect(started).toEqual([0, 1]);
  });

  it('ignores a second failure from a task already in flight (no unhandled rejection)', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const gates = [deferred<number>(), deferred<number>()];
      const run = mapWithConcurrency([0, 1], 2, (i) => (gates[i] as ReturnType<typeof deferred<number>>).promise);
      gates[0]?.reject(new Error('first'));
      gates[1]?.reject(new Error('second'));
      await expect(run).rejects.toThrow('first');
      await flush();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('turns a synchronous throw in a task into the rejection', async () => {
    await expect(
      mapWithConcurrency([1], 1, () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
  });
});
