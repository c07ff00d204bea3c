/**
 * A credential holding a character no HTTP header can carry: Node refuses to send
 * the header. That is our `validation` error naming the header (never its value),
 * which rejects the whole call with nothing sent, rather than an `internal` error
 * blaming the provider in every document's place. Over the real transports.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAzureTranslationIndex } from '../../../src/providers/azure/index';
import { createNaverRagIndex } from '../../../src/providers/naver/index';
import { refusedHeaderName } from '../../../src/providers/shared/headers';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { rejection } from '../../reliability/support';
import { awsClients } from '../aws/clients';

const TOKEN = 'session-tok€n-SECRET';
const TRANSLATION = '9dce0aa9-78dc-41ba-8cae-2e2f3c2ff8ec';
const DOC = '00000000-0000-4000-8000-000000000001';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-SECRET', sessionToken: TOKEN };

/** The error's every rendering, for the check that no secret is in any. */
const renderings = (error: Error) => [error.message, JSON.stringify(error), String(error)].join('\n');

describe('a session token Node will not send', () => {
  it.each([
    [
      'kendra',
      () => awsClients.kendra(sim.url, credentials),
      'The request to Amazon Kendra was not sent: the x-amz-security-token header holds a character no HTTP header can carry',
    ],
    [
      'bedrock',
      () => awsClients.bedrock(sim.url, credentials),
      'The request to Bedrock was not sent: the x-amz-security-token header holds a character no HTTP header can carry',
    ],
  ] as const)('%s: getStatuses rejects with validation at once, nothing sent, no retry', async (_, client, message) => {
    const error = await rejection(client().getStatuses(['a', 'b', 'c']));
    expect(error).toMatchObject({ code: 'validation', retryable: false });
    expect(error.message).toContain(message);
    expect(renderings(error)).not.toContain('tok€n');
    expect(sim.log.count()).toBe(0);
  });
});

describe('Azure', () => {
  it("a token credential's token Node will not send: validation, naming Authorization, nothing sent", async () => {
    sim.azure.putTranslation(TRANSLATION);
    const client = createAzureTranslationIndex({
      endpoint: sim.url,
      translationId: TRANSLATION,
      credential: { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) },
    });
    const error = await rejection(client.getStatuses([DOC]));
    expect(error).toMatchObject({ code: 'validation', retryable: false });
    expect(error.message).toBe(
      'The request to Azure was not sent: the Authorization header holds a character no HTTP header can carry (check the credentials)',
    );
    expect(renderings(error)).not.toContain('tok€n');
    expect(sim.log.count()).toBe(0);
  });

  it.each([
    ['a newline (it was sent with the newline dropped: another key)', 'key\nabc'],
    ['a character beyond ASCII', 'key€'],
    ['a space', 'key abc'],
  ])('a subscription key with %s is refused by the factory', (_, key) => {
    for (const credential of [key, { key }]) {
      expect(() => createAzureTranslationIndex({ endpoint: sim.url, translationId: TRANSLATION, credential })).toThrow(
        expect.objectContaining({ code: 'validation', message: expect.stringContaining('printable ASCII') }),
      );
    }
  });

  it('NAVER refuses such an API key the same way (one rule for both)', () => {
    expect(() => createNaverRagIndex({ serviceId: 'svc', apiKey: 'key\nabc', baseUrl: sim.url })).toThrow(
      expect.objectContaining({ code: 'validation', message: expect.stringContaining('printable ASCII') }),
    );
  });
});

describe('refusedHeaderName', () => {
  it("reads the header's name from Node's error, through causes, and nothing from other errors", () => {
    const node = Object.assign(new TypeError('Invalid character in header content ["x-amz-security-token"]'), {
      code: 'ERR_INVALID_CHAR',
    });
    expect(refusedHeaderName(node)).toBe('x-amz-security-token');
    expect(refusedHeaderName(new Error('wrapped', { cause: node }))).toBe('x-amz-security-token');
    // A name that is no HTTP token is not echoed.
    const odd = Object.assign(new TypeError('Header name must be a valid HTTP token ["x y"]'), {
      code: 'ERR_INVALID_HTTP_TOKEN',
    });
    expect(refusedHeaderName(odd)).toBe('');
    expect(refusedHeaderName(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(refusedHeaderName(new TypeError('Invalid character in header content ["x"]'))).toBeUndefined();
  });
});
