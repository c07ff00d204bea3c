/**
 * `listStatuses`: the lazy paged iterator over an adapter's listing call, each
 * page one request through the client's pipeline.
 */
import type { ListCall } from '../spec/adapter';
import type { DocumentStatus, ListOptions, PagedAsyncIterableIterator } from '../spec/client';
import { unsupportedError, validationError } from '../spec/errors';
import { withCallSignal } from './call-scope';
import { createPagedIterator } from './paging';
import type { RequestPipeline } from './pipeline';
import { optionalInteger, validateCallOptions } from './validate';

/**
 * The listing of one call. Nothing is checked or fetched before the first page
 * is asked for (`listStatuses` itself returns synchronously), then every page
 * validates the options and the page settings before anything is sent.
 * `timeoutMs` and `signal` apply to each page fetch, retries included: the time a
 * caller spends between pages is not the listing's.
 */
export function listStatuses(
  pipeline: RequestPipeline,
  list: ListCall | undefined,
  options: ListOptions | undefined,
  unsupportedHint: string | undefined,
): PagedAsyncIterableIterator<DocumentStatus> {
  const { provider } = pipeline;
  return createPagedIterator<DocumentStatus>(
    // Each page is one call of its own (one span), as each page has its own deadline.
    ({ continuationToken, maxPageSize }) =>
      pipeline.traced('listStatuses', async () => {
        if (!list) throw unsupportedError(provider, 'listStatuses', unsupportedHint);
        validateCallOptions(options, provider, { list: true });
        // Built only after validation: a non-array `statuses` must reject with
        // `validation`, not throw a TypeError out of listStatuses() itself.
        const statuses = options?.statuses;
        const wanted = statuses && statuses.length > 0 ? new Set(statuses) : undefined;
        optionalInteger(maxPageSize, 'maxPageSize', { min: 1, max: list.maxPageSize }, provider);
        if (continuationToken !== undefined && (typeof continuationToken !== 'string' || continuationToken === '')) {
          throw validationError('continuationToken', 'expected a non-empty string', provider);
        }
        const page = await withCallSignal(options, provider, 1, (signal) =>
          pipeline.send({ operation: list.name, documents: 0 }, signal, (context) =>
            list.send({ continuationToken, maxPageSize, statuses: wanted && [...wanted] }, context),
          ),
        );
        // The server filters where it can; this guarantees the contract where it cannot.
        return wanted ? { ...page, items: page.items.filter((item) => wanted.has(item.status)) } : page;
      }),
    { provider },
  );
}
