import { type AzureApiGeneration, type AzureQueryNames, isUuid, QUERY_NAMES } from './routes';

/** Default and largest page size of the documents status list. */
export const DEFAULT_MAX_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
/** v1.1 documents at most 25 ids per `ids` filter. */
export const MAX_IDS_V1_1 = 25;

/** The documents status list query, parsed and checked. */
export interface ListQuery {
  ids?: string[];
  statuses?: string[];
  top?: number;
  skip: number;
  maxPageSize: number;
  orderBy?: 'asc' | 'desc';
}

/** A query the server refuses (rendered as 400 InvalidRequest naming `target`). */
export class ListQueryError extends Error {
  constructor(
    message: string,
    readonly target: string,
  ) {
    super(message);
  }
}

/** Reads the list query with the generation's parameter names; throws ListQueryError on a bad value. */
export function parseListQuery(
  url: URL,
  generation: AzureApiGeneration,
  defaultPageSize = DEFAULT_MAX_PAGE_SIZE,
): ListQuery {
  const names = QUERY_NAMES[generation];
  const params = url.searchParams;
  const query: ListQuery = {
    skip: integer(params.get(names.skip), names.skip, 0) ?? 0,
    maxPageSize: integer(params.get(names.maxPageSize), names.maxPageSize, 1) ?? defaultPageSize,
  };
  if (query.maxPageSize > MAX_PAGE_SIZE) {
    throw new ListQueryError(`${names.maxPageSize} must be at most ${MAX_PAGE_SIZE}.`, names.maxPageSize);
  }
  const top = integer(params.get(names.top), names.top, 0);
  if (top !== undefined) query.top = top;

  const ids = commaList(params.get('ids'));
  if (ids) {
    if (ids.some((id) => !isUuid(id))) throw new ListQueryError('ids must be UUIDs.', 'ids');
    if (generation === 'v1.1' && ids.length > MAX_IDS_V1_1) {
      throw new ListQueryError(`At most ${MAX_IDS_V1_1} ids may be given.`, 'ids');
    }
    query.ids = ids;
  }
  const statuses = commaList(params.get('statuses'));
  if (statuses) query.statuses = statuses;

  const orderBy = params.get(names.orderBy);
  if (orderBy !== null) {
    const direction = /^createdDateTimeUtc\s+(asc|desc)$/i.exec(orderBy.trim())?.[1]?.toLowerCase();
    if (direction !== 'asc' && direction !== 'desc') {
      throw new ListQueryError(`${names.orderBy} supports createdDateTimeUtc asc|desc only.`, names.orderBy);
    }
    query.orderBy = direction;
  }
  return query;
}

/** One page of `matching` (already filtered and ordered), and where the next one starts. */
export function slicePage<T>(matching: readonly T[], query: ListQuery): { items: T[]; next?: ListQuery } {
  const end = query.top === undefined ? matching.length : Math.min(matching.length, query.skip + query.top);
  const pageEnd = Math.min(end, query.skip + query.maxPageSize);
  const items = matching.slice(query.skip, pageEnd);
  if (pageEnd >= end) return { items };
  const next: ListQuery = { ...query, skip: pageEnd };
  if (query.top !== undefined) next.top = query.top - (pageEnd - query.skip);
  return { items, next };
}

/**
 * The absolute link to the page `next` describes: the same path on `origin`,
 * carrying every filter so that following it needs nothing else (api-version
 * included for 2024-05-01).
 */
export function buildNextLink(
  origin: string,
  pathname: string,
  generation: AzureApiGeneration,
  next: ListQuery,
): string {
  const names: AzureQueryNames = QUERY_NAMES[generation];
  const parts: string[] = [];
  const add = (name: string, value: string | number) => parts.push(`${name}=${encodeURIComponent(String(value))}`);
  if (generation === '2024-05-01') add('api-version', '2024-05-01');
  if (next.top !== undefined) add(names.top, next.top);
  add(names.skip, next.skip);
  add(names.maxPageSize, next.maxPageSize);
  if (next.ids) add('ids', next.ids.join(','));
  if (next.statuses) add('statuses', next.statuses.join(','));
  if (next.orderBy) add(names.orderBy, `createdDateTimeUtc ${next.orderBy}`);
  return `${origin}${pathname}?${parts.join('&')}`;
}

function integer(raw: string | null, name: string, min: number): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new ListQueryError(`${name} must be an integer.`, name);
  const value = Number(raw);
  if (value < min) throw new ListQueryError(`${name} must be at least ${min}.`, name);
  return value;
}

function commaList(raw: string | null): string[] | undefined {
  if (raw === null) return undefined;
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}
