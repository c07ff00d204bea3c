import type { ProviderAdapter } from '../../core/adapter';
import { DocumentIndexError, validationError } from '../../core/errors';
import type { FetchedPage } from '../../core/paging';
import type { DocumentRef, DocumentStatus } from '../../core/types';
import { describe, isPlainObject, requireString } from '../../core/validate';
import { classifyAzureError, readAzureError } from './errors';
import { type ResolvedAzureOptions, UUID_RULE } from './options';
import {
  type AzureDocumentListWire,
  type AzureDocumentWire,
  type AzureErrorWire,
  azureDocumentListSchema,
  azureDocumentSchema,
} from './schemas';
import { notFoundStatus, serverStatusFilter, toDocumentStatus } from './status';
import { AzureHttpError, type AzureSend } from './transport';
import { createAzureUrls } from './urls';
import { parseWire } from './wire';

/** A document id, validated (a UUID). */
export interface AzureDocumentRef {
  id: string;
}

/** Largest `maxpagesize` Azure accepts. */
export const AZURE_MAX_PAGE_SIZE = 100;

/**
 * Azure Document Translation as a docindex adapter: statuses come from the
 * documents status list filtered by `ids` (10 per request), one document from
 * its own GET, the listing from the same list followed by its next links. There
 * is no per-document delete.
 */
export function createAzureAdapter(
  options: ResolvedAzureOptions,
  send: AzureSend,
): ProviderAdapter<DocumentRef, AzureDocumentRef> {
  const urls = createAzureUrls(options.endpoint, options.translationId, options.apiVersion);

  /** A next link from a response or a caller's token, refused unless it is on the endpoint's origin. */
  const linkToFollow = (link: string): string => {
    let url: URL;
    try {
      url = new URL(link, `${options.origin}/`);
    } catch {
      throw validationError('continuationToken', 'expected a next link URL', 'azure');
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
    const page = parseWire(azureDocumentListSchema, await send('GET', url, signal), 'documents status list');
    // Whichever name the response uses: 2024-05-01 says `nextLink`, v1.1 and some docs pages `@nextLink`.
    const next = page.nextLink || page['@nextLink'] || undefined;
    // A malformed link is the response's fault now; a foreign origin is refused when followed,
    // so the caller still gets this page (and a stored token is checked the same way).
    if (next !== undefined && !URL.canParse(next, `${options.origin}/`)) {
      throw invalidResponse('Azure returned a next link that is not a URL');
    }
    return next === undefined ? { page } : { page, next };
  };

  return {
    provider: 'azure',
    batchLimit: 10,
    maxListPageSize: AZURE_MAX_PAGE_SIZE,
    unsupportedHints: {
      delete: 'Azure Document Translation has no per-document delete; use cancel() to stop the whole translation',
    },

    normalizeRef(ref, field) {
      const id = isPlainObject(ref) ? ref.id : ref;
      const idField = isPlainObject(ref) ? `${field}.id` : field;
      if (typeof id !== 'string')
        throw validationError(idField, `expected a document id string, got ${describe(id)}`, 'azure');
      return { id: requireString(id, idField, UUID_RULE, 'azure') };
    },

    classifyError: classifyAzureError,

    async getStatusChunk(refs, context) {
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
    },

    async getOne(ref, context) {
      try {
        const document = parseWire(
          azureDocumentSchema,
          await send('GET', urls.document(ref.id), context.signal),
          'document status',
        );
        return toDocumentStatus(ref.id, document);
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
    },

    async listPage(request, context): Promise<FetchedPage<DocumentStatus>> {
      const url =
        request.continuationToken === undefined
          ? urls.documents({ maxPageSize: request.maxPageSize, statuses: serverStatusFilter(request.statuses) })
          : linkToFollow(request.continuationToken);
      const { page, next } = await fetchList(url, context.signal);
      // The continuation token IS the next link, as returned: resuming with it asks for exactly that page.
      return { items: page.value.map((document) => toDocumentStatus(document.id, document)), continuationToken: next };
    },
  };
}

/**
 * Whether a 404 of the single-document GET is about the document (read as
 * `not_found`) rather than the translation (which rejects the call). Rule: the
 * translation is missing when the error's `target` or inner error names the
 * operation, batch, translation or job; any other 404, including one without an
 * Azure body, is the document's (API.md: HTTP 404 for one document -> not_found).
 */
export function isDocumentNotFound(error: AzureErrorWire | undefined): boolean {
  const inner = error?.innerError ?? error?.innererror;
  const words = [error?.target, inner?.code, inner?.target].filter(Boolean).join(' ');
  return !/operation|batch|translation|job/i.test(words);
}

function invalidResponse(message: string): DocumentIndexError {
  return new DocumentIndexError('invalid_response', message, { provider: 'azure', retryable: false });
}
