/**
 * The exit codes of `docindex`, and the error a command throws for a usage
 * mistake. Scripts branch on these codes, so they are part of the contract.
 */

/** What the process exits with. */
export const EXIT = Object.freeze({
  /** Every document succeeded, or the command did its job. */
  ok: 0,
  /** Some document failed, was not found or landed in errors; or the call itself failed. */
  failed: 1,
  /** A usage or validation error: nothing was sent, or the provider refused the request as invalid (its own `validation`). */
  usage: 2,
  /** `wait` ran out of time. */
  timeout: 3,
  /** Ctrl-C (SIGINT). */
  interrupted: 130,
});

/** One of the exit codes above. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A mistake in how the command was called (an unknown flag, a missing setting, a
 * malformed id, an unreadable file), found before anything was sent. The message
 * is the one line the user sees after `docindex: `.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
