import { createStatusMapper, type IndexStatus } from '../../core/status';

/** The raw `data.status` values NAVER Cloud RAG documents. */
export type NaverIndexStatus = 'NONE' | 'INDEXING' | 'FAILED' | 'PARTIAL' | 'DONE' | 'DELETED';

/**
 * NAVER's raw statuses in our union (API.md). Typed as a total record, so adding
 * a member to `NaverIndexStatus` without mapping it is a compile error.
 */
export const NAVER_STATUS_TABLE: Readonly<Record<NaverIndexStatus, IndexStatus>> = Object.freeze({
  NONE: 'pending',
  INDEXING: 'processing',
  DONE: 'succeeded',
  PARTIAL: 'partial',
  FAILED: 'failed',
  DELETED: 'deleted',
});

/** Maps a raw NAVER status; values not in the table map to `unknown`. */
export const mapNaverStatus = createStatusMapper<NaverIndexStatus>(NAVER_STATUS_TABLE);
