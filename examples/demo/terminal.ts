/**
 * How the demo writes to the terminal. On a TTY the waiting progress is one line
 * redrawn in place (`\r`); piped into a file or a CI log every update is its own
 * plain line, so the output stays readable there too.
 */
import { INDEX_STATUSES, type WaitProgress } from '../../src/index';

/** Where the demo's narration goes. */
export interface Terminal {
  /** A section heading. */
  heading(text: string): void;
  /** One line of narration, indented under the current heading. */
  line(text: string): void;
  /** Shows where a wait stands; on a TTY it replaces the previous progress line. */
  progress(label: string, progress: WaitProgress): void;
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
    progress(label, progress) {
      const text = progressText(label, progress, tty);
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

/**
 * `[#########-------] 31/48 done · processing 12 · pending 4 · retrying 1`, counts in
 * lifecycle order. "Done" is `waitFor`'s own verdict (`progress.done`): a document
 * whose latest poll failed transiently is still being polled, so it shows as
 * `retrying`, not done; only errors `waitFor` will not poll again show as `errors`.
 */
export function progressText(label: string, progress: WaitProgress, tty: boolean): string {
  const { done, total } = progress;
  const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
  const bar = tty
    ? `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`
    : `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
  const retrying = progress.errors.filter(({ error }) => error.retryable).length;
  const counts: Array<[string, number]> = [
    ...INDEX_STATUSES.map((status): [string, number] => [status, progress.counts[status]]),
    ['retrying', retrying],
    ['errors', progress.errors.length - retrying],
  ];
  const breakdown = counts
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${status} ${count}`)
    .join(' · ');
  return `${label} [${bar}] ${String(done).padStart(String(total).length)}/${total} done · ${breakdown}`;
}
