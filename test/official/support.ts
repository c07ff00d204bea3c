/**
 * What the official-material tests share: every error kind the fault injector
 * offers, a tapped loopback simulator per describe block, the check of a status
 * table against the values the provider documents, and a batch call's outcome.
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { StatusBatch } from '../../src/index';
import { type ProviderErrorKind, type RunningSimulator, startSimulator } from '../../src/testing/index';
import { tapAnswers, type WireAnswer } from './tap';

/** Every kind of `{ type: 'error' }` fault; a kind added to `ProviderErrorKind` and missing here is a compile error. */
const KINDS: Record<ProviderErrorKind, true> = {
  throttled: true,
  server_error: true,
  service_unavailable: true,
  unauthorized: true,
  forbidden: true,
  not_found: true,
  quota_exceeded: true,
  validation: true,
};
export const ERROR_KINDS = Object.keys(KINDS) as ProviderErrorKind[];

/** A loopback simulator for one describe block, its answers tapped; reset, and the tap emptied, before each test. */
export function tappedSimulator(): { readonly sim: RunningSimulator; readonly answers: WireAnswer[] } {
  const holder = { answers: [] as WireAnswer[] } as { sim: RunningSimulator; answers: WireAnswer[] };
  beforeAll(async () => {
    holder.sim = await startSimulator();
    holder.answers = tapAnswers(holder.sim);
  });
  afterAll(() => holder.sim.close());
  beforeEach(() => {
    holder.sim.reset();
    holder.answers.length = 0;
  });
  return holder;
}

/**
 * Our status table maps exactly the values the provider documents (plus `extras`
 * we accept besides, each said why where it is passed), each as the README's
 * table says: a documented value our table lacks fails here.
 */
export function expectStatusTable(
  table: Readonly<Record<string, string>>,
  documented: readonly string[],
  readme: Readonly<Record<string, string>>,
  extras: readonly string[] = [],
): void {
  expect(documented.length).toBeGreaterThan(0);
  expect(Object.keys(table).toSorted()).toEqual([...documented, ...extras].toSorted());
  for (const value of documented) expect([value, table[value]]).toEqual([value, readme[value]]);
}

/** The error a one-document batch call reported for its document, or the error it rejected with. */
export function firstError(call: Promise<StatusBatch>): Promise<unknown> {
  return call.then(
    (batch) => batch.errors[0]?.error,
    (rejected: unknown) => rejected,
  );
}
