/**
 * What the progress display says: done/total, counts per `IndexStatus`, elapsed
 * time and an estimate of the time left. Pure text; `live.ts` puts it on screen.
 */
import type { StatusBatch } from '../../spec/client';
import type { Palette } from './color';
import { clock, Tally } from './format';

/** Where a `wait` or a `put` stands. */
export interface ProgressState {
  /** `waiting`, `checking`, `sending`: what is under way. */
  label: string;
  done: number;
  total: number;
  /** The latest snapshot, for the counts per status; none (no counts shown) before there is one. */
  snapshot?: StatusBatch | undefined;
  elapsedMs: number;
  /** The display has stopped: no estimate of the time left (what is not done will not be). */
  stopped?: boolean | undefined;
}

/** The bar never grows past this, however wide the terminal. */
const MAX_BAR = 32;
const MIN_BAR = 10;

/**
 * Before this long, what is done says nothing of the pace: documents already done
 * at the first poll read as "finished in no time", and the estimate as `~0:00 left`
 * for a document days away.
 */
const ESTIMATE_AFTER_MS = 5000;

/**
 * The time left if the rest goes as fast as what is done so far; undefined until
 * something is done and {@link ESTIMATE_AFTER_MS} have passed (or when everything is done).
 */
export function estimateRemainingMs(done: number, total: number, elapsedMs: number): number | undefined {
  if (done <= 0 || done >= total || elapsedMs < ESTIMATE_AFTER_MS) return undefined;
  return (elapsedMs / done) * (total - done);
}

/**
 * `unknown` stands for an estimate not made yet: a frame redrawn in place keeps its
 * place (`~?:?? left`), a log line just leaves it out.
 */
function figures(state: ProgressState, unknown: string): { count: string; percent: string; time: string } {
  const { done, total, elapsedMs } = state;
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  const left = estimateRemainingMs(done, total, elapsedMs);
  const eta = done >= total || state.stopped === true ? '' : left === undefined ? unknown : ` · ~${clock(left)} left`;
  return {
    count: `${String(done).padStart(String(total).length)}/${total}`,
    percent: `${String(percent).padStart(3)}%`,
    time: `${clock(elapsedMs)} elapsed${eta}`,
  };
}

/**
 * Two lines for a terminal: the bar with done/total, percent and times, then the
 * counts per status (one line without a snapshot). `columns` (already defaulted
 * when the terminal reports none) sizes the bar so the first line fits.
 */
export function terminalFrame(state: ProgressState, palette: Palette, columns: number): string {
  const { count, percent, time } = figures(state, ' · ~?:?? left');
  const rest = `${state.label}  ${count} ${percent}  ${time}`;
  const barWidth = Math.max(MIN_BAR, Math.min(MAX_BAR, columns - rest.length - 2));
  const ratio = state.total === 0 ? 1 : state.done / state.total;
  const filled = Math.min(barWidth, Math.round(ratio * barWidth));
  const bar = palette.green('█'.repeat(filled)) + palette.dim('░'.repeat(barWidth - filled));
  const head = `${palette.bold(state.label)} ${bar} ${count} ${percent}  ${palette.dim(time)}`;
  return state.snapshot === undefined ? head : `${head}\n  ${Tally.of(state.snapshot).text(palette)}`;
}

/** One line for a log: `waiting: 31/48 done ( 64%) · succeeded 28 · ... · 0:42 elapsed · ~0:23 left` (no counts without a snapshot). */
export function plainLine(state: ProgressState, palette: Palette): string {
  const { count, percent, time } = figures(state, '');
  const counts = state.snapshot === undefined ? '' : ` · ${Tally.of(state.snapshot).text(palette)}`;
  return `${state.label}: ${count} done (${percent.trim()})${counts} · ${time}`;
}
