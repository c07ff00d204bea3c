import { type StatusSource, type Timeline, toTimeline } from '../timeline';
import {
  type BedrockDataSourceType,
  RESOURCE_ID_PATTERN,
  toWireIdentifier,
  type WireDocumentDetail,
  type WireDocumentIdentifier,
} from './wire';

/** One document as the simulator keeps it. */
export interface StoredDocument {
  /** Its custom id or S3 uri. */
  readonly key: string;
  timeline: Timeline<string>;
  statusReason: string | undefined;
  /** Milliseconds since the epoch of the last change. */
  updatedAt: number;
}

/** One data source of one knowledge base, with its documents. */
export interface StoredDataSource {
  readonly knowledgeBaseId: string;
  readonly dataSourceId: string;
  readonly type: BedrockDataSourceType;
  readonly documents: Map<string, StoredDocument>;
}

/** The simulator's tables: data sources by `knowledgeBaseId/dataSourceId`. */
export class BedrockStore {
  private readonly dataSources = new Map<string, StoredDataSource>();

  /** The stored data source, if declared or filled. */
  find(knowledgeBaseId: string, dataSourceId: string): StoredDataSource | undefined {
    return this.dataSources.get(resourceKey(knowledgeBaseId, dataSourceId));
  }

  /** Declares a data source; declaring it again with another type is a setup mistake. */
  declare(knowledgeBaseId: string, dataSourceId: string, type: BedrockDataSourceType): StoredDataSource {
    for (const [field, value] of [
      ['knowledgeBaseId', knowledgeBaseId],
      ['dataSourceId', dataSourceId],
    ] as const) {
      if (!RESOURCE_ID_PATTERN.test(value)) {
        throw new RangeError(`BedrockSimulator: ${field} must match ${RESOURCE_ID_PATTERN.source}`);
      }
    }
    const existing = this.find(knowledgeBaseId, dataSourceId);
    if (existing) {
      if (existing.type !== type) {
        throw new TypeError(
          `BedrockSimulator: data source ${knowledgeBaseId}/${dataSourceId} is of type ${existing.type}, not ${type}` +
            ' (a data source holds documents of one kind, as on Bedrock: put the other kind in another data source,' +
            ` declared with addDataSource(knowledgeBaseId, dataSourceId, { type: '${type}' }))`,
        );
      }
      return existing;
    }
    const created: StoredDataSource = { knowledgeBaseId, dataSourceId, type, documents: new Map() };
    this.dataSources.set(resourceKey(knowledgeBaseId, dataSourceId), created);
    return created;
  }

  /** Every data source, in the order declared. */
  all(): StoredDataSource[] {
    return [...this.dataSources.values()];
  }

  clear(): void {
    this.dataSources.clear();
  }
}

/** Stores (or replaces) a document whose raw status follows `status`. */
export function storeDocument(
  dataSource: StoredDataSource,
  key: string,
  status: StatusSource,
  now: number,
  statusReason?: string,
  updatedAt: number = now,
): StoredDocument {
  const document: StoredDocument = { key, timeline: toTimeline(status, now), statusReason, updatedAt };
  dataSource.documents.set(key, document);
  return document;
}

/** A document's wire detail with `status` as given (read or peeked by the caller). */
export function toDetail(
  dataSource: Pick<StoredDataSource, 'knowledgeBaseId' | 'dataSourceId'>,
  identifier: WireDocumentIdentifier,
  status: string,
  document?: StoredDocument,
): WireDocumentDetail {
  const detail: WireDocumentDetail = {
    knowledgeBaseId: dataSource.knowledgeBaseId,
    dataSourceId: dataSource.dataSourceId,
    status,
    identifier,
  };
  if (document && reasonApplies(document, status)) detail.statusReason = document.statusReason;
  if (document) detail.updatedAt = new Date(document.updatedAt).toISOString();
  return detail;
}

/**
 * Whether a document's `statusReason` goes with `status`: the reason explains the status a document ends on (the
 * model: "Appears alongside the status IGNORED"; FAILED in practice), so a timeline sends it only once it gets there,
 * not while the document is still STARTING or IN_PROGRESS.
 */
export function reasonApplies(
  document: StoredDocument,
  status: string,
): document is StoredDocument & { statusReason: string } {
  return document.statusReason !== undefined && status === document.timeline.final;
}

/** The wire identifier of a stored document. */
export function identifierOf(dataSource: StoredDataSource, document: StoredDocument): WireDocumentIdentifier {
  return toWireIdentifier(dataSource.type, document.key);
}

function resourceKey(knowledgeBaseId: string, dataSourceId: string): string {
  return `${knowledgeBaseId}/${dataSourceId}`;
}
