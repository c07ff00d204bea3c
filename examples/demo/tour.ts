/**
 * The provider-neutral part of the demo: one function that takes any
 * `DocumentIndexClient` and walks it through statuses, waiting, listing,
 * deleting and putting new documents. It knows nothing about Kendra, Bedrock, Azure or NAVER; the demo runs
 * it unchanged against all four. (In your own code these imports come from
 * `'docindex'`; the demo imports the sources so that it runs before any build.)
 */
import { type DocumentIndexClient, type DocumentInput, isDocumentIndexError, type StatusBatch } from '../../src/index';
import type { Terminal } from './terminal';

/** What to do with one index. */
export interface TourPlan {
  /** Every document to look at. */
  ids: readonly string[];
  /** The documents to delete at the end (where the provider can delete). */
  deleteIds: readonly string[];
  /** Page size for the listing. */
  pageSize: number;
  /** How long to wait for every document to settle. */
  timeoutMs: number;
  /**
   * How long a `not_found` document may still be on its way (the demo's documents
   * exist from the start, so it can be short).
   */
  notFoundGraceMs: number;
  /** New documents to put at the end, then wait for (none: the step is left out). */
  put?: readonly DocumentInput[];
}

/** What the tour found, for the closing table. */
export interface TourResult {
  /** The first read, before waiting. */
  initial: StatusBatch;
  /** Every document once it settled (or the last snapshot if the wait timed out). */
  settled: StatusBatch;
  /** Documents seen in the listing, or undefined where the provider cannot list. */
  listed?: number;
  /** What the delete reported, or undefined where the provider cannot delete. */
  deleted?: StatusBatch;
  /** Where the documents put ended, or undefined where the provider cannot take documents. */
  put?: StatusBatch;
}

/**
 * Walks one index through the whole API. `wire()` describes the requests the
 * previous step sent (the demo reads the simulator's log); it is the only part
 * that is not provider-neutral, and it is optional.
 */
export async function tourIndex(
  client: DocumentIndexClient,
  plan: TourPlan,
  out: Terminal,
  wire: () => string = () => '',
): Promise<TourResult> {
  const label = client.provider.padEnd(7);

  // 1. Statuses in batches: the core cuts the ids into provider-sized requests.
  const initial = await client.getStatuses(plan.ids);
  out.line(`getStatuses(${plan.ids.length} ids): ${summarize(initial)}${wire()}`);
  for (const { id, error } of initial.errors.slice(0, 2)) {
    out.line(`  refused: ${id} -> ${error.code} (${error.providerCode ?? 'no provider code'}): ${error.message}`);
  }

  // 2. Waiting, with live progress: every poll asks only for the documents not yet done.
  let settled: StatusBatch;
  try {
    settled = await client.waitFor(plan.ids, {
      minDelayMs: 150,
      maxDelayMs: 600,
      timeoutMs: plan.timeoutMs,
      notFoundGraceMs: plan.notFoundGraceMs,
      // `progress` says how many documents are done by waitFor's own rule: nothing to re-derive here.
      onProgress: (progress) => out.progress(label, progress),
    });
    out.endProgress();
  } catch (error) {
    out.endProgress();
    if (!isDocumentIndexError(error) || error.code !== 'timeout' || !error.lastResult) throw error;
    out.line(`waitFor timed out after ${plan.timeoutMs} ms; keeping the last snapshot`);
    settled = error.lastResult;
  }
  out.line(`waitFor: ${summarize(settled)}${wire()}`);
  for (const item of settled.items.filter((doc) => doc.failure).slice(0, 2)) {
    const reason = [item.failure?.code, item.failure?.message].filter(Boolean).join(': ');
    out.line(`  ${item.status}: ${item.id} (${item.providerStatus}) ${reason}`);
  }

  // 3. Listing, page by page; providers without a listing API say so with `unsupported`.
  let listed: number | undefined;
  try {
    let page = 0;
    listed = 0;
    for await (const documents of client.listStatuses().byPage({ maxPageSize: plan.pageSize })) {
      page++;
      listed += documents.length;
      const next = documents.continuationToken
        ? `continuationToken ${shorten(documents.continuationToken)}`
        : 'last page';
      out.line(`listStatuses page ${page}: ${documents.length} documents, ${next}`);
    }
    out.line(`listStatuses: ${listed} documents in ${page} page(s)${wire()}`);
  } catch (error) {
    listed = undefined;
    if (!isDocumentIndexError(error) || error.code !== 'unsupported') throw error;
    out.line(`listStatuses: unsupported here (${error.message}); nothing was sent`);
  }

  // 4. Deleting, where the provider can.
  let deleted: StatusBatch | undefined;
  try {
    deleted = await client.deleteDocuments(plan.deleteIds);
    out.line(`deleteDocuments(${plan.deleteIds.length} ids): ${summarize(deleted)}${wire()}`);
  } catch (error) {
    if (!isDocumentIndexError(error) || error.code !== 'unsupported') throw error;
    out.line(`deleteDocuments: unsupported here (${error.message}); nothing was sent`);
  }

  // 5. Ingesting new documents: cut into provider-sized requests, refusals accounted
  // for, then waited for (exactly what was accepted).
  let put: StatusBatch | undefined;
  try {
    if (!plan.put) return finish();
    const accepted = await client.putDocuments(plan.put);
    out.line(`putDocuments(${plan.put.length} documents): ${summarize(accepted)}${wire()}`);
    for (const { id, error } of accepted.errors) {
      out.line(`  refused: ${id} -> ${error.code} (${error.providerCode ?? 'no provider code'})`);
    }
    put = await client.waitFor(accepted.items, {
      minDelayMs: 50,
      maxDelayMs: 300,
      timeoutMs: plan.timeoutMs,
      onProgress: (progress) => out.progress(label, progress),
    });
    out.endProgress();
    out.line(`waitFor(accepted): ${summarize(put)}${wire()}`);
  } catch (error) {
    out.endProgress();
    if (!isDocumentIndexError(error) || error.code !== 'unsupported') throw error;
    out.line(`putDocuments: unsupported here (${error.message}); nothing was sent`);
  }

  return finish();

  function finish(): TourResult {
    const result: TourResult = { initial, settled, listed };
    if (deleted) result.deleted = deleted;
    if (put) result.put = put;
    return result;
  }
}

/** `43 answered (succeeded x30, processing x13), 2 errors (InvalidRequest x2)`. */
export function summarize(batch: StatusBatch): string {
  const statuses = countBy(batch.items.map((item) => item.status));
  const errors = countBy(batch.errors.map(({ error }) => error.providerCode ?? error.code));
  const parts = [`${batch.items.length} answered${statuses ? ` (${statuses})` : ''}`];
  if (batch.errors.length > 0) parts.push(`${batch.errors.length} refused (${errors})`);
  return parts.join(', ');
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${value} x${count}`).join(', ');
}

function shorten(token: string): string {
  return token.length > 16 ? `${token.slice(0, 12)}...` : token;
}
