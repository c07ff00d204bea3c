/**
 * NAVER takes one document per request, so a request refused as invalid (HTTP 400)
 * is a refusal of that document: it lands in `errors` and the call goes on with the
 * other documents, as a batch provider's answer refuses its documents one by one
 * (and as NAVER's puts already did). Errors that doom every request still reject.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { rejection } from '../../reliability/support';
import { naverClient, SERVICE_ID } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const calls = {
  getStatuses: { operation: 'getDocumentStatus', expected: 'succeeded' },
  deleteDocuments: { operation: 'deleteDocument', expected: 'deleted' },
} as const;

describe.each(Object.keys(calls) as (keyof typeof calls)[])('NAVER %s', (method) => {
  const { operation, expected } = calls[method];

  it('puts a document whose request is refused as invalid into errors and goes on with the others', async () => {
    for (const id of ['a', 'b', 'c']) sim.naver.putDocument(SERVICE_ID, { id, status: 'DONE' });
    // Concurrency 1: the first request (b's) is the refused one.
    sim.inject({ provider: 'naver', operation, fault: { type: 'error', kind: 'validation' } });
    const batch = await naverClient(sim, { concurrency: 1 })[method](['b', 'a', 'c']);
    expect(batch.errors.map(({ id, error }) => [id, error.code, error.httpStatus])).toEqual([['b', 'validation', 400]]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual([
      ['a', expected],
      ['c', expected],
    ]);
    expect(sim.log.filter({ provider: 'naver', operation })).toHaveLength(3);
  });

  it('still rejects the whole call on an error that dooms every request (forbidden), sending no more', async () => {
    for (const id of ['a', 'b', 'c']) sim.naver.putDocument(SERVICE_ID, { id, status: 'DONE' });
    sim.inject({ provider: 'naver', operation, fault: { type: 'error', kind: 'forbidden' } });
    const error = await rejection(naverClient(sim, { concurrency: 1 })[method](['b', 'a', 'c']));
    expect(error.code).toBe('forbidden');
    expect(sim.log.filter({ provider: 'naver', operation })).toHaveLength(1);
  });
});
