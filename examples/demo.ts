/**
 * `npm run demo`: docindex against all four providers, offline.
 *
 * Starts the loopback simulator (`docindex/testing`), fills it with a realistic
 * scenario per provider (./demo/scenarios.ts), and runs the same provider-neutral
 * function (./demo/tour.ts) against each: statuses in batches, `waitFor` with live
 * progress, a listing page by page, deletes, and new documents put and waited for. It ends with a table per provider:
 * how many documents ended in each `IndexStatus`, with the raw values beside them.
 *
 * No cloud account, no credentials, no network beyond 127.0.0.1; about 10 seconds
 * (`npm run demo`: about 7 s of waiting for the simulated timelines, plus start-up).
 */
import type { KnownProviderName, StatusBatch } from '../src/index';
import { PROVIDER_NAMES } from '../src/providers/registry';
import { type RunningSimulator, startSimulator } from '../src/testing/index';
import { renderStatusTable } from './demo/report';
import { SCENARIOS } from './demo/scenarios';
import { createTerminal, type Terminal } from './demo/terminal';
import { summarize, tourIndex } from './demo/tour';

/**
 * Describes the requests one provider sent since the last call, from the
 * simulator's request log: `[7 requests: HTTP 200 x4, HTTP 429 x3]`. Throttled,
 * dropped and 5xx answers are the ones docindex retried.
 */
function wireReporter(sim: RunningSimulator, provider: KnownProviderName): () => string {
  let seen = 0;
  return () => {
    const entries = sim.log.filter({ provider }).slice(seen);
    seen += entries.length;
    if (entries.length === 0) return ' [no requests]';
    const outcomes = new Map<string, number>();
    for (const { outcome } of entries) {
      const key = outcome === 'reset' ? 'connection reset' : `HTTP ${outcome ?? '?'}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    const plural = entries.length === 1 ? 'request' : 'requests';
    const detail = [...outcomes].map(([key, count]) => `${key} x${count}`).join(', ');
    return ` [${entries.length} ${plural}: ${detail}]`;
  };
}

async function main(out: Terminal): Promise<void> {
  const started = performance.now();
  const sim = await startSimulator();
  out.heading(`docindex demo: four providers simulated at ${sim.url}`);
  out.line('The same provider-neutral function runs against each; only the client differs.');

  const results: Array<{ title: string; settled: StatusBatch; deleted?: StatusBatch; put?: StatusBatch }> = [];
  try {
    for (const provider of PROVIDER_NAMES) {
      const scenario = SCENARIOS[provider];
      const plan = scenario.seed(sim);
      const client = scenario.connect(sim);
      out.heading(`${provider}: ${scenario.title}`);
      const result = await tourIndex(client, plan, out, wireReporter(sim, provider));
      results.push({ title: provider, ...result });
    }
  } finally {
    await sim.close();
  }

  out.heading('Where every document ended (after waitFor), per provider');
  for (const { title, settled, deleted, put } of results) {
    for (const line of renderStatusTable(title, settled)) out.line(line);
    if (deleted) out.line(`  then deleteDocuments: ${summarize(deleted)}`);
    if (put) out.line(`  then putDocuments, after waitFor: ${summarize(put)}`);
    out.line('');
  }
  out.line(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

main(createTerminal()).catch((error: unknown) => {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
