/**
 * Figure 1b: docindex's own CPU per status call, with the network taken out.
 * Each client's transport answers from memory with a response it recorded once
 * from the loopback simulator, so both arms run the same SDK / pipeline / ky code
 * on the same bytes, and the difference is docindex's own work alone.
 *
 *   tsx bench/figures/own-cost.ts     BENCH_OWN_ROUNDS (20), BENCH_OWN_CALLS (1000), BENCH_OWN_WARMUP (5),
 *                                     BENCH_OWN_PROVIDERS (all; e.g. `naver,azure` while profiling one)
 */
import { type RunningSimulator, startSimulator } from 'docindex/testing';
import { type Arm, interleaved } from '../lib/ab';
import { envInt, type FigureResult, runFigureMain } from '../lib/figure';
import { REPLAYING_TRANSPORTS } from '../lib/replay';
import { ratio, us } from '../lib/stats';
import { statusCalls } from '../lib/status-calls';
import { seedStatusDocuments } from '../lib/status-documents';

interface Pair {
  provider: string;
  what: string;
  raw: Arm;
  docindex: Arm;
}

/** Each call of `statusCalls` over replaying transports, one per client. */
function pairs(sim: RunningSimulator): Pair[] {
  return statusCalls(sim.url, REPLAYING_TRANSPORTS).map((call) => ({
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
    const only = process.env.BENCH_OWN_PROVIDERS?.split(',');
    const all = pairs(sim).filter((pair) => !only || only.includes(pair.provider));
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
