import type { FetchedPage } from '../spec/adapter';
import type { Page, PagedAsyncIterableIterator, PageSettings } from '../spec/client';
import { DocumentIndexError, validationError } from '../spec/errors';
import type { ProviderName } from '../spec/status';
import { describe, PAGE_SETTINGS, refuseMisspelt } from './validate';

/** Fetches the page that follows `continuationToken` (the first page when absent). */
export type PageFetcher<T> = (settings: {
  continuationToken?: string | undefined;
  maxPageSize?: number | undefined;
}) => Promise<FetchedPage<T>>;

/**
 * Builds a lazy paged iterator from a page fetcher: nothing is fetched before the
 * first `next()`; `byPage({ continuationToken })` resumes after the page that carried
 * that token; every page but the last carries the token to resume after it; empty
 * pages are skipped by the item iterator; and a token seen twice in one listing
 * ends it with `invalid_response` instead of looping for ever, after the page that
 * carried it (whose items are new), which comes without a token.
 */
export function createPagedIterator<T>(
  fetchPage: PageFetcher<T>,
  options: { provider?: ProviderName; maxPageSize?: number } = {},
): PagedAsyncIterableIterator<T> {
  async function* pages(settings: PageSettings = {}): AsyncGenerator<Page<T>, undefined> {
    // `byPage(null)` (or any non-object) must reject with `validation` like every
    // other bad input, not with a TypeError from reading its fields.
    if (typeof settings !== 'object' || settings === null) {
      throw validationError('settings', `expected an object, got ${describe(settings)}`, options.provider);
    }
    // A misspelt setting (`continuationTokn`, `pageSize`) would silently restart the listing or ignore the size.
    refuseMisspelt(settings as Record<string, unknown>, PAGE_SETTINGS, 'settings', options.provider);
    const seen = new Set<string>();
    let token = settings.continuationToken;
    const maxPageSize = settings.maxPageSize ?? options.maxPageSize;
    if (token !== undefined) seen.add(token);
    for (;;) {
      const fetched = await fetchPage({ continuationToken: token, maxPageSize });
      const page = fetched.items as Page<T>;
      const nextToken = fetched.continuationToken || undefined;
      if (nextToken !== undefined) {
        if (seen.has(nextToken)) {
          // This page was fetched with a token followed for the first time, so its
          // items are no repeat of any page before: they are yielded, without the
          // token (following it would loop), and then the listing ends, since the
          // provider has pointed back at a page already listed.
          yield page;
          throw new DocumentIndexError(
            'invalid_response',
            'The provider returned a continuation token already followed in this listing; stopping instead of looping',
            { provider: options.provider, retryable: false },
          );
        }
        seen.add(nextToken);
        page.continuationToken = nextToken;
      }
      yield page;
      if (nextToken === undefined) return undefined;
      token = nextToken;
    }
  }

  async function* items(): AsyncGenerator<T, undefined> {
    for await (const page of pages()) yield* page;
    return undefined;
  }

  let iterator: AsyncGenerator<T, undefined> | undefined;
  const paged: PagedAsyncIterableIterator<T> = {
    next() {
      iterator ??= items();
      return iterator.next();
    },
    // Without it, `break` in a `for await` left the generator suspended on its page, and the same iterator resumed
    // the listing where the loop had left it.
    return() {
      iterator ??= items();
      return iterator.return(undefined);
    },
    [Symbol.asyncIterator]() {
      return paged;
    },
    byPage(settings?: PageSettings) {
      return pages(settings);
    },
  };
  return paged;
}
