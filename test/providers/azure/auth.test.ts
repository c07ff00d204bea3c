import { AzureKeyCredential, type TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { azureClient, docId, KEY, rejection, seedDocs } from './fixtures';
import { recordingCredential } from './support';

let sim: RunningSimulator;
let foreign: RunningSimulator;

beforeAll(async () => {
  [sim, foreign] = await Promise.all([startSimulator(), startSimulator()]);
});
afterAll(async () => {
  await Promise.all([sim.close(), foreign.close()]);
});
beforeEach(() => {
  sim.reset();
  foreign.reset();
});

const headersOf = (s: RunningSimulator) => s.log.entries.map((entry) => entry.headers);

describe('Microsoft Entra token credential', () => {
  it('sends Authorization: Bearer for the Cognitive Services scope, over http to the loopback simulator', async () => {
    seedDocs(sim, 1);
    const { credential, calls } = recordingCredential();
    const item = await azureClient(sim, { credential }).getStatus(docId(1));
    expect(item.status).toBe('succeeded');
    expect(calls).toEqual([{ scopes: 'https://cognitiveservices.azure.com/.default' }]);
    expect(headersOf(sim)[0]?.authorization).toBe('Bearer entra-token-1');
    expect(headersOf(sim)[0]?.['ocp-apim-subscription-key']).toBeUndefined();
  });

  it('reuses a token until shortly before it expires, sharing one refresh among concurrent requests', async () => {
    seedDocs(sim, 30);
    const fresh = recordingCredential();
    const client = azureClient(sim, { credential: fresh.credential });
    await client.getStatuses(
      Array.from({ length: 30 }, (_, i) => docId(i + 1)),
      { concurrency: 3 },
    );
    await client.getStatus(docId(1));
    expect(fresh.calls).toHaveLength(1);
    expect(new Set(headersOf(sim).map((h) => h.authorization))).toEqual(new Set(['Bearer entra-token-1']));

    const expiring = recordingCredential({ lifetimeMs: 60_000 });
    const client2 = azureClient(sim, { credential: expiring.credential });
    await client2.getStatus(docId(1));
    await client2.getStatus(docId(2));
    expect(expiring.calls).toHaveLength(2);
  });

  it('rejects with unauthorized, without sending, when the credential cannot get a token', async () => {
    const credential: TokenCredential = {
      getToken: async () => {
        throw new Error('AADSTS700016: application not found');
      },
    };
    const error = await rejection(azureClient(sim, { credential }).getStatuses([docId(1)]));
    expect(error.code).toBe('unauthorized');
    expect(sim.log.entries).toHaveLength(0);
  });

  it('retries when the token endpoint was out of reach (a reset, wrapped or not), as a network failure', async () => {
    seedDocs(sim, 1);
    let calls = 0;
    const credential: TokenCredential = {
      getToken: async () => {
        calls++;
        const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        if (calls === 1) throw reset;
        if (calls === 2) throw new Error('ManagedIdentityCredential: request failed', { cause: reset });
        return { token: 'entra-token', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const retries: string[] = [];
    const client = azureClient(sim, { credential, hooks: { onRetry: (event) => retries.push(event.error.message) } });
    expect((await client.getStatus(docId(1))).status).toBe('succeeded');
    expect(calls).toBe(3);
    expect(retries).toEqual([
      'Could not get a Microsoft Entra token for Azure (ECONNRESET)',
      'Could not get a Microsoft Entra token for Azure (ECONNRESET)',
    ]);
    expect(sim.log.entries).toHaveLength(1);
  });

  it('maps a rejected token (HTTP 401) to unauthorized without retrying', async () => {
    seedDocs(sim, 1);
    sim.azure.configure({ bearerToken: 'the-right-token' });
    const { credential } = recordingCredential();
    const error = await rejection(azureClient(sim, { credential }).getStatuses([docId(1)]));
    expect(error).toMatchObject({ code: 'unauthorized', httpStatus: 401, providerCode: 'Unauthorized' });
    expect(sim.log.entries).toHaveLength(1);
  });

  it('never sends the token to a next link on another origin', async () => {
    seedDocs(sim, 3);
    sim.azure.configure({ foreignNextLinkOrigin: foreign.url });
    const { credential } = recordingCredential();
    const pages = azureClient(sim, { credential }).listStatuses().byPage({ maxPageSize: 1 });
    await pages.next();
    expect((await rejection(pages.next())).code).toBe('invalid_response');
    expect(foreign.log.entries).toHaveLength(0);
  });
});

describe('subscription keys', () => {
  it('sends a key string as Ocp-Apim-Subscription-Key, and the region option as Ocp-Apim-Subscription-Region', async () => {
    seedDocs(sim, 1);
    sim.azure.configure({ subscriptionKey: KEY });
    await azureClient(sim, { region: 'westeurope' }).getStatus(docId(1));
    expect(headersOf(sim)[0]).toMatchObject({
      'ocp-apim-subscription-key': KEY,
      'ocp-apim-subscription-region': 'westeurope',
    });
    expect(headersOf(sim)[0]?.authorization).toBeUndefined();
  });

  it('accepts { key, region } and reads an AzureKeyCredential on every request (key rotation)', async () => {
    seedDocs(sim, 1);
    await azureClient(sim, { credential: { key: 'object-key', region: 'eastus' } }).getStatus(docId(1));
    expect(headersOf(sim)[0]).toMatchObject({
      'ocp-apim-subscription-key': 'object-key',
      'ocp-apim-subscription-region': 'eastus',
    });

    const rotating = new AzureKeyCredential('first-key');
    const client = azureClient(sim, { credential: rotating });
    await client.getStatus(docId(1));
    rotating.update('second-key');
    await client.getStatus(docId(1));
    expect(
      headersOf(sim)
        .slice(1)
        .map((h) => h['ocp-apim-subscription-key']),
    ).toEqual(['first-key', 'second-key']);
  });

  it('maps a wrong key to unauthorized, and no error text carries the key', async () => {
    seedDocs(sim, 1);
    sim.azure.configure({ subscriptionKey: 'the-real-key' });
    const client = azureClient(sim);
    const calls = [
      () => client.getStatus(docId(1)),
      () => client.getStatuses([docId(1)]),
      () => client.getTranslation(),
    ];
    for (const call of calls) {
      const error = await rejection(call());
      expect(error.code).toBe('unauthorized');
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(`${error.message} ${JSON.stringify(error)} ${error.stack}`).not.toContain(KEY);
    }
  });
});

describe('the credential is gone from what a failed request leaves behind', () => {
  // A dropped connection rejects with core-rest-pipeline's RestError, whose `request`
  // is the request as sent: a logger that serializes `error.cause` would print it.
  it.each([
    ['a subscription key', () => ({}), KEY],
    ['an Entra token', () => ({ credential: recordingCredential().credential }), 'entra-token-1'],
  ])('%s: not in error.cause.request, nor anywhere in the cause as JSON or inspected', async (_, options, secret) => {
    seedDocs(sim, 1);
    sim.inject({ provider: 'azure', fault: { type: 'reset' }, times: Number.POSITIVE_INFINITY });
    const error = await rejection(azureClient(sim, { ...options(), retry: { maxAttempts: 1 } }).getStatus(docId(1)));
    expect(error.code).toBe('network');
    const cause = error.cause as { request?: { headers?: { toJSON(): Record<string, string> } } };
    expect(cause.request?.headers).toBeDefined();
    const { inspect } = await import('node:util');
    for (const text of [
      JSON.stringify(cause.request?.headers?.toJSON()),
      JSON.stringify(cause.request),
      inspect(cause, { depth: null, showHidden: true }),
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
