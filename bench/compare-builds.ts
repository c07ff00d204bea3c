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
 * Prints each arm's median CPU per call and the median of its per-round ratio to figure 1's raw arm.
 */
import { pathToFileURL } from 'node:url';
import { createDefaultHttpClient } from '@azure/core-rest-pipeline';
import { startSimulator } from 'docindex/testing';
import { REPLAYING_TRANSPORTS, replayingAzureClient } from './lib/replay';
import { median } from './lib/stats';
import { statusCalls } from './lib/status-calls';
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
// Figure 1's own raw arm (bench/lib/status-calls.ts), over the same transport.
const figure1 = statusCalls(sim.url, replay ? REPLAYING_TRANSPORTS : {}).find((call) => call.provider === 'azure');
if (!figure1) throw new Error('figure 1 has no Azure status call');
const rawArm = () => () => figure1.raw(undefined);

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
