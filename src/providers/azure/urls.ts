import type { AzureApiVersion } from './options';

/** Query names of one URL generation (2024-05-01 dropped the OData `$` prefix). */
const MAX_PAGE_SIZE_PARAM: Readonly<Record<AzureApiVersion, string>> = {
  '2024-05-01': 'maxpagesize',
  'v1.1': '$maxpagesize',
};

/** Builds the request URLs of one translation for one API generation. */
export interface AzureUrls {
  /** `GET` (status) and `DELETE` (cancel) of the translation. */
  translation(): string;
  /** The documents status list, with optional filters. */
  documents(query: { ids?: readonly string[]; statuses?: readonly string[]; maxPageSize?: number }): string;
  /** One document's status. */
  document(documentId: string): string;
}

export function createAzureUrls(endpoint: string, translationId: string, apiVersion: AzureApiVersion): AzureUrls {
  const batch =
    apiVersion === '2024-05-01'
      ? `${endpoint}/translator/document/batches/${encodeURIComponent(translationId)}`
      : `${endpoint}/translator/text/batch/v1.1/batches/${encodeURIComponent(translationId)}`;
  const withQuery = (base: string, params: Array<[string, string]>): string => {
    const all: Array<[string, string]> =
      apiVersion === '2024-05-01' ? [['api-version', '2024-05-01'], ...params] : params;
    return all.length === 0 ? base : `${base}?${all.map(([name, value]) => `${name}=${value}`).join('&')}`;
  };
  // List values are encoded one by one and joined with a literal comma, the separator Azure expects.
  const list = (values: readonly string[]) => values.map(encodeURIComponent).join(',');

  return {
    translation: () => withQuery(batch, []),
    document: (documentId) => withQuery(`${batch}/documents/${encodeURIComponent(documentId)}`, []),
    documents({ ids, statuses, maxPageSize }) {
      const params: Array<[string, string]> = [];
      if (maxPageSize !== undefined) params.push([MAX_PAGE_SIZE_PARAM[apiVersion], String(maxPageSize)]);
      if (ids && ids.length > 0) params.push(['ids', list(ids)]);
      if (statuses && statuses.length > 0) params.push(['statuses', list(statuses)]);
      return withQuery(`${batch}/documents`, params);
    },
  };
}
