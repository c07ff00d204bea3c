/**
 * How documents become text: one row per document for tables and plain lines,
 * one JSON object per document for `--json`, and the one-line summaries.
 */
import type { DocumentStatus, StatusBatch } from '../../spec/client';
import type { DocumentIndexError } from '../../spec/errors';
import { INDEX_STATUSES, type IndexStatus } from '../../spec/status';
import type { Palette } from './color';

/** One document as the table shows it. */
export interface DocumentRow {
  id: string;
  /** The `IndexStatus`, or `error` for a document that landed in `errors`. */
  status: IndexStatus | 'error';
  /** The provider's raw value (`providerStatus`), or the error's code. */
  raw: string;
  /** A failure reason, progress, or the error's message. */
  detail: string;
}

/** A status as a table row. */
export function statusRow(item: DocumentStatus): DocumentRow {
  const failure = item.failure ? [item.failure.code, item.failure.message].filter(Boolean).join(': ') : '';
  const progress = item.progress !== undefined && !item.terminal ? `${Math.round(item.progress * 100)}%` : '';
  return { id: item.id, status: item.status, raw: item.providerStatus, detail: failure || progress };
}

/** A document in `errors` as a table row. */
export function errorRow(id: string, error: DocumentIndexError): DocumentRow {
  return { id, status: 'error', raw: error.providerCode ?? error.code, detail: error.message };
}

/** Every document of a batch as rows, items first (in input order), then errors. */
export function batchRows(batch: StatusBatch): DocumentRow[] {
  return [...batch.items.map(statusRow), ...batch.errors.map(({ id, error }) => errorRow(id, error))];
}

/**
 * One status as an NDJSON line. The object is the `DocumentStatus` itself (dates as
 * ISO 8601 strings, `raw` the provider's own object), so what a script reads is what
 * the library returns.
 */
export function statusJson(item: DocumentStatus): string {
  return `${JSON.stringify(item)}\n`;
}

/**
 * A document in `errors` as an NDJSON line: `{ id, provider, error }`, the error as
 * its `toJSON()` (code, message, provider code, request id; never a cause or a
 * credential). It has no `status`, so `jq 'select(.error)'` finds these.
 */
export function errorJson(id: string, error: DocumentIndexError): string {
  return `${JSON.stringify({ id, provider: error.provider, error: error.toJSON() })}\n`;
}

/** Every document of a batch as NDJSON lines, items first, then errors. */
export function batchJson(batch: StatusBatch): string {
  return batch.items.map(statusJson).join('') + batch.errors.map(({ id, error }) => errorJson(id, error)).join('');
}

/**
 * How many documents are in each status, errors apart: summed page by page, so a
 * long listing is summarised without keeping its documents.
 */
export class Tally {
  private readonly counts = new Map<IndexStatus, number>();
  private errorCount = 0;

  /** A tally of one batch. */
  static of(batch: StatusBatch): Tally {
    return new Tally().add(batch);
  }

  /** Counts a batch's documents in. */
  add(batch: StatusBatch): this {
    for (const item of batch.items) this.counts.set(item.status, (this.counts.get(item.status) ?? 0) + 1);
    this.errorCount += batch.errors.length;
    return this;
  }

  /** Every document counted, errors included. */
  get total(): number {
    let total = this.errorCount;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** `[status, count]` in lifecycle order, zeros left out, errors last. */
  entries(): Array<[IndexStatus | 'errors', number]> {
    const list: Array<[IndexStatus | 'errors', number]> = INDEX_STATUSES.filter((status) =>
      this.counts.has(status),
    ).map((status) => [status, this.counts.get(status) ?? 0]);
    if (this.errorCount > 0) list.push(['errors', this.errorCount]);
    return list;
  }

  /** `succeeded 40 · failed 3 · errors 1`, each name in its colour. */
  text(palette: Palette): string {
    const parts = this.entries().map(([status, count]) => palette.status(status, `${status} ${count}`));
    return parts.length > 0 ? parts.join(' · ') : 'nothing';
  }
}

/** `1 document`, `3 documents`. */
export function documentCount(count: number): string {
  return `${count} document${count === 1 ? '' : 's'}`;
}

/** `1:05`, `12:00`, `1:02:03`: elapsed times and ETAs. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** `15m`, `1h30m`, `45s`, `250ms`: a duration as the flags take it. */
export function duration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  // Seconds keep their fraction: `--timeout 1.5s` times out after 1.5s, not "2s".
  const seconds = (ms % 60_000) / 1000;
  return `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}${seconds > 0 ? `${seconds}s` : ''}`;
}
