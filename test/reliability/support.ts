/**
 * Shared pieces of the reliability matrix: every adapter target of the conformance
 * suite (Azure once per URL generation), and the invariants every case checks
 * (rejections are DocumentIndexErrors, every unique id is accounted for exactly
 * once, no unhandled rejection, no timer left running).
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import {
  type DocumentIndexError,
  type DocumentStatus,
  INDEX_STATUSES,
  isDocumentIndexError,
  isTerminal,
  type StatusBatch,
} from '../../src/index';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';

export { FAST_RETRY, idsOf, type NamedTarget, TARGETS } from './targets';

/** Resolves with the error a promise rejects with; fails unless it is a DocumentIndexError. */
export async function rejection(promise: Promise<unknown>): Promise<DocumentIndexError> {
  try {
    await promise;
  } catch (error) {
    expect(isDocumentIndexError(error), `expected a DocumentIndexError, got ${String(error)}`).toBe(true);
    return error as DocumentIndexError;
  }
  throw new Error('expected the call to reject');
}

/** Like `rejection`, for a synchronous throw (factories). */
export function thrown(run: () => unknown): DocumentIndexError {
  try {
    run();
  } catch (error) {
    expect(isDocumentIndexError(error), `expected a DocumentIndexError, got ${String(error)}`).toBe(true);
    return error as DocumentIndexError;
  }
  throw new Error('expected a throw');
}

/**
 * The accounting rule: every unique id of `asked` is in exactly one of `items` and
 * `errors`, nothing else is, items keep input order, and every error is ours.
 */
export function expectAccounted(batch: StatusBatch, asked: readonly string[]): void {
  const unique = [...new Set(asked)];
  const reported = [...batch.items.map((item) => item.id), ...batch.errors.map((entry) => entry.id)];
  expect(reported.toSorted()).toEqual(unique.toSorted());
  expect(new Set(reported).size).toBe(reported.length);
  const order = new Map(unique.map((id, i) => [id, i]));
  const positions = batch.items.map((item) => order.get(item.id) ?? -1);
  expect(positions).toEqual(positions.toSorted((a, b) => a - b));
  for (const { error } of batch.errors) expect(isDocumentIndexError(error)).toBe(true);
  for (const item of batch.items) expectWellFormed(item);
}

/** A DocumentStatus that keeps the contract, whatever the provider sent. */
export function expectWellFormed(item: DocumentStatus, id?: string): void {
  if (id !== undefined) expect(item.id).toBe(id);
  expect(typeof item.id).toBe('string');
  expect(INDEX_STATUSES).toContain(item.status);
  expect(typeof item.providerStatus).toBe('string');
  expect(item.terminal).toBe(isTerminal(item.status));
  if (item.failure !== undefined) {
    for (const value of [item.failure.code, item.failure.message]) {
      if (value !== undefined) expect(typeof value).toBe('string');
    }
  }
  if (item.progress !== undefined) {
    expect(Number.isFinite(item.progress)).toBe(true);
    expect(item.progress).toBeGreaterThanOrEqual(0);
    expect(item.progress).toBeLessThanOrEqual(1);
  }
  if (item.updatedAt !== undefined) {
    expect(item.updatedAt).toBeInstanceOf(Date);
    expect(Number.isNaN(item.updatedAt.getTime())).toBe(false);
  }
}

/**
 * Collects unhandled rejections while installed. `install()` in beforeAll,
 * `expectNone()` in afterEach, `uninstall()` in afterAll.
 */
export function unhandledRejections() {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  return {
    install: () => process.on('unhandledRejection', listener),
    uninstall: () => process.off('unhandledRejection', listener),
    async expectNone() {
      // A rejection nobody handles is reported after the microtask queue drains.
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen).toEqual([]);
      seen.length = 0;
    },
  };
}

/** Timers keeping the process alive now (unref'd ones, such as keep-alive sockets' own, excluded). */
export function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

/**
 * Fails if more timers are running than `baseline` once the loopback server has
 * seen the client's sockets close (it holds a timer per request under a latency
 * fault until then, for a few milliseconds). A timer the library left behind (a
 * retry sleep of 10 s, a poll delay, a deadline) is still there 250 ms later.
 */
export async function expectNoTimerLeft(baseline: number): Promise<void> {
  const deadline = performance.now() + 250;
  while (activeTimers() > baseline && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(activeTimers(), process.getActiveResourcesInfo().join(', ')).toBeLessThanOrEqual(baseline);
}

/** Aborts `controller` after `ms` milliseconds. */
export function abortAfter(controller: AbortController, ms: number): void {
  setTimeout(() => controller.abort(), ms);
}

/** How long `promise` takes to settle, and how it settled. */
export async function timed<T>(promise: Promise<T>): Promise<{ ms: number; value?: T; error?: DocumentIndexError }> {
  const started = performance.now();
  try {
    const value = await promise;
    return { ms: performance.now() - started, value };
  } catch (error) {
    expect(isDocumentIndexError(error), `expected a DocumentIndexError, got ${String(error)}`).toBe(true);
    return { ms: performance.now() - started, error: error as DocumentIndexError };
  }
}

/**
 * The lifecycle every reliability file shares: one loopback simulator per file,
 * handed to `onStart`, reset before each test; after each, no unhandled rejection,
 * then (with `settleMs`) a pause for requests an aborted call already put on the
 * wire, so they land before the next test's reset.
 */
export function simulatorPerFile(onStart: (sim: RunningSimulator) => void, options: { settleMs?: number } = {}): void {
  const unhandled = unhandledRejections();
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator();
    onStart(sim);
    unhandled.install();
  });
  afterAll(async () => {
    unhandled.uninstall();
    await sim?.close();
  });
  beforeEach(() => sim?.reset());
  afterEach(async () => {
    await unhandled.expectNone();
    if (options.settleMs !== undefined) await sim?.settle(options.settleMs);
  });
}
