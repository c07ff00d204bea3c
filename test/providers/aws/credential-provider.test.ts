/**
 * A credential provider function the caller passes as `credentials`: when it
 * fails, the call reads as a credentials failure (`unauthorized`, rejecting the
 * whole call, nothing sent), not as an internal error of the service; when it could
 * not reach its source, as a network failure, retried. Its message never shows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBedrockIndex } from '../../../src/providers/bedrock/index';
import { createKendraIndex } from '../../../src/providers/kendra/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { rejection } from '../../reliability/support';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

type Provider = () => Promise<{ accessKeyId: string; secretAccessKey: string }>;

const clients = {
  kendra: (credentials: Provider) =>
    createKendraIndex({
      indexId: '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab',
      region: 'us-east-1',
      endpoint: sim.url,
      credentials,
      retry: { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 2 },
    }),
  bedrock: (credentials: Provider) =>
    createBedrockIndex({
      knowledgeBaseId: 'KB12345678',
      dataSourceId: 'DS12345678',
      region: 'us-east-1',
      endpoint: sim.url,
      credentials,
      retry: { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 2 },
    }),
};

describe.each(Object.keys(clients) as (keyof typeof clients)[])('%s: a credential provider that fails', (name) => {
  it('rejects the call as unauthorized, nothing sent, not retried, its message not shown', async () => {
    let calls = 0;
    const error = await rejection(
      clients[name](async () => {
        calls++;
        throw new Error('vault sealed: token=SECRET-VAULT-TOKEN');
      }).getStatuses(['a', 'b']),
    );
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false, provider: name });
    expect([error.message, JSON.stringify(error)].join('\n')).not.toContain('SECRET-VAULT-TOKEN');
    expect(calls).toBe(1);
    expect(sim.log.count()).toBe(0);
  });

  it('one that could not reach its source (a reset) is a network failure, retried', async () => {
    let calls = 0;
    const batch = await clients[name](async () => {
      if (++calls === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
    }).getStatuses(['a']);
    expect(batch.items.map((item) => item.status)).toEqual(['not_found']);
    expect(calls).toBe(2);
  });
});
