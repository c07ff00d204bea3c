import type { FetchedPage, ListPageRequest, ProviderAdapter, RequestContext } from '../../spec/adapter';
import type { DocumentRef } from '../../spec/client';
import { DocumentIndexError, validationError } from '../../spec/errors';
import { classifyAzureError } from './errors';
import type { ResolvedAzureOptions } from './options';
import { type AzureDocumentRef, normalizeAzureRef } from './refs';
import { type AzureDocumentStatus, notFoundStatus, PROVIDER, serverStatusFilter, toDocumentStatus } from './status';
import type { AzureSend } from './transport';
import { createAzureUrls } from './urls';
import { type AzureDocumentListWire, type AzureDocumentWire, readDocumentList, wireDocumentId } from './wire';

/** Largest `maxpagesize` Azure accepts. */
export const AZURE_MAX_PAGE_SIZE = 100;

/** Ids per documents status request (the `ids` filter; v1.1 allows 25). */
const AZURE_IDS_PER_REQUEST = 10;

/** Most values of the `statuses` filter v1.1 takes. */
const V11_MAX_STATUSES = 5;

/**
 * Azure Document Translation as a docindex adapter: statuses (of one document or
 * many) come from the documents status list filtered by `ids` (10 per request),
 * the listing from the same list followed by its next links. There is no
 * per-document delete.
 */
export function createAzureAdapter(
  options: ResolvedAzureOptions,
  send: AzureSend,
): ProviderAdapter<DocumentRef, AzureDocumentRef, AzureDocumentStatus> {
  const urls = createAzureUrls(options.endpoint, options.translationId, options.apiVersion);

  /**
   * A next link (a whole URL: a response's, made whole by `readPage`, or a caller's
   * token, checked to be one), refused unless it is on the endpoint's origin. It is
   * followed as returned, except that a 2024-05-01 link without `api-version` gets
   * it appended: the official example's `nextLink` has none, the service refuses a
   * request without it, and Microsoft's own clients append it the same way.
   */
  const linkToFollow = (link: string): string => {
    const url = new URL(link);
    if (url.origin !== options.origin) {
      throw invalidResponse('Refusing to follow a next link to another origin than the configured endpoint');
    }
    if (options.apiVersion !== '2024-05-01' || url.searchParams.has('api-version')) return url.href;
    const href = url.hash === '' ? url.href : url.href.slice(0, -url.hash.length);
    // `search` is '' for a link ending in a bare `?` too: that `?` is kept, with nothing put between.
    const separator = href.endsWith('?') ? '' : url.search === '' ? '?' : '&';
    return `${href}${separator}api-version=2024-05-01`;
  };

  /** A page of the documents status list (the answer to `requested`), checked, and its next link made whole. */
  const readPage = (body: unknown, requested: string): { page: AzureDocumentListWire; next?: string } => {
    const page = readDocumentList(body);
    const unnamed = page.value.findIndex((document) => wireDocumentId(document) === undefined);
    if (unnamed !== -1) {
      throw invalidResponse(`Azure sent a documents status list of an unexpected shape (at value.${unnamed}.id)`);
    }
    // Whichever name the response uses: 2024-05-01 says `nextLink`, v1.1 and some docs pages `@nextLink`.
    const link = page.nextLink || page['@nextLink'] || undefined;
    if (link === undefined) return { page };
    // Made whole here when relative, so that it is followed, and handed out as a
    // token, as one URL. A malformed link is the response's fault now; a foreign
    // origin is refused when followed, so the caller still gets this page (and a
    // stored token is checked the same way). Relative to the page it came with, as
    // any relative reference is (RFC 3986): `?$skip=10` is this page's path.
    const next = URL.parse(link, requested)?.href;
    if (next === undefined) throw invalidResponse('Azure returned a next link that is not a URL');
    return { page, next };
  };

  const getStatuses = async (refs: AzureDocumentRef[], context: RequestContext) => {
    // The documents of every page, in the order answered (ten ids fit one page).
    let answered: AzureDocumentWire[] = [];
    // Made for the rare lookup that pages.
    let followed: Set<string> | undefined;
    let url = urls.documents({ ids: refs.map((ref) => ref.id) });
    let documents: readonly (AzureDocumentWire | undefined)[];
    for (;;) {
      const { page, next } = readPage(await send('GET', url, context), url);
      answered = answered.length === 0 ? page.value : answered.concat(page.value);
      documents = documentsOf(refs, answered);
      // Every id answered: a next link has nothing more to say of them (the official example's points to another
      // host, which would be refused, and cost a request even on this one).
      if (next === undefined || documents.every(Boolean)) break;
      url = linkToFollow(next);
      followed ??= new Set();
      if (followed.has(url)) throw invalidResponse('Azure repeated a next link within one status lookup');
      followed.add(url);
    }
    const items = refs.map((ref, index) => {
      const document = documents[index];
      return document ? toDocumentStatus(ref.id, document) : notFoundStatus(ref.id);
    });
    return { items, errors: [] };
  };

  /**
   * The server-side `statuses` filter, or none: v1.1 declares at most 5 values
   * (`maxLength: 5`), so a filter that needs more is left to the core, which
   * filters every page client-side anyway.
   */
  const serverStatuses = (request: ListPageRequest): string[] | undefined => {
    const statuses = serverStatusFilter(request.statuses);
    return options.apiVersion === 'v1.1' && statuses && statuses.length > V11_MAX_STATUSES ? undefined : statuses;
  };

  const listDocuments = async (
    request: ListPageRequest,
    context: RequestContext,
  ): Promise<FetchedPage<AzureDocumentStatus>> => {
    const token = request.continuationToken;
    // A token is a next link, a whole URL (handed out whole even when Azure's was relative).
    // Anything else would be sent, key and all, as a path of the endpoint, and its 404 read
    // as a missing translation. (Its path is not checked: the official example's next link
    // takes another route, and names another id, than the request it answers.)
    if (token !== undefined && !URL.canParse(token)) {
      throw validationError('continuationToken', 'expected the continuation token of a page of this listing (a URL)');
    }
    const url =
      token === undefined
        ? urls.documents({ maxPageSize: request.maxPageSize, statuses: serverStatuses(request) })
        : linkToFollow(token);
    const { page, next } = readPage(await send('GET', url, context), url);
    // The continuation token IS the next link, as returned (made whole when relative): resuming
    // with it asks for exactly that page.
    const items = page.value.map((document) => toDocumentStatus(wireDocumentId(document) as string, document));
    return { items, continuationToken: next };
  };

  return {
    provider: PROVIDER,
    normalizeRef: normalizeAzureRef,
    classifyError: classifyAzureError,
    operations: {
      // No one-document call: the single-document GET answers an unknown document
      // and an unknown translation with the same 404 (the official examples put the
      // route, not the missing id, in `target`), so `getStatus` asks the list with
      // one id too, which answers 200 without it for an unknown document and 404
      // only when the translation does not exist.
      status: {
        batch: { name: 'getDocumentsStatus', maxDocuments: AZURE_IDS_PER_REQUEST, send: getStatuses },
      },
      list: { name: 'getDocumentsStatus', maxPageSize: AZURE_MAX_PAGE_SIZE, send: listDocuments },
    },
    unsupportedHints: {
      delete: 'Azure Document Translation has no per-document delete; use cancel() to stop the whole translation',
      put: 'Azure Document Translation translates documents from storage; start a translation with startAzureTranslation()',
    },
  };
}

/**
 * Each ref's document in the answer, or undefined when Azure answered none for it.
 * An answer of exactly the ids asked, in the order asked or in its reverse, is read
 * by position: the list is sorted by creation, newest first, unless asked otherwise
 * ("The default sorting is descending by createdDateTimeUtc", the documents status
 * reference), and ids are usually asked in the order they were submitted. Any other
 * answer is looked up by id (the last document, should Azure answer an id twice).
 * UUIDs match whatever their case; looked up as written first, as Azure's ids and
 * the caller's usually agree, and then nothing is lower-cased.
 */
function documentsOf(
  refs: readonly AzureDocumentRef[],
  answered: readonly AzureDocumentWire[],
): readonly (AzureDocumentWire | undefined)[] {
  const count = refs.length;
  const idAt = (index: number) => wireDocumentId(answered[index] as AzureDocumentWire);
  if (answered.length === count) {
    let index = 0;
    while (index < count && idAt(index) === refs[index]?.id) index++;
    if (index === count) return answered;
    index = 0;
    while (index < count && idAt(count - 1 - index) === refs[index]?.id) index++;
    if (index === count) return answered.toReversed();
  }
  const found = new Map<string, AzureDocumentWire>();
  for (const document of answered) found.set(wireDocumentId(document) as string, document);
  let foundByLowerCase: Map<string, AzureDocumentWire> | undefined;
  return refs.map((ref) => {
    const document = found.get(ref.id);
    if (document) return document;
    foundByLowerCase ??= new Map([...found].map(([key, value]) => [key.toLowerCase(), value]));
    return foundByLowerCase.get(ref.id.toLowerCase());
  });
}

function invalidResponse(message: string): DocumentIndexError {
  return new DocumentIndexError('invalid_response', message, { retryable: false });
}
