/**
 * The demo's closing table: per provider, how many documents ended in each
 * `IndexStatus`, with the provider's own raw values beside the count, so the
 * mapping of four vocabularies into one is visible at a glance.
 */
import { INDEX_STATUSES, type IndexStatus, type StatusBatch } from '../../src/index';

/** One row of the table: a status, its count, and the raw values behind it. */
export interface StatusRow {
  status: IndexStatus | 'errors';
  count: number;
  /** `INDEXED x25, UPDATED x5`; for errors, the provider codes. */
  raw: string;
}

/** Rows for every status that occurs, in lifecycle order, then the errors. */
export function statusRows(batch: StatusBatch): StatusRow[] {
  const rows: StatusRow[] = [];
  for (const status of INDEX_STATUSES) {
    const items = batch.items.filter((item) => item.status === status);
    if (items.length === 0) continue;
    rows.push({
      status,
      count: items.length,
      raw: tally(items.map((item) => item.providerStatus || '(none reported)')),
    });
  }
  if (batch.errors.length > 0) {
    const codes = batch.errors.map(({ error }) => `${error.code}${error.providerCode ? `/${error.providerCode}` : ''}`);
    rows.push({ status: 'errors', count: batch.errors.length, raw: tally(codes) });
  }
  return rows;
}

/** The table for one provider, as lines of text. */
export function renderStatusTable(title: string, batch: StatusBatch): string[] {
  const rows = statusRows(batch);
  const statusWidth = Math.max('IndexStatus'.length, ...rows.map((row) => row.status.length));
  const countWidth = Math.max('count'.length, ...rows.map((row) => String(row.count).length));
  const line = (status: string, count: string, raw: string) =>
    `  ${status.padEnd(statusWidth)}  ${count.padStart(countWidth)}  ${raw}`.trimEnd();
  const total = batch.items.length + batch.errors.length;
  return [
    `${title} (${total} documents)`,
    line('IndexStatus', 'count', 'raw values'),
    line('-'.repeat(statusWidth), '-'.repeat(countWidth), '-'.repeat(10)),
    ...rows.map((row) => line(row.status, String(row.count), row.raw)),
  ];
}

function tally(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, count]) => `${value} x${count}`)
    .join(', ');
}
