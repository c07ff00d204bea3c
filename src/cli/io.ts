/**
 * What a command may touch of its process: the three streams, the environment
 * and the working directory. Commands never reach for `process` themselves, so
 * their output rules (results on stdout, messages and progress on stderr) are
 * visible in one place and the pieces can be driven from tests.
 */

/** An output stream as the CLI uses it (a TTY stream has `isTTY` and `columns`). */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  /** Terminal width; undefined off a terminal, and 0 on some pseudo-terminals. */
  readonly columns?: number | undefined;
  readonly rows?: number | undefined;
}

/** The process as a command sees it. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Standard input, read only when an argument is `-`. */
  readonly stdin: AsyncIterable<Buffer | string> & { readonly isTTY?: boolean | undefined };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Only when asked for: Node builds `process.stdin` on first use, and for a file
    // or pipe that loads its stream classes, a cost every command but `-` is spared.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}
