import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentStatus, Page } from '../../../src/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { azureClient, docId, KEY, rejection, seedDocs, TRANSLATION } from './fixtures';

let sim: RunningSimulator;
let foreign: RunningSimulator;

beforeAll(async () => {
  [sim, foreign] = await Promise.all([startSimulator(), startSimulator()]);
});
afterAll(async () => {
  await Promise.all([sim.close(), foreign.close()]);
});
beforeEach(() => {
  sim.reset();
  foreign.reset();
});

async function allPages(iterator: AsyncIterableIterator<Page<DocumentStatus>>) {
  const pages: Page<DocumentStatus>[] = [];
  for await (const page of iterator) pages.push(page);
  return pages;
}

const listRequests = () => sim.log.filter({ provider: 'azure', operation: 'getDocumentsStatus' });

/** The simulator lists newest first (the spec's default order); documents seeded together, last put first. */
const newestFirst = (ids: readonly string[]) => [...ids].reverse();

/** The URL a next link is requested at: as returned, `api-version` appended to a 2024-05-01 link without it. */
const requestedAt = (link: string | undefined, apiVersion: '2024-05-01' | 'v1.1') =>
  apiVersion === '2024-05-01' ? `${link}&api-version=2024-05-01` : link;

describe.each(['2024-05-01', 'v1.1'] as const)('listStatuses on %s', (apiVersion) => {
  const names =
    apiVersion === '2024-05-01'
      ? { maxPageSize: 'maxpagesize', link: 'nextLink', path: '/translator/document/batches/' }
      : { maxPageSize: '$maxpagesize', link: '@nextLink', path: '/translator/text/batch/v1.1/batches/' };

  it(`sends ${names.maxPageSize} and follows ${names.link} as returned`, async () => {
    const ids = newestFirst(seedDocs(sim, 7));
    const pages = await allPages(azureClient(sim, { apiVersion }).listStatuses().byPage({ maxPageSize: 3 }));
    expect(pages.map((page) => page.map((item) => item.id))).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)]);
    const [first, second] = listRequests();
    const firstUrl = new URL(first?.url ?? '');
    expect(firstUrl.pathname).toBe(`${names.path}${TRANSLATION}/documents`);
    expect(firstUrl.searchParams.get(names.maxPageSize)).toBe('3');
    expect(firstUrl.searchParams.get('api-version')).toBe(apiVersion === '2024-05-01' ? '2024-05-01' : null);
    // The continuation token is the link itself, and the next request went to exactly that link
    // (with api-version added on 2024-05-01, whose links, as in the official example, carry none).
    expect(second?.url).toBe(requestedAt(pages[0]?.continuationToken, apiVersion));
    expect(pages.at(-1)?.continuationToken).toBeUndefined();
  });

  it('resumes with byPage({ continuationToken }) at the page after the one that carried it', async () => {
    const ids = newestFirst(seedDocs(sim, 10));
    const client = azureClient(sim, { apiVersion });
    const pages = await allPages(client.listStatuses().byPage({ maxPageSize: 4 }));
    const token = pages[0]?.continuationToken;
    expect(token).toEqual(expect.any(String));
    sim.log.clear();
    // A fresh client, as a later process would resume with a stored token.
    const resumed = await allPages(
      azureClient(sim, { apiVersion }).listStatuses().byPage({ continuationToken: token }),
    );
    expect(resumed.flatMap((page) => page.map((item) => item.id))).toEqual(ids.slice(4));
    expect(listRequests()[0]?.url).toBe(requestedAt(token, apiVersion));
  });

  it('refuses a next link to another origin before sending anything there, keeping the first page', async () => {
    seedDocs(sim, 3);
    sim.azure.configure({ foreignNextLinkOrigin: foreign.url });
    foreign.azure.putDocuments(TRANSLATION, [{ id: '00000000-0000-4000-8000-000000000001', status: 'Succeeded' }]);
    const iterator = azureClient(sim, { apiVersion }).listStatuses().byPage({ maxPageSize: 1 });
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(first.value?.continuationToken?.startsWith(foreign.url)).toBe(true);
    const error = await rejection(iterator.next());
    expect(error.code).toBe('invalid_response');
    expect(error.retryable).toBe(false);
    expect(foreign.log.entries).toHaveLength(0);
    expect(listRequests()).toHaveLength(1);
  });

  it('ends a listing whose next link repeats with invalid_response', async () => {
    seedDocs(sim, 5);
    sim.azure.configure({ repeatNextLink: true });
    const error = await rejection(allPages(azureClient(sim, { apiVersion }).listStatuses().byPage({ maxPageSize: 1 })));
    expect(error.code).toBe('invalid_response');
    expect(listRequests()).toHaveLength(2);
  });
});

describe('next link names and tokens', () => {
  it('follows @nextLink on 2024-05-01 too (as some Microsoft pages show it)', async () => {
    const ids = newestFirst(seedDocs(sim, 4));
    sim.azure.configure({ nextLinkName: '@nextLink' });
    const seen: string[] = [];
    for await (const item of azureClient(sim).listStatuses()) seen.push(item.id);
    expect(seen).toEqual(ids);
    sim.log.clear();
    const pages = await allPages(azureClient(sim).listStatuses().byPage({ maxPageSize: 2 }));
    expect(pages).toHaveLength(2);
    expect(listRequests()).toHaveLength(2);
  });

  it('follows nextLink on v1.1 too', async () => {
    seedDocs(sim, 4);
    sim.azure.configure({ nextLinkName: 'nextLink' });
    const pages = await allPages(azureClient(sim, { apiVersion: 'v1.1' }).listStatuses().byPage({ maxPageSize: 3 }));
    expect(pages.map((page) => page.length)).toEqual([3, 1]);
  });

  it('refuses a caller token on another origin with invalid_response, and a non-URL token with validation', async () => {
    seedDocs(sim, 2);
    const client = azureClient(sim);
    const foreignToken = `${foreign.url}/translator/document/batches/${TRANSLATION}/documents?api-version=2024-05-01&skip=1`;
    const foreignError = await rejection(client.listStatuses().byPage({ continuationToken: foreignToken }).next());
    expect(foreignError.code).toBe('invalid_response');
    const garbage = await rejection(client.listStatuses().byPage({ continuationToken: 'http://[' }).next());
    expect(garbage.code).toBe('validation');
    expect(foreign.log.entries).toHaveLength(0);
    expect(sim.log.entries).toHaveLength(0);
  });

  it('refuses a caller token that is not a URL, before sending anything', async () => {
    // 'garbage' was sent as GET /garbage with the key, and its 404 read as a missing translation.
    seedDocs(sim, 2);
    const client = azureClient(sim);
    for (const token of ['garbage', `/translator/document/batches/${TRANSLATION}/documents?skip=1`]) {
      const error = await rejection(client.listStatuses().byPage({ continuationToken: token }).next());
      expect(error.code).toBe('validation');
      expect(error.field).toBe('continuationToken');
    }
    expect(sim.log.entries).toHaveLength(0);
  });

  it('hands out a relative next link as a whole URL, which resumes at the page after', async () => {
    seedDocs(sim, 2);
    // The simulator's answers with their next link cut to a path: a response may do that.
    const http = createDefaultHttpClient();
    const relativeLinks: HttpClient = {
      async sendRequest(request) {
        const response = await http.sendRequest(request);
        const body = JSON.parse(response.bodyAsText ?? '{}') as { nextLink?: string };
        if (body.nextLink) body.nextLink = body.nextLink.slice(new URL(body.nextLink).origin.length);
        return { ...response, bodyAsText: JSON.stringify(body) };
      },
    };
    const client = azureClient(sim, { httpClient: relativeLinks });
    const first = (await client.listStatuses().byPage({ maxPageSize: 1 }).next()).value as Page<DocumentStatus>;
    expect(first.continuationToken?.startsWith(`${sim.url}/translator/document/batches/`)).toBe(true);
    const rest = await allPages(client.listStatuses().byPage({ continuationToken: first.continuationToken }));
    expect([...first, ...rest.flat()].map((item) => item.id).sort()).toEqual([docId(1), docId(2)].sort());
  });

  it('never sends the subscription key to another origin', async () => {
    seedDocs(sim, 3);
    sim.azure.configure({ foreignNextLinkOrigin: foreign.url });
    await rejection(allPages(azureClient(sim).listStatuses().byPage({ maxPageSize: 1 })));
    expect(foreign.log.entries).toHaveLength(0);
    for (const entry of sim.log.entries) expect(entry.headers['ocp-apim-subscription-key']).toBe(KEY);
  });

  it('keeps a path prefix of the endpoint', async () => {
    seedDocs(sim, 1);
    const client = azureClient(sim, { endpoint: `${sim.url}/proxy/azure/` });
    const item = await client.getStatus('00000000-0000-4000-8000-000000000001');
    expect(item.status).toBe('succeeded');
    expect(new URL(sim.log.entries[0]?.url ?? '').pathname).toBe(
      `/proxy/azure/translator/document/batches/${TRANSLATION}/documents`,
    );
  });
});

describe('statuses filter', () => {
  it('sends the Azure spellings server-side', async () => {
    const ids = seedDocs(sim, 2);
    sim.azure.putDocument(TRANSLATION, { id: ids[1] as string, status: 'ValidationFailed' });
    const listed: string[] = [];
    for await (const item of azureClient(sim).listStatuses({ statuses: ['failed', 'pending'] })) listed.push(item.id);
    expect(listed).toEqual([ids[1]]);
    const url = new URL(listRequests()[0]?.url ?? '');
    expect(url.searchParams.get('statuses')?.split(',').sort()).toEqual(['Failed', 'NotStarted', 'ValidationFailed']);
  });

  it('filters client-side only for statuses without one Azure spelling (cancelled, unknown)', async () => {
    sim.azure.putDocuments(TRANSLATION, [
      { id: '00000000-0000-4000-8000-000000000001', status: 'Cancelled' },
      { id: '00000000-0000-4000-8000-000000000002', status: 'Canceled' },
      { id: '00000000-0000-4000-8000-000000000003', status: 'Succeeded' },
      { id: '00000000-0000-4000-8000-000000000004', status: 'Paused' },
    ]);
    const listed: string[] = [];
    for await (const item of azureClient(sim).listStatuses({ statuses: ['cancelled', 'unknown'] })) {
      listed.push(item.providerStatus);
    }
    expect(listed).toEqual(['Paused', 'Canceled', 'Cancelled']);
    expect(new URL(listRequests()[0]?.url ?? '').searchParams.has('statuses')).toBe(false);
  });

  it('sends no server filter on v1.1 when it would name more than the 5 statuses its spec allows', async () => {
    sim.azure.putDocuments(TRANSLATION, [
      { id: '00000000-0000-4000-8000-000000000001', status: 'Cancelled' },
      { id: '00000000-0000-4000-8000-000000000002', status: 'Running' },
    ]);
    const wanted = ['pending', 'processing', 'succeeded', 'failed', 'cancelling'] as const;
    for (const apiVersion of ['2024-05-01', 'v1.1'] as const) {
      sim.log.clear();
      const listed: string[] = [];
      for await (const item of azureClient(sim, { apiVersion }).listStatuses({ statuses: [...wanted] })) {
        listed.push(item.providerStatus);
      }
      expect(listed).toEqual(['Running']);
      const sent = new URL(listRequests()[0]?.url ?? '').searchParams.get('statuses');
      if (apiVersion === 'v1.1') expect(sent).toBeNull();
      else expect(sent?.split(',')).toHaveLength(6);
    }
  });

  it('sends no server filter for statuses Azure never reports, and returns nothing', async () => {
    seedDocs(sim, 2);
    const listed: string[] = [];
    for await (const item of azureClient(sim).listStatuses({ statuses: ['not_found'] })) listed.push(item.id);
    expect(listed).toEqual([]);
    expect(new URL(listRequests()[0]?.url ?? '').searchParams.has('statuses')).toBe(false);
  });
});
