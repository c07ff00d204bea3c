import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { naverClient, SEED_EXAMPLE, SERVICE_ID } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('NAVER getStatus', () => {
  it("parses the seed page's example response field by field", async () => {
    sim.inject({
      provider: 'naver',
      operation: 'getDocumentStatus',
      fault: { type: 'wrong_shape', body: SEED_EXAMPLE },
    });
    const status = await naverClient(sim).getStatus('12345');

    expect(status.provider).toBe('naver');
    expect(status.id).toBe('12345');
    expect(status.status).toBe('succeeded');
    expect(status.providerStatus).toBe('DONE');
    expect(status.terminal).toBe(true);
    expect(status.failure).toBeUndefined();
    expect(status.progress).toBe(1);
    expect(status.updatedAt).toEqual(new Date('2025-07-09T11:31:39.897Z'));
    expect(status.raw).toEqual(SEED_EXAMPLE.data);
    expect(status.steps).toEqual([
      {
        name: 'EXTRACT',
        failed: false,
        startedAt: new Date('2025-07-09T11:31:39.123Z'),
        finishedAt: new Date('2025-07-09T11:31:39.123Z'),
      },
      {
        name: 'CHUNK',
        failed: false,
        startedAt: new Date('2025-07-09T11:31:39.768Z'),
        finishedAt: new Date('2025-07-09T11:31:39.768Z'),
      },
      {
        name: 'EMBED',
        failed: false,
        startedAt: new Date('2025-07-09T11:31:39.784Z'),
        finishedAt: new Date('2025-07-09T11:31:39.825Z'),
      },
      {
        name: 'INDEX',
        failed: false,
        startedAt: new Date('2025-07-09T11:31:39.837Z'),
        finishedAt: new Date('2025-07-09T11:31:39.856Z'),
      },
      {
        name: 'DONE',
        failed: false,
        startedAt: new Date('2025-07-09T11:31:39.768Z'),
        finishedAt: new Date('2025-07-09T11:31:39.891Z'),
      },
    ]);
    const [request] = sim.log.filter({ provider: 'naver' });
    expect(request?.method).toBe('GET');
    expect(new URL(request?.url ?? '').pathname).toBe(`/api/v1/svc/${SERVICE_ID}/doc/12345/status`);
  });

  it.each([
    ['NONE', 'pending', false],
    ['INDEXING', 'processing', false],
    ['DONE', 'succeeded', true],
    ['PARTIAL', 'partial', true],
    ['FAILED', 'failed', true],
    ['DELETED', 'deleted', true],
    ['REINDEXING', 'unknown', false],
  ] as const)('maps %s to %s', async (raw, status, terminal) => {
    sim.naver.putDocument(SERVICE_ID, { id: 'doc-1', status: raw });
    const result = await naverClient(sim).getStatus('doc-1');
    expect(result).toMatchObject({ status, providerStatus: raw, terminal });
  });

  it('reports the failed step as the failure, with the reason from its info', async () => {
    sim.naver.putDocument(SERVICE_ID, {
      id: 'broken',
      status: 'FAILED',
      failedStep: 'EMBED',
      failureInfo: { message: 'embedding model rejected the chunk' },
    });
    const status = await naverClient(sim).getStatus('broken');
    expect(status.status).toBe('failed');
    expect(status.failure).toEqual({ code: 'EMBED', message: 'embedding model rejected the chunk' });
    expect(status.steps?.map((step) => [step.name, step.failed])).toEqual([
      ['EXTRACT', false],
      ['CHUNK', false],
      ['EMBED', true],
    ]);
    expect(status.progress).toBe(2 / 5);
  });

  it('reports a failed step without a reason as the step name only', async () => {
    sim.naver.putDocument(SERVICE_ID, { id: 'broken', status: 'FAILED', failedStep: 'EXTRACT', failureInfo: {} });
    const status = await naverClient(sim).getStatus('broken');
    expect(status.failure).toEqual({ code: 'EXTRACT' });
    expect(status.progress).toBe(0);
  });

  it('derives progress from the finished pipeline steps', async () => {
    sim.naver
      .putDocument(SERVICE_ID, { id: 'none', status: 'NONE' })
      .putDocument(SERVICE_ID, { id: 'three', status: 'INDEXING', completedSteps: 3 })
      .putDocument(SERVICE_ID, { id: 'gone', status: 'DELETED' });
    const { items } = await naverClient(sim).getStatuses(['none', 'three', 'gone']);
    expect(items.map((item) => [item.id, item.progress, item.steps?.length])).toEqual([
      ['none', 0, 0],
      ['three', 3 / 5, 3],
      ['gone', 1, 6],
    ]);
    expect(items[2]?.steps?.at(-1)?.name).toBe('DELETE');
  });

  it('follows a timeline one step per read', async () => {
    sim.naver.putDocument(SERVICE_ID, { id: 'moving', status: { statuses: ['NONE', 'INDEXING', 'DONE'] } });
    const client = naverClient(sim);
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await client.getStatus('moving')).status);
    expect(seen).toEqual(['pending', 'processing', 'succeeded', 'succeeded']);
  });

  it('waitFor polls until the document is terminal', async () => {
    sim.naver.putDocument(SERVICE_ID, { id: 'moving', status: { statuses: ['NONE', 'INDEXING', 'PARTIAL'] } });
    const result = await naverClient(sim).waitFor(['moving'], { minDelayMs: 1, maxDelayMs: 2 });
    expect(result.items.map((item) => item.status)).toEqual(['partial']);
    expect(sim.log.count({ provider: 'naver', operation: 'getDocumentStatus' })).toBe(3);
  });

  it('reads HTTP 404 as not_found in either error envelope', async () => {
    const client = naverClient(sim);
    for (const envelope of ['code', 'status'] as const) {
      sim.naver.setErrorEnvelope(envelope);
      const status = await client.getStatus('missing');
      expect(status).toMatchObject({ id: 'missing', status: 'not_found', providerStatus: '', terminal: true });
      // `raw` is the envelope NAVER answered with, as received.
      expect(status.raw).toEqual(
        envelope === 'code'
          ? { code: 40400, message: expect.any(String) }
          : { status: { code: 40400, message: expect.any(String) } },
      );
    }
  });

  it('reads code 404xx inside an HTTP 200 as not_found', async () => {
    sim.inject({
      provider: 'naver',
      fault: { type: 'wrong_shape', body: { code: 40400, message: 'no such document' } },
    });
    const status = await naverClient(sim).getStatus('x');
    expect(status.status).toBe('not_found');
    expect(status.raw).toEqual({ code: 40400, message: 'no such document' });
  });

  it('getStatuses asks once per unique document and keeps input order', async () => {
    for (const id of ['a', 'b', 'c']) sim.naver.putDocument(SERVICE_ID, { id, status: 'DONE' });
    const result = await naverClient(sim).getStatuses(['c', 'missing', 'a', 'c', { id: 'b' }]);
    expect(result.errors).toEqual([]);
    expect(result.items.map((item) => [item.id, item.status])).toEqual([
      ['c', 'succeeded'],
      ['missing', 'not_found'],
      ['a', 'succeeded'],
      ['b', 'succeeded'],
    ]);
    expect(sim.log.count({ provider: 'naver', operation: 'getDocumentStatus' })).toBe(4);
  });

  it('runs up to 4 requests at once by default (the contract), and `concurrency` when given', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `doc-${i}`);
    for (const id of ids) sim.naver.putDocument(SERVICE_ID, { id, status: 'DONE' });
    const peakInFlight = async (concurrency?: number) => {
      let inFlight = 0;
      let peak = 0;
      sim.inject({ provider: 'naver', fault: { type: 'latency', ms: 5 }, times: ids.length });
      const client = naverClient(sim, {
        concurrency,
        fetch: async (input, init) => {
          peak = Math.max(peak, ++inFlight);
          try {
            return await fetch(input, init);
          } finally {
            inFlight--;
          }
        },
      });
      const result = await client.getStatuses(ids);
      expect(result.items).toHaveLength(ids.length);
      return peak;
    };
    expect(await peakInFlight()).toBe(4);
    expect(await peakInFlight(3)).toBe(3);
  });

  it('sends the API key as a bearer token', async () => {
    sim.naver.putDocument(SERVICE_ID, { id: 'doc', status: 'DONE' });
    await naverClient(sim).getStatus('doc');
    const [request] = sim.log.filter({ provider: 'naver' });
    expect(request?.headers.authorization).toMatch(/^Bearer nv-SECRET/);
  });
});

describe('NAVER listStatuses', () => {
  it('rejects with unsupported on first use and sends nothing', async () => {
    const iterator = naverClient(sim).listStatuses();
    await expect(iterator.next()).rejects.toMatchObject({ code: 'unsupported', provider: 'naver' });
    expect(sim.log.count()).toBe(0);
  });
});
