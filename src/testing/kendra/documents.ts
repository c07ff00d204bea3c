import { type StatusSource, type Timeline, type TimelineSpec, toTimeline } from '../timeline';
import type { KendraWireAttribute } from './requests';

/** The raw statuses Kendra's `BatchGetDocumentStatus` reports. */
export type KendraRawStatus = 'NOT_FOUND' | 'PROCESSING' | 'INDEXED' | 'UPDATED' | 'FAILED' | 'UPDATE_FAILED';

/** A raw status, or any other string (to test how clients handle values they do not know). */
export type KendraStatusValue = KendraRawStatus | (string & {});

/** A document a test puts straight into the simulator's table. */
export interface KendraSimDocument {
  /** The document id (1-2048 characters on the wire, but any string is stored). */
  id: string;
  /** A fixed raw status or a timeline of them (default `INDEXED`). */
  status?: StatusSource<KendraStatusValue>;
  /** Reported as `FailureCode` while the document reads `FAILED` or `UPDATE_FAILED`. */
  failureCode?: string;
  /** Reported as `FailureReason` while the document reads `FAILED` or `UPDATE_FAILED`. */
  failureReason?: string;
  /** Attributes the document carries, as on the wire (`_data_source_id`, `_version`, ...). */
  attributes?: KendraWireAttribute[];
}

/** What a test can inspect about one stored document. */
export interface KendraDocumentSnapshot {
  indexId: string;
  id: string;
  /** The raw status a read would return now (peeked: does not move a read-driven timeline). */
  status: string;
  failureCode?: string;
  failureReason?: string;
  attributes: KendraWireAttribute[];
  /** True once a `BatchDeleteDocument` accepted it (it reads `NOT_FOUND` once its delete lag has passed). */
  deleted: boolean;
  /** How many status reads have seen it. */
  reads: number;
}

/** How long a deleted document keeps reading its old status before it reads `NOT_FOUND`. */
export type KendraDeleteLag = { reads: number } | { ms: number };

/** The statuses a document put over the wire goes through. */
export interface KendraPutTimelines {
  /** A document the index did not have (default `PROCESSING`, then `INDEXED`, one step per read). */
  created: TimelineSpec<KendraStatusValue>;
  /** A document put again over an existing one (default `PROCESSING`, then `UPDATED`). */
  updated: TimelineSpec<KendraStatusValue>;
}

/** PROCESSING then INDEXED for a new document, PROCESSING then UPDATED for a replaced one. */
export const DEFAULT_PUT_TIMELINES: Readonly<KendraPutTimelines> = Object.freeze({
  created: { statuses: ['PROCESSING', 'INDEXED'], advance: 'read' as const },
  updated: { statuses: ['PROCESSING', 'UPDATED'], advance: 'read' as const },
});

const FAILURE_STATUSES: ReadonlySet<string> = new Set(['FAILED', 'UPDATE_FAILED']);

/** One stored document. */
export class StoredKendraDocument {
  private timeline: Timeline<KendraStatusValue>;
  private readCount = 0;
  deleted = false;

  constructor(
    readonly indexId: string,
    readonly id: string,
    source: StatusSource<KendraStatusValue>,
    readonly failureCode: string | undefined,
    readonly failureReason: string | undefined,
    readonly attributes: KendraWireAttribute[],
    now: number,
  ) {
    this.timeline = toTimeline(source, now);
  }

  /** The status now; a read-driven timeline moves on one step. */
  read(now: number): KendraStatusValue {
    this.readCount++;
    return this.timeline.read(now);
  }

  /** Marks the document deleted: it reads its current status for `lag`, then `NOT_FOUND`. */
  markDeleted(lag: KendraDeleteLag | undefined, now: number): void {
    this.deleted = true;
    const current = this.timeline.peek(now);
    let spec: TimelineSpec<KendraStatusValue> = { statuses: ['NOT_FOUND'] };
    if (lag && 'reads' in lag && lag.reads > 0) {
      spec = { statuses: [...Array.from({ length: lag.reads }, () => current), 'NOT_FOUND'], advance: 'read' };
    } else if (lag && 'ms' in lag && lag.ms > 0) {
      spec = { statuses: [current, 'NOT_FOUND'], advance: lag.ms };
    }
    this.timeline = toTimeline(spec, now);
  }

  /** The `Status` entry `BatchGetDocumentStatus` returns for this document, advancing its timeline. */
  statusEntry(now: number): Record<string, string> {
    const status = this.read(now);
    const entry: Record<string, string> = { DocumentId: this.id, DocumentStatus: status };
    if (FAILURE_STATUSES.has(status)) {
      if (this.failureCode !== undefined) entry.FailureCode = this.failureCode;
      if (this.failureReason !== undefined) entry.FailureReason = this.failureReason;
    }
    return entry;
  }

  /** What a test sees: the status now, without advancing the timeline. */
  snapshot(now: number): KendraDocumentSnapshot {
    const snapshot: KendraDocumentSnapshot = {
      indexId: this.indexId,
      id: this.id,
      status: this.timeline.peek(now),
      attributes: this.attributes,
      deleted: this.deleted,
      reads: this.readCount,
    };
    if (this.failureCode !== undefined) snapshot.failureCode = this.failureCode;
    if (this.failureReason !== undefined) snapshot.failureReason = this.failureReason;
    return snapshot;
  }
}

/** A per-document error a test has arranged (an `Errors` or `FailedDocuments` entry). */
export interface KendraItemErrorRule {
  /** Only in this index (any index when absent). */
  indexId?: string;
  /** `InternalError` (default) or `InvalidRequest`; other strings are sent as given. */
  errorCode?: 'InternalError' | 'InvalidRequest' | (string & {});
  /** Sent as `ErrorMessage`. */
  errorMessage?: string;
  /** Sent as `DataSourceId`, when set. */
  dataSourceId?: string;
  /** How many requests report the error for each id (default: every one until `reset()`). */
  times?: number;
}

interface ArmedItemError {
  indexId: string | undefined;
  errorCode: string;
  errorMessage: string;
  dataSourceId: string | undefined;
  remaining: number;
}

/** Per-document errors armed for one operation, keyed by document id. */
export class ItemErrors {
  private readonly byId = new Map<string, ArmedItemError[]>();

  /** Arms `rule` for each id; rules for one id apply in the order armed. */
  arm(ids: readonly string[], rule: KendraItemErrorRule, defaultMessage: string): void {
    for (const id of ids) {
      const list = this.byId.get(id) ?? [];
      list.push({
        indexId: rule.indexId,
        errorCode: rule.errorCode ?? 'InternalError',
        errorMessage: rule.errorMessage ?? defaultMessage,
        dataSourceId: rule.dataSourceId,
        remaining: rule.times ?? Number.POSITIVE_INFINITY,
      });
      this.byId.set(id, list);
    }
  }

  /** Consumes one use of the first rule matching this document, if any. */
  take(indexId: string, id: string): Omit<ArmedItemError, 'remaining' | 'indexId'> | undefined {
    const list = this.byId.get(id);
    const rule = list?.find((candidate) => candidate.indexId === undefined || candidate.indexId === indexId);
    if (!list || !rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) list.splice(list.indexOf(rule), 1);
    return { errorCode: rule.errorCode, errorMessage: rule.errorMessage, dataSourceId: rule.dataSourceId };
  }

  /** Disarms everything. */
  clear(): void {
    this.byId.clear();
  }
}
