/**
 * The demo's progress line, fed by a real `waitFor` over the simulator: a document
 * whose poll failed transiently is still being waited for, so the bar must not
 * read full until the wait is over.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTerminal } from '../../examples/demo/terminal';
import { tourIndex } from '../../examples/demo/tour';
import { createNaverRagIndex } from '../../src/providers/naver/index';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** A terminal over a stream that only collects what is written, as in a CI log (not a TTY). */
function capturedTerminal() {
  const written: string[] = [];
  const stream = { write: (text: string) => written.push(text) > 0, isTTY: false } as unknown as NodeJS.WriteStream;
  return { out: createTerminal(stream), lines: () => written.join('').split('\n') };
}

describe('demo progress', () => {
  it('counts a document whose poll failed transiently as not done, so the bar fills only at the end', async () => {
    sim.naver.putDocument('svc', { id: 'a', status: 'DONE' });
    sim.naver.putDocument('svc', { id: 'b', status: 'DONE' });
    // getStatuses (2 requests) and the first poll's first request are answered;
    // the first poll's second request fails with HTTP 500, which with one attempt
    // lands in `errors`: transient, so waitFor polls that document again.
    sim.inject({ provider: 'naver', fault: { type: 'latency', ms: 0 }, times: 3 });
    sim.inject({ provider: 'naver', fault: { type: 'error', kind: 'server_error' } });
    const client = createNaverRagIndex({
      serviceId: 'svc',
      apiKey: 'k',
      baseUrl: sim.url,
      retry: { maxAttempts: 1 },
      concurrency: 1,
    });
    const { out, lines } = capturedTerminal();

    const result = await tourIndex(
      client,
      { ids: ['a', 'b'], deleteIds: [], pageSize: 10, timeoutMs: 10_000, notFoundGraceMs: 0 },
      out,
    );

    expect(result.settled.items.map((item) => item.status)).toEqual(['succeeded', 'succeeded']);
    const progress = lines().filter((line) => line.includes(' done · '));
    expect(progress).toEqual([
      `  naver   [${'#'.repeat(12)}${'-'.repeat(12)}] 1/2 done · succeeded 1 · retrying 1`,
      `  naver   [${'#'.repeat(24)}] 2/2 done · succeeded 2`,
    ]);
  });
});
