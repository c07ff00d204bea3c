/**
 * Figure 1 for Azure over several builds of docindex in one process: each build's
 * `getStatuses` of ten ids against the bare core-rest-pipeline GET, over the loopback
 * simulator, rounds rotating which arm goes first. For a change whose effect is a few
 * percent, builds measured side by side scatter less than separate benchmark runs.
 *
 *   npm run build && cp -r dist /tmp/build-a     (then change, build, copy to /tmp/build-b)
 *   node --import tsx bench/compare-builds.ts /tmp/build-a /tmp/build-b
 *     ROUNDS (default 16), CALLS per round and arm (default 1000), REPLAY=1 for replaying transports (figure 1b)
 *
 * Prints each arm's median CPU per call and the median of its per-round ratio to the raw arm.
 * The raw arm here sends only the key header (figure 1's also sends `accept`).
 */
import { pathToFileURL } from 'node:url';
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import { startSimulator } from 'docindex/testing';
import { replayingAzureClient } from './lib/replay';
import { median } from './lib/stats';
import { AZURE_IDS, seedStatusDocuments } from './lib/status-documents';
import { AZURE_KEY, AZURE_TRANSLATION_ID } from './lib/targets';

const builds = process.argv.slice(2);
if (builds.length === 0) throw new Error('usage: compare-builds.ts <dist directory> [<dist directory> ...]');
const rounds = Number(process.env.ROUNDS ?? 16);
const calls = Number(process.env.CALLS ?? 1000);
const replay = process.env.REPLAY === '1';

const sim = await startSimulator();
seedStatusDocuments(sim);
const httpClient = () => (replay ? replayingAzureClient() : createDefaultHttpClient());

const buildArm = async (dir: string) => {
  const { createAzureTranslationIndex } = await import(pathToFileURL(`${dir}/azure.js`).href);
  const client = createAzureTranslationIndex({
    endpoint: sim.url,
    translationId: AZURE_TRANSLATION_ID,
    credential: AZURE_KEY,
    httpClient: httpClient(),
  });
  return async () => {
    if ((await client.getStatuses(AZURE_IDS)).items.length !== 10) throw new Error(`${dir}: not ten statuses`);
  };
};
const rawArm = () => {
  const pipeline = createEmptyPipeline();
  const http = httpClient();
  const url = `${sim.url}/translator/document/batches/${AZURE_TRANSLATION_ID}/documents?api-version=2024-05-01&ids=${AZURE_IDS.join(',')}`;
  return async () => {
    const request = createPipelineRequest({
      url,
      method: 'GET',
      allowInsecureConnection: true,
      headers: createHttpHeaders({ 'Ocp-Apim-Subscription-Key': AZURE_KEY }),
    });
    const response = await pipeline.sendRequest(http, request);
    if ((JSON.parse(response.bodyAsText ?? '') as { value: unknown[] }).value.length !== 10) throw new Error('raw');
  };
};

const arms = [rawArm(), ...(await Promise.all(builds.map(buildArm)))];
const cpuPerCall = async (arm: () => Promise<void>) => {
  const started = process.cpuUsage();
  for (let i = 0; i < calls; i++) {
    await arm();
    if (i % 200 === 199) sim.log.clear();
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / calls;
};
for (let warmup = 0; warmup < 3; warmup++) for (const arm of arms) await cpuPerCall(arm);
const perCall: number[][] = arms.map(() => []);
const ratios: number[][] = arms.map(() => []);
for (let round = 0; round < rounds; round++) {
  const got = arms.map(() => 0);
  for (let k = 0; k < arms.length; k++) {
    const i = (k + round) % arms.length;
    got[i] = await cpuPerCall(arms[i] as () => Promise<void>);
  }
  got.forEach((value, i) => {
    perCall[i]?.push(value);
    ratios[i]?.push(value / (got[0] as number));
  });
}
console.log(
  ['raw', ...builds]
    .map((name, i) => `${name}: ${median(perCall[i] ?? []).toFixed(1)} µs ${median(ratios[i] ?? []).toFixed(3)}x`)
    .join(' | '),
);
await sim.close();
