import type { FetchedPage, ListPageRequest, ProviderAdapter, RequestContext } from '../../spec/adapter';
import type { DocumentRef } from '../../spec/client';
import { DocumentIndexError, validationError } from '../../spec/errors';
import { parseWire } from '../shared/wire';
import { classifyAzureError, readAzureError } from './errors';
import type { ResolvedAzureOptions } from './options';
import { type AzureDocumentRef, normalizeAzureRef } from './refs';
import { type AzureDocumentStatus, notFoundStatus, PROVIDER, serverStatusFilter, toDocumentStatus } from './status';
import { AzureHttpError, type AzureSend } from './transport';
import { createAzureUrls } from './urls';
import {
  type AzureDocumentListWire,
  type AzureDocumentWire,
  type AzureErrorWire,
  azureDocumentListSchema,
  azureDocumentSchema,
} from './wire';

/** Largest `maxpagesize` Azure accepts. */
export const AZURE_MAX_PAGE_SIZE = 100;

/** Ids per documents status request (the `ids` filter). */
const AZURE_IDS_PER_REQUEST = 10;

/**
 * Azure Document Translation as a docindex adapter: statuses come from the
 * documents status list filtered by `ids` (10 per request), one document from
 * its own GET, the listing from the same list followed by its next links. There
 * is no per-document delete.
 */
export function createAzureAdapter(
  options: ResolvedAzureOptions,
  send: AzureSend,
): ProviderAdapter<DocumentRef, AzureDocumentRef, AzureDocumentStatus> {
  const urls = createAzureUrls(options.endpoint, options.translationId, options.apiVersion);

  /** A next link from a response or a caller's token, refused unless it is on the endpoint's origin. */
  const linkToFollow = (link: string): string => {
    let url: URL;
    try {
      url = new URL(link, `${options.origin}/`);
    } catch {
      throw validationError('continuationToken', 'expected a next link URL');
    }
    if (url.origin !== options.origin) {
      throw invalidResponse('Refusing to follow a next link to another origin than the configured endpoint');
    }
    return url.href;
  };

  const fetchList = async (
    url: string,
    signal: AbortSignal | undefined,
  ): Promise<{ page: AzureDocumentListWire; next?: string }> => {
    const page = parseWire(azureDocumentListSchema, await send('GET', url, signal), 'Azure', 'documents status list');
    // Whichever name the response uses: 2024-05-01 says `nextLink`, v1.1 and some docs pages `@nextLink`.
    const next = page.nextLink || page['@nextLink'] || undefined;
    // A malformed link is the response's fault now; a foreign origin is refused when followed,
    // so the caller still gets this page (and a stored token is checked the same way).
    if (next !== undefined && !URL.canParse(next, `${options.origin}/`)) {
      throw invalidResponse('Azure returned a next link that is not a URL');
    }
    return next === undefined ? { page } : { page, next };
  };

  const getStatuses = async (refs: AzureDocumentRef[], context: RequestContext) => {
    const found = new Map<string, AzureDocumentWire>();
    const followed = new Set<string>();
    let url = urls.documents({ ids: refs.map((ref) => ref.id) });
    for (;;) {
      const { page, next } = await fetchList(url, context.signal);
      for (const document of page.value) found.set(document.id.toLowerCase(), document);
      if (next === undefined) break;
      url = linkToFollow(next);
      if (followed.has(url)) throw invalidResponse('Azure repeated a next link within one status lookup');
      followed.add(url);
    }
    const items = refs.map((ref) => {
      const document = found.get(ref.id.toLowerCase());
      return document ? toDocumentStatus(ref.id, document) : notFoundStatus(ref.id);
    });
    return { items, errors: [] };
  };

  const getStatus = async (ref: AzureDocumentRef, context: RequestContext) => {
    try {
      const body = await send('GET', urls.document(ref.id), context.signal);
      return toDocumentStatus(ref.id, parseWire(azureDocumentSchema, body, 'Azure', 'document status'));
    } catch (error) {
      if (
        error instanceof AzureHttpError &&
        error.status === 404 &&
        isDocumentNotFound(readAzureError(error.bodyText))
      ) {
        return notFoundStatus(ref.id);
      }
      throw error;
    }
  };

  const listDocuments = async (
    request: ListPageRequest,
    context: RequestContext,
  ): Promise<FetchedPage<AzureDocumentStatus>> => {
    const url =
      request.continuationToken === undefined
        ? urls.documents({ maxPageSize: request.maxPageSize, statuses: serverStatusFilter(request.statuses) })
        : linkToFollow(request.continuationToken);
    const { page, next } = await fetchList(url, context.signal);
    // The continuation token IS the next link, as returned: resuming with it asks for exactly that page.
    return { items: page.value.map((document) => toDocumentStatus(document.id, document)), continuationToken: next };
  };

  return {
    provider: PROVIDER,
    normalizeRef: normalizeAzureRef,
    classifyError: classifyAzureError,
    operations: {
      status: {
        batch: { name: 'getDocumentsStatus', maxDocuments: AZURE_IDS_PER_REQUEST, send: getStatuses },
        one: { name: 'getDocumentStatus', send: getStatus },
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
 * Whether a 404 of the single-document GET is about the document (read as
 * `not_found`) rather than the translation (which rejects the call). Rule: the
 * translation is missing when the error's `target` or inner error names the
 * operation, batch, translation or job; any other 404, including one without an
 * Azure body, is the document's.
 */
export function isDocumentNotFound(error: AzureErrorWire | undefined): boolean {
  const inner = error?.innerError ?? error?.innererror;
  const words = [error?.target, inner?.code, inner?.target].filter(Boolean).join(' ');
  return !/operation|batch|translation|job/i.test(words);
}

function invalidResponse(message: string): DocumentIndexError {
  return new DocumentIndexError('invalid_response', message, { retryable: false });
}
