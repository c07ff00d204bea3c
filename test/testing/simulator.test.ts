/**
 * The simulator framework itself, over the loopback server: routing, the request
 * log, `settle()`, time-driven timelines, and a request no provider claims.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNaverRagIndex } from '../../src/providers/naver/index';
import { type RunningSimulator, startSimulator, Timeline } from '../../src/testing/index';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const naverStatus = (id: string) =>
  fetch(`${sim.url}/api/v1/svc/svc1/doc/${encodeURIComponent(id)}/status`, { headers: { authorization: 'Bearer k' } });

it('answers 404 with a JSON message for a path no provider claims, and logs nothing', async () => {
  const response = await fetch(`${sim.url}/nothing/here`);
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ message: expect.stringContaining('/nothing/here') });
  expect(sim.log.entries).toEqual([]);
});

it('logs each request with its provider, operation and outcome', async () => {
  sim.naver.putDocument('svc1', { id: 'a', status: 'DONE' });
  expect((await naverStatus('a')).status).toBe(200);
  expect(sim.log.entries).toMatchObject([{ provider: 'naver', operation: 'getDocumentStatus', outcome: 200 }]);
});

it('settle() waits for a request that is still arriving, and returns once none has come for a while', async () => {
  const late = new Promise<void>((resolve) => {
    setTimeout(() => naverStatus('late').then(() => resolve()), 30);
  });
  await sim.settle(60);
  expect(sim.log.count({ provider: 'naver' })).toBe(1);
  await late;

  const started = Date.now();
  await sim.settle(10);
  expect(Date.now() - started).toBeLessThan(500);
});

it('moves a time-driven timeline on with the clock, and a read-driven one per read', () => {
  vi.useFakeTimers({ now: 0 });
  try {
    const byTime = new Timeline({ statuses: ['A', 'B', 'C'], advance: 100 });
    expect(byTime.peek()).toBe('A');
    vi.advanceTimersByTime(150);
    expect(byTime.read()).toBe('B');
    vi.advanceTimersByTime(1000);
    expect(byTime.read()).toBe('C');

    const byRead = new Timeline({ statuses: ['A', 'B'] });
    expect([byRead.read(), byRead.read(), byRead.read()]).toEqual(['A', 'B', 'B']);
    expect(byRead.progress()).toBe(1);
  } finally {
    vi.useRealTimers();
  }
});

it('stops holding a request back once its client has gone away', async () => {
  sim.naver.putDocument('svc1', { id: 'held', status: 'DONE' });
  sim.inject({ provider: 'naver', fault: { type: 'latency', ms: 60_000 } });
  const controller = new AbortController();
  const request = fetch(`${sim.url}/api/v1/svc/svc1/doc/held/status`, {
    headers: { authorization: 'Bearer k' },
    signal: controller.signal,
  }).catch((error: unknown) => error);
  await vi.waitFor(() => expect(sim.log.count({ provider: 'naver' })).toBe(1), { interval: 2 });
  controller.abort();
  await request;
  // Answered (into a closed connection) at once, not after the minute of latency.
  await vi.waitFor(() => expect(sim.log.entries[0]?.outcome).toBe(200), { timeout: 2000, interval: 2 });
});

it('applies a rate limit under a latency fault: throttled answers come at once, accepted ones after the delay', async () => {
  sim.naver.putDocument('svc1', { id: 'a', status: 'DONE' });
  sim.inject({ provider: 'naver', fault: { type: 'latency', ms: 80 }, times: Number.POSITIVE_INFINITY });
  sim.rateLimit({ provider: 'naver', capacity: 2, refillPerSecond: 0 });
  const timed = async () => {
    const started = performance.now();
    const response = await naverStatus('a');
    return { status: response.status, ms: performance.now() - started };
  };
  const answers = await Promise.all([timed(), timed(), timed()]);
  expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 429]);
  for (const { status, ms } of answers) {
    if (status === 200) expect(ms).toBeGreaterThanOrEqual(75);
    else expect(ms).toBeLessThan(75);
  }
});

describe('startSimulator on every interface', () => {
  it('names loopback in url, which Azure and NAVER clients accept over plain http', async () => {
    const everywhere = await startSimulator({ host: '0.0.0.0' });
    try {
      expect(everywhere.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      everywhere.naver.putDocument('svc', { id: 'doc-1' });
      const rag = createNaverRagIndex({ serviceId: 'svc', apiKey: 'key', baseUrl: everywhere.url });
      expect((await rag.getStatus('doc-1')).status).toBe('succeeded');
    } finally {
      await everywhere.close();
    }
  });
});
