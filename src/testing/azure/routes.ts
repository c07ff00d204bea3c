/**
 * The two URL generations of Azure Document Translation's batch API, as the
 * simulator recognises them. Paths may sit under any prefix, so a simulator
 * mounted behind a proxy path still answers.
 */

/** Which generation of the batch API a request used. */
export type AzureApiGeneration = '2024-05-01' | 'v1.1';

/** Operation names, as the request log and fault rules see them. */
export const AZURE_OPERATIONS = Object.freeze({
  getDocumentsStatus: 'getDocumentsStatus',
  getDocumentStatus: 'getDocumentStatus',
  getTranslationStatus: 'getTranslationStatus',
  cancelTranslation: 'cancelTranslation',
} as const);

/** An Azure operation name, as `operationOf`, fault rules and the request log use it. */
export type AzureOperation = (typeof AZURE_OPERATIONS)[keyof typeof AZURE_OPERATIONS];

/** Query parameter names of one generation (2024-05-01 dropped the OData `$`). */
export interface AzureQueryNames {
  top: string;
  skip: string;
  maxPageSize: string;
  orderBy: string;
  /** The next-link property in list responses. */
  nextLink: 'nextLink' | '@nextLink';
}

export const QUERY_NAMES: Readonly<Record<AzureApiGeneration, AzureQueryNames>> = Object.freeze({
  '2024-05-01': { top: 'top', skip: 'skip', maxPageSize: 'maxpagesize', orderBy: 'orderby', nextLink: 'nextLink' },
  'v1.1': { top: '$top', skip: '$skip', maxPageSize: '$maxpagesize', orderBy: '$orderBy', nextLink: '@nextLink' },
});

/** A request the Azure simulator claimed, with the ids taken from its path. */
export interface AzureRoute {
  generation: AzureApiGeneration;
  operation: AzureOperation;
  translationId: string;
  documentId?: string;
}

const ROUTE = /\/translator\/(document|text\/batch\/v1\.1)\/batches\/([^/]+)(?:\/(documents)(?:\/([^/]+))?)?\/?$/;

/** Recognises one of the four operations, or returns undefined when the request is not Azure's. */
export function matchAzureRoute(method: string, url: URL): AzureRoute | undefined {
  const match = ROUTE.exec(url.pathname);
  if (!match) return undefined;
  const [, base, rawTranslationId, documents, rawDocumentId] = match;
  const generation: AzureApiGeneration = base === 'document' ? '2024-05-01' : 'v1.1';
  const translationId = decodeURIComponent(rawTranslationId ?? '');
  if (documents === undefined) {
    if (method === 'GET') return { generation, operation: AZURE_OPERATIONS.getTranslationStatus, translationId };
    if (method === 'DELETE') return { generation, operation: AZURE_OPERATIONS.cancelTranslation, translationId };
    return undefined;
  }
  if (method !== 'GET') return undefined;
  if (rawDocumentId === undefined) return { generation, operation: AZURE_OPERATIONS.getDocumentsStatus, translationId };
  return {
    generation,
    operation: AZURE_OPERATIONS.getDocumentStatus,
    translationId,
    documentId: decodeURIComponent(rawDocumentId),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Azure's ids (translation and document) are UUIDs. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
