/**
 * The live progress display of `wait` and `put`, on stderr. On a terminal it is
 * one frame redrawn in place (log-update does the redrawing: erasing exactly the
 * lines the last frame took, wrapped lines included, with the cursor hidden) and
 * ticks every second so elapsed time and the estimate keep moving between polls.
 * Anywhere else (a CI log, a file) it writes plain lines: whenever the number of
 * finished documents changed, at most once a second, and every 30 seconds
 * regardless, plus the last state when it stops.
 */
import type { StatusBatch } from '../../spec/client';
import type { OutputStream } from '../io';
import type { Palette } from './color';
import { plainLine, terminalFrame } from './progress';
import { terminalColumns } from './text';

/** A progress display that can be updated and stopped. */
export interface LiveProgress {
  /** A new state: `done` of `total` finished, `snapshot` (if any yet) for the counts. */
  update(done: number, total: number, snapshot?: StatusBatch): void;
  /** Shows the last state once more and leaves it on screen. */
  stop(): void;
}

/** Terminals that report no size (CI pseudo-terminals, `script`) get this width (unless COLUMNS says) and height. */
const FALLBACK = { columns: 80, rows: 24 };
const TICK_MS = 1000;
const PLAIN_MIN_GAP_MS = 1000;
const PLAIN_HEARTBEAT_MS = 30_000;

/** What the display needs to know besides the states. */
export interface LiveProgressOptions {
  label: string;
  stream: OutputStream;
  palette: Palette;
  /** Redraw in place (the stream is a terminal), or write plain lines. */
  tty: boolean;
  /** Where `COLUMNS` is read from, for a terminal that reports no width. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Off: nothing is shown. */
  enabled: boolean;
  now?: () => number;
}

/** Starts a display; nothing is written before the first `update`. */
export async function startLiveProgress(options: LiveProgressOptions): Promise<LiveProgress> {
  if (!options.enabled) return { update() {}, stop() {} };
  const now = options.now ?? Date.now;
  const started = now();
  let state: { done: number; total: number; snapshot?: StatusBatch | undefined } | undefined;
  let stopped = false;
  const current = () => state && { label: options.label, ...state, elapsedMs: now() - started, stopped };

  if (options.tty) {
    const { createLogUpdate } = await import('log-update');
    // log-update sizes frames from `columns` and `rows` and draws nothing at all
    // for a terminal that reports 0 rows; a pseudo-terminal without a window size
    // reports 0 for both, so it gets a view of the stream with a usable size.
    const { stream } = options;
    const sized = {
      isTTY: true,
      get columns() {
        return terminalColumns(stream, options.env) ?? FALLBACK.columns;
      },
      get rows() {
        const rows = stream.rows;
        return typeof rows === 'number' && rows > 0 ? rows : FALLBACK.rows;
      },
      write: (text: string) => stream.write(text),
    };
    const draw = createLogUpdate(sized as unknown as NodeJS.WriteStream);
    const render = () => {
      const frame = current();
      if (frame) draw(terminalFrame(frame, options.palette, sized.columns));
    };
    const ticker = setInterval(render, TICK_MS);
    ticker.unref();
    return {
      update(done, total, snapshot) {
        state = { done, total, snapshot };
        render();
      },
      stop() {
        clearInterval(ticker);
        stopped = true;
        render();
        if (state) draw.done();
      },
    };
  }

  let lastLine = Number.NEGATIVE_INFINITY;
  let lastDone = -1;
  let lastState: typeof state;
  const write = (final: boolean) => {
    const frame = current();
    if (!frame) return;
    const at = now();
    const changed = frame.done !== lastDone && at - lastLine >= PLAIN_MIN_GAP_MS;
    // The last state is shown once at the end, unless that very state was just written.
    if (final ? state === lastState : !changed && at - lastLine < PLAIN_HEARTBEAT_MS) return;
    options.stream.write(`${plainLine(frame, options.palette)}\n`);
    lastLine = at;
    lastDone = frame.done;
    lastState = state;
  };
  const ticker = setInterval(() => write(false), PLAIN_HEARTBEAT_MS);
  ticker.unref();
  return {
    update(done, total, snapshot) {
      state = { done, total, snapshot };
      write(false);
    },
    stop() {
      clearInterval(ticker);
      stopped = true;
      write(true);
    },
  };
}
