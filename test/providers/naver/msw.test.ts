import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNaverRagIndex } from '../../../src/providers/naver/index';
import { createSimulator, createSimulatorHandlers } from '../../../src/testing/index';
import { API_KEY, FAST_RETRY, SERVICE_ID } from './fixtures';

const sim = createSimulator();
const server = setupServer(...createSimulatorHandlers(sim));

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());
beforeEach(() => sim.reset());

describe('NAVER adapter in-process through msw', () => {
  it('talks to the public gateway by default', async () => {
    sim.naver.requireApiKey(API_KEY).putDocument(SERVICE_ID, { id: '12345', status: 'DONE' });
    const client = createNaverRagIndex({ serviceId: SERVICE_ID, apiKey: API_KEY, retry: FAST_RETRY });
    expect((await client.getStatus('12345')).status).toBe('succeeded');
    const [request] = sim.log.entries;
    expect(request?.url).toBe(`https://kr-pub-gateway.rag.naverncp.com/api/v1/svc/${SERVICE_ID}/doc/12345/status`);
  });

  it('sees a reset from msw as a network error and retries it', async () => {
    sim.naver.putDocument(SERVICE_ID, { id: 'doc', status: 'INDEXING' });
    sim.inject({ provider: 'naver', fault: { type: 'reset' } });
    const client = createNaverRagIndex({ serviceId: SERVICE_ID, apiKey: API_KEY, retry: FAST_RETRY });
    expect((await client.getStatus('doc')).status).toBe('processing');
    expect(sim.log.entries.map((entry) => entry.outcome)).toEqual(['reset', 200]);
  });
});
