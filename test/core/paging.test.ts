import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createPagedIterator } from '../../src/core/paging';
import { type FetchedPage, isDocumentIndexError, type Page } from '../../src/index';

/** A listing of numbered pages: page `k` holds `pages[k]` and points at page `k + 1` by token `p{k+1}`. */
function listing(pages: number[][]) {
  const fetchPage = vi.fn(
    async ({ continuationToken }: { continuationToken?: string | undefined; maxPageSize?: number | undefined }) => {
      const index = continuationToken === undefined ? 0 : Number(continuationToken.slice(1));
      const items = pages[index] ?? [];
      const next = index + 1 < pages.length ? `p${index + 1}` : undefined;
      return { items: [...items], continuationToken: next } satisfies FetchedPage<number>;
    },
  );
  return fetchPage;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('createPagedIterator', () => {
  it('fetches nothing before the first next()', async () => {
    const fetchPage = listing([[1, 2], [3]]);
    const paged = createPagedIterator(fetchPage);
    const pages = paged.byPage();
    expect(fetchPage).not.toHaveBeenCalled();
    await pages.next();
    expect(fetchPage).toHaveBeenCalledTimes(1);
    await paged.next();
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('break in a for await ends the listing: the same iterator then reports done and fetches nothing more', async () => {
    const fetchPage = listing([[1, 2], [3, 4], [5]]);
    const paged = createPagedIterator(fetchPage);
    for await (const item of paged) if (item === 2) break;
    expect(await paged.next()).toEqual({ done: true, value: undefined });
    expect(await collect(paged)).toEqual([]);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('return() before the first next() ends the listing without fetching', async () => {
    const fetchPage = listing([[1]]);
    const paged = createPagedIterator(fetchPage);
    expect(await paged.return()).toEqual({ done: true, value: undefined });
    expect(await paged.next()).toEqual({ done: true, value: undefined });
    expect(fetchPage).not.toHaveBeenCalled();
  });

  it('fetches one page at a time, only when it is asked for', async () => {
    const fetchPage = listing([[1, 2], [3, 4], [5]]);
    const paged = createPagedIterator(fetchPage);
    expect(await paged.next()).toEqual({ done: false, value: 1 });
    expect(await paged.next()).toEqual({ done: false, value: 2 });
    expect(fetchPage).toHaveBeenCalledTimes(1);
    expect(await paged.next()).toEqual({ done: false, value: 3 });
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('yields every item in order and skips empty pages', async () => {
    const fetchPage = listing([[], [1, 2], [], [], [3], []]);
    expect(await collect(createPagedIterator(fetchPage))).toEqual([1, 2, 3]);
    expect(fetchPage).toHaveBeenCalledTimes(6);
  });

  it('is its own async iterator', async () => {
    const paged = createPagedIterator(listing([[1]]));
    expect(paged[Symbol.asyncIterator]()).toBe(paged);
  });

  it('gives every page but the last a continuationToken, and byPage resumes after it', async () => {
    const fetchPage = listing([[1, 2], [3], [4, 5], [6]]);
    const paged = createPagedIterator(fetchPage);
    const pages: Page<number>[] = await collect(paged.byPage());
    expect(pages.map((p) => [...p])).toEqual([[1, 2], [3], [4, 5], [6]]);
    expect(pages.map((p) => p.continuationToken)).toEqual(['p1', 'p2', 'p3', undefined]);
    expect('continuationToken' in (pages[3] as object)).toBe(false);

    // Resume a later listing after the second page.
    fetchPage.mockClear();
    const resumed = await collect(paged.byPage({ continuationToken: pages[1]?.continuationToken as string }));
    expect(resumed.map((p) => [...p])).toEqual([[4, 5], [6]]);
    expect(fetchPage.mock.calls[0]?.[0]).toMatchObject({ continuationToken: 'p2' });
  });

  it('passes maxPageSize from byPage, else from the iterator options', async () => {
    const fetchPage = listing([[1]]);
    await collect(createPagedIterator(fetchPage, { maxPageSize: 50 }).byPage({ maxPageSize: 7 }));
    await collect(createPagedIterator(fetchPage, { maxPageSize: 50 }).byPage());
    expect(fetchPage.mock.calls.map(([settings]) => settings.maxPageSize)).toEqual([7, 50]);
  });

  it('treats an empty-string token as the end of the listing', async () => {
    const fetchPage = vi.fn(async () => ({ items: [1], continuationToken: '' }));
    const pages = await collect(createPagedIterator(fetchPage).byPage());
    expect(pages).toHaveLength(1);
    expect(pages[0]?.continuationToken).toBeUndefined();
  });

  it('yields the page that repeats a token (its items are new), then ends with invalid_response', async () => {
    const looping = vi.fn(async () => ({ items: [1], continuationToken: 'same' }));
    const paged = createPagedIterator(looping, { provider: 'bedrock' });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const item of paged) seen.push(item);
    })().catch((e: unknown) => e);
    expect(isDocumentIndexError(error) && error.code).toBe('invalid_response');
    expect(isDocumentIndexError(error) && error.provider).toBe('bedrock');
    expect(isDocumentIndexError(error) && error.retryable).toBe(false);
    // The second page was fetched with 'same', followed for the first time: its items count.
    expect(seen).toEqual([1, 1]);
    expect(looping).toHaveBeenCalledTimes(2);
  });

  it('by page: the repeating page comes without a token (following it would loop), then the rejection', async () => {
    const fetchPage = vi.fn(async ({ continuationToken }: { continuationToken?: string | undefined }) =>
      continuationToken === undefined ? { items: [1], continuationToken: 'a' } : { items: [2], continuationToken: 'a' },
    );
    const pages = createPagedIterator(fetchPage).byPage();
    const first = await pages.next();
    expect([first.value && [...first.value], first.value?.continuationToken]).toEqual([[1], 'a']);
    const second = await pages.next();
    expect([second.value && [...second.value], second.value?.continuationToken]).toEqual([[2], undefined]);
    await expect(pages.next()).rejects.toMatchObject({ code: 'invalid_response' });
    expect(await pages.next()).toEqual({ done: true, value: undefined });
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('a page repeating the token it was resumed with counts as repeating too', async () => {
    const again = vi.fn(async () => ({ items: [7], continuationToken: 'start' }));
    const pages: number[][] = [];
    const error = await (async () => {
      for await (const page of createPagedIterator(again).byPage({ continuationToken: 'start' })) pages.push([...page]);
    })().catch((e: unknown) => e);
    expect(isDocumentIndexError(error) && error.code).toBe('invalid_response');
    expect(pages).toEqual([[7]]);
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('propagates a fetch failure to the consumer', async () => {
    const failing = vi.fn(async () => {
      throw new Error('page failed');
    });
    await expect(createPagedIterator(failing).next()).rejects.toThrow('page failed');
  });

  it('terminates on adversarial token sequences within N+1 fetches (property)', async () => {
    const tokenArb = fc.option(fc.constantFrom('a', 'b', 'c', 'd', ''), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(fc.array(tokenArb, { minLength: 1, maxLength: 12 }), fc.boolean(), async (tokens, byPage) => {
        const distinct = new Set(tokens.filter((t) => t !== undefined && t !== '')).size;
        let fetches = 0;
        const asked: Array<string | undefined> = [];
        const fetchPage = async ({ continuationToken }: { continuationToken?: string | undefined }) => {
          asked.push(continuationToken);
          const token = tokens[fetches % tokens.length];
          fetches++;
          if (fetches > distinct + 1) throw new Error('looping');
          return { items: [fetches], continuationToken: token };
        };
        const paged = createPagedIterator(fetchPage);
        const pages: Page<number>[] = [];
        let failure: unknown;
        try {
          if (byPage) for await (const page of paged.byPage()) pages.push(page);
          else for await (const item of paged) pages.push([item]);
        } catch (error) {
          failure = error;
        }
        expect(fetches).toBeLessThanOrEqual(distinct + 1);
        if (failure !== undefined) {
          expect(isDocumentIndexError(failure) && failure.code).toBe('invalid_response');
        } else {
          const last = tokens[(fetches - 1) % tokens.length];
          expect(last === undefined || last === '').toBe(true);
        }
        // Each request follows the token of the page before it.
        expect(asked[0]).toBeUndefined();
        for (let k = 1; k < asked.length; k++) expect(asked[k]).toBe(tokens[(k - 1) % tokens.length]);
        if (byPage && failure === undefined) {
          pages.forEach((page, k) => {
            if (k < pages.length - 1) expect(page.continuationToken).toBeTruthy();
            else expect(page.continuationToken).toBeUndefined();
          });
        }
      }),
    );
  });
});
