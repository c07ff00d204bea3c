import type { DocumentStatus, DocumentStep } from '../../spec/client';
import { createStatusMapper, documentStatus } from '../../spec/document-status';
import type { IndexStatus } from '../../spec/status';
import { readIsoTimestamp } from '../shared/timestamps';
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
  if (data.step) readSteps(result, data.step);
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

/** `steps`, `progress` and `failure` from `data.step`, in one pass over the steps in order. */
function readSteps(result: NaverDocumentStatus, wire: Record<string, NaverStepWire>): void {
  const steps: DocumentStep[] = [];
  let finished = 0;
  let failed: string | undefined;
  for (const name of orderedStepNames(wire)) {
    const step = wire[name] as NaverStepWire;
    steps.push(toStep(name, step));
    if (step.isFailed) failed ??= name;
    else if (step.finishedAt && rankOf(name) < NAVER_PIPELINE.length) finished++;
  }
  result.steps = steps;
  result.progress = finished / NAVER_PIPELINE.length;
  if (failed !== undefined) {
    const message = reasonOf((wire[failed] as NaverStepWire).info);
    result.failure = message === undefined ? { code: failed } : { code: failed, message };
  }
}

/**
 * The step names in the order `steps` lists them: the pipeline's first, then
 * names NAVER adds later in wire order. NAVER sends them in pipeline order, so
 * the usual answer is the wire order itself, and only others are sorted.
 */
function orderedStepNames(steps: Record<string, NaverStepWire>): string[] {
  const names = Object.keys(steps);
  let last = -1;
  for (const name of names) {
    const rank = rankOf(name);
    if (rank < last) return names.sort((a, b) => rankOf(a) - rankOf(b));
    last = rank;
  }
  return names;
}

/** A step name's place in STEP_ORDER; names it lacks come after all of them. */
function rankOf(name: string): number {
  const index = STEP_ORDER.indexOf(name);
  return index === -1 ? STEP_ORDER.length : index;
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
