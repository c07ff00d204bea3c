import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESET, Simulator } from './simulator';

/** Where {@link startSimulator} listens. */
export interface StartSimulatorOptions {
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /**
   * Interface to bind (default `127.0.0.1`: loopback only). Bound to every interface
   * (`0.0.0.0`, `::`), `url` still names loopback; other machines (a container) reach it
   * by this machine's name, over plain http, which an Azure or NAVER client accepts only
   * with `allowInsecureConnection: true`.
   */
  host?: string;
}

/** A simulator listening on loopback; point a client's `endpoint`/`baseUrl` at `url`. */
export class RunningSimulator extends Simulator {
  url = '';
  /** @internal */
  closeServer: () => Promise<void> = async () => {};

  /** Stops listening and drops open connections. */
  close(): Promise<void> {
    return this.closeServer();
  }
}

/**
 * Starts one loopback HTTP server that speaks all four providers' wire protocols,
 * like a local cloud emulator. Resolves once it is listening.
 */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const simulator = new RunningSimulator();
  const server = createServer((req, res) => {
    serve(simulator, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`simulator error: ${error instanceof Error ? error.message : String(error)}`);
      } else res.destroy();
    });
  });
  // Node's default (5 s). Clients treat the advertised `Keep-Alive: timeout` minus a
  // safety margin of 1-2 s as the reuse window, so 1 s made every request open a new
  // TCP connection. `close()` drops idle connections, so nothing lingers.
  server.keepAliveTimeout = 5000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Bound to every interface, it is still reached here through loopback: the address clients
  // accept over plain http without `allowInsecureConnection` (0.0.0.0 and :: are no hosts to send to).
  const reachAt = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  simulator.url = `http://${reachAt.includes(':') ? `[${reachAt}]` : reachAt}:${port}`;
  simulator.closeServer = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  return simulator;
}

async function serve(simulator: Simulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const part of req) chunks.push(part as Buffer);
  const body = Buffer.concat(chunks);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = `http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`;
  // The client went away before the answer was sent: whatever the simulator is
  // holding back (a latency fault) stops. Aborting on every close, answered or
  // not, cost an AbortError per request.
  const aborted = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) aborted.abort();
  });
  const reply = await simulator.handle(
    new Request(url, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' || body.length === 0 ? undefined : body,
    }),
    aborted.signal,
  );
  if (reply === RESET) {
    req.socket.destroy();
    return;
  }
  if (reply === undefined) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: `No simulated provider serves ${req.method} ${req.url}` }));
    return;
  }
  const responseHeaders: Record<string, string> = {};
  reply.headers.forEach((value, name) => {
    responseHeaders[name] = value;
  });
  const payload = Buffer.from(await reply.arrayBuffer());
  if (!('content-length' in responseHeaders) && !reply.headers.has('transfer-encoding')) {
    responseHeaders['content-length'] = String(payload.length);
  }
  res.writeHead(reply.status, responseHeaders);
  res.end(payload);
}
