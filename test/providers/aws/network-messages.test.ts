/**
 * What a Kendra or Bedrock call says when no answer came, over the real AWS SDK
 * transport against the loopback simulator: the message names the socket's code as
 * the Azure and NAVER adapters do (README, errors: `network`), a reset the SDK
 * renames `TimeoutError` is not called a timeout, and a real timeout still is.
 */

import { inspect } from 'node:util';
import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { KendraClient } from '@aws-sdk/client-kendra';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentIndexError } from '../../../src/index';
import { createBedrockIndex } from '../../../src/providers/bedrock/index';
import { createKendraIndex } from '../../../src/providers/kendra/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { rejection } from '../../reliability/support';

const INDEX_ID = '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab';
const KB = 'KBADAPTER1';
const DS = 'DSCUSTOM01';
const CREDENTIALS = { accessKeyId: 'AKIDNETWORKTEST', secretAccessKey: 'sekret-NETWORK-DO-NOT-LEAK' };
/** Nothing listens on port 1: the connection is refused. */
const CLOSED_PORT = 'http://127.0.0.1:1';
/** What the SDK's HTTP handler is told for a real timeout, and how long the simulator holds its answer back. */
const TIMEOUTS = {
  socketTimeout: { socketTimeout: 50 },
  requestTimeout: { requestTimeout: 50, throwOnRequestTimeout: true },
} as const;
const HELD_BACK_MS = 300;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  sim.bedrock.putDocument(KB, DS, { customId: 'a', status: 'INDEXED' });
});

type Handler = (typeof TIMEOUTS)[keyof typeof TIMEOUTS];

const providers = [
  {
    provider: 'kendra' as const,
    connection: 'The connection to Amazon Kendra failed',
    timeout: 'The request to Amazon Kendra timed out',
    index: (endpoint: string) =>
      createKendraIndex({
        indexId: INDEX_ID,
        region: 'us-east-1',
        endpoint,
        credentials: CREDENTIALS,
        retry: { maxAttempts: 1 },
      }),
    /** A caller's own client, with the SDK's timeouts set (docindex's factory has no option for them). */
    ownClient: (requestHandler: Handler) =>
      createKendraIndex({
        indexId: INDEX_ID,
        client: new KendraClient(clientConfig(requestHandler)),
        retry: { maxAttempts: 1 },
      }),
  },
  {
    provider: 'bedrock' as const,
    connection: 'The connection to Bedrock failed',
    timeout: 'The request to Bedrock timed out',
    index: (endpoint: string) =>
      createBedrockIndex({
        knowledgeBaseId: KB,
        dataSourceId: DS,
        region: 'us-east-1',
        endpoint,
        credentials: CREDENTIALS,
        retry: { maxAttempts: 1 },
      }),
    ownClient: (requestHandler: Handler) =>
      createBedrockIndex({
        knowledgeBaseId: KB,
        dataSourceId: DS,
        client: new BedrockAgentClient(clientConfig(requestHandler)),
        retry: { maxAttempts: 1 },
      }),
  },
];

function clientConfig(requestHandler: Handler) {
  return { region: 'us-east-1', endpoint: sim.url, credentials: CREDENTIALS, maxAttempts: 1, requestHandler };
}

/** Neither the keys nor the signature in any rendering of the error. */
function expectNoSecrets(error: DocumentIndexError) {
  for (const output of [String(error), JSON.stringify(error), inspect(error, { depth: 5 }), error.stack ?? '']) {
    expect(output).not.toContain(CREDENTIALS.secretAccessKey);
    expect(output).not.toContain(CREDENTIALS.accessKeyId);
    expect(output).not.toContain('AWS4-HMAC-SHA256');
  }
}

describe.each(providers)(
  '$provider: a request that got no answer',
  ({ provider, connection, timeout, index, ownClient }) => {
    it('a dropped connection names ECONNRESET and is not called a timeout', async () => {
      sim.inject({ provider, fault: { type: 'reset' } });
      const error = await rejection(index(sim.url).getStatus('a'));
      // The SDK renames the socket's error `TimeoutError`; its code stays.
      expect(error.cause).toMatchObject({ name: 'TimeoutError', code: 'ECONNRESET' });
      expect(error).toMatchObject({ code: 'network', provider, retryable: true, httpStatus: undefined });
      expect(error.message).toBe(`${connection} (ECONNRESET)`);
      expect(error.message).not.toMatch(/timed out/i);
      expectNoSecrets(error);
    });

    it('a refused connection names ECONNREFUSED', async () => {
      const error = await rejection(index(CLOSED_PORT).getStatus('a'));
      expect(error).toMatchObject({ code: 'network', provider, retryable: true });
      expect(error.message).toBe(`${connection} (ECONNREFUSED)`);
      expectNoSecrets(error);
    });

    it("the SDK's request timeout says it timed out and names ETIMEDOUT", async () => {
      sim.inject({ provider, fault: { type: 'latency', ms: HELD_BACK_MS } });
      const error = await rejection(ownClient(TIMEOUTS.requestTimeout).getStatus('a'));
      expect(error.cause).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
      expect(error).toMatchObject({ code: 'network', provider, retryable: true });
      expect(error.message).toBe(`${timeout} (ETIMEDOUT)`);
      expectNoSecrets(error);
    });

    it("the SDK's socket timeout, which carries no code, says it timed out", async () => {
      sim.inject({ provider, fault: { type: 'latency', ms: HELD_BACK_MS } });
      const error = await rejection(ownClient(TIMEOUTS.socketTimeout).getStatus('a'));
      expect(error.cause).toMatchObject({ name: 'TimeoutError' });
      expect((error.cause as { code?: unknown }).code).toBeUndefined();
      expect(error).toMatchObject({ code: 'network', provider, retryable: true });
      expect(error.message).toBe(timeout);
      expectNoSecrets(error);
    });
  },
);

describe.each(providers)('$provider: an HTTP 404 that carries no AWS error', ({ provider, index }) => {
  it('names no provider code (the SDK calls it Unknown) and asks whether the endpoint is right', async () => {
    // An endpoint with a path: the simulator answers 404 there, with no AWS error in it.
    const error = await rejection(index(`${sim.url}/prefix`).getStatuses(['a']));
    expect(error.cause).toMatchObject({ name: 'Unknown' });
    expect(error).toMatchObject({ code: 'not_found', provider, httpStatus: 404, providerCode: undefined });
    expect(error.message).not.toContain('Unknown');
    expect(error.message).toMatch(/; no AWS error came with it: is the endpoint right\?$/);
  });
});
