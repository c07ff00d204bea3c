/**
 * A machine whose clock is more than five minutes off: AWS refuses the signature
 * (`InvalidSignatureException`, "Signature expired") and sends its own time in
 * `Date`. The AWS SDK corrects its clock offset from that answer and marks the
 * error `$metadata.clockSkewCorrected`; its own retry strategy sends the request
 * again. docindex is the only retry layer, so it must do the same, or the first
 * call of every client on such a machine fails.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBedrockIndex } from '../../../src/providers/bedrock/index';
import { createKendraIndex } from '../../../src/providers/kendra/index';
import { rejection } from '../../reliability/support';

/** How far the server's clock is ahead of ours; 0 makes it a plain bad signature, not a skew. */
let skewMs = 0;
const seen: string[] = [];
let server: Server;
let endpoint: string;

/** `x-amz-date` (`20261208T010203Z`) as an instant. */
const amzDate = (value: string) =>
  Date.UTC(
    +value.slice(0, 4),
    +value.slice(4, 6) - 1,
    +value.slice(6, 8),
    +value.slice(9, 11),
    +value.slice(11, 13),
    +value.slice(13, 15),
  );

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const serverNow = Date.now() + skewMs;
      const signedAt = amzDate(String(request.headers['x-amz-date']));
      // A skew of 0 stands for a signature that is wrong for another reason: refused all the same.
      const accepted = skewMs !== 0 && Math.abs(serverNow - signedAt) < 5 * 60_000;
      seen.push(accepted ? 'accepted' : 'refused');
      const kendra = String(request.headers['x-amz-target'] ?? '').startsWith('AWSKendra');
      const headers = {
        'content-type': kendra ? 'application/x-amz-json-1.1' : 'application/json',
        'x-amzn-requestid': 'request-1',
        date: new Date(serverNow).toUTCString(),
      };
      if (!accepted) {
        response.writeHead(403, { ...headers, 'x-amzn-errortype': 'InvalidSignatureException' });
        response.end(JSON.stringify({ __type: 'InvalidSignatureException', message: 'Signature expired' }));
        return;
      }
      response.writeHead(200, headers);
      response.end(
        JSON.stringify(
          kendra
            ? { DocumentStatusList: [{ DocumentId: 'doc-1', DocumentStatus: 'INDEXED' }], Errors: [] }
            : {
                documentDetails: [
                  {
                    knowledgeBaseId: 'KB12345678',
                    dataSourceId: 'DS12345678',
                    status: 'INDEXED',
                    identifier: { dataSourceType: 'CUSTOM', custom: { id: 'doc-1' } },
                  },
                ],
              },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
});

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const RETRY = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 2 };
const clients = {
  kendra: () =>
    createKendraIndex({
      indexId: '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab',
      region: 'us-east-1',
      endpoint,
      credentials,
      retry: RETRY,
    }),
  bedrock: () =>
    createBedrockIndex({
      knowledgeBaseId: 'KB12345678',
      dataSourceId: 'DS12345678',
      region: 'us-east-1',
      endpoint,
      credentials,
      retry: RETRY,
    }),
};

describe.each(Object.keys(clients) as (keyof typeof clients)[])('%s on a machine whose clock is off', (name) => {
  it('sends the request again once the SDK has corrected its clock, and the first call succeeds', async () => {
    skewMs = 60 * 60_000;
    const status = await clients[name]().getStatus('doc-1');
    expect(status).toMatchObject({ id: 'doc-1', status: 'succeeded' });
    expect(seen).toEqual(['refused', 'accepted']);
  });

  it('does not repeat a signature refused for another reason (no clock to correct)', async () => {
    skewMs = 0;
    const error = await rejection(clients[name]().getStatus('doc-1'));
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false, providerCode: 'InvalidSignatureException' });
    expect(seen).toEqual(['refused']);
  });
});
