/**
 * What every figure reports: tables for BENCHMARKS.md and the targets it checks.
 * Each figure runs in its own Node process (see `runFigureMain`), so one figure's
 * heap, JIT state and sockets cannot colour another's numbers.
 */

/** One table of a figure: column headers and rows of already formatted cells. */
export interface Table {
  caption?: string;
  columns: string[];
  rows: string[][];
}

/** A target of issue 9 and how this run fared against it. */
export interface TargetCheck {
  label: string;
  /** The target as written, e.g. `<= 1.05x`. */
  target: string;
  /** The measured value as written, e.g. `1.03x`. */
  actual: string;
  met: boolean;
  /** By how much it was missed, and why (written by the figure when `met` is false). */
  note?: string;
}

export interface FigureResult {
  id: string;
  title: string;
  /** What is measured and how, in a few sentences of Markdown. */
  method: string;
  /** The environment variables that size this figure, with the values used. */
  parameters: Record<string, number | string>;
  tables: Table[];
  targets: TargetCheck[];
  notes: string[];
  /** Wall time of the figure itself. */
  elapsedMs: number;
}

/** Reads a positive integer size from the environment, e.g. `BENCH_CPU_ROUNDS`. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

/** Marker line that precedes a figure's JSON on a child's stdout. */
export const RESULT_MARKER = '@@docindex-bench-result@@';

/**
 * Runs a figure when its module is the process entry point: prints a readable
 * summary, or (with `--json`, as `bench/run.ts` asks) the result as JSON after a
 * marker line.
 */
export async function runFigureMain(moduleUrl: string, run: () => Promise<FigureResult>): Promise<void> {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  const result = await run();
  if (process.argv.includes('--json')) {
    process.stdout.write(`\n${RESULT_MARKER}\n${JSON.stringify(result)}\n`);
  } else {
    console.log(`# ${result.title} (${(result.elapsedMs / 1000).toFixed(1)} s)`);
    for (const table of result.tables) {
      if (table.caption) console.log(`\n${table.caption}`);
      console.table(table.rows.map((row) => Object.fromEntries(row.map((cell, i) => [table.columns[i], cell]))));
    }
    for (const target of result.targets) {
      console.log(`${target.met ? 'MET   ' : 'MISSED'} ${target.label}: ${target.actual} (target ${target.target})`);
    }
  }
  // Keep-alive sockets and simulator servers must not hold the process open.
  process.exit(0);
}
