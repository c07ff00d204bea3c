/**
 * A credential provider function the caller passes as `credentials`: when it
 * fails, the call reads as a credentials failure (`unauthorized`, rejecting the
 * whole call, nothing sent), not as an internal error of the service; when it could
 * not reach its source, as a network failure, retried. Its message never shows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { rejection } from '../../reliability/support';
import { awsClients } from './clients';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

type Provider = () => Promise<{ accessKeyId: string; secretAccessKey: string }>;

const RETRY = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 2 };
const clients = {
  kendra: (credentials: Provider) => awsClients.kendra(sim.url, credentials, RETRY),
  bedrock: (credentials: Provider) => awsClients.bedrock(sim.url, credentials, RETRY),
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
    expect(error.message).toMatch(/: the `credentials` provider given failed \(its error is the cause\)$/);
    expect(calls).toBe(1);
    expect(sim.log.count()).toBe(0);
  });

  // The SDK's own providers (fromIni, fromSSO) fail with the name its default chain uses: passing `credentials` is no advice then.
  it('named as the SDK names a chain that found nothing, still says the provider given failed', async () => {
    const error = await rejection(
      clients[name](async () => {
        throw Object.assign(new Error('Could not resolve credentials using profile: [prod]'), {
          name: 'CredentialsProviderError',
        });
      }).getStatuses(['a']),
    );
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false });
    expect(error.message).toMatch(/: the `credentials` provider given failed \(its error is the cause\)$/);
    expect(error.message).not.toContain('AWS_PROFILE');
  });

  it.each([
    ['itself', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    [
      'in its cause',
      () =>
        new Error('vault unreachable', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }),
    ],
  ])('one that could not reach its source (a reset, %s) is a network failure, retried', async (_, reset) => {
    let calls = 0;
    const batch = await clients[name](async () => {
      if (++calls === 1) throw reset();
      return { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
    }).getStatuses(['a']);
    expect(batch.items.map((item) => item.status)).toEqual(['not_found']);
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it("keeps the provider's own flags: one marked memoized is left to its own cache, called per request", async () => {
    let calls = 0;
    const provider = Object.assign(
      async () => {
        calls++;
        return { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
      },
      { memoized: true },
    );
    const client = clients[name](provider);
    await client.getStatuses(['a']);
    await client.getStatuses(['b']);
    // Without the flag the SDK caches credentials that never expire, and asks once.
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});

describe.each(Object.keys(clients) as (keyof typeof clients)[])('%s with no credentials anywhere', (name) => {
  it('rejects as unauthorized with nothing sent, saying what to set', async () => {
    const error = await rejection(awsClients[name](sim.url, undefined, RETRY).getStatuses(['a']));
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false, provider: name });
    expect(error.message).toMatch(
      /^No AWS credentials could be loaded for Amazon (Kendra|Bedrock): pass `credentials`/,
    );
    expect(error.message).toContain('AWS_PROFILE');
    expect(sim.log.count()).toBe(0);
  });
});
