/**
 * How the demo writes to the terminal. On a TTY the waiting progress is one line
 * redrawn in place (`\r`); piped into a file or a CI log every update is its own
 * plain line, so the output stays readable there too.
 */
import { INDEX_STATUSES, type StatusBatch } from '../../src/index';

/** Where the demo's narration goes. */
export interface Terminal {
  /** A section heading. */
  heading(text: string): void;
  /** One line of narration, indented under the current heading. */
  line(text: string): void;
  /** Shows where a wait stands; on a TTY it replaces the previous progress line. */
  progress(label: string, snapshot: StatusBatch, total: number): void;
  /** Ends the progress line, so the next output starts on a line of its own. */
  endProgress(): void;
}

const BAR_WIDTH = 24;

/** A terminal over a writable stream; `tty` defaults to whether the stream is a TTY. */
export function createTerminal(
  stream: NodeJS.WriteStream = process.stdout,
  tty: boolean = stream.isTTY === true,
): Terminal {
  let progressShown = false;
  const write = (text: string) => stream.write(text);

  return {
    heading(text) {
      this.endProgress();
      write(`\n${tty ? `\x1b[1m${text}\x1b[0m` : text}\n`);
    },
    line(text) {
      this.endProgress();
      write(text === '' ? '\n' : `  ${text}\n`);
    },
    progress(label, snapshot, total) {
      const text = progressText(label, snapshot, total, tty);
      if (tty) {
        // One screen row at most: a wrapped line could not be redrawn with \r. Some
        // terminals and CI pseudo-TTYs report 0 columns: that is "unknown", as undefined is.
        const width = Math.max(1, (stream.columns || 120) - 3);
        const fitted = text.length > width ? `${text.slice(0, width - 1)}…` : text;
        // \r back to the start, \x1b[2K clears what a longer previous line left behind.
        write(`\r\x1b[2K  ${fitted}`);
        progressShown = true;
      } else {
        write(`  ${text}\n`);
      }
    },
    endProgress() {
      if (progressShown) write('\n');
      progressShown = false;
    },
  };
}

/** `[#########-------] 31/48 done · processing 12 · pending 5`, counts in lifecycle order. */
export function progressText(label: string, snapshot: StatusBatch, total: number, tty: boolean): string {
  const done = snapshot.items.filter((item) => item.terminal).length + snapshot.errors.length;
  const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
  const bar = tty
    ? `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`
    : `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
  const counts: Array<[string, number]> = INDEX_STATUSES.map((status) => [
    status,
    snapshot.items.filter((item) => item.status === status).length,
  ]);
  if (snapshot.errors.length > 0) counts.push(['errors', snapshot.errors.length]);
  const breakdown = counts
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${status} ${count}`)
    .join(' · ');
  return `${label} [${bar}] ${String(done).padStart(String(total).length)}/${total} done · ${breakdown}`;
}
