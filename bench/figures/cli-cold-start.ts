/**
 * Figure 8: cold start of the `docindex` bin. Each command runs in a fresh `node`
 * process, timed from spawn to exit, against the bare `node -e ''` floor of the
 * same round: `docindex status --help` (the bin alone: no provider entry, no SDK)
 * and one `docindex status` call per provider against the loopback simulator (the
 * bin, that provider's entry and SDK, one request).
 *
 *   tsx bench/figures/cli-cold-start.ts    BENCH_CLI_RUNS (15)
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startSimulator } from 'docindex/testing';
import { envInt, type FigureResult, runFigureMain } from '../lib/figure';
import { median, ms, ratio } from '../lib/stats';

const root = join(import.meta.dirname, '..', '..');
const BIN = join(root, 'dist', 'cli.js');
const INDEX_ID = '0123abcd-0123-4abc-8123-0123456789ab';

interface Case {
  label: string;
  args: string[];
  env?: Record<string, string>;
}

/** Wall time of one fresh process, spawn to exit; rejects when it fails. */
function timeProcess({ args, env }: Case): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: root, NO_COLOR: '1', ...env } },
      (error, _stdout, stderr) => {
        if (error) reject(new Error(`${args.join(' ')} failed: ${stderr}`));
        else resolve(performance.now() - started);
      },
    );
  });
}

export async function run(): Promise<FigureResult> {
  const started = performance.now();
  const runs = envInt('BENCH_CLI_RUNS', 15);
  const sim = await startSimulator();
  const aws = { AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench' };
  sim.kendra.putDocument(INDEX_ID, { id: 'doc-1', status: 'INDEXED' });
  sim.bedrock.putDocument('KBBENCH001', 'DSBENCH001', { id: 'doc-1', status: 'INDEXED' });
  sim.azure.putDocument('6b1f0c52-6a0e-4c59-9b8e-0f3a1d2c4b5e', {
    id: '00000000-0000-4000-8000-000000000001',
    status: 'Succeeded',
  });
  sim.naver.putDocument('bench', { id: 'doc-1', status: 'DONE' });
  const status = (provider: string, flags: string[], id: string, env: Record<string, string>): Case => ({
    label: `\`docindex status\` (${provider}, one call)`,
    args: [BIN, 'status', '--provider', provider, '--endpoint', sim.url, ...flags, id],
    env,
  });
  const floor: Case = { label: "`node -e ''` (the floor)", args: ['-e', ''] };
  const cases: Case[] = [
    floor,
    { label: '`docindex --help`', args: [BIN, '--help'] },
    { label: '`docindex status --help`', args: [BIN, 'status', '--help'] },
    status('kendra', ['--region', 'us-east-1', '--index-id', INDEX_ID], 'doc-1', aws),
    status(
      'bedrock',
      ['--region', 'us-east-1', '--knowledge-base-id', 'KBBENCH001', '--data-source-id', 'DSBENCH001'],
      'doc-1',
      aws,
    ),
    status(
      'azure',
      ['--translation-id', '6b1f0c52-6a0e-4c59-9b8e-0f3a1d2c4b5e'],
      '00000000-0000-4000-8000-000000000001',
      {
        AZURE_TRANSLATOR_KEY: 'bench',
      },
    ),
    status('naver', ['--service-id', 'bench'], 'doc-1', { NAVER_RAG_API_KEY: 'bench' }),
  ];

  const samples = new Map<Case, number[]>(cases.map((entry) => [entry, []]));
  try {
    // One discarded round warms the file system cache; then rounds interleave every case,
    // so a slow moment of the machine weighs on all of them alike.
    for (const entry of cases) await timeProcess(entry);
    for (let i = 0; i < runs; i++) {
      for (const entry of cases) samples.get(entry)?.push(await timeProcess(entry));
    }
  } finally {
    await sim.close();
  }
  const medianOf = (entry: Case) => median(samples.get(entry) ?? []);
  const floorMs = medianOf(floor);
  const helpCase = cases[2] as Case;
  const helpRatio = medianOf(helpCase) / floorMs;
  const HELP_TARGET = 1.6;

  return {
    id: 'cli-cold-start',
    title: 'Figure 8: cold start of the docindex bin against a bare node process',
    method: [
      'Each command runs in a fresh `node` process (`node dist/cli.js ...`, as the installed bin runs), timed by the',
      'parent from spawn to exit. The `status` calls each send one request to the loopback simulator, which runs in the',
      `parent. Median of ${runs} rounds, every command once per round, after a discarded warm-up round; the ratio is to`,
      "the median of `node -e ''` in the same rounds.",
    ].join(' '),
    parameters: { BENCH_CLI_RUNS: runs },
    tables: [
      {
        columns: ['command', 'process (median)', 'over the floor', 'ratio to the floor'],
        rows: cases.map((entry) => [
          entry.label,
          ms(medianOf(entry), 0),
          entry === floor ? '' : `+${ms(medianOf(entry) - floorMs, 0)}`,
          ratio(medianOf(entry) / floorMs),
        ]),
      },
    ],
    targets: [
      {
        label: '`docindex status --help` over the bare node floor',
        target: `<= ${HELP_TARGET.toFixed(2)}x`,
        actual: ratio(helpRatio),
        met: helpRatio <= HELP_TARGET,
        ...(helpRatio > HELP_TARGET && {
          note: 'The bin alone (argument parsing, help text) should cost a fraction of Node\u2019s own start; a miss means something heavy is loaded eagerly.',
        }),
      },
    ],
    notes: [
      "A `status` call's time above `status --help` is its provider's entry and SDK loading, the client being built and one loopback request; no other provider's code is loaded (checked by test/cli/isolation.test.ts).",
    ],
    elapsedMs: performance.now() - started,
  };
}

await runFigureMain(import.meta.url, run);
