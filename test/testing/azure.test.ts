import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AzureDocumentInput,
  createSimulator,
  createSimulatorHandlers,
  type ProviderErrorKind,
  type RunningSimulator,
  startSimulator,
} from '../../src/testing/index';

/**
 * Wire fidelity of the Azure simulator, seen through a bare @azure/core-rest-pipeline
 * pipeline (no policies): what a real Azure client would get.
 */

const TRANSLATION = '0fa2822f-4c2a-4317-9c20-658c801e0e55';
const KEY = { 'Ocp-Apim-Subscription-Key': 'test-key' };
const docId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const pipeline = createEmptyPipeline();
const httpClient = createDefaultHttpClient();

interface RawAnswer {
  status: number;
  headers: { get(name: string): string | undefined };
  // biome-ignore lint/suspicious/noExplicitAny: raw wire JSON, asserted field by field
  body: any;
}

async function call(url: string, options: { method?: 'GET' | 'DELETE'; headers?: Record<string, string> } = {}) {
  const response = await pipeline.sendRequest(
    httpClient,
    createPipelineRequest({
      url,
      method: options.method ?? 'GET',
      allowInsecureConnection: true,
      headers: createHttpHeaders(options.headers ?? KEY),
    }),
  );
  const text = response.bodyAsText ?? '';
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined } as RawAnswer;
}

let sim: RunningSimulator;
const base = {
  '2024-05-01': () => `${sim.url}/translator/document/batches/${TRANSLATION}`,
  'v1.1': () => `${sim.url}/translator/text/batch/v1.1/batches/${TRANSLATION}`,
};
const documentsUrl = (query = '') => `${base['2024-05-01']()}/documents?api-version=2024-05-01${query}`;

function putDocs(count: number, extra: Partial<AzureDocumentInput> = {}): string[] {
  const ids = Array.from({ length: count }, (_, i) => docId(i + 1));
  sim.azure.putDocuments(
    TRANSLATION,
    ids.map((id) => ({ id, status: 'Succeeded', ...extra })),
  );
  return ids;
}

/** A next link as Microsoft's clients follow it: `api-version` appended when a 2024-05-01 link has none. */
function follow(link: string): string {
  const url = new URL(link);
  return url.pathname.includes('/translator/document/') && !url.searchParams.has('api-version')
    ? `${link}&api-version=2024-05-01`
    : link;
}

async function followAll(first: string, linkName: 'nextLink' | '@nextLink') {
  const pages: RawAnswer[] = [];
  let url: string | undefined = first;
  while (url) {
    const page = await call(url);
    expect(page.status).toBe(200);
    pages.push(page);
    url = page.body[linkName] && follow(page.body[linkName]);
  }
  return pages;
}

/** Documents put in one call share their creation time; the default order (newest first) then lists the last put first. */
const newestFirst = (ids: readonly string[]) => [...ids].reverse();

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
});

describe('Azure simulator: documents status list', () => {
  it('pages 2024-05-01 with maxpagesize and an absolute nextLink without api-version, as the official example', async () => {
    const ids = putDocs(5);
    const pages = await followAll(documentsUrl('&maxpagesize=2'), 'nextLink');
    expect(pages.map((page) => page.body.value.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((page) => page.body.value.map((d: { id: string }) => d.id))).toEqual(newestFirst(ids));
    const link = new URL(pages[0]?.body.nextLink);
    expect(link.origin).toBe(sim.url);
    expect(link.searchParams.has('api-version')).toBe(false);
    expect(link.searchParams.get('skip')).toBe('2');
    expect(pages[0]?.body['@nextLink']).toBeUndefined();
    expect(sim.log.count({ provider: 'azure', operation: 'getDocumentsStatus' })).toBe(3);
    // Followed as returned, the link is refused: the service needs api-version.
    expect((await call(pages[0]?.body.nextLink)).status).toBe(400);
    sim.azure.configure({ nextLinkWithApiVersion: true });
    const withVersion = new URL((await call(documentsUrl('&maxpagesize=2'))).body.nextLink);
    expect(withVersion.searchParams.get('api-version')).toBe('2024-05-01');
  });

  it('lists newest first by default (the spec), and by createdDateTimeUtc either way when asked', async () => {
    sim.azure.putDocuments(TRANSLATION, [
      { id: docId(1), status: 'Succeeded', createdDateTimeUtc: '2021-01-01T00:00:00Z' },
      { id: docId(2), status: 'Succeeded', createdDateTimeUtc: '2021-03-01T00:00:00Z' },
      { id: docId(3), status: 'Succeeded', createdDateTimeUtc: '2021-02-01T00:00:00.5Z' },
    ]);
    const order = async (query: string) =>
      (await followAll(documentsUrl(`&maxpagesize=2${query}`), 'nextLink')).flatMap((page) =>
        page.body.value.map((d: { id: string }) => d.id),
      );
    expect(await order('')).toEqual([docId(2), docId(3), docId(1)]);
    expect(await order('&orderby=createdDateTimeUtc%20asc')).toEqual([docId(1), docId(3), docId(2)]);
    expect(await order('&orderby=createdDateTimeUtc%20desc')).toEqual([docId(2), docId(3), docId(1)]);
    expect((await call(documentsUrl('&orderby=status%20asc'))).status).toBe(400);
  });

  it('filters by createdDateTimeUtcStart and createdDateTimeUtcEnd, carried by the next link', async () => {
    sim.azure.putDocuments(
      TRANSLATION,
      [1, 2, 3, 4, 5].map((day) => ({
        id: docId(day),
        status: 'Succeeded',
        createdDateTimeUtc: `2021-03-0${day}T00:00:00Z`,
      })),
    );
    const pages = await followAll(
      documentsUrl(
        '&maxpagesize=1&createdDateTimeUtcStart=2021-03-02T00:00:00Z&createdDateTimeUtcEnd=2021-03-04T00:00:00Z',
      ),
      'nextLink',
    );
    expect(pages.flatMap((page) => page.body.value.map((d: { id: string }) => d.id))).toEqual([
      docId(4),
      docId(3),
      docId(2),
    ]);
  });

  it("refuses query parameters the operation does not declare, the other generation's names included", async () => {
    putDocs(3);
    for (const query of ['&$maxpagesize=1', '&$top=1', '&$orderBy=createdDateTimeUtc%20asc', '&pageSize=1']) {
      expect((await call(documentsUrl(query))).status).toBe(400);
    }
    for (const query of ['maxpagesize=1', 'top=1', 'orderby=createdDateTimeUtc%20asc', 'api-version=2024-05-01']) {
      expect((await call(`${base['v1.1']()}/documents?${query}`)).status).toBe(400);
    }
    expect((await call(`${base['2024-05-01']()}?api-version=2024-05-01&top=1`)).status).toBe(400);
    expect((await call(`${base['v1.1']()}?$top=1`)).status).toBe(400);
  });

  it('pages v1.1 with $maxpagesize, $top, $skip and @nextLink', async () => {
    const ids = putDocs(7);
    const first = `${base['v1.1']()}/documents?$top=4&$skip=1&$maxpagesize=3`;
    const pages = await followAll(first, '@nextLink');
    expect(pages.flatMap((page) => page.body.value.map((d: { id: string }) => d.id))).toEqual(
      newestFirst(ids).slice(1, 5),
    );
    expect(pages[0]?.body.nextLink).toBeUndefined();
    const link = new URL(pages[0]?.body['@nextLink']);
    expect(link.pathname).toBe(`/translator/text/batch/v1.1/batches/${TRANSLATION}/documents`);
    expect([link.searchParams.get('$skip'), link.searchParams.get('$top')]).toEqual(['4', '1']);
  });

  it('answers documents with every field of the seed page', async () => {
    sim.azure.putDocument(TRANSLATION, {
      id: docId(1),
      status: 'Running',
      to: 'de',
      progress: 0.1,
      characterCharged: 42,
      createdDateTimeUtc: '2020-03-26T00:00:00Z',
      lastActionDateTimeUtc: '2020-03-26T01:00:00Z',
    });
    const page = await call(documentsUrl());
    expect(page.headers.get('content-type')).toMatch(/application\/json/);
    expect(page.body.value[0]).toEqual({
      path: expect.stringContaining('/de/'),
      sourcePath: expect.any(String),
      createdDateTimeUtc: '2020-03-26T00:00:00Z',
      lastActionDateTimeUtc: '2020-03-26T01:00:00Z',
      status: 'Running',
      to: 'de',
      progress: 0.1,
      id: docId(1),
      characterCharged: 42,
    });
  });

  it('defaults to 50 per page and refuses maxpagesize above 100', async () => {
    putDocs(60);
    const first = await call(documentsUrl());
    expect(first.body.value).toHaveLength(50);
    expect(first.body.nextLink).toContain('skip=50');
    const refused = await call(documentsUrl('&maxpagesize=101'));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('InvalidRequest');
    expect(refused.body.error.target).toBe('Document');
    expect((await call(documentsUrl('&top=-1'))).status).toBe(400);
  });

  it('filters by comma-separated ids and statuses', async () => {
    sim.azure.putDocuments(TRANSLATION, [
      { id: docId(1), status: 'Succeeded' },
      { id: docId(2), status: 'Failed' },
      { id: docId(3), status: 'Running' },
      { id: docId(4), status: 'Canceled' },
    ]);
    const byIds = await call(documentsUrl(`&ids=${docId(1)},${docId(3)},${docId(9)}`));
    expect(byIds.body.value.map((d: { id: string }) => d.id)).toEqual([docId(3), docId(1)]);
    const byStatus = await call(documentsUrl('&statuses=Failed,Canceled'));
    expect(byStatus.body.value.map((d: { id: string }) => d.id)).toEqual([docId(4), docId(2)]);
    expect((await call(documentsUrl('&ids=not-a-uuid'))).status).toBe(400);
  });

  it('limits v1.1 filters as its spec does: 25 ids, 5 statuses', async () => {
    putDocs(1);
    const ids = Array.from({ length: 26 }, (_, i) => docId(i));
    expect((await call(`${base['v1.1']()}/documents?ids=${ids.join(',')}`)).status).toBe(400);
    expect((await call(`${base['v1.1']()}/documents?ids=${ids.slice(1).join(',')}`)).status).toBe(200);
    const six = 'NotStarted,Running,Succeeded,Failed,ValidationFailed,Cancelling';
    expect((await call(`${base['v1.1']()}/documents?statuses=${six}`)).status).toBe(400);
    expect((await call(`${base['v1.1']()}/documents?statuses=${six.split(',').slice(1).join(',')}`)).status).toBe(200);
  });

  it('honours top and skip exactly for any sizes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.integer({ min: 0, max: 14 }), { nil: undefined }),
        fc.integer({ min: 0, max: 14 }),
        async (count, pageSize, top, skip) => {
          sim.reset();
          const ids = putDocs(count);
          const topQuery = top === undefined ? '' : `&top=${top}`;
          const pages = await followAll(documentsUrl(`&maxpagesize=${pageSize}&skip=${skip}${topQuery}`), 'nextLink');
          const seen = pages.flatMap((page) => page.body.value.map((d: { id: string }) => d.id));
          expect(seen).toEqual(newestFirst(ids).slice(skip, top === undefined ? undefined : skip + top));
          for (const page of pages) expect(page.body.value.length).toBeLessThanOrEqual(pageSize);
          // Only the last page lacks a link, and no page but the first is empty.
          expect(pages.slice(1).every((page) => page.body.value.length > 0)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('requires api-version on the 2024-05-01 paths', async () => {
    putDocs(1);
    const answer = await call(`${base['2024-05-01']()}/documents`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('InvalidRequest');
  });

  it('advances read-driven timelines once per read', async () => {
    sim.azure.putDocument(TRANSLATION, { id: docId(1), status: { statuses: ['NotStarted', 'Running', 'Succeeded'] } });
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) seen.push((await call(documentsUrl())).body.value[0].status);
    expect(seen).toEqual(['NotStarted', 'Running', 'Succeeded', 'Succeeded']);
    expect(sim.azure.getDocument(TRANSLATION, docId(1))?.status).toBe('Succeeded');
  });

  it("sends a timeline's error with the status it ends on only, not while the document is on its way", async () => {
    const error = { code: 'InvalidRequest', message: 'The document is corrupted.' };
    sim.azure.putDocument(TRANSLATION, {
      id: docId(1),
      status: { statuses: ['NotStarted', 'Running', 'Failed'] },
      error,
    });
    const seen: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const document = (await call(documentsUrl())).body.value[0];
      seen.push([document.status, document.error]);
    }
    expect(seen).toEqual([
      ['NotStarted', undefined],
      ['Running', undefined],
      ['Failed', error],
    ]);
  });
});

describe('Azure simulator: single document, translation, cancel', () => {
  it('answers one document, and the official 404 when it is unknown', async () => {
    putDocs(1);
    const found = await call(`${base['v1.1']()}/documents/${docId(1)}`);
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(docId(1));
    expect(sim.azure.listDocuments(TRANSLATION).map((document) => [document.id, document.status])).toEqual([
      [docId(1), found.body.status],
    ]);
    expect(sim.azure.listDocuments(docId(9))).toEqual([]);
    const missing = await call(`${base['v1.1']()}/documents/${docId(2)}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: {
        code: 'ResourceNotFound',
        message: 'id not found',
        target: 'Document',
        innerError: { code: 'ResourceNotFound', message: 'Resource requested is not found' },
      },
    });
    expect(missing.headers.get('x-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(missing.headers.get('apim-request-id')).toBe(missing.headers.get('x-requestid'));
  });

  it('answers an unknown translation with the same 404 an unknown document gets, target naming the route', async () => {
    putDocs(1);
    const other = `${sim.url}/translator/document/batches/${docId(99)}`;
    const cases = [
      [`${other}/documents?api-version=2024-05-01`, 'Document'],
      [`${other}/documents/${docId(1)}?api-version=2024-05-01`, 'Document'],
      [`${base['2024-05-01']()}/documents/${docId(2)}?api-version=2024-05-01`, 'Document'],
      [`${other}?api-version=2024-05-01`, 'Operation'],
    ] as const;
    for (const [url, target] of cases) {
      const answer = await call(url);
      expect(answer.status).toBe(404);
      // The 2024-05-01 envelope: innererror in lower case, a code and no message, and x-ms-error-code.
      expect(answer.body).toEqual({
        error: { code: 'ResourceNotFound', message: 'id not found', target, innererror: { code: 'ResourceNotFound' } },
      });
      expect(answer.headers.get('x-ms-error-code')).toBe('ResourceNotFound');
    }
    expect((await call(`${other}?api-version=2024-05-01`, { method: 'DELETE' })).status).toBe(404);
  });

  it('reports the translation status with its summary', async () => {
    sim.azure.putDocuments(TRANSLATION, [
      { id: docId(1), status: 'Succeeded', characterCharged: 10 },
      { id: docId(2), status: 'Failed' },
      { id: docId(3), status: 'Running', characterCharged: 5 },
      { id: docId(4), status: 'NotStarted' },
      { id: docId(5), status: 'Cancelled' },
    ]);
    const answer = await call(`${base['2024-05-01']()}?api-version=2024-05-01`);
    expect(answer.body).toEqual({
      id: TRANSLATION,
      createdDateTimeUtc: expect.any(String),
      lastActionDateTimeUtc: expect.any(String),
      status: 'Running',
      summary: {
        total: 5,
        failed: 1,
        success: 1,
        inProgress: 1,
        notYetStarted: 1,
        cancelled: 1,
        totalCharacterCharged: 15,
      },
    });
  });

  it('refuses to cancel a translation that is completed, failed or cancelling (400), as the spec says', async () => {
    sim.azure.putDocuments(TRANSLATION, [
      { id: docId(1), status: 'NotStarted' },
      { id: docId(2), status: 'Running' },
    ]);
    expect((await call(base['v1.1'](), { method: 'DELETE' })).status).toBe(200);
    const again = await call(base['v1.1'](), { method: 'DELETE' });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'InvalidRequest', target: 'Operation' });
    sim.azure.putTranslation(docId(70), { status: 'Succeeded' });
    const done = `${sim.url}/translator/text/batch/v1.1/batches/${docId(70)}`;
    expect((await call(done, { method: 'DELETE' })).status).toBe(400);
    expect(sim.azure.getTranslation(TRANSLATION)?.cancelCount).toBe(1);
  });

  it('cancels with DELETE: documents not started become Cancelled, running ones go on', async () => {
    sim.azure.putDocuments(TRANSLATION, [
      { id: docId(1), status: 'NotStarted' },
      { id: docId(2), status: 'Running' },
    ]);
    const answer = await call(base['v1.1'](), { method: 'DELETE' });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('Cancelling');
    expect(answer.body.summary).toMatchObject({ cancelled: 1, inProgress: 1 });
    expect(sim.azure.getDocument(TRANSLATION, docId(1))?.status).toBe('Cancelled');
    expect(sim.azure.getTranslation(TRANSLATION)).toMatchObject({ cancelRequested: true, cancelCount: 1 });
    expect(sim.log.filter({ provider: 'azure' }).map((entry) => entry.operation)).toEqual(['cancelTranslation']);
  });

  it('can send Retry-After on successful status GETs', async () => {
    putDocs(1);
    sim.azure.configure({ retryAfterOnStatusSeconds: 7 });
    const answer = await call(documentsUrl());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('retry-after')).toBe('7');
  });
});

describe('Azure simulator: auth', () => {
  beforeEach(() => {
    putDocs(1);
  });

  it('answers 401 Unauthorized without a credential', async () => {
    const answer = await call(documentsUrl(), { headers: {} });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('Unauthorized');
  });

  it('accepts any key or bearer token by default, and only the configured ones when set', async () => {
    expect((await call(documentsUrl(), { headers: { authorization: 'Bearer abc' } })).status).toBe(200);
    sim.azure.configure({ subscriptionKey: 'right', bearerToken: 'token-1' });
    expect((await call(documentsUrl(), { headers: { 'Ocp-Apim-Subscription-Key': 'wrong' } })).status).toBe(401);
    expect((await call(documentsUrl(), { headers: { 'Ocp-Apim-Subscription-Key': 'right' } })).status).toBe(200);
    expect((await call(documentsUrl(), { headers: { authorization: 'Bearer token-2' } })).status).toBe(401);
    expect((await call(documentsUrl(), { headers: { authorization: 'Bearer token-1' } })).status).toBe(200);
  });
});

describe('Azure simulator: faults in the Azure wire shape', () => {
  const cases: Array<[ProviderErrorKind, number, string]> = [
    ['throttled', 429, 'RequestRateTooHigh'],
    ['unauthorized', 401, 'Unauthorized'],
    ['forbidden', 403, 'Forbidden'],
    ['not_found', 404, 'ResourceNotFound'],
    ['validation', 400, 'InvalidRequest'],
    ['server_error', 500, 'InternalServerError'],
    ['service_unavailable', 503, 'ServiceUnavailable'],
  ];

  it.each(cases)("renders %s as HTTP %i %s in each generation's envelope", async (kind, status, code) => {
    putDocs(1);
    sim.inject({ provider: 'azure', operation: 'getDocumentsStatus', fault: { type: 'error', kind } });
    const answer = await call(documentsUrl());
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({ code, target: 'Document', innererror: { code: expect.any(String) } });
    expect(answer.headers.get('x-ms-error-code')).toBe(code);
    expect(answer.headers.get('x-requestid')).toBeTruthy();
    expect((await call(documentsUrl())).status).toBe(200);

    sim.inject({ provider: 'azure', operation: 'getTranslationStatus', fault: { type: 'error', kind } });
    const v11 = await call(base['v1.1']());
    expect(v11.status).toBe(status);
    expect(v11.body.error).toMatchObject({
      code,
      target: 'Operation',
      innerError: { code: expect.any(String), message: expect.any(String) },
    });
    expect(v11.headers.get('x-ms-error-code')).toBeUndefined();
  });

  it('sends Retry-After with throttling when asked', async () => {
    putDocs(1);
    sim.inject({ provider: 'azure', fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 3 } });
    const answer = await call(documentsUrl());
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('3');
  });
});

describe('Azure simulator: paging anomalies', () => {
  it('points next links at a foreign origin when configured', async () => {
    putDocs(3);
    sim.azure.configure({ foreignNextLinkOrigin: 'https://elsewhere.example' });
    const answer = await call(documentsUrl('&maxpagesize=1'));
    expect(new URL(answer.body.nextLink).origin).toBe('https://elsewhere.example');
  });

  it('repeats a next link when configured', async () => {
    putDocs(3);
    sim.azure.configure({ repeatNextLink: true });
    const first = await call(documentsUrl('&maxpagesize=1'));
    const second = await call(follow(first.body.nextLink));
    expect(second.body.nextLink).toBe(first.body.nextLink);
  });

  it('can name the link @nextLink on 2024-05-01, as some Microsoft pages show', async () => {
    putDocs(2);
    sim.azure.configure({ nextLinkName: '@nextLink' });
    const answer = await call(documentsUrl('&maxpagesize=1'));
    expect(answer.body['@nextLink']).toContain('skip=1');
    expect(answer.body.nextLink).toBeUndefined();
  });
});

describe('Azure simulator: msw front end', () => {
  it('serves the same protocol in-process on the real host name', async () => {
    const inProcess = createSimulator();
    const server = setupServer(...createSimulatorHandlers(inProcess));
    server.listen({ onUnhandledFrame: 'error' });
    try {
      inProcess.azure.putDocument(TRANSLATION, { id: docId(1), status: 'Succeeded' });
      const host = 'https://my-translator.cognitiveservices.azure.com';
      const answer = await call(`${host}/translator/text/batch/v1.1/batches/${TRANSLATION}/documents/${docId(1)}`);
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe('Succeeded');
      expect(inProcess.log.count({ provider: 'azure', operation: 'getDocumentStatus' })).toBe(1);
    } finally {
      server.close();
    }
  });
});
