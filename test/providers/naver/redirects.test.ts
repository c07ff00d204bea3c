/**
 * NAVER answers that redirect: never followed. A 303 would turn a DELETE into a
 * GET whose 200 read as a delete done; a redirect to another host would be
 * answered by whatever listens there. Over the real transport (ky, fetch), two
 * loopback servers: the gateway that redirects, and where it points.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNaverRagIndex } from '../../../src/providers/naver/index';

const OK = JSON.stringify({ status: { code: 200, message: 'OK' }, data: { docId: 'd1', status: 'DONE' } });

let gateway: Server;
let elsewhere: Server;
let gatewayUrl = '';
let elsewhereUrl = '';
let redirectStatus = 302;
const reached: string[] = [];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

beforeAll(async () => {
  elsewhere = createServer((request, response) => {
    reached.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'application/json' }).end(OK);
  });
  elsewhereUrl = await listen(elsewhere);
  gateway = createServer((request, response) => {
    response.writeHead(redirectStatus, { location: `${elsewhereUrl}${request.url}` }).end();
  });
  gatewayUrl = await listen(gateway);
});
afterAll(() => {
  gateway.close();
  elsewhere.close();
});
beforeEach(() => {
  reached.length = 0;
});

const client = () =>
  createNaverRagIndex({ serviceId: 'svc', apiKey: 'naver-key', baseUrl: gatewayUrl, retry: { maxAttempts: 1 } });

describe('a NAVER answer that redirects', () => {
  it.each([301, 302, 303, 307, 308])(
    'HTTP %i: a status read is invalid_response, and the redirect is not followed',
    async (status) => {
      redirectStatus = status;
      await expect(client().getStatus('d1')).rejects.toMatchObject({
        code: 'invalid_response',
        httpStatus: status,
        message: expect.stringContaining('a redirect (not followed): is the base URL right?'),
      });
      expect(reached).toEqual([]);
    },
  );

  it('a DELETE answered 303 is no delete done: the document lands in errors, nothing reached', async () => {
    redirectStatus = 303;
    const batch = await client().deleteDocuments(['d1']);
    expect(batch.items).toEqual([]);
    expect(batch.errors.map(({ error }) => error.code)).toEqual(['invalid_response']);
    expect(reached).toEqual([]);
  });
});
