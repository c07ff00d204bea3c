/**
 * A loopback simulator in its own process, driven over IPC by `remote-sim.ts`.
 * Keeps the simulator's CPU off the client's event loop, as a real service's is.
 */
import { startSimulator } from 'docindex/testing';

interface Command {
  id: number;
  /** A method path on the simulator, e.g. `['kendra', 'putDocuments']` or `['log', 'count']`. */
  path: string[];
  args: unknown[];
}

const sim = await startSimulator();
process.send?.({ ready: true, url: sim.url });

process.on('message', (message: Command) => {
  try {
    let target: unknown = sim;
    for (const key of message.path.slice(0, -1)) target = (target as Record<string, unknown>)[key];
    const method = message.path.at(-1) as string;
    const fn = (target as Record<string, (...args: unknown[]) => unknown>)[method];
    if (typeof fn !== 'function') throw new Error(`no simulator method ${message.path.join('.')}`);
    const value = fn.apply(target, message.args);
    // Fluent setters return the simulator itself; only plain results travel back.
    const result = typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : value;
    process.send?.({ id: message.id, result });
  } catch (error) {
    process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});

process.on('disconnect', () => {
  void sim.close().finally(() => process.exit(0));
});
