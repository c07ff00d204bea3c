#!/usr/bin/env node
import { EXIT } from './exit';
/**
 * The `docindex` bin. Kept small on purpose: it loads the command table and the
 * provider flags, nothing else, so `docindex status --help` starts as fast as
 * Node does; a command loads its provider's entry (and so its SDK) only when it
 * connects, and the progress display only when it shows one.
 */
import { processIo } from './io';
import { run } from './run';

const interrupt = new AbortController();
/**
 * How a shell reports a process a signal stopped, 128 + the signal's number: 130
 * for Ctrl-C (SIGINT), 143 for SIGTERM (what `kill`, systemd and container
 * runtimes send), so a supervisor can tell a stop it asked for from Ctrl-C.
 */
const EXIT_FOR_SIGNAL = { SIGINT: EXIT.interrupted, SIGTERM: 143 } as const;
let stoppedBy: keyof typeof EXIT_FOR_SIGNAL | undefined;
// First Ctrl-C (or SIGTERM): stop cleanly, the command prints what it has and
// exits (130 or 143 for a command that was cut short, 0 for simulate). Second: leave at once.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupt.signal.aborted) process.exit(EXIT_FOR_SIGNAL[signal]);
    stoppedBy = signal;
    interrupt.abort();
  });
}
// `docindex list --json | head`: a reader that goes away is not an error. Messages
// to a stderr that went away (`docindex simulate 2>&1 | head`) are dropped.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

// With both set, Node warns on stderr ("The 'NO_COLOR' env is ignored due to the 'FORCE_COLOR' env being set"),
// past --quiet. FORCE_COLOR wins here as it does for Node (output/color.ts): NO_COLOR goes first, and so does the warning.
if (process.env.FORCE_COLOR !== undefined && process.env.NO_COLOR !== undefined) delete process.env.NO_COLOR;

const ran = await run(process.argv.slice(2), { io: processIo(), interrupt: interrupt.signal });
const code = ran === EXIT.interrupted && stoppedBy !== undefined ? EXIT_FOR_SIGNAL[stoppedBy] : ran;
process.exitCode = code;
// Exit once both streams have flushed: an SDK client's keep-alive sockets must not
// hold the process open after the command is done.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
