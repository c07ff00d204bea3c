import { KendraClient } from '@aws-sdk/client-kendra';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKendraIndex } from '../../../src/providers/kendra/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { CREDENTIALS, FAST_RETRY, INDEX_ID, kendraIndex } from './fixtures';

let sim: RunningSimulator;
const ownClients: KendraClient[] = [];
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  for (const client of ownClients) client.destroy();
  await sim.close();
});
beforeEach(() => sim.reset());

const kendraRequests = () => sim.log.filter({ provider: 'kendra' });

/** A caller's own client, tagging its requests so tests can tell it was used. */
function ownClient(maxAttempts: number): KendraClient {
  const client = new KendraClient({ endpoint: sim.url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts });
  client.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { headers: Record<string, string> };
      request.headers['x-test-client'] = 'own';
      return next(args);
    },
    { step: 'build', name: 'tagOwnClient' },
  );
  ownClients.push(client);
  return client;
}

describe('one retry layer', () => {
  it.each([1, 3, 5])(
    'with always-throttling, the client the factory creates sends exactly retry.maxAttempts (%i) requests',
    async (maxAttempts) => {
      sim.inject({ provider: 'kendra', fault: { type: 'error', kind: 'throttled' }, times: Number.POSITIVE_INFINITY });
      const batch = await kendraIndex(sim, { retry: { ...FAST_RETRY, maxAttempts } }).getStatuses(['a']);
      expect(batch.errors.map(({ error }) => [error.code, error.httpStatus])).toEqual([['throttled', 429]]);
      expect(kendraRequests()).toHaveLength(maxAttempts);
      // The SDK itself was told not to retry.
      for (const entry of kendraRequests()) expect(entry.headers['amz-sdk-request']).toBe('attempt=1; max=1');
    },
  );

  it.each([
    ['model', 429],
    ['reference', 400],
  ] as const)(
    'retries throttling at the %s status (HTTP %i), honouring Retry-After, and succeeds',
    async (statuses, status) => {
      sim.kendra.setErrorStatuses(statuses).putDocument(INDEX_ID, { id: 'a' });
      sim.inject({ provider: 'kendra', fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 0 } });
      sim.inject({ provider: 'kendra', fault: { type: 'error', kind: 'throttled' } });
      const batch = await kendraIndex(sim).getStatuses(['a']);
      expect(batch).toMatchObject({ errors: [], items: [{ id: 'a', status: 'succeeded' }] });
      expect(kendraRequests().map((entry) => entry.outcome)).toEqual([status, status, 200]);
    },
  );

  it('does not retry a validation error', async () => {
    sim.inject({ provider: 'kendra', fault: { type: 'error', kind: 'validation' }, times: Number.POSITIVE_INFINITY });
    await expect(kendraIndex(sim).getStatuses(['a'])).rejects.toMatchObject({ code: 'validation' });
    expect(kendraRequests()).toHaveLength(1);
  });
});

describe('a caller-supplied client', () => {
  it('is used as given: its endpoint, credentials and middleware', async () => {
    sim.kendra.putDocument(INDEX_ID, { id: 'a', status: 'PROCESSING' });
    const index = createKendraIndex({ indexId: INDEX_ID, client: ownClient(1), retry: FAST_RETRY });
    await expect(index.getStatus('a')).resolves.toMatchObject({ status: 'processing' });
    expect(kendraRequests()[0]?.headers['x-test-client']).toBe('own');
    expect(kendraRequests()[0]?.headers.authorization).toContain(`Credential=${CREDENTIALS.accessKeyId}/`);
  });

  it('with maxAttempts 1 on it, retry.maxAttempts is the total', async () => {
    sim.inject({ provider: 'kendra', fault: { type: 'error', kind: 'server_error' }, times: Number.POSITIVE_INFINITY });
    const index = createKendraIndex({ indexId: INDEX_ID, client: ownClient(1), retry: FAST_RETRY });
    await index.getStatuses(['a']);
    expect(kendraRequests()).toHaveLength(3);
  });

  it('keeps its own retry strategy, which multiplies with ours (as documented)', async () => {
    sim.inject({ provider: 'kendra', fault: { type: 'error', kind: 'server_error' }, times: Number.POSITIVE_INFINITY });
    const index = createKendraIndex({
      indexId: INDEX_ID,
      client: ownClient(2),
      retry: { ...FAST_RETRY, maxAttempts: 2 },
    });
    const batch = await index.getStatuses(['a']);
    expect(batch.errors[0]?.error.code).toBe('internal');
    expect(kendraRequests()).toHaveLength(2 * 2);
  });
});
