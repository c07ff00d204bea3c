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
import { rejection } from '../../reliability/support';
import { awsClients } from './clients';

/** How far the server's clock is ahead of ours; 0 makes it a plain bad signature, not a skew. */
let skewMs = 0;
/**
 * How the server refuses a request signed too far from its own time. `RequestExpired` (HTTP 400, "more than 15
 * minutes after the date stamp") is AWS's own common error for it (Common Errors of every AWS API reference);
 * `InvalidSignatureException` (HTTP 403, "Signature expired", a 5-minute window) is how the JSON services word it,
 * and both are among the AWS SDK's clock-skew error codes (`CLOCK_SKEW_ERROR_CODES` in @smithy/core's retry).
 */
let refusal = { name: 'RequestExpired', status: 400, windowMs: 15 * 60_000 };
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
      const accepted = skewMs !== 0 && Math.abs(serverNow - signedAt) < refusal.windowMs;
      seen.push(accepted ? 'accepted' : 'refused');
      const kendra = String(request.headers['x-amz-target'] ?? '').startsWith('AWSKendra');
      const headers = {
        'content-type': kendra ? 'application/x-amz-json-1.1' : 'application/json',
        'x-amzn-requestid': 'request-1',
        date: new Date(serverNow).toUTCString(),
      };
      if (!accepted) {
        response.writeHead(refusal.status, { ...headers, 'x-amzn-errortype': refusal.name });
        response.end(JSON.stringify({ __type: refusal.name, message: 'Signature expired' }));
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
  kendra: () => awsClients.kendra(endpoint, credentials, RETRY),
  bedrock: () => awsClients.bedrock(endpoint, credentials, RETRY),
};

const REFUSALS = [
  { name: 'RequestExpired', status: 400, windowMs: 15 * 60_000 },
  { name: 'InvalidSignatureException', status: 403, windowMs: 5 * 60_000 },
];

describe.each(
  (Object.keys(clients) as (keyof typeof clients)[]).flatMap((name) =>
    REFUSALS.map((given) => [name, given.name, given] as const),
  ),
)('%s on a machine whose clock is off, refused with %s', (name, _, given) => {
  beforeEach(() => {
    refusal = given;
  });

  it('sends the request again once the SDK has corrected its clock, and the first call succeeds', async () => {
    skewMs = 60 * 60_000;
    const status = await clients[name]().getStatus('doc-1');
    expect(status).toMatchObject({ id: 'doc-1', status: 'succeeded' });
    expect(seen).toEqual(['refused', 'accepted']);
  });

  it('does not repeat a signature refused for another reason (no clock to correct)', async () => {
    skewMs = 0;
    const error = await rejection(clients[name]().getStatus('doc-1'));
    expect(error).toMatchObject({
      code: 'unauthorized',
      retryable: false,
      providerCode: given.name,
      httpStatus: given.status,
    });
    expect(seen).toEqual(['refused']);
  });
});
