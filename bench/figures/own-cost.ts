/**
 * Figure 1b: docindex's own CPU per status call, with the network taken out.
 * Each client's transport answers from memory with a response it recorded once
 * from the loopback simulator, so both arms run the same SDK / pipeline / ky code
 * on the same bytes, and the difference is docindex's own work alone.
 *
 *   tsx bench/figures/own-cost.ts     BENCH_OWN_ROUNDS (20), BENCH_OWN_CALLS (1000), BENCH_OWN_WARMUP (5)
 */
import {
  createDefaultHttpClient,
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';
import { type RunningSimulator, startSimulator } from 'docindex/testing';
import { type Arm, interleaved } from '../lib/ab';
import { envInt, type FigureResult, runFigureMain } from '../lib/figure';
import { ratio, us } from '../lib/stats';
import { type AwsRequestHandler, seedStatusDocuments, statusCalls } from '../lib/status-calls';

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
function replayingAwsHandler(): AwsRequestHandler {
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
function replayingAzureClient(): HttpClient {
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
function replayingFetch(): typeof fetch {
  let recorded: Recorded | undefined;
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!recorded) {
      const request = new Request(input, init);
      recorded = await record(request.url, request.method, Object.fromEntries(request.headers));
    }
    return new Response(recorded.body.slice(), { status: recorded.status, headers: recorded.headers });
  }) as typeof fetch;
}

interface Pair {
  provider: string;
  what: string;
  raw: Arm;
  docindex: Arm;
}

/** Each call of `statusCalls` over replaying transports, one per client. */
function pairs(sim: RunningSimulator): Pair[] {
  const transports = { aws: replayingAwsHandler, azure: replayingAzureClient, naver: replayingFetch };
  return statusCalls(sim.url, transports).map((call) => ({
    provider: call.provider,
    what: call.what,
    raw: { name: 'raw', call: () => call.raw() },
    docindex: { name: 'docindex', call: () => call.docindex() },
  }));
}

export async function run(): Promise<FigureResult> {
  const started = performance.now();
  const rounds = envInt('BENCH_OWN_ROUNDS', 20);
  const callsPerRound = envInt('BENCH_OWN_CALLS', 1000);
  const warmupRounds = envInt('BENCH_OWN_WARMUP', 5);
  const sim = await startSimulator();
  seedStatusDocuments(sim);
  const rows: string[][] = [];
  try {
    const all = pairs(sim);
    // Every transport records its answer now, while the simulator's connections are
    // fresh: recorded later, after a minute of rounds without I/O, a pooled socket
    // the server has since closed could fail the recording.
    for (const pair of all) {
      await pair.raw.call();
      await pair.docindex.call();
    }
    for (const pair of all) {
      const result = await interleaved(pair.raw, pair.docindex, { rounds, callsPerRound, warmupRounds });
      const ownUs = (result.candidate.cpuPerCallMs - result.baseline.cpuPerCallMs) * 1000;
      rows.push([
        pair.provider,
        pair.what,
        us(result.baseline.cpuPerCallMs),
        us(result.candidate.cpuPerCallMs),
        `${ownUs >= 0 ? '+' : ''}${ownUs.toFixed(1)} µs`,
        `${ratio(result.cpuRatioIqr[0])} – ${ratio(result.cpuRatioIqr[1])}`,
      ]);
    }
  } finally {
    await sim.close();
  }
  return {
    id: 'own-cost',
    title: "Figure 1b: docindex's own CPU per status call, network taken out",
    method: [
      "The same calls as Figure 1, but each client's transport (the AWS SDK's `requestHandler`, Azure's `httpClient`,",
      "NAVER's `fetch`) answers from memory with the response it recorded once from the simulator: no socket, no server.",
      'Both arms then run the same SDK / pipeline / ky code on the same bytes, so the difference is what docindex itself',
      'does per call (validating and de-duplicating refs, chunking, the retry wrapper, checking the body, mapping statuses,',
      'merging). No target: this is the part of Figure 1 that docindex controls, measured without the network and the',
      'simulator, though GC and JIT still scatter it by tens of µs between runs. Interleaved rounds as in Figure 1.',
    ].join(' '),
    parameters: { BENCH_OWN_ROUNDS: rounds, BENCH_OWN_CALLS: callsPerRound, BENCH_OWN_WARMUP: warmupRounds },
    tables: [
      {
        columns: [
          'provider',
          'calls compared',
          'raw CPU / call',
          'docindex CPU / call',
          "docindex's own work / call",
          'CPU ratio IQR',
        ],
        rows,
      },
    ],
    targets: [],
    notes: [],
    elapsedMs: performance.now() - started,
  };
}

await runFigureMain(import.meta.url, run);
