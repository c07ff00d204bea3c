import type { DocumentStatus } from '../../spec/client';
import { createStatusMapper, documentStatus } from '../../spec/document-status';
import type { IndexStatus } from '../../spec/status';
import { readIsoTimestamp } from '../shared/timestamps';
import type { AzureDocumentWire, AzureErrorWire } from './wire';

/** This adapter's provider name, on its statuses and errors. */
export const PROVIDER = 'azure';

/** An Azure document's status; `raw` is the document object Azure answered with (undefined when it answered none). */
export type AzureDocumentStatus = DocumentStatus<AzureDocumentWire | undefined, 'azure'>;

/** Azure's document and translation statuses; one docs page spells `Canceled`, so both are listed. */
export type AzureStatus =
  | 'NotStarted'
  | 'Running'
  | 'Succeeded'
  | 'Failed'
  | 'ValidationFailed'
  | 'Cancelling'
  | 'Cancelled'
  | 'Canceled';

/** Azure's statuses in our union; typed over the whole union, so a new Azure value is a compile error here. */
export const AZURE_STATUS_TABLE: Readonly<Record<AzureStatus, IndexStatus>> = Object.freeze({
  NotStarted: 'pending',
  Running: 'processing',
  Succeeded: 'succeeded',
  Failed: 'failed',
  ValidationFailed: 'failed',
  Cancelling: 'cancelling',
  Cancelled: 'cancelled',
  Canceled: 'cancelled',
});

const lookup = createStatusMapper(AZURE_STATUS_TABLE);

/** Maps a raw Azure status; anything else is `unknown`. */
export function mapAzureStatus(raw: unknown): IndexStatus {
  return lookup(raw);
}

/**
 * The raw values to send as the server-side `statuses` filter, or undefined to
 * filter client-side only. The core filters every page again, so leaving the
 * server filter off is always correct, just less efficient. It is left off when
 * a wanted status has no unambiguous Azure spelling: `cancelled` (`Cancelled` or
 * `Canceled`, and a server may reject the spelling it does not use) and `unknown`
 * (values we cannot name). Statuses Azure never reports (`not_found`, `partial`,
 * ...) are dropped from the filter.
 */
export function serverStatusFilter(wanted: readonly IndexStatus[] | undefined): string[] | undefined {
  if (!wanted || wanted.length === 0) return undefined;
  if (wanted.includes('cancelled') || wanted.includes('unknown')) return undefined;
  const raw = (Object.entries(AZURE_STATUS_TABLE) as [AzureStatus, IndexStatus][])
    .filter(([, status]) => wanted.includes(status))
    .map(([value]) => value);
  return raw.length > 0 ? raw : undefined;
}

/**
 * One document in our vocabulary. `id` is the id the caller asked about (Azure
 * compares UUIDs case-insensitively). `failure` comes from the document's `error`:
 * the inner error's code and message are preferred when present, since the outer
 * code is a generic category (e.g. `InvalidRequest`) and the inner one says what
 * went wrong (e.g. `TargetFileAlreadyExists`).
 */
export function toDocumentStatus(id: string, wire: AzureDocumentWire): AzureDocumentStatus {
  const status = mapAzureStatus(wire.status);
  const result = documentStatus<AzureDocumentWire | undefined, typeof PROVIDER>({
    provider: PROVIDER,
    id,
    status,
    providerStatus: wire.status,
    raw: wire,
  });
  if (typeof wire.progress === 'number' && Number.isFinite(wire.progress)) {
    result.progress = Math.min(1, Math.max(0, wire.progress));
  }
  const updatedAt = parseDate(wire.lastActionDateTimeUtc);
  if (updatedAt) result.updatedAt = updatedAt;
  if (wire.error) result.failure = failureOf(wire.error);
  return result;
}

/** An Azure error object as our `failure`: the inner error's code and message where it has them, being the more specific. */
export function failureOf(error: AzureErrorWire): { code?: string; message?: string } {
  const inner = error.innerError ?? error.innererror;
  const code = inner?.code ?? error.code;
  const message = inner?.message ?? error.message;
  const failure: { code?: string; message?: string } = {};
  if (code) failure.code = code;
  if (message) failure.message = message;
  return failure;
}

/** A document the service did not return (or answered 404 for). */
export function notFoundStatus(id: string): AzureDocumentStatus {
  return documentStatus<AzureDocumentWire | undefined, typeof PROVIDER>({
    provider: PROVIDER,
    id,
    status: 'not_found',
    providerStatus: '',
    raw: undefined,
  });
}

/**
 * Reads one of Azure's timestamps as `new Date(value)` reads it; undefined when
 * absent or unreadable. The form Azure sends (`2024-06-01T10:20:30.398Z`) is read
 * field by field, which gives the same instant at a fraction of the cost (a page
 * of ten documents carries ten of them); anything else goes to `new Date`.
 */
export function parseDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const ms = readIsoTimestamp(value);
  if (ms !== undefined) return new Date(ms);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
