/**
 * Figure 1b: docindex's own CPU per status call, with the network taken out.
 * Each client's transport answers from memory with a response it recorded once
 * from the loopback simulator, so both arms run the same SDK / pipeline / ky code
 * on the same bytes, and the difference is docindex's own work alone.
 *
 *   tsx bench/figures/own-cost.ts     BENCH_OWN_ROUNDS (20), BENCH_OWN_CALLS (1000), BENCH_OWN_WARMUP (5)
 */
import { BedrockAgentClient, GetKnowledgeBaseDocumentsCommand } from '@aws-sdk/client-bedrock-agent';
import { BatchGetDocumentStatusCommand, KendraClient } from '@aws-sdk/client-kendra';
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';
import { createAzureTranslationIndex } from 'docindex/azure';
import { createBedrockIndex } from 'docindex/bedrock';
import { createKendraIndex } from 'docindex/kendra';
import { createNaverRagIndex } from 'docindex/naver';
import { type RunningSimulator, startSimulator } from 'docindex/testing';
import ky from 'ky';
import { type Arm, interleaved } from '../lib/ab';
import { envInt, type FigureResult, runFigureMain } from '../lib/figure';
import { ratio, us } from '../lib/stats';
import {
  AWS_CREDENTIALS,
  AWS_REGION,
  AZURE_KEY,
  AZURE_TRANSLATION_ID,
  azureDocId,
  BEDROCK_DATA_SOURCE_ID,
  BEDROCK_KNOWLEDGE_BASE_ID,
  docId,
  KENDRA_INDEX_ID,
  NAVER_API_KEY,
  NAVER_SERVICE_ID,
} from '../lib/targets';

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
function replayingAwsHandler() {
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

function seed(sim: RunningSimulator): void {
  const ids = Array.from({ length: 10 }, (_, i) => docId(i));
  sim.kendra.putDocuments(
    KENDRA_INDEX_ID,
    ids.map((id) => ({ id, status: 'INDEXED' as const })),
  );
  sim.bedrock.putDocuments(
    BEDROCK_KNOWLEDGE_BASE_ID,
    BEDROCK_DATA_SOURCE_ID,
    ids.map((id) => ({ customId: id, status: 'INDEXED' })),
  );
  sim.azure.putTranslation(AZURE_TRANSLATION_ID);
  sim.azure.putDocuments(
    AZURE_TRANSLATION_ID,
    ids.map((_, i) => ({ id: azureDocId(i), status: 'Succeeded' })),
  );
  sim.naver.requireApiKey(NAVER_API_KEY);
  sim.naver.putDocument(NAVER_SERVICE_ID, { id: ids[0] as string, status: 'DONE' });
}

interface Pair {
  provider: string;
  what: string;
  raw: Arm;
  docindex: Arm;
}

function pairs(sim: RunningSimulator): Pair[] {
  const ids = Array.from({ length: 10 }, (_, i) => docId(i));
  const azureIds = ids.map((_, i) => azureDocId(i));
  const expectOk = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`benchmark call failed: ${what}`);
  };
  const aws = { region: AWS_REGION, endpoint: sim.url, credentials: AWS_CREDENTIALS, maxAttempts: 1 };

  const kendraRaw = new KendraClient({ ...aws, requestHandler: replayingAwsHandler() });
  const kendra = createKendraIndex({
    indexId: KENDRA_INDEX_ID,
    client: new KendraClient({ ...aws, requestHandler: replayingAwsHandler() }),
  });

  const bedrockRaw = new BedrockAgentClient({ ...aws, requestHandler: replayingAwsHandler() });
  const bedrock = createBedrockIndex({
    knowledgeBaseId: BEDROCK_KNOWLEDGE_BASE_ID,
    dataSourceId: BEDROCK_DATA_SOURCE_ID,
    client: new BedrockAgentClient({ ...aws, requestHandler: replayingAwsHandler() }),
  });

  const azurePipeline = createEmptyPipeline();
  const azureRawClient = replayingAzureClient();
  const azureListUrl =
    `${sim.url}/translator/document/batches/${AZURE_TRANSLATION_ID}/documents` +
    `?api-version=2024-05-01&ids=${azureIds.join(',')}`;
  const azure = createAzureTranslationIndex({
    endpoint: sim.url,
    translationId: AZURE_TRANSLATION_ID,
    credential: AZURE_KEY,
    httpClient: replayingAzureClient(),
  });

  const naverRaw = ky.create({
    retry: 0,
    headers: { authorization: `Bearer ${NAVER_API_KEY}` },
    fetch: replayingFetch(),
  });
  const naverUrl = `${sim.url}/api/v1/svc/${NAVER_SERVICE_ID}/doc/${encodeURIComponent(ids[0] as string)}/status`;
  const naver = createNaverRagIndex({
    serviceId: NAVER_SERVICE_ID,
    apiKey: NAVER_API_KEY,
    baseUrl: sim.url,
    fetch: replayingFetch(),
  });

  return [
    {
      provider: 'kendra',
      what: 'getStatuses(10 ids) vs BatchGetDocumentStatusCommand',
      raw: {
        name: 'raw',
        call: async () => {
          const out = await kendraRaw.send(
            new BatchGetDocumentStatusCommand({
              IndexId: KENDRA_INDEX_ID,
              DocumentInfoList: ids.map((id) => ({ DocumentId: id })),
            }),
          );
          expectOk(out.DocumentStatusList?.length === 10, 'kendra raw');
        },
      },
      docindex: {
        name: 'docindex',
        call: async () => expectOk((await kendra.getStatuses(ids)).items.length === 10, 'kendra docindex'),
      },
    },
    {
      provider: 'bedrock',
      what: 'getStatuses(10 ids) vs GetKnowledgeBaseDocumentsCommand',
      raw: {
        name: 'raw',
        call: async () => {
          const out = await bedrockRaw.send(
            new GetKnowledgeBaseDocumentsCommand({
              knowledgeBaseId: BEDROCK_KNOWLEDGE_BASE_ID,
              dataSourceId: BEDROCK_DATA_SOURCE_ID,
              documentIdentifiers: ids.map((id) => ({ dataSourceType: 'CUSTOM', custom: { id } })),
            }),
          );
          expectOk(out.documentDetails?.length === 10, 'bedrock raw');
        },
      },
      docindex: {
        name: 'docindex',
        call: async () => expectOk((await bedrock.getStatuses(ids)).items.length === 10, 'bedrock docindex'),
      },
    },
    {
      provider: 'azure',
      what: 'getStatuses(10 ids) vs a bare pipeline GET + JSON.parse',
      raw: {
        name: 'raw',
        call: async () => {
          const request = createPipelineRequest({
            url: azureListUrl,
            method: 'GET',
            allowInsecureConnection: true,
            headers: createHttpHeaders({ accept: 'application/json', 'Ocp-Apim-Subscription-Key': AZURE_KEY }),
          });
          const response = await azurePipeline.sendRequest(azureRawClient, request);
          const body = JSON.parse(response.bodyAsText ?? '') as { value: unknown[] };
          expectOk(body.value.length === 10, 'azure raw');
        },
      },
      docindex: {
        name: 'docindex',
        call: async () => expectOk((await azure.getStatuses(azureIds)).items.length === 10, 'azure docindex'),
      },
    },
    {
      provider: 'naver',
      what: 'getStatus(1 id) vs ky GET + JSON.parse',
      raw: {
        name: 'raw',
        call: async () => {
          const response = await naverRaw.get(naverUrl);
          const body = JSON.parse(await response.text()) as { data?: { status?: string } };
          expectOk(body.data?.status === 'DONE', 'naver raw');
        },
      },
      docindex: {
        name: 'docindex',
        call: async () => expectOk((await naver.getStatus(ids[0] as string)).status === 'succeeded', 'naver docindex'),
      },
    },
  ];
}

export async function run(): Promise<FigureResult> {
  const started = performance.now();
  const rounds = envInt('BENCH_OWN_ROUNDS', 20);
  const callsPerRound = envInt('BENCH_OWN_CALLS', 1000);
  const warmupRounds = envInt('BENCH_OWN_WARMUP', 5);
  const sim = await startSimulator();
  seed(sim);
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
