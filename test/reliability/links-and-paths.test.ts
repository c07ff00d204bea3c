/**
 * Where requests may go. Azure next links are followed only on the configured
 * endpoint's origin: a link elsewhere is refused before any request to it (a
 * second loopback server sees nothing, so never sees the key), and a link already
 * followed ends the listing with `invalid_response` instead of looping. NAVER ids
 * cannot leave their path segment: whatever the id, the request goes to exactly
 * the status route, and the simulator decodes the segment back to the same id.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNaverRagIndex } from '../../src/providers/naver/index';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';
import { FAST_RETRY, idsOf, rejection, TARGETS, unhandledRejections } from './support';

const unhandled = unhandledRejections();
let sim: RunningSimulator;
let foreign: RunningSimulator;

beforeAll(async () => {
  [sim, foreign] = await Promise.all([startSimulator(), startSimulator()]);
  unhandled.install();
});
afterAll(async () => {
  unhandled.uninstall();
  await Promise.all([sim.close(), foreign.close()]);
});
beforeEach(() => {
  sim.reset();
  foreign.reset();
});
afterEach(() => unhandled.expectNone());

const AZURE = TARGETS.filter(({ target }) => target.provider === 'azure');

describe.each(AZURE)('Azure next links: $name', ({ target }) => {
  const client = () => target.createClient(sim, { retry: FAST_RETRY });
  const seed = (n: number) =>
    target.seed(
      sim,
      idsOf(target, n).map((id) => ({ id, statuses: ['Succeeded'] })),
    );
  const listRequests = () => sim.log.count({ provider: 'azure', operation: target.operations.list });

  it('refuses a next link to a foreign origin before any request to it, keeping the pages it had', async () => {
    seed(5);
    sim.azure.configure({ foreignNextLinkOrigin: foreign.url, defaultPageSize: 2 });
    const pages = client().listStatuses().byPage();
    const first = await pages.next();
    expect(first.done).toBe(false);
    expect(first.value).toHaveLength(2);
    // The token handed out is the link as returned; following it is what is refused.
    expect(first.value?.continuationToken?.startsWith(foreign.url)).toBe(true);
    const error = await rejection(pages.next());
    expect(error.code).toBe('invalid_response');
    expect(error.retryable).toBe(false);
    expect(foreign.log.entries).toEqual([]);
    expect(listRequests()).toBe(1);
  });

  it('refuses a stored continuation token of a foreign origin, and one with a look-alike host', async () => {
    seed(3);
    const path = '/translator/document/batches/9dce0aa9-78dc-41ba-8cae-2e2f3c2ff8ec/documents?api-version=2024-05-01';
    const { port } = new URL(sim.url);
    const tokens = [
      `${foreign.url}${path}`,
      `http://localhost:${port}${path}`,
      `http://127.0.0.1.nip.io:${port}${path}`,
      `https://127.0.0.1:${port}${path}`,
      `//127.0.0.2:${port}${path}`,
    ];
    for (const continuationToken of tokens) {
      const error = await rejection(client().listStatuses().byPage({ continuationToken }).next());
      expect(['invalid_response', 'validation']).toContain(error.code);
    }
    expect(foreign.log.entries).toEqual([]);
    expect(sim.log.entries).toEqual([]);
  });

  it('refuses a foreign next link inside a status lookup that spans pages: the chunk lands in errors', async () => {
    const refs = seed(5);
    sim.azure.configure({ foreignNextLinkOrigin: foreign.url, defaultPageSize: 2 });
    const batch = await client().getStatuses(refs);
    expect(batch.items).toEqual([]);
    expect(batch.errors.map(({ error }) => error.code)).toEqual(Array(5).fill('invalid_response'));
    expect(foreign.log.entries).toEqual([]);
  });

  it('follows next links on its own origin (the control case)', async () => {
    seed(5);
    sim.azure.configure({ defaultPageSize: 2 });
    const all = [];
    for await (const item of client().listStatuses()) all.push(item.id);
    expect(all).toHaveLength(5);
    expect(listRequests()).toBe(3);
  });

  it('ends the listing with invalid_response when a link repeats, instead of looping', async () => {
    seed(5);
    sim.azure.configure({ repeatNextLink: true, defaultPageSize: 2 });
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of client().listStatuses()) seen.push(item.id);
      })(),
    );
    expect(error.code).toBe('invalid_response');
    // Page one, then page two, which links to itself: page two's documents are listed
    // (it was fetched with that link for the first time, see test/core/paging.test.ts),
    // then the core refuses to follow the link again instead of looping.
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    expect(listRequests()).toBe(2);
  });

  it('ends a status lookup whose next link repeats, with the ids in errors', async () => {
    const refs = seed(5);
    sim.azure.configure({ repeatNextLink: true, defaultPageSize: 2 });
    const batch = await client().getStatuses(refs);
    expect(batch.errors.map(({ error }) => error.code)).toEqual(Array(5).fill('invalid_response'));
    expect(listRequests()).toBeLessThanOrEqual(3);
  });
});

describe('NAVER ids cannot leave their path segment', () => {
  const serviceId = 'conformance-svc';
  const client = () => createNaverRagIndex({ serviceId, apiKey: 'k', baseUrl: sim.url, retry: FAST_RETRY });
  const statusPath = /^\/api\/v1\/svc\/conformance-svc\/doc\/([^/]+)\/status$/;

  /** Ids built from the characters that would break out of a segment, plus anything unicode. */
  const hostileId = fc
    .array(
      fc.oneof(
        fc.constantFrom('/', '?', '#', '..', '.', '%', '%2F', '%2e%2e', '\\', ' ', '&', '=', ';', '+', '@', ':'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((parts) => parts.join(''))
    .filter((id) => id !== '.' && id !== '..' && id.length <= 1024 && isWellFormed(id));

  it('sends every id as exactly one segment of the status route, decoded back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(hostileId, fc.boolean(), async (id, known) => {
        sim.reset();
        if (known) sim.naver.putDocument(serviceId, { id, status: 'DONE' });
        const item = await client().getStatus(id);
        expect(item.id).toBe(id);
        // The simulator found the document under exactly this id (or, unknown, answered 404).
        expect(item.status).toBe(known ? 'succeeded' : 'not_found');
        expect(sim.log.entries).toHaveLength(1);
        const [entry] = sim.log.entries;
        expect(entry?.operation).toBe('getDocumentStatus');
        expect(entry?.method).toBe('GET');
        const url = new URL(entry?.url ?? '');
        expect(url.search).toBe('');
        expect(url.hash).toBe('');
        const segment = statusPath.exec(url.pathname)?.[1];
        expect(segment, url.pathname).toBeDefined();
        expect(decodeURIComponent(segment as string)).toBe(id);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('deletes go to exactly the document route too', async () => {
    for (const id of ['../../svc/other/doc/x', 'a/b?c#d', '%2e%2e', '..%2F', 'ドキュメント 1']) {
      sim.reset();
      sim.naver.putDocument(serviceId, { id, status: 'DONE' });
      const batch = await client().deleteDocuments([id]);
      expect(batch.items.map((item) => [item.id, item.status])).toEqual([[id, 'deleted']]);
      const url = new URL(sim.log.entries[0]?.url ?? '');
      const segment = /^\/api\/v1\/svc\/conformance-svc\/doc\/([^/]+)$/.exec(url.pathname)?.[1];
      expect(decodeURIComponent(segment ?? '')).toBe(id);
      // The simulator deleted exactly the document named, nothing along another path.
      expect(sim.naver.getDocument(serviceId, id)?.deleted).toBe(true);
      expect(sim.naver.listDocuments().filter((doc) => doc.deleted)).toHaveLength(1);
    }
  });

  it('refuses "." and ".." before sending (no encoding keeps them one segment)', async () => {
    for (const id of ['.', '..']) expect((await rejection(client().getStatus(id))).code).toBe('validation');
    expect(sim.log.entries).toEqual([]);
  });
});

function isWellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}
