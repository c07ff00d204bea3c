/**
 * The one place `put` touches the client's ingest call. `putDocuments` takes
 * documents from an (async) iterable and resolves with the accepted documents'
 * statuses and the refused ones; the CLI reaches it through this interface, so a
 * client without the method is a clear usage error rather than a crash.
 */
import type { BatchOptions, DocumentIndexClient, StatusBatch } from '../../spec/client';

/** A document to put: the file's id, its content and content type. */
export interface DocumentInput {
  id: string;
  /** A string is text, bytes are sent as bytes. */
  content?: string | Uint8Array;
  contentType?: string;
  s3Uri?: string;
  title?: string;
  metadata?: Record<string, string | number | boolean | Date | readonly string[]>;
}

/** The ingest call as `put` uses it. */
export type PutDocuments = (docs: AsyncIterable<DocumentInput>, options?: BatchOptions) => Promise<StatusBatch>;

/** The client's `putDocuments`, bound to it, or undefined when this client has none. */
export function putDocumentsOf(client: DocumentIndexClient): PutDocuments | undefined {
  const method = (client as { putDocuments?: unknown }).putDocuments;
  return typeof method === 'function' ? (method as PutDocuments).bind(client) : undefined;
}
