import { documentStatus } from '../../core/document-status';
import type { DocumentStatus, DocumentStep } from '../../core/types';
import { mapNaverStatus } from './status-map';
import type { NaverStatusData, NaverStep } from './wire';

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
export function toDocumentStatus(id: string, data: NaverStatusData, raw: unknown): DocumentStatus {
  const status = mapNaverStatus(data.status);
  const result = documentStatus({ provider: 'naver', id, status, providerStatus: data.status, raw });
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
export function notFoundStatus(id: string, raw: unknown): DocumentStatus {
  return documentStatus({ provider: 'naver', id, status: 'not_found', providerStatus: '', raw });
}

/**
 * Reads NAVER's ISO 8601 timestamps (`2025-07-09T11:31:39.123000+00:00`). The
 * fraction is cut to milliseconds first, since a Date holds no more and not every
 * engine parses six digits. Undefined when absent or unreadable.
 */
export function parseNaverTimestamp(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function orderedSteps(steps: Record<string, NaverStep>): Array<[string, NaverStep]> {
  const entries = Object.entries(steps);
  const rank = (name: string) => {
    const index = STEP_ORDER.indexOf(name);
    return index === -1 ? STEP_ORDER.length : index;
  };
  // Array.prototype.sort is stable, so unknown names keep their wire order.
  return entries.sort(([a], [b]) => rank(a) - rank(b));
}

function toStep(name: string, step: NaverStep): DocumentStep {
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
