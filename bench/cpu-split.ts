/**
 * Splits figure 1's CPU per status call between the client and the simulator: the
 * simulator runs in a child process (`remote-sim.ts`), and each arm's rounds read
 * this process's user and system time and the child's CPU. Figure 1 counts both in
 * one process; this tool says which side an arm's extra CPU is on.
 *
 *   node --import tsx bench/cpu-split.ts <kendra|bedrock|azure|naver> [--rounds N] [--calls N] [--controls]
 *
 * Prints, per arm, the medians per call and the median of the per-round ratios to
 * the raw arm. Arms: raw, the context arms of figures 1c-1e where the provider has
 * them (raw + the SDK's standard policies, the hand-written job, the SDK client), docindex.
 *
 * `--controls` adds arms that each do the raw call plus something known, to read
 * how the client's CPU per call answers to added work over loopback: a busy loop
 * of 10 and of 25 µs (small code, always hot), 25 µs asleep (`Atomics.wait`, no
 * work at all), and one call of figure 1b's raw or docindex arm over a replaying
 * transport (the same code as over the network, with nothing of it on the wire),
 * and those two replaying calls alone, for what they cost in a loop of their own.
 */
import { parseArgs } from 'node:util';
import { startRemoteSimulator } from './lib/remote-sim';
import { REPLAYING_TRANSPORTS } from './lib/replay';
import { median } from './lib/stats';
import { statusCalls } from './lib/status-calls';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '20' },
    calls: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '3' },
    controls: { type: 'boolean', default: false },
  },
});
const [provider] = positionals;
const rounds = Number(values.rounds);
const calls = Number(values.calls);

const sim = await startRemoteSimulator();
await sim.call(['bench', 'seedStatusDocuments']);
const call = statusCalls(sim.url).find((c) => c.provider === provider);
if (!call) throw new Error('usage: cpu-split.ts <kendra|bedrock|azure|naver> [--rounds N] [--calls N] [--controls]');

const arms: Array<{ name: string; once: () => Promise<unknown> }> = [
  { name: 'raw', once: () => call.raw() },
  ...(call.rawWithSdkPolicies ? [{ name: 'raw + SDK policies', once: call.rawWithSdkPolicies.bind(call) }] : []),
  ...(call.handWritten ? [{ name: 'hand-written job', once: call.handWritten.bind(call) }] : []),
  ...(call.sdkClient ? [{ name: 'SDK client', once: call.sdkClient.bind(call) }] : []),
  { name: 'docindex', once: () => call.docindex() },
  ...(values.controls ? await controlArms(call) : []),
];

/** The raw call plus known extra work (see `--controls` above). */
async function controlArms(raw: { raw: () => Promise<void> }) {
  const inMemory = statusCalls(sim.url, REPLAYING_TRANSPORTS).find((c) => c.provider === provider);
  if (!inMemory) throw new Error(`no status call for ${provider}`);
  // Each replaying transport records its answer on its first call.
  await inMemory.raw();
  await inMemory.docindex();
  const spin = (us: number) => {
    const until = performance.now() + us / 1000;
    while (performance.now() < until);
  };
  const asleep = new Int32Array(new SharedArrayBuffer(4));
  const sleep = (us: number) => Atomics.wait(asleep, 0, 0, us / 1000);
  const after = (first: () => unknown) => () => {
    first();
    return raw.raw();
  };
  return [
    { name: 'raw + busy 10 µs', once: after(() => spin(10)) },
    { name: 'raw + busy 25 µs', once: after(() => spin(25)) },
    { name: 'raw + asleep 25 µs', once: after(() => sleep(25)) },
    { name: 'raw + 1b raw', once: () => inMemory.raw().then(() => raw.raw()) },
    { name: 'raw + 1b docindex', once: () => inMemory.docindex().then(() => raw.raw()) },
    { name: '1b raw alone', once: () => inMemory.raw() },
    { name: '1b docindex alone', once: () => inMemory.docindex() },
  ];
}

interface Round {
  user: number;
  system: number;
  server: number;
}
const measured = new Map<string, Round[]>(arms.map((arm) => [arm.name, []]));

const measure = async (arm: (typeof arms)[number]): Promise<Round> => {
  const server0 = await sim.call<number>(['bench', 'cpuUsage']);
  const client0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) await arm.once();
  const client = process.cpuUsage(client0);
  const server = (await sim.call<number>(['bench', 'cpuUsage'])) - server0;
  // The request log grows by one entry per request; it is not what we measure.
  await sim.call(['log', 'clear']);
  return { user: client.user / calls, system: client.system / calls, server: server / calls };
};

for (let round = -Number(values.warmup); round < rounds; round++) {
  // Alternate the order, so no arm always runs first or last in a round.
  for (const arm of round % 2 === 0 ? arms : [...arms].reverse()) {
    const result = await measure(arm);
    if (round >= 0) measured.get(arm.name)?.push(result);
  }
}

const raw = measured.get('raw') ?? [];
const perRound = (rows: Round[], pick: (r: Round) => number) =>
  median(rows.map((r, i) => pick(r) / pick(raw[i] as Round)));
const client = (r: Round) => r.user + r.system;
const total = (r: Round) => r.user + r.system + r.server;
console.log(`${provider}: ${rounds} rounds of ${calls} calls; µs per call (median), ratio to raw (median of rounds)`);
for (const [name, rows] of measured) {
  const line = [
    name.padEnd(20),
    `client ${median(rows.map(client)).toFixed(1)} (user ${median(rows.map((r) => r.user)).toFixed(1)}, system ${median(rows.map((r) => r.system)).toFixed(1)}) ${perRound(rows, client).toFixed(3)}x`,
    `simulator ${median(rows.map((r) => r.server)).toFixed(1)} ${perRound(rows, (r) => r.server).toFixed(3)}x`,
    `both ${perRound(rows, total).toFixed(3)}x`,
  ];
  console.log(line.join('  '));
}
await sim.close();
