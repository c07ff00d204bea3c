/**
 * A loopback HTTP server that answers with canned responses, so that an official
 * example body reaches the real client through its real transport (the AWS SDK's
 * node handler, core-rest-pipeline, ky over fetch), not through a function call.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** What the stub saw of one request. */
export interface StubRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** One canned answer: a status, headers, and a body (a string is sent as is, anything else as JSON). */
export interface StubReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Decides the answer to a request; undefined answers 599 so that a test sees what it forgot. */
export type StubHandler = (request: StubRequest) => StubReply | undefined;

export interface Stub {
  url: string;
  requests: StubRequest[];
  /** Answers every request from now on. */
  answer(handler: StubHandler | StubReply): void;
  close(): Promise<void>;
}

export async function startStub(): Promise<Stub> {
  let handler: StubHandler = () => undefined;
  const requests: StubRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const part of req) chunks.push(part as Buffer);
    const request: StubRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(request);
    const reply = handler(request) ?? { status: 599, body: 'no canned answer for this request' };
    const text =
      reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const headers: Record<string, string> = {
      'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json',
      ...reply.headers,
      'content-length': String(Buffer.byteLength(text)),
    };
    res.writeHead(reply.status, headers);
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      handler = typeof next === 'function' ? next : () => next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One stub per test file, its requests and handler cleared before each test. */
export function stubPerFile(): { readonly current: Stub } {
  const holder = {} as { current: Stub };
  beforeAll(async () => {
    holder.current = await startStub();
  });
  afterAll(() => holder.current.close());
  beforeEach(() => {
    holder.current.requests.length = 0;
    holder.current.answer(() => undefined);
  });
  return holder;
}
