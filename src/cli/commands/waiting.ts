/**
 * Waiting with a live display, shared by `wait` and `put --wait`: the flags, the
 * progress (how many documents are done, by the same rule `waitFor` applies), and
 * the end: the final statuses, or the last snapshot after a timeout (exit 3) or
 * Ctrl-C (exit 130).
 */
import type { DocumentIndexClient, StatusBatch } from '../../spec/client';
import { isDocumentIndexError } from '../../spec/errors';
import { type IndexStatus, isSuccess } from '../../spec/status';
import { type FlagSpec, type ParsedArgs, parseChoice, parseDuration } from '../args';
import { EXIT, type ExitCode, UsageError } from '../exit';
import { batchExitCode } from '../outcome';
import { documentCount, duration, Tally } from '../output/format';
import type { Report } from '../output/report';

/** The flags of `wait` (and of `put` with `--wait`). */
export const WAIT_FLAGS: Readonly<Record<string, FlagSpec>> = {
  timeout: { type: 'string', value: 'DURATION', description: 'give up after this long, exit 3 (default 1h; 0: never)' },
  until: {
    type: 'string',
    value: 'WHEN',
    description:
      'terminal (default): every document done; succeeded: every document succeeded (one that failed is polled on, until --timeout); deleted: every document gone (deleted or not_found, after a delete)',
  },
  'min-delay': { type: 'string', value: 'DURATION', description: 'first delay between polls (default 1s)' },
  'max-delay': { type: 'string', value: 'DURATION', description: 'longest delay between polls (default 30s)' },
  'not-found-grace': {
    type: 'string',
    value: 'DURATION',
    description: 'how long not_found means "not visible yet" (default 30s)',
  },
};

/** The settings of one wait, from its flags. */
export interface WaitSettings {
  timeoutMs: number | undefined;
  until: 'terminal' | 'succeeded' | 'deleted';
  minDelayMs: number | undefined;
  maxDelayMs: number | undefined;
  notFoundGraceMs: number;
}

const DEFAULT_TIMEOUT = '1h';
const DEFAULT_GRACE_MS = 30_000;

/** After a delete: the document is gone, whether the provider still reports it `deleted` (NAVER) or no longer knows it. */
const isGone = (status: IndexStatus) => status === 'deleted' || status === 'not_found';

/** Reads the wait flags (a bad value is a usage error, before anything is sent). */
export function waitSettings(flags: ParsedArgs['flags'], command: 'wait' | 'put' = 'wait'): WaitSettings {
  const durationFlag = (name: string) =>
    typeof flags[name] === 'string' ? parseDuration(flags[name] as string, `--${name}`) : undefined;
  const timeoutMs = parseDuration(typeof flags.timeout === 'string' ? flags.timeout : DEFAULT_TIMEOUT, '--timeout');
  const minDelayMs = durationFlag('min-delay');
  const maxDelayMs = durationFlag('max-delay');
  // waitFor refuses this too, but only once called: after put --wait has sent its documents.
  if (minDelayMs !== undefined && maxDelayMs !== undefined && minDelayMs > maxDelayMs) {
    throw new UsageError('--min-delay must not be above --max-delay');
  }
  return {
    timeoutMs: timeoutMs === 0 ? undefined : timeoutMs,
    until: parseChoice(
      typeof flags.until === 'string' ? flags.until : 'terminal',
      '--until',
      command === 'wait' ? ['terminal', 'succeeded', 'deleted'] : ['terminal', 'succeeded'],
    ),
    minDelayMs,
    maxDelayMs,
    notFoundGraceMs: durationFlag('not-found-grace') ?? DEFAULT_GRACE_MS,
  };
}

/**
 * Waits for `ids` with a live display; prints the outcome and returns the exit
 * code. `before` holds documents already settled elsewhere (`put`'s refusals),
 * reported with the rest.
 */
export async function waitWithProgress(
  client: DocumentIndexClient,
  ids: readonly string[],
  settings: WaitSettings,
  report: Report,
  interrupt: AbortSignal,
  before: StatusBatch['errors'] = [],
): Promise<ExitCode> {
  const total = new Set(ids).size;
  const started = Date.now();
  // The wait's own `until`; none means the default (terminal, with the not-found grace).
  const until = settings.until === 'succeeded' ? isSuccess : settings.until === 'deleted' ? isGone : undefined;
  // The same rule waitFor applies: with the default `until`, not_found within the
  // grace period is "not visible yet"; an error that retrying cannot fix is settled.
  const done = (snapshot: StatusBatch) =>
    snapshot.items.filter((item) =>
      until
        ? until(item.status)
        : item.terminal && !(item.status === 'not_found' && Date.now() - started < settings.notFoundGraceMs),
    ).length + snapshot.errors.filter(({ error }) => !error.retryable).length;

  let last: StatusBatch = { items: [], errors: [] };
  const progress = await report.progress('waiting');
  const finish = async (snapshot: StatusBatch) => {
    progress.stop();
    const all = { items: snapshot.items, errors: [...before, ...snapshot.errors] };
    await report.documents(all);
    report.summary(Tally.of(all), Date.now() - started);
    return all;
  };

  try {
    const result = await client.waitFor(ids, {
      signal: interrupt,
      ...(settings.timeoutMs !== undefined && { timeoutMs: settings.timeoutMs }),
      ...(settings.minDelayMs !== undefined && { minDelayMs: settings.minDelayMs }),
      ...(settings.maxDelayMs !== undefined && { maxDelayMs: settings.maxDelayMs }),
      ...(until ? { until } : { notFoundGraceMs: settings.notFoundGraceMs }),
      onProgress(snapshot) {
        last = snapshot;
        progress.update(done(snapshot), total, snapshot);
      },
    });
    const all = await finish(result);
    // Waiting for deletes, a document that is gone is what was asked for, not a failure.
    if (settings.until === 'deleted') return all.errors.length > 0 ? EXIT.failed : EXIT.ok;
    return batchExitCode(all, 'wait');
  } catch (error) {
    if (!isDocumentIndexError(error) || (error.code !== 'timeout' && error.code !== 'aborted')) {
      progress.stop();
      throw error;
    }
    const snapshot = error.lastResult ?? last;
    await finish(snapshot);
    const open = total - done(snapshot);
    if (error.code === 'timeout') {
      report.error(`timed out after ${duration(settings.timeoutMs ?? 0)}: ${open} of ${documentCount(total)} not done`);
      return EXIT.timeout;
    }
    report.error(`interrupted: ${open} of ${documentCount(total)} not done`);
    return EXIT.interrupted;
  }
}
