/**
 * `npm run bench`: builds the package, runs every figure of issue 9 (each in its own
 * Node process) and writes BENCHMARKS.md.
 *
 *   BENCH_ONLY=cpu-overhead,wait-for   only these figures (the report then goes to BENCHMARKS.partial.md)
 *   BENCH_SKIP_BUILD=1                 use dist/ as it is
 *   BENCH_* size variables             see each figure (bench/figures/*.ts); changing one also writes the partial file
 */
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { run as bundleSize } from './bundle-size';
import { type FigureResult, RESULT_MARKER } from './lib/figure';
import { machineInfo } from './lib/machine';
import { renderReport } from './lib/report';

const root = join(import.meta.dirname, '..');

/** Figures in report order; `gc` marks the one that needs `--expose-gc`. */
const FIGURES: Array<{ id: string; file?: string; gc?: boolean; inProcess?: () => Promise<FigureResult> }> = [
  { id: 'cpu-overhead', file: 'figures/cpu-overhead.ts' },
  { id: 'own-cost', file: 'figures/own-cost.ts' },
  { id: 'kendra-sweep', file: 'figures/kendra-sweep.ts' },
  { id: 'azure-listing', file: 'figures/azure-listing.ts', gc: true },
  { id: 'wait-for', file: 'figures/wait-for.ts' },
  { id: 'ingest-memory', file: 'figures/ingest-memory.ts', gc: true },
  { id: 'throttled-sweep', file: 'figures/throttled-sweep.ts' },
  { id: 'bundle-size', inProcess: bundleSize },
  { id: 'cold-import', file: 'figures/cold-import.ts' },
  { id: 'cli-cold-start', file: 'figures/cli-cold-start.ts' },
];

/** Runs one figure module in a fresh Node process and reads its JSON result. */
function runChild(file: string, exposeGc: boolean): Promise<FigureResult> {
  const args = [...(exposeGc ? ['--expose-gc'] : []), '--import', 'tsx', join(import.meta.dirname, file), '--json'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const at = stdout.lastIndexOf(RESULT_MARKER);
      if (code !== 0 || at === -1) {
        reject(new Error(`${file} failed (exit ${code})\n${stdout.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(stdout.slice(at + RESULT_MARKER.length)) as FigureResult);
    });
  });
}

const started = performance.now();
const only = process.env.BENCH_ONLY?.split(',').map((id) => id.trim());
const unknown = only?.filter((id) => !FIGURES.some((figure) => figure.id === id)) ?? [];
if (unknown.length > 0)
  throw new Error(`unknown figure ids: ${unknown.join(', ')} (known: ${FIGURES.map((f) => f.id)})`);
const sized = Object.keys(process.env).some((name) => name.startsWith('BENCH_') && name !== 'BENCH_SKIP_BUILD');

if (process.env.BENCH_SKIP_BUILD !== '1') {
  console.error('bench: building dist/ (npm run build)');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

const machine = machineInfo();
const figures: FigureResult[] = [];
for (const figure of FIGURES) {
  if (only && !only.includes(figure.id)) continue;
  console.error(`bench: ${figure.id} ...`);
  const result = figure.inProcess ? await figure.inProcess() : await runChild(figure.file ?? '', figure.gc ?? false);
  console.error(`bench: ${figure.id} done in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  for (const target of result.targets) {
    console.error(`  ${target.met ? 'met   ' : 'MISSED'} ${target.label}: ${target.actual} (target ${target.target})`);
  }
  figures.push(result);
}

const [one = 0, five = 0, fifteen = 0] = loadavg();
const markdown = renderReport({
  machine,
  loadAtEnd: [one, five, fifteen],
  figures,
  totalMs: performance.now() - started,
});
const out = join(root, sized ? 'BENCHMARKS.partial.md' : 'BENCHMARKS.md');
writeFileSync(out, markdown);
console.error(`bench: wrote ${out}`);
