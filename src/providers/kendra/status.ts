import type { DocumentStatus as KendraDocumentStatus } from '@aws-sdk/client-kendra';
import { createStatusMapper, type IndexStatus } from '../../core/status';

/**
 * Kendra's raw document statuses in our union. Typed against the SDK's enum, so a
 * status a future SDK adds is a compile error here rather than a silent `unknown`.
 */
export const KENDRA_STATUS_TABLE: Readonly<Record<KendraDocumentStatus, IndexStatus>> = Object.freeze({
  NOT_FOUND: 'not_found',
  PROCESSING: 'processing',
  INDEXED: 'succeeded',
  UPDATED: 'succeeded',
  FAILED: 'failed',
  UPDATE_FAILED: 'failed',
});

/** Maps a raw Kendra status (exact match) to the union; anything else is `unknown`. */
export const mapKendraStatus: (raw: unknown) => IndexStatus = createStatusMapper(KENDRA_STATUS_TABLE);
