/**
 * Figure 6: cold import time of each entry (a fresh Node process importing it from
 * `dist/` through the package's self-reference) against importing its SDK alone.
 *
 *   tsx bench/figures/cold-import.ts    BENCH_IMPORT_RUNS (10)
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { envInt, type FigureResult, runFigureMain } from '../lib/figure';
import { median, ms } from '../lib/stats';

const root = join(import.meta.dirname, '..', '..');

/** An empty module: the floor of a dynamic import in a fresh process. */
const EMPTY = 'data:text/javascript,export default 1';

const PAIRS: Array<{ entry: string; sdk: string }> = [
  { entry: 'docindex', sdk: EMPTY },
  { entry: 'docindex/kendra', sdk: '@aws-sdk/client-kendra' },
  { entry: 'docindex/bedrock', sdk: '@aws-sdk/client-bedrock-agent' },
  { entry: 'docindex/azure', sdk: '@azure/core-rest-pipeline' },
  { entry: 'docindex/naver', sdk: 'ky' },
  { entry: 'docindex/testing', sdk: 'msw' },
];

/** Import time measured inside a fresh process, plus the whole process's wall time. */
function importOnce(specifier: string): Promise<{ importMs: number; processMs: number }> {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: root }, (error, stdout) => {
      if (error) reject(error);
      else resolve({ importMs: Number(stdout), processMs: performance.now() - t0 });
    });
  });
}

export async function run(): Promise<FigureResult> {
  const started = performance.now();
  const runs = envInt('BENCH_IMPORT_RUNS', 10);
  const samples = new Map<string, Array<{ importMs: number; processMs: number }>>();
  const specifiers = [...PAIRS.flatMap(({ entry, sdk }) => [entry, sdk]), 'zod/mini'];
  // One discarded round warms the file system cache; then rounds interleave every specifier.
  for (const specifier of specifiers) await importOnce(specifier);
  for (let i = 0; i < runs; i++) {
    for (const specifier of specifiers) {
      const list = samples.get(specifier) ?? [];
      list.push(await importOnce(specifier));
      samples.set(specifier, list);
    }
  }
  const importOf = (specifier: string) => median((samples.get(specifier) ?? []).map((s) => s.importMs));
  const processOf = (specifier: string) => median((samples.get(specifier) ?? []).map((s) => s.processMs));

  return {
    id: 'cold-import',
    title: 'Figure 6: cold import time per entry vs its SDK alone',
    method: [
      `Each specifier is imported in a fresh \`node\` process (\`node --input-type=module -e "await import(...)"\` in the`,
      "repository, so `docindex/...` resolves to `dist/` through the package's self-reference). The import time is",
      '`performance.now()` around the dynamic `import()` inside that process; the process time is spawn to exit as seen by',
      `the parent. Median of ${runs} rounds, every specifier once per round, after a discarded warm-up round.`,
      'An entry\'s import includes its SDK (the zod schema functions the Azure and NAVER entries use are bundled into them), so "added" is what docindex itself costs.',
    ].join(' '),
    parameters: { BENCH_IMPORT_RUNS: runs },
    tables: [
      {
        columns: ['entry', 'import', 'process', 'SDK alone', 'SDK import', 'SDK process', 'added by docindex (import)'],
        rows: PAIRS.map(({ entry, sdk }) => [
          `\`${entry}\``,
          ms(importOf(entry)),
          ms(processOf(entry), 0),
          sdk === EMPTY ? '(an empty module)' : `\`${sdk}\``,
          ms(importOf(sdk)),
          ms(processOf(sdk), 0),
          `${importOf(entry) - importOf(sdk) >= 0 ? '+' : ''}${ms(importOf(entry) - importOf(sdk))}`,
        ]),
      },
    ],
    targets: [],
    notes: [
      `\`zod/mini\` alone imports in ${ms(importOf('zod/mini'))} (process ${ms(processOf('zod/mini'), 0)}); the whole package is what the Azure and NAVER entries would load at cold start if they imported zod instead of bundling the schema functions they use.`,
      'No target is set for import time; the figure shows what a serverless cold start pays for docindex on top of the SDK it wraps.',
    ],
    elapsedMs: performance.now() - started,
  };
}

await runFigureMain(import.meta.url, run);
