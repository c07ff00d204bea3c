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
  /**
   * The documents status list, with optional filters. `ids` must be validated
   * UUIDs (`normalizeAzureRef`): hex digits and hyphens, sent as they are.
   */
  documents(query: { ids?: readonly string[]; statuses?: readonly string[]; maxPageSize?: number }): string;
  /** One document's status. */
  document(documentId: string): string;
}

export function createAzureUrls(endpoint: string, translationId: string, apiVersion: AzureApiVersion): AzureUrls {
  const batch =
    apiVersion === '2024-05-01'
      ? `${endpoint}/translator/document/batches/${encodeURIComponent(translationId)}`
      : `${endpoint}/translator/text/batch/v1.1/batches/${encodeURIComponent(translationId)}`;
  // `api-version` first, then the parameters (`name=value`, already encoded) in order.
  const versionParam = apiVersion === '2024-05-01' ? 'api-version=2024-05-01' : '';
  const withQuery = (base: string, params: string): string => {
    const query = versionParam && params ? `${versionParam}&${params}` : versionParam || params;
    return query === '' ? base : `${base}?${query}`;
  };
  // List values are joined with a literal comma, the separator Azure expects. Status
  // names are encoded one by one; ids are UUIDs, which encoding would leave as they
  // are (at a tenth of a status call's own CPU for ten of them).
  const list = (name: string, values: readonly string[] | undefined, encode: boolean): string => {
    if (!values || values.length === 0) return '';
    return `${name}=${(encode ? values.map(encodeURIComponent) : values).join(',')}`;
  };
  const and = (a: string, b: string) => (a && b ? `${a}&${b}` : a || b);

  return {
    translation: () => withQuery(batch, ''),
    document: (documentId) => withQuery(`${batch}/documents/${encodeURIComponent(documentId)}`, ''),
    documents({ ids, statuses, maxPageSize }) {
      const size = maxPageSize === undefined ? '' : `${MAX_PAGE_SIZE_PARAM[apiVersion]}=${maxPageSize}`;
      return withQuery(`${batch}/documents`, and(and(size, list('ids', ids, false)), list('statuses', statuses, true)));
    },
  };
}
