/**
 * Transports that answer from memory: each records its first answer from the
 * loopback simulator and replays it on every later request, with no I/O. Figure
 * 1b puts them under both arms of a status call so that the difference is
 * docindex's own work; `bench/profile-calls.ts` uses them to profile that work.
 */
import {
  createDefaultHttpClient,
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';
import type { AwsRequestHandler, Transports } from './status-calls';

/** The parts of the AWS SDK's HttpRequest a replaying handler reads. */
interface AwsHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Asks the simulator with fetch: the first call of every replaying transport. */
async function record(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Recorded> {
  const sent = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !['host', 'content-length'].includes(name.toLowerCase())),
  );
  const response = await fetch(url, { method, headers: sent, body });
  if (!response.ok) throw new Error(`recording ${method} ${url} failed: HTTP ${response.status}`);
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: new Uint8Array(await response.arrayBuffer()),
  };
}

/** An AWS SDK `requestHandler` that records the first answer and replays it, with no I/O. */
export function replayingAwsHandler(): AwsRequestHandler {
  let recorded: Recorded | undefined;
  return {
    async handle(request: AwsHttpRequest) {
      if (!recorded) {
        const url = new URL(`${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`);
        url.pathname = request.path;
        for (const [name, value] of Object.entries(request.query ?? {})) {
          for (const item of value === null ? [] : [value].flat()) url.searchParams.append(name, item);
        }
        recorded = await record(url.href, request.method, request.headers, request.body as string | undefined);
      }
      // A fresh copy each time: the SDK adopts the body array it is given.
      return {
        response: { statusCode: recorded.status, headers: { ...recorded.headers }, body: recorded.body.slice() },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  };
}

/** A core-rest-pipeline HttpClient that records the first answer and replays it. */
export function replayingAzureClient(): HttpClient {
  const real = createDefaultHttpClient();
  let recorded: { status: number; headers: Record<string, string>; text: string } | undefined;
  return {
    async sendRequest(request: PipelineRequest) {
      if (!recorded) {
        const response = await real.sendRequest(request);
        recorded = { status: response.status, headers: response.headers.toJSON(), text: response.bodyAsText ?? '' };
      }
      return {
        request,
        status: recorded.status,
        headers: createHttpHeaders(recorded.headers),
        bodyAsText: recorded.text,
      };
    },
  };
}

/** A fetch that records the first answer and replays it as a new Response. */
export function replayingFetch(): typeof fetch {
  let recorded: Recorded | undefined;
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!recorded) {
      const request = new Request(input, init);
      recorded = await record(request.url, request.method, Object.fromEntries(request.headers));
    }
    return new Response(recorded.body.slice(), { status: recorded.status, headers: recorded.headers });
  }) as typeof fetch;
}

/** One replaying transport per client, as `statusCalls` takes them. */
export const REPLAYING_TRANSPORTS: Transports = {
  aws: replayingAwsHandler,
  azure: replayingAzureClient,
  naver: replayingFetch,
};
