/**
 * Drives one arm of one provider's status call (figures 1 and 1b) in a loop, for
 * profiling: `node --cpu-prof`, or `valgrind --tool=callgrind`, whose instruction
 * counts hold under machine load where CPU times do not.
 *
 *   node --import tsx bench/profile-calls.ts <kendra|bedrock|azure|naver> <raw|docindex> [options]
 *     --calls N    measured calls (default 2000)
 *     --warmup N   calls made first and not measured (default 2000)
 *     --replay     replaying transports (figure 1b) instead of the loopback simulator (figure 1)
 *     --signal     pass a fresh AbortSignal to every call
 *
 * Prints one JSON line: the CPU per measured call. For instruction counts, run it
 * under callgrind twice, with `--calls 0` and with `--calls N`: the difference of
 * the totals over N is the instructions per call at steady state (start-up,
 * warm-up and the JIT's first compilations cancel out).
 */
import { parseArgs } from 'node:util';
import { startSimulator } from 'docindex/testing';
import { REPLAYING_TRANSPORTS } from './lib/replay';
import { statusCalls } from './lib/status-calls';
import { seedStatusDocuments } from './lib/status-documents';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    calls: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '2000' },
    replay: { type: 'boolean', default: false },
    signal: { type: 'boolean', default: false },
  },
});
const [provider, arm] = positionals;
if (!provider || (arm !== 'raw' && arm !== 'docindex')) {
  throw new Error('usage: profile-calls.ts <kendra|bedrock|azure|naver> <raw|docindex> [--calls N] [--warmup N]');
}

const sim = await startSimulator();
seedStatusDocuments(sim);
const call = statusCalls(sim.url, values.replay ? REPLAYING_TRANSPORTS : {}).find((c) => c.provider === provider);
if (!call) throw new Error(`no status call for ${provider}`);
const once =
  arm === 'raw'
    ? () => call.raw(values.signal ? new AbortController().signal : undefined)
    : () => call.docindex(values.signal ? { signal: new AbortController().signal } : undefined);

// Under valgrind everything runs some fifty times slower: fetch and the server load
// lazily, so a first request can outlast ky's 10 s timeout, and a pooled socket can
// sit idle past the server's keep-alive timeout. Warm the path up, then make the
// first call (which records the answer of a replaying transport) until it succeeds.
for (let i = 0; i < 20; i++) await (await fetch(`${sim.url}/`)).arrayBuffer();
for (let attempt = 1; ; attempt++) {
  try {
    await once();
    break;
  } catch (error) {
    if (attempt === 5) throw error;
  }
}

const run = async (count: number) => {
  for (let i = 0; i < count; i++) {
    await once();
    // The request log grows by one entry per request; it is not what we measure.
    if (i % 200 === 199) sim.log.clear();
  }
};

await run(Number(values.warmup));
const calls = Number(values.calls);
const cpu0 = process.cpuUsage();
await run(calls);
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ provider, arm, calls, cpuPerCallUs: calls ? (cpu.user + cpu.system) / calls : 0 }));
process.exit(0);
