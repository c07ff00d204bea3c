/**
 * A loopback simulator in its own process, driven over IPC by `remote-sim.ts`.
 * Keeps the simulator's CPU off the client's event loop, as a real service's is.
 */
import { startSimulator } from 'docindex/testing';
import { seedStatusDocuments } from './status-documents';

interface Command {
  id: number;
  /** A method path on the simulator, e.g. `['kendra', 'putDocuments']` or `['log', 'count']`. */
  path: string[];
  args: unknown[];
}

const sim = await startSimulator();
process.send?.({ ready: true, url: sim.url });

/** Helpers for the figures that must act on the simulator in one step (no request can land in between). */
const bench = {
  /** Replaces every fault and rate limit by a latency and a token bucket for one operation; returns when (ms since epoch). */
  setQuota(provider: 'kendra' | 'naver', operation: string, rule: { rate: number; burst: number; latencyMs: number }) {
    sim.faults.clear();
    if (rule.latencyMs > 0) {
      sim.inject({
        provider,
        operation,
        fault: { type: 'latency', ms: rule.latencyMs },
        times: Number.POSITIVE_INFINITY,
      });
    }
    sim.rateLimit({ provider, operation, capacity: rule.burst, refillPerSecond: rule.rate });
    // The simulator's clock, which the request log's times are on.
    return Date.now();
  },
  /** The documents of figure 1's status calls (`status-calls.ts`). */
  seedStatusDocuments() {
    seedStatusDocuments(sim);
  },
  /** CPU this process has used so far (user + system), in µs: the simulator's side of a call. */
  cpuUsage() {
    const usage = process.cpuUsage();
    return usage.user + usage.system;
  },
  /** When each request of an operation arrived and whether it was accepted: `[at, accepted]` pairs. */
  outcomes(provider: 'kendra' | 'naver', operation: string): Array<[number, boolean]> {
    return sim.log.filter({ provider, operation }).map((entry) => [entry.at, entry.outcome === 200]);
  },
};

process.on('message', (message: Command) => {
  try {
    let target: unknown = message.path[0] === 'bench' ? { bench } : sim;
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
