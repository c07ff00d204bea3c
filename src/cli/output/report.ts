/**
 * Where each kind of output goes. Results go to stdout: NDJSON with `--json` (and
 * nothing else there, so `| jq` always parses), otherwise a table on a terminal and
 * tab-separated lines elsewhere. Messages, summaries and progress go to stderr,
 * and `--quiet` silences them (errors excepted).
 */
import type { StatusBatch } from '../../spec/client';
import type { CliIo } from '../io';
import { capableTerminal, colorEnabled, createPalette, type Palette } from './color';
import { batchJson, batchRows, clock, type DocumentRow, documentCount, type Tally } from './format';
import { type LiveProgress, startLiveProgress } from './live';
import { layoutFor, plainLine, renderTable, type TableLayout } from './table';
import { loadTextMetrics, printable, type TextMetrics, terminalColumns } from './text';

/** How a command reports. */
export interface Report {
  readonly json: boolean;
  /** Colours for stderr. */
  readonly palette: Palette;
  /** Writes documents to stdout; a listing calls this once per page, and the table stays aligned. */
  documents(batch: StatusBatch): Promise<void>;
  /** Writes one record that is not a document (Azure's translation): `row` as a table row or plain line, `value` as JSON. */
  record(row: DocumentRow, value: unknown): Promise<void>;
  /** One line of narration on stderr (not with `--quiet`). */
  message(text: string): void;
  /** `12 documents in 0:42: succeeded 10 · failed 1 · errors 1` on stderr (not with `--quiet`). */
  summary(tally: Tally, elapsedMs?: number): void;
  /** One line on stderr, always: an error. */
  error(text: string): void;
  /** A live progress display on stderr (nothing with `--quiet`). */
  progress(label: string): Promise<LiveProgress>;
}

/** The report of one run. */
export function createReport(io: CliIo, options: { json: boolean; quiet: boolean }): Report {
  const stdoutPalette = createPalette(colorEnabled(io.stdout, io.env));
  const palette = createPalette(colorEnabled(io.stderr, io.env));
  const table = io.stdout.isTTY === true;
  let metrics: TextMetrics | undefined;
  let layout: TableLayout | undefined;

  /** Rows to stdout: a table on a terminal (aligned across calls), plain lines elsewhere. */
  const writeRows = async (rows: readonly DocumentRow[]): Promise<void> => {
    if (rows.length === 0) return;
    if (!table) {
      io.stdout.write(rows.map((row) => `${plainLine(row)}\n`).join(''));
      return;
    }
    metrics ??= await loadTextMetrics();
    const header = layout === undefined;
    const columns = terminalColumns(io.stdout, io.env);
    layout ??= layoutFor(rows, metrics, columns);
    const lines = renderTable(rows, {
      metrics,
      palette: stdoutPalette,
      columns,
      layout,
      header,
    });
    io.stdout.write(lines.map((line) => `${line}\n`).join(''));
  };

  return {
    json: options.json,
    palette,
    async documents(batch) {
      if (options.json) io.stdout.write(batchJson(batch));
      else await writeRows(batchRows(batch));
    },
    async record(row, value) {
      if (options.json) io.stdout.write(`${JSON.stringify(value)}\n`);
      else await writeRows([row]);
    },
    message(text) {
      if (!options.quiet) io.stderr.write(`${printable(text)}\n`);
    },
    summary(tally, elapsedMs) {
      if (options.quiet) return;
      const count = tally.total;
      const time = elapsedMs === undefined ? '' : ` in ${clock(elapsedMs)}`;
      io.stderr.write(`${documentCount(count)}${time}: ${tally.text(palette)}\n`);
    },
    error(text) {
      io.stderr.write(`${palette.red('docindex:')} ${printable(text)}\n`);
    },
    progress(label) {
      return startLiveProgress({
        label,
        stream: io.stderr,
        palette,
        // A terminal that cannot move its cursor (TERM=dumb) gets plain lines.
        tty: capableTerminal(io.stderr, io.env),
        env: io.env,
        enabled: !options.quiet,
      });
    },
  };
}
