import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { naverClient, SERVICE_ID } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const deleteRequests = () => sim.log.filter({ provider: 'naver', operation: 'deleteDocument' });

describe('NAVER deleteDocuments', () => {
  it('sends one DELETE per document and reports each as deleted', async () => {
    for (const id of ['a', 'b/c']) sim.naver.putDocument(SERVICE_ID, { id, status: 'DONE' });
    const result = await naverClient(sim).deleteDocuments(['a', 'b/c', 'a']);
    expect(result.errors).toEqual([]);
    expect(result.items.map((item) => [item.id, item.status, item.providerStatus, item.terminal])).toEqual([
      ['a', 'deleted', '', true],
      ['b/c', 'deleted', '', true],
    ]);
    expect(result.items[0]?.raw).toEqual({
      status: { code: 200, message: '' },
      result: { inserted: null, deleted: ['a'], updated: null },
    });
    expect(deleteRequests().map((request) => [request.method, new URL(request.url).pathname])).toEqual([
      ['DELETE', `/api/v1/svc/${SERVICE_ID}/doc/a`],
      ['DELETE', `/api/v1/svc/${SERVICE_ID}/doc/b%2Fc`],
    ]);
    expect(sim.naver.getDocument(SERVICE_ID, 'b/c')).toMatchObject({ deleted: true, status: 'DELETED' });
    expect((await naverClient(sim).getStatus('a')).status).toBe('deleted');
  });

  it('reports a document that is not there as not_found, not as an error', async () => {
    sim.naver.putDocument(SERVICE_ID, { id: 'a', status: 'DONE' });
    const result = await naverClient(sim).deleteDocuments(['missing', 'a']);
    expect(result.errors).toEqual([]);
    expect(result.items.map((item) => [item.id, item.status])).toEqual([
      ['missing', 'not_found'],
      ['a', 'deleted'],
    ]);
  });

  it('accepts the code envelope for a delete too', async () => {
    sim.inject({
      provider: 'naver',
      operation: 'deleteDocument',
      fault: { type: 'wrong_shape', body: { code: 20000, message: 'Success', data: { deleted: ['x'] } } },
    });
    const result = await naverClient(sim).deleteDocuments(['x']);
    expect(result.items.map((item) => item.status)).toEqual(['deleted']);
  });

  it('puts a document the answer does not list as deleted into errors', async () => {
    sim.inject({
      provider: 'naver',
      operation: 'deleteDocument',
      fault: {
        type: 'wrong_shape',
        body: { status: { code: 200, message: '' }, result: { inserted: null, deleted: ['other'], updated: null } },
      },
    });
    const result = await naverClient(sim).deleteDocuments(['x']);
    expect(result.items).toEqual([]);
    expect(result.errors).toMatchObject([{ id: 'x', error: { code: 'invalid_response' } }]);
  });

  it('retries a throttled delete and reports the error after the last attempt', async () => {
    sim.naver.putDocument(SERVICE_ID, { id: 'a', status: 'DONE' });
    sim.inject({
      provider: 'naver',
      operation: 'deleteDocument',
      fault: { type: 'error', kind: 'throttled' },
      times: 3,
    });
    const result = await naverClient(sim).deleteDocuments(['a']);
    expect(result.errors).toMatchObject([
      { id: 'a', error: { code: 'throttled', httpStatus: 429, providerCode: '42900' } },
    ]);
    expect(deleteRequests()).toHaveLength(3);
    expect(sim.naver.getDocument(SERVICE_ID, 'a')?.deleted).toBe(false);
  });

  it('rejects the whole delete on forbidden', async () => {
    sim.inject({ provider: 'naver', operation: 'deleteDocument', fault: { type: 'error', kind: 'forbidden' } });
    await expect(naverClient(sim, { concurrency: 1 }).deleteDocuments(['a', 'b'])).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(deleteRequests()).toHaveLength(1);
  });
});
