import type { DocumentStatus, DocumentStep } from '../../spec/client';
import { createStatusMapper, documentStatus } from '../../spec/document-status';
import type { IndexStatus } from '../../spec/status';
import type { NaverEnvelopeWire, NaverStatusWire, NaverStepWire } from './wire';

/** This adapter's provider name, on its statuses and errors. */
export const PROVIDER = 'naver';

/** The raw `data.status` values NAVER Cloud RAG documents. */
export type NaverIndexStatus = 'NONE' | 'INDEXING' | 'FAILED' | 'PARTIAL' | 'DONE' | 'DELETED';

/**
 * NAVER's raw statuses in our union. Typed as a total record, so adding a member
 * to `NaverIndexStatus` without mapping it is a compile error.
 */
export const NAVER_STATUS_TABLE: Readonly<Record<NaverIndexStatus, IndexStatus>> = Object.freeze({
  NONE: 'pending',
  INDEXING: 'processing',
  DONE: 'succeeded',
  PARTIAL: 'partial',
  FAILED: 'failed',
  DELETED: 'deleted',
});

const lookup = createStatusMapper<NaverIndexStatus>(NAVER_STATUS_TABLE);

/** Maps a raw NAVER status; values not in the table map to `unknown`. */
export function mapNaverStatus(raw: unknown): IndexStatus {
  return lookup(raw);
}

/**
 * What `raw` holds on a NAVER status: the status route's `data` object as received;
 * for a 404 or a delete, the envelope NAVER answered with (undefined when the
 * answer had no body, or one in neither envelope).
 */
export type NaverRawStatus = NaverStatusWire | NaverEnvelopeWire | undefined;

/** A NAVER document's status, `raw` typed. */
export type NaverDocumentStatus = DocumentStatus<NaverRawStatus, 'naver'>;

/** The indexing pipeline, in order; `DONE` is itself reported as a step. */
export const NAVER_PIPELINE = ['EXTRACT', 'CHUNK', 'EMBED', 'INDEX', 'DONE'] as const;

/** Step names in the order `steps` lists them; names NAVER adds later follow in wire order. */
const STEP_ORDER: readonly string[] = [...NAVER_PIPELINE, 'DELETE'];

/** `info` fields that may carry a failed step's reason, in order of preference. */
const REASON_FIELDS = ['message', 'reason', 'error', 'errorMessage', 'detail', 'msg'] as const;

/**
 * One document's status from the status route's `data`.
 *
 * - `steps`: every step reported, pipeline order first (EXTRACT CHUNK EMBED INDEX
 *   DONE DELETE), timestamps as Dates (absent when missing or unreadable).
 * - `progress`: the pipeline steps (EXTRACT CHUNK EMBED INDEX DONE) that finished
 *   without failing, divided by five; only when the response carries `step`.
 * - `failure`: the first failed step: `code` is the step name, `message` the
 *   reason its `info` gives, if any.
 * - `raw`: the `data` object exactly as received.
 */
export function toDocumentStatus(id: string, data: NaverStatusWire): NaverDocumentStatus {
  const status = mapNaverStatus(data.status);
  const result = documentStatus<NaverRawStatus, typeof PROVIDER>({
    provider: PROVIDER,
    id,
    status,
    providerStatus: data.status,
    raw: data,
  });
  const wireSteps = data.step ? orderedSteps(data.step) : undefined;
  if (wireSteps) {
    result.steps = wireSteps.map(([name, step]) => toStep(name, step));
    const finished = wireSteps.filter(
      ([name, step]) => (NAVER_PIPELINE as readonly string[]).includes(name) && !step.isFailed && step.finishedAt,
    );
    result.progress = finished.length / NAVER_PIPELINE.length;
    const failed = wireSteps.find(([, step]) => step.isFailed);
    if (failed) {
      const message = reasonOf(failed[1].info);
      result.failure = message === undefined ? { code: failed[0] } : { code: failed[0], message };
    }
  }
  const updatedAt = parseNaverTimestamp(data.updatedAt);
  if (updatedAt) result.updatedAt = updatedAt;
  return result;
}

/** A document the status route answered 404 for. */
export function notFoundStatus(id: string, raw: NaverEnvelopeWire | undefined): NaverDocumentStatus {
  return documentStatus<NaverRawStatus, typeof PROVIDER>({
    provider: PROVIDER,
    id,
    status: 'not_found',
    providerStatus: '',
    raw,
  });
}

/** An accepted delete: NAVER reports no status for it, so `deleted` with `providerStatus` `''`. */
export function deletedStatus(id: string, raw: NaverEnvelopeWire | undefined): NaverDocumentStatus {
  return documentStatus<NaverRawStatus, typeof PROVIDER>({
    provider: PROVIDER,
    id,
    status: 'deleted',
    providerStatus: '',
    raw,
  });
}

/**
 * Reads NAVER's ISO 8601 timestamps (`2025-07-09T11:31:39.123000+00:00`).
 * Undefined when absent or unreadable. A status carries a dozen of them, so the
 * form NAVER sends is read field by field; anything else (other forms, and
 * fields out of range, which `Date.parse` may still roll over, e.g. Feb 30 to
 * Mar 2) goes through {@link parseTimestampByDateParse}, so the answer is the
 * same either way.
 */
export function parseNaverTimestamp(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const ms = readIsoTimestamp(value);
  return ms === undefined ? parseTimestampByDateParse(value) : new Date(ms);
}

/**
 * The general reading: the fraction is cut to milliseconds first, since a Date
 * holds no more and not every engine parses six digits, then `Date.parse`.
 */
export function parseTimestampByDateParse(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The form NAVER sends; its fields sit at fixed places, read by `readIsoTimestamp`. */
const NAVER_FORM = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/;

/**
 * Milliseconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)` with
 * every field in range; undefined for anything else, left to `Date.parse`. So
 * are years before 100, which `Date.UTC` would read as 19xx. Exported for its
 * tests.
 */
export function readIsoTimestamp(text: string): number | undefined {
  if (!NAVER_FORM.test(text)) return undefined;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // Day 0 of the next month is the last of this one.
  if (day > 28 && day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  // The offset: `Z`, or six characters `±HH:MM`; the fraction runs from 20 up to it.
  const zulu = text.endsWith('Z');
  const offsetAt = zulu ? text.length - 1 : text.length - 6;
  let millis = 0;
  // Digits past the third are cut, not rounded, as the Date.parse path cuts them.
  for (let at = 20; at < 23; at++) millis = millis * 10 + (at < offsetAt ? text.charCodeAt(at) - 48 : 0);
  let offsetMinutes = 0;
  if (!zulu) {
    const offsetHour = twoDigits(text, offsetAt + 1);
    const offsetMinute = twoDigits(text, offsetAt + 4);
    if (offsetHour > 23 || offsetMinute > 59) return undefined;
    offsetMinutes = (text[offsetAt] === '+' ? 1 : -1) * (offsetHour * 60 + offsetMinute);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** The number of the two digits at `at` (NAVER_FORM has checked they are digits). */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

function orderedSteps(steps: Record<string, NaverStepWire>): Array<[string, NaverStepWire]> {
  const entries = Object.entries(steps);
  const rank = (name: string) => {
    const index = STEP_ORDER.indexOf(name);
    return index === -1 ? STEP_ORDER.length : index;
  };
  // Array.prototype.sort is stable, so unknown names keep their wire order.
  return entries.sort(([a], [b]) => rank(a) - rank(b));
}

function toStep(name: string, step: NaverStepWire): DocumentStep {
  const result: DocumentStep = { name, failed: step.isFailed };
  const startedAt = parseNaverTimestamp(step.startedAt);
  const finishedAt = parseNaverTimestamp(step.finishedAt);
  if (startedAt) result.startedAt = startedAt;
  if (finishedAt) result.finishedAt = finishedAt;
  return result;
}

function reasonOf(info: unknown): string | undefined {
  if (typeof info === 'string') return info === '' ? undefined : info;
  if (typeof info !== 'object' || info === null) return undefined;
  for (const field of REASON_FIELDS) {
    const value = (info as Record<string, unknown>)[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
