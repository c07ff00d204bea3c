/**
 * Figure 7: sweeps against a throttled service. The simulator (in its own process)
 * puts a token bucket in front of Kendra's BatchGetDocumentStatus (NAVER's status
 * GET), every accepted request held a fixed latency; a throttled answer comes at
 * once. docindex with its default adaptive limiter, a fixed rate, and no limiter,
 * against the peer to beat: a hand-written pool over the raw `KendraClient` with
 * the AWS SDK's own `retryMode: 'adaptive'`. Then the quota changes mid-run.
 *
 *   tsx bench/figures/throttled-sweep.ts [--quick]
 *     BENCH_THROTTLE_DOCS (3000), BENCH_THROTTLE_RATE (50), BENCH_THROTTLE_BURST (10),
 *     BENCH_THROTTLE_LATENCY_MS (20), BENCH_THROTTLE_CONCURRENCY (8), BENCH_THROTTLE_RUNS (3),
 *     BENCH_THROTTLE_LOW_RATE (20), BENCH_THROTTLE_PHASE_MS (5000), BENCH_THROTTLE_NAVER_DOCS (600)
 */
import { BatchGetDocumentStatusCommand, KendraClient } from '@aws-sdk/client-kendra';
import type { StatusBatch } from 'docindex';
import { createKendraIndex } from 'docindex/kendra';
import { createNaverRagIndex } from 'docindex/naver';
import { envInt, type FigureResult, runFigureMain, type TargetCheck } from '../lib/figure';
import { startRemoteSimulator } from '../lib/remote-sim';
import { integer, median, ms, ratio } from '../lib/stats';
import { AWS_CREDENTIALS, AWS_REGION, docId, KENDRA_INDEX_ID, NAVER_API_KEY, NAVER_SERVICE_ID } from '../lib/targets';
import { firstWave, settledAfter, throttledAfterFirstWave } from '../lib/throttling';

const BATCH = 10;
const KENDRA_OP = 'BatchGetDocumentStatus';
const NAVER_OP = 'getDocumentStatus';
const TARGET_WALL = 1.05;
const TARGET_THROTTLED = 0.05;
const TARGET_FOLLOW_MS = 3_000;

type Provider = 'kendra' | 'naver';
type RateLimit = 'adaptive' | { requestsPerSecond: number } | false;

/** One measured sweep: what it found and what the service saw. */
interface Run {
  wallMs: number;
  items: number;
  requests: number;
  throttled: number;
  /** `[at, accepted]` per request, on the simulator's clock. */
  outcomes: Array<[number, boolean]>;
  /** When each quota change took effect, on the simulator's clock. */
  changes: number[];
  /** Chunks the hand-written pool had to send again after the SDK's retries gave up. */
  resent?: number;
}

interface QuotaStep {
  /** When (ms after the start) this quota takes over. */
  atMs: number;
  rate: number;
}

export async function run(): Promise<FigureResult> {
  const started = performance.now();
  const quick = process.argv.includes('--quick');
  const documents = envInt('BENCH_THROTTLE_DOCS', quick ? 1500 : 3000);
  const rate = envInt('BENCH_THROTTLE_RATE', 50);
  const burst = envInt('BENCH_THROTTLE_BURST', 10);
  const latencyMs = envInt('BENCH_THROTTLE_LATENCY_MS', 20);
  const concurrency = envInt('BENCH_THROTTLE_CONCURRENCY', 8);
  const runs = envInt('BENCH_THROTTLE_RUNS', quick ? 1 : 3);
  const lowRate = envInt('BENCH_THROTTLE_LOW_RATE', 20);
  const phaseMs = envInt('BENCH_THROTTLE_PHASE_MS', quick ? 3000 : 5000);
  const naverDocuments = envInt('BENCH_THROTTLE_NAVER_DOCS', quick ? 300 : 600);

  const requests = Math.ceil(documents / BATCH);
  const floorMs = (requests / rate) * 1000;
  // The quota-change run: `rate` for a phase, `lowRate` for a phase, `rate` again
  // for a phase, sized so that the last phase is as long as the others at the floor.
  const plan: QuotaStep[] = [
    { atMs: 0, rate },
    { atMs: phaseMs, rate: lowRate },
    { atMs: 2 * phaseMs, rate },
  ];
  const changeRequests = Math.round(((2 * rate + lowRate) * phaseMs) / 1000);
  const changeDocs = changeRequests * BATCH;
  const changeFloorMs = planFloorMs(plan, changeRequests);
  const naverFloorMs = (naverDocuments / rate) * 1000;

  const sim = await startRemoteSimulator();
  const kendraIds = Array.from({ length: Math.max(documents, changeDocs) }, (_, i) => docId(i));
  const naverIds = Array.from({ length: naverDocuments }, (_, i) => docId(i));
  await sim.call(
    ['kendra', 'putDocuments'],
    KENDRA_INDEX_ID,
    kendraIds.map((id) => ({ id, status: 'INDEXED' })),
  );
  await sim.call(['naver', 'requireApiKey'], NAVER_API_KEY);
  await sim.call(
    ['naver', 'putDocuments'],
    NAVER_SERVICE_ID,
    naverIds.map((id) => ({ id, status: 'DONE' })),
  );

  const aws = { region: AWS_REGION, endpoint: sim.url, credentials: AWS_CREDENTIALS };
  const kendraIndex = (rateLimit: RateLimit) => createKendraIndex({ indexId: KENDRA_INDEX_ID, ...aws, rateLimit });
  const naverIndex = (rateLimit: RateLimit) =>
    createNaverRagIndex({ serviceId: NAVER_SERVICE_ID, apiKey: NAVER_API_KEY, baseUrl: sim.url, rateLimit });

  /** A sweep through docindex; a fresh client each time, so every run starts knowing nothing. */
  const docindexSweep = (provider: Provider, rateLimit: RateLimit, ids: readonly string[]) => async () => {
    const index = provider === 'kendra' ? kendraIndex(rateLimit) : naverIndex(rateLimit);
    const batch: StatusBatch = await index.getStatuses(ids, { concurrency });
    return { items: batch.items.length };
  };

  /**
   * What a user would write over the raw client with the SDK's adaptive retry mode:
   * chunks of 10, a pool of workers, and a chunk the SDK gave up on sent again (so
   * every id lands). One client, so one SDK rate limiter, as in docindex.
   */
  const peerSweep = (ids: readonly string[]) => async () => {
    const client = new KendraClient({ ...aws, retryMode: 'adaptive', maxAttempts: 3 });
    let next = 0;
    let items = 0;
    let resent = 0;
    const worker = async () => {
      while (next < ids.length) {
        const part = ids.slice(next, next + BATCH);
        next += BATCH;
        for (;;) {
          try {
            const out = await client.send(
              new BatchGetDocumentStatusCommand({
                IndexId: KENDRA_INDEX_ID,
                DocumentInfoList: part.map((id) => ({ DocumentId: id })),
              }),
            );
            items += out.DocumentStatusList?.length ?? 0;
            break;
          } catch (error) {
            if ((error as { name?: string }).name !== 'ThrottlingException') throw error;
            resent++;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    client.destroy();
    return { items, resent };
  };

  const measure = async (
    provider: Provider,
    steps: readonly QuotaStep[],
    sweep: () => Promise<{ items: number; resent?: number }>,
  ): Promise<Run> => {
    const operation = provider === 'kendra' ? KENDRA_OP : NAVER_OP;
    await sim.call(['log', 'clear']);
    const changes: number[] = [];
    const setQuota = async (stepRate: number) =>
      changes.push(
        await sim.call<number>(['bench', 'setQuota'], provider, operation, { rate: stepRate, burst, latencyMs }),
      );
    await setQuota(steps[0]?.rate ?? rate);
    const timers: Array<Promise<void>> = [];
    const t0 = performance.now();
    let done = false;
    for (const step of steps.slice(1)) {
      timers.push(
        new Promise<void>((resolve) =>
          setTimeout(() => {
            if (done) resolve();
            else void setQuota(step.rate).then(() => resolve());
          }, step.atMs),
        ),
      );
    }
    const result = await sweep();
    const wallMs = performance.now() - t0;
    done = true;
    await Promise.all(timers);
    const outcomes = await sim.call<Array<[number, boolean]>>(['bench', 'outcomes'], provider, operation);
    await sim.call(['faults', 'clear']);
    return {
      wallMs,
      items: result.items,
      requests: outcomes.length,
      throttled: outcomes.filter(([, accepted]) => !accepted).length,
      outcomes,
      changes,
      ...(result.resent === undefined ? {} : { resent: result.resent }),
    };
  };

  const steady = [{ atMs: 0, rate }];
  const kendraArms: Array<{ name: string; sweep: () => Promise<{ items: number; resent?: number }> }> = [
    {
      name: "docindex, `rateLimit: 'adaptive'` (the default)",
      sweep: docindexSweep('kendra', 'adaptive', kendraIds.slice(0, documents)),
    },
    {
      name: 'raw KendraClient, `retryMode: adaptive`, hand-written pool',
      sweep: peerSweep(kendraIds.slice(0, documents)),
    },
    { name: 'docindex, `rateLimit: false`', sweep: docindexSweep('kendra', false, kendraIds.slice(0, documents)) },
    {
      name: `docindex, \`rateLimit: { requestsPerSecond: ${rate} }\``,
      sweep: docindexSweep('kendra', { requestsPerSecond: rate }, kendraIds.slice(0, documents)),
    },
  ];
  const kendraRuns = kendraArms.map(() => [] as Run[]);
  let changeRuns: { docindex: Run; peer: Run };
  const naverRuns: { adaptive: Run[]; off: Run[] } = { adaptive: [], off: [] };
  try {
    // Warm-up (JIT, sockets), with no quota.
    await docindexSweep('kendra', 'adaptive', kendraIds.slice(0, 500))();
    await peerSweep(kendraIds.slice(0, 500))();
    await docindexSweep('naver', 'adaptive', naverIds.slice(0, 100))();
    for (let r = 0; r < runs; r++) {
      for (const [i, arm] of kendraArms.entries()) kendraRuns[i]?.push(await measure('kendra', steady, arm.sweep));
    }
    changeRuns = {
      docindex: await measure('kendra', plan, docindexSweep('kendra', 'adaptive', kendraIds.slice(0, changeDocs))),
      peer: await measure('kendra', plan, peerSweep(kendraIds.slice(0, changeDocs))),
    };
    naverRuns.adaptive.push(await measure('naver', steady, docindexSweep('naver', 'adaptive', naverIds)));
    naverRuns.off.push(await measure('naver', steady, docindexSweep('naver', false, naverIds)));
  } finally {
    await sim.close();
  }

  const share = (run: Run) => run.throttled / run.requests;
  /** Throttled answers a second or more after the run's first request: what is left once the quota is known. */
  const late = (run: Run) => {
    const start = run.outcomes[0]?.[0] ?? 0;
    return run.outcomes.filter(([at, accepted]) => !accepted && at - start >= 1000).length;
  };
  const medianLate = (results: Run[]) => median(results.map(late));
  // A round trip is the accepted answer's hold: the first wave is what was sent before any answer could tell.
  const wave = (run: Run) => firstWave(run.outcomes, latencyMs);
  const medianAfterWave = (results: Run[]) =>
    median(results.map((r) => throttledAfterFirstWave(r.outcomes, latencyMs)));
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const summary = (results: Run[], floor: number) => {
    const wall = median(results.map((r) => r.wallMs));
    const throttledShare = median(results.map(share));
    return { wall, throttledShare, items: Math.min(...results.map((r) => r.items)), results, floor };
  };
  const kendra = kendraArms.map((arm, i) => ({ name: arm.name, ...summary(kendraRuns[i] ?? [], floorMs) }));
  const [adaptive, peer, off] = kendra as [(typeof kendra)[0], (typeof kendra)[0], (typeof kendra)[0]];
  const naverAdaptive = summary(naverRuns.adaptive, naverFloorMs);
  const naverOff = summary(naverRuns.off, naverFloorMs);
  const follow = (run: Run) => ({
    drop: settledAfterChange(run, 1, lowRate),
    rise: settledAfterChange(run, 2, rate),
  });
  const docindexFollow = follow(changeRuns.docindex);
  const peerFollow = follow(changeRuns.peer);
  const seconds = (value: number | undefined) => (value === undefined ? 'never' : `${(value / 1000).toFixed(1)} s`);

  const steadyRow = (arm: (typeof kendra)[0]) => [
    arm.name,
    integer(median(arm.results.map((r) => r.requests))),
    pct(arm.throttledShare),
    integer(median(arm.results.map(wave))),
    integer(medianAfterWave(arm.results)),
    integer(medianLate(arm.results)),
    `${integer(arm.items)} of ${integer(documents)}`,
    ms(arm.wall, 0),
    ratio(arm.wall / arm.floor),
    ratio(arm.wall / peer.wall),
  ];
  const changeRow = (name: string, run: Run, f: { drop?: number; rise?: number }) => [
    name,
    integer(run.requests),
    pct(share(run)),
    `${integer(run.items)} of ${integer(changeDocs)}`,
    ms(run.wallMs, 0),
    ratio(run.wallMs / changeFloorMs),
    seconds(f.drop),
    seconds(f.rise),
  ];
  const naverRow = (name: string, arm: typeof naverAdaptive) => [
    name,
    integer(median(arm.results.map((r) => r.requests))),
    pct(arm.throttledShare),
    `${integer(arm.items)} of ${integer(naverDocuments)}`,
    ms(arm.wall, 0),
    ratio(arm.wall / arm.floor),
  ];

  const targets: TargetCheck[] = [];
  const check = (label: string, target: string, actual: string, met: boolean, note: string) =>
    targets.push({ label, target, actual, met, ...(met ? {} : { note }) });
  check(
    'Kendra throttled sweep: throttled share',
    `< ${pct(TARGET_THROTTLED)}`,
    pct(adaptive.throttledShare),
    adaptive.throttledShare < TARGET_THROTTLED,
    `missed by ${pct(adaptive.throttledShare - TARGET_THROTTLED)}: the first throttled answer finds ${concurrency} requests in flight (most are throttled with it) before the limiter knows anything, then each probe of the quota costs one`,
  );
  check(
    'Kendra throttled sweep: wall / quota floor',
    `<= ${ratio(TARGET_WALL)}`,
    ratio(adaptive.wall / floorMs),
    adaptive.wall / floorMs <= TARGET_WALL,
    `missed by ${ms(adaptive.wall - floorMs * TARGET_WALL, 0)}`,
  );
  check(
    'Kendra throttled sweep: ids in items',
    `${integer(documents)}`,
    integer(adaptive.items),
    adaptive.items === documents,
    `${integer(documents - adaptive.items)} ids ran out of retry attempts (retry.maxAttempts 3) and landed in errors`,
  );
  const docindexAfterWave = medianAfterWave(adaptive.results);
  const peerAfterWave = medianAfterWave(peer.results);
  check(
    'Kendra throttled sweep: throttled answers after the first wave, docindex vs the AWS SDK adaptive pool',
    "<= the pool's",
    `${integer(docindexAfterWave)} vs ${integer(peerAfterWave)}`,
    docindexAfterWave <= peerAfterWave,
    `docindex pays one throttled answer to measure the quota and one per probe (about every 6 s while the quota holds); the SDK, which drops to 0.5 requests/s and climbs back over seconds (it finished ${ratio(peer.wall / adaptive.wall)} later), one when it gets back to the quota; a token bucket gives no sign of headroom until it is exceeded, so a probe costs a throttled answer`,
  );
  check(
    'Kendra throttled sweep: wall vs the AWS SDK adaptive pool',
    '<= 1.00x',
    ratio(adaptive.wall / peer.wall),
    adaptive.wall <= peer.wall,
    `docindex finished ${ms(adaptive.wall - peer.wall, 0)} later`,
  );
  check(
    `quota ${rate} -> ${lowRate}: time until throttling stops`,
    `<= ${seconds(TARGET_FOLLOW_MS)}`,
    seconds(docindexFollow.drop),
    docindexFollow.drop !== undefined && docindexFollow.drop <= TARGET_FOLLOW_MS,
    'the limiter kept being throttled after the quota fell',
  );
  check(
    `quota ${lowRate} -> ${rate}: time until the new quota is used`,
    `<= ${seconds(TARGET_FOLLOW_MS)}`,
    seconds(docindexFollow.rise),
    docindexFollow.rise !== undefined && docindexFollow.rise <= TARGET_FOLLOW_MS,
    'after a change the limiter probes about every 2.5 s (for 30 s), then doubles every 0.5 s and drains the burst: a rise just after a probe waits for the next one',
  );
  check(
    'NAVER throttled sweep: throttled share',
    `< ${pct(TARGET_THROTTLED)}`,
    pct(naverAdaptive.throttledShare),
    naverAdaptive.throttledShare < TARGET_THROTTLED,
    `missed by ${pct(naverAdaptive.throttledShare - TARGET_THROTTLED)}`,
  );
  check(
    'NAVER throttled sweep: wall / quota floor',
    `<= ${ratio(TARGET_WALL)}`,
    ratio(naverAdaptive.wall / naverFloorMs),
    naverAdaptive.wall / naverFloorMs <= TARGET_WALL,
    `missed by ${ms(naverAdaptive.wall - naverFloorMs * TARGET_WALL, 0)}`,
  );

  return {
    id: 'throttled-sweep',
    title: `Figure 7: sweeps against a ${rate} requests/s quota (burst ${burst}), concurrency ${concurrency}`,
    method: [
      `The simulator, in its own process, puts a token bucket (${rate} requests/s, burst ${burst}) in front of Kendra's`,
      `BatchGetDocumentStatus (NAVER's status GET); an accepted request is held ${latencyMs} ms, a throttled one is answered`,
      `at once (Kendra: HTTP 400 ThrottlingException; NAVER: HTTP 429). \`getStatuses\` of ${integer(documents)} Kendra`,
      `documents (${integer(requests)} requests of ${BATCH}) at concurrency ${concurrency}, each arm with a fresh client (a`,
      'limiter that starts knowing nothing) and the default `retry` (3 attempts). The peer to beat is what a user would',
      "write over the raw `KendraClient` with the AWS SDK's own `retryMode: 'adaptive'` (maxAttempts 3): chunks of 10, a",
      'pool of workers sharing one client (so one SDK rate limiter), a chunk the SDK gave up on sent again. The quota floor',
      `is \`requests / ${rate} s\` = ${ms(floorMs, 0)}. Throttled share: throttled answers over all requests the simulator`,
      'saw; the first wave: those that reached the service within a round trip of its first throttled answer (sent',
      'before any client could know of it: every client that starts at full concurrency with no knowledge of the quota',
      'sends them alike, and their number is loopback timing, 2 to 6 for one arm); after the first second: those from',
      "1 s after the run's first request on, when a limiter has had time to measure the quota. The peer comparison counts",
      `the throttled answers after the first wave, what a limiter could have avoided. Median of ${runs} interleaved runs. Then one run each while the quota changes: ${rate} requests/s for`,
      `${phaseMs / 1000} s, ${lowRate} for ${phaseMs / 1000} s, ${rate} again (${integer(changeRequests)} requests; floor`,
      `${ms(changeFloorMs, 0)}, when the quota has paid for every request). "Settled" is how long after a change it took`,
      'until a 1 s window had fewer than 5% throttled answers and at least 90% of the new quota accepted. Then NAVER, one',
      `request per document (${integer(naverDocuments)}; floor ${ms(naverFloorMs, 0)}).`,
    ].join(' '),
    parameters: {
      BENCH_THROTTLE_DOCS: documents,
      BENCH_THROTTLE_RATE: rate,
      BENCH_THROTTLE_BURST: burst,
      BENCH_THROTTLE_LATENCY_MS: latencyMs,
      BENCH_THROTTLE_CONCURRENCY: concurrency,
      BENCH_THROTTLE_RUNS: runs,
      BENCH_THROTTLE_LOW_RATE: lowRate,
      BENCH_THROTTLE_PHASE_MS: phaseMs,
      BENCH_THROTTLE_NAVER_DOCS: naverDocuments,
    },
    tables: [
      {
        caption: `Kendra, ${integer(documents)} documents, steady quota:`,
        columns: [
          'client',
          'requests',
          'throttled',
          'in the first wave',
          'after the first wave',
          'after the first second',
          'ids in items',
          'wall (median)',
          'wall / floor',
          'wall / AWS peer',
        ],
        rows: kendra.map(steadyRow),
      },
      {
        caption: `Kendra, quota ${rate} -> ${lowRate} -> ${rate} requests/s:`,
        columns: [
          'client',
          'requests',
          'throttled',
          'ids in items',
          'wall',
          'wall / floor',
          'settled after the drop',
          'settled after the rise',
        ],
        rows: [
          changeRow("docindex, `rateLimit: 'adaptive'`", changeRuns.docindex, docindexFollow),
          changeRow('raw KendraClient, `retryMode: adaptive`', changeRuns.peer, peerFollow),
        ],
      },
      {
        caption: `NAVER, ${integer(naverDocuments)} documents (one request each), steady quota:`,
        columns: ['client', 'requests', 'throttled', 'ids in items', 'wall', 'wall / floor'],
        rows: [
          naverRow("docindex, `rateLimit: 'adaptive'`", naverAdaptive),
          naverRow('docindex, `rateLimit: false`', naverOff),
        ],
      },
    ],
    targets,
    notes: [
      `Throttled share with the first wave, docindex over the AWS SDK pool: ${ratio(adaptive.throttledShare / peer.throttledShare)} (${integer(median(adaptive.results.map((r) => r.throttled)))} throttled answers against ${integer(median(peer.results.map((r) => r.throttled)))}, medians; the first wave is the same behaviour in both arms, its size loopback timing, so this ratio moves from run to run: 1.000x, 0.505x and 1.656x in three full runs of one build on 2026-12-04).`,
      `Without the limiter, ${pct(off.throttledShare)} of Kendra requests were throttled and ${integer(documents - off.items)} ids ran out of attempts; NAVER ${pct(naverOff.throttledShare)}.`,
      `The AWS SDK pool resent ${integer(median(peer.results.map((r) => r.resent ?? 0)))} chunks its own retries gave up on (median).`,
    ],
    elapsedMs: performance.now() - started,
  };
}

/** The floor of a run under a changing quota: when the quota has paid for `requests` (the burst left out, as in `requests / rate`). */
function planFloorMs(plan: readonly QuotaStep[], requests: number): number {
  let tokens = 0;
  for (let t = 0; ; t++) {
    const step = [...plan].reverse().find((s) => s.atMs <= t);
    tokens += (step?.rate ?? 0) / 1000;
    if (tokens >= requests) return t;
  }
}

/**
 * How long after change `index` took effect a 1 s window first had fewer than 5%
 * throttled answers and at least 90% of `quota` accepted; undefined if never.
 */
function settledAfterChange(run: Run, index: number, quota: number): number | undefined {
  const at = run.changes[index];
  if (at === undefined) return undefined;
  return settledAfter(run.outcomes, at, run.changes[index + 1] ?? Number.POSITIVE_INFINITY, quota);
}

await runFigureMain(import.meta.url, run);
