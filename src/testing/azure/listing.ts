import { type AzureApiGeneration, type AzureQueryNames, isUuid, QUERY_NAMES } from './routes';

/** Default and largest page size of the documents status list. */
export const DEFAULT_MAX_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
/** v1.1 declares `ids` with `maxLength: 25`, `statuses` with 5 and `$orderBy` with 1. */
export const MAX_IDS_V1_1 = 25;
export const MAX_STATUSES_V1_1 = 5;

/** The documents status list query, parsed and checked. */
export interface ListQuery {
  ids?: string[];
  statuses?: string[];
  /** `createdDateTimeUtcStart` / `createdDateTimeUtcEnd`, as ms since the epoch, as given. */
  createdStart?: { ms: number; text: string };
  createdEnd?: { ms: number; text: string };
  top?: number;
  skip: number;
  maxPageSize: number;
  /** The spec's default is descending by `createdDateTimeUtc`. */
  orderBy: 'asc' | 'desc';
  /** Whether the request named the order (a next link then repeats it). */
  orderGiven: boolean;
}

/** A query the server refuses (rendered as 400 InvalidRequest). */
export class ListQueryError extends Error {}

/**
 * The query parameters each generation's spec declares for the documents list.
 * Anything else (the other generation's names above all: `$maxpagesize` sent to
 * 2024-05-01) is refused, since the spec says a server that cannot honour
 * `top`/`skip` "must return an error ... instead of just ignoring the query options".
 */
export function declaredListParameters(generation: AzureApiGeneration): ReadonlySet<string> {
  const names = QUERY_NAMES[generation];
  const shared = ['ids', 'statuses', 'createdDateTimeUtcStart', 'createdDateTimeUtcEnd'];
  const own = [names.top, names.skip, names.maxPageSize, names.orderBy];
  return new Set(generation === '2024-05-01' ? ['api-version', ...own, ...shared] : [...own, ...shared]);
}

/** Reads the list query with the generation's parameter names; throws ListQueryError on a bad value. */
export function parseListQuery(
  url: URL,
  generation: AzureApiGeneration,
  defaultPageSize = DEFAULT_MAX_PAGE_SIZE,
): ListQuery {
  const names = QUERY_NAMES[generation];
  const params = url.searchParams;
  const declared = declaredListParameters(generation);
  for (const name of params.keys()) {
    if (!declared.has(name)) throw new ListQueryError(`The query parameter ${name} is not supported.`);
  }
  const query: ListQuery = {
    skip: integer(params.get(names.skip), names.skip, 0) ?? 0,
    maxPageSize: integer(params.get(names.maxPageSize), names.maxPageSize, 1) ?? defaultPageSize,
    orderBy: 'desc',
    orderGiven: false,
  };
  if (query.maxPageSize > MAX_PAGE_SIZE) {
    throw new ListQueryError(`${names.maxPageSize} must be at most ${MAX_PAGE_SIZE}.`);
  }
  const top = integer(params.get(names.top), names.top, 0);
  if (top !== undefined) query.top = top;

  const ids = commaList(params.get('ids'));
  if (ids) {
    if (ids.some((id) => !isUuid(id))) throw new ListQueryError('ids must be UUIDs.');
    if (generation === 'v1.1' && ids.length > MAX_IDS_V1_1) {
      throw new ListQueryError(`At most ${MAX_IDS_V1_1} ids may be given.`);
    }
    query.ids = ids;
  }
  const statuses = commaList(params.get('statuses'));
  if (statuses) {
    if (generation === 'v1.1' && statuses.length > MAX_STATUSES_V1_1) {
      throw new ListQueryError(`At most ${MAX_STATUSES_V1_1} statuses may be given.`);
    }
    query.statuses = statuses;
  }
  const start = dateTime(params.get('createdDateTimeUtcStart'), 'createdDateTimeUtcStart');
  if (start) query.createdStart = start;
  const end = dateTime(params.get('createdDateTimeUtcEnd'), 'createdDateTimeUtcEnd');
  if (end) query.createdEnd = end;

  const orderBy = commaList(params.get(names.orderBy));
  if (orderBy) {
    const direction = orderBy.length === 1 ? /^createdDateTimeUtc\s+(asc|desc)$/i.exec(orderBy[0] ?? '') : null;
    if (!direction) throw new ListQueryError(`${names.orderBy} supports one 'createdDateTimeUtc asc|desc' only.`);
    query.orderBy = direction[1]?.toLowerCase() === 'asc' ? 'asc' : 'desc';
    query.orderGiven = true;
  }
  return query;
}

/** Where the page `query` asks for starts and ends among `total` matching documents, and the next page's query. */
export function pageBounds(total: number, query: ListQuery): { start: number; end: number; next?: ListQuery } {
  const last = query.top === undefined ? total : Math.min(total, query.skip + query.top);
  const start = Math.min(query.skip, last);
  const end = Math.min(last, query.skip + query.maxPageSize);
  if (end >= last) return { start, end };
  const next: ListQuery = { ...query, skip: end };
  if (query.top !== undefined) next.top = query.top - (end - query.skip);
  return { start, end, next };
}

/**
 * The absolute link to the page `next` describes: the same path on `origin`,
 * carrying every filter so that following it needs nothing else. As in the
 * official examples, it carries the generation's paging names and no
 * `api-version` unless `withApiVersion` (the 2024-05-01 example's link has none,
 * and Microsoft's clients add it when a link lacks it).
 */
export function buildNextLink(
  origin: string,
  pathname: string,
  generation: AzureApiGeneration,
  next: ListQuery,
  withApiVersion: boolean,
): string {
  const names: AzureQueryNames = QUERY_NAMES[generation];
  const parts: string[] = [];
  const add = (name: string, value: string | number) => parts.push(`${name}=${encodeURIComponent(String(value))}`);
  if (generation === '2024-05-01' && withApiVersion) add('api-version', '2024-05-01');
  if (next.top !== undefined) add(names.top, next.top);
  add(names.skip, next.skip);
  add(names.maxPageSize, next.maxPageSize);
  if (next.orderGiven) add(names.orderBy, `createdDateTimeUtc ${next.orderBy}`);
  if (next.createdStart) add('createdDateTimeUtcStart', next.createdStart.text);
  if (next.createdEnd) add('createdDateTimeUtcEnd', next.createdEnd.text);
  if (next.statuses) parts.push(`statuses=${next.statuses.map(encodeURIComponent).join(',')}`);
  if (next.ids) parts.push(`ids=${next.ids.map(encodeURIComponent).join(',')}`);
  return `${origin}${pathname}?${parts.join('&')}`;
}

function integer(raw: string | null, name: string, min: number): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new ListQueryError(`${name} must be an integer.`);
  const value = Number(raw);
  if (value < min) throw new ListQueryError(`${name} must be at least ${min}.`);
  return value;
}

function dateTime(raw: string | null, name: string): { ms: number; text: string } | undefined {
  if (raw === null) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw new ListQueryError(`${name} must be a date-time.`);
  return { ms, text: raw };
}

function commaList(raw: string | null): string[] | undefined {
  if (raw === null) return undefined;
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}
