/** The errors `put` raises while reading and sending; apart from ./files.ts so they load without the file system. */

/**
 * A file that could be read while walking but not when its turn came (deleted or
 * locked in between). `readDocuments` throws it; `put` turns it into a usage error
 * while it checks the files (nothing sent yet) and into a `PutStoppedError` while
 * it sends them.
 */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
  constructor(
    /** The path as `put` shows it. */
    readonly path: string,
    /** What went wrong, e.g. `no such file or folder`. */
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/**
 * `put` stopped partway through sending: the documents before the one at fault
 * may have been sent, so it is a failure (exit 1), never a usage error (exit 2
 * promises that nothing was sent). The message says what was sent.
 */
export class PutStoppedError extends Error {
  override readonly name = 'PutStoppedError';
}

/** The first error of `type` in an error's chain of causes (a client wraps what its document source threw). */
export function causeOf<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let at: unknown = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++) {
    if (at instanceof type) return at;
  }
  return undefined;
}
