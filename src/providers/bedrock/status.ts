import type { DocumentStatus as BedrockWireStatus, KnowledgeBaseDocumentDetail } from '@aws-sdk/client-bedrock-agent';
import type { DocumentStatus } from '../../spec/client';
import { createStatusMapper, documentStatus } from '../../spec/document-status';
import type { IndexStatus } from '../../spec/status';

/** This adapter's provider name, on its statuses and errors. */
export const PROVIDER = 'bedrock';

/**
 * A Bedrock document's status; `raw` is the `KnowledgeBaseDocumentDetail` Bedrock
 * answered with, or undefined for an accepted delete Bedrock answered without one.
 */
export type BedrockDocumentStatus = DocumentStatus<KnowledgeBaseDocumentDetail | undefined, 'bedrock'>;

/**
 * Bedrock's twelve document statuses in our union. Typed against the SDK's enum,
 * so a status a newer SDK adds is a compile error here rather than a silent
 * `unknown`.
 */
export const BEDROCK_STATUS_MAP: Readonly<Record<BedrockWireStatus, IndexStatus>> = Object.freeze({
  PENDING: 'pending',
  STARTING: 'pending',
  IN_PROGRESS: 'processing',
  INDEXED: 'succeeded',
  PARTIALLY_INDEXED: 'partial',
  METADATA_PARTIALLY_INDEXED: 'partial',
  METADATA_UPDATE_FAILED: 'failed',
  FAILED: 'failed',
  IGNORED: 'ignored',
  NOT_FOUND: 'not_found',
  DELETING: 'deleting',
  DELETE_IN_PROGRESS: 'deleting',
});

const lookup = createStatusMapper(BEDROCK_STATUS_MAP);

/** A raw Bedrock status in our union; values this version does not know map to `unknown`. */
export function mapBedrockStatus(raw: unknown): IndexStatus {
  return lookup(raw);
}

/** One `KnowledgeBaseDocumentDetail` as our `DocumentStatus`, under the id the caller asked with. */
export function toDocumentStatus(id: string, detail: KnowledgeBaseDocumentDetail): BedrockDocumentStatus {
  const providerStatus = typeof detail.status === 'string' ? detail.status : '';
  const status = mapBedrockStatus(providerStatus);
  const result = documentStatus({ provider: PROVIDER, id, status, providerStatus, raw: detail });
  if (typeof detail.statusReason === 'string' && detail.statusReason !== '') {
    result.failure = { message: detail.statusReason };
  }
  const updatedAt = toDate(detail.updatedAt);
  if (updatedAt) result.updatedAt = updatedAt;
  return result;
}

/** An accepted delete whose answer carried no detail: `deleting`, `providerStatus` `''`. */
export function deletingStatus(id: string): BedrockDocumentStatus {
  return documentStatus<KnowledgeBaseDocumentDetail | undefined, typeof PROVIDER>({
    provider: PROVIDER,
    id,
    status: 'deleting',
    providerStatus: '',
    raw: undefined,
  });
}

/** The SDK parses `updatedAt` into a Date; a caller's own client might hand back a string. */
function toDate(value: unknown): Date | undefined {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
