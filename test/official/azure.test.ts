/**
 * Azure AI Document Translation against Microsoft's own material
 * (`test/fixtures/official/azure/`): the spec's example responses served over
 * loopback to the real client, the documented status values, the query names the
 * newest spec and Microsoft's generated clients use, and the error bodies.
 */
import { describe, expect, it } from 'vitest';
import { type AzureApiVersion, createAzureTranslationIndex } from '../../src/providers/azure/index';
import { azure20240501, azureV11, exampleResponse, type OpenApiFixture } from './fixtures';
import { stubPerFile } from './stub';

const stub = stubPerFile();
const FAST_RETRY = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };
const TRANSLATION = '727bf148-f327-47a0-9481-abae6362f11e';
const DOCUMENT = '273622bd-835c-4946-9798-fd8f19f6bbf2';

const client = (apiVersion: AzureApiVersion) =>
  createAzureTranslationIndex({
    endpoint: stub.current.url,
    translationId: TRANSLATION,
    credential: 'test-key',
    apiVersion,
    retry: FAST_RETRY,
  });

const fixtures: ReadonlyArray<readonly [AzureApiVersion, OpenApiFixture]> = [
  ['2024-05-01', azure20240501],
  ['v1.1', azureV11],
];

/**
 * The official 404 bodies: the one-document route's (`"target": "Document"`) and
 * the translation route's (`"target": "Operation"`), v1.1 examples; 2024-05-01 has
 * no error examples. Nothing in either says which id was not found.
 */
const notFoundBodies = [
  ['document.json', exampleResponse(azureV11, 'document.json', '404').body],
  ['operation.json', exampleResponse(azureV11, 'operation.json', '404').body],
] as const;

describe.each(fixtures)('Azure %s: a 404 cannot tell an unknown document from an unknown translation', (apiVersion) => {
  /** Answers as a service whose translation exists (or not) and holds no document, with one official 404 body. */
  const translationExists = (exists: boolean, notFound: unknown = notFoundBodies[0][1]) =>
    stub.current.answer((request) => {
      const path = new URL(request.url, 'http://x').pathname;
      if (!exists || /\/documents\/[^/]+$/.test(path)) return { status: 404, body: notFound };
      return { status: 200, body: { value: [] } };
    });

  it.each(notFoundBodies)(
    'getStatus of a document the translation does not hold reads not_found (%s 404 body)',
    async (_, body) => {
      translationExists(true, body);
      await expect(client(apiVersion).getStatus(DOCUMENT)).resolves.toMatchObject({
        id: DOCUMENT,
        status: 'not_found',
        providerStatus: '',
      });
    },
  );

  it.each(notFoundBodies)(
    'getStatus in a translation that does not exist rejects with not_found, not retried (%s 404 body)',
    async (_, body) => {
      translationExists(false, body);
      await expect(client(apiVersion).getStatus(DOCUMENT)).rejects.toMatchObject({
        code: 'not_found',
        httpStatus: 404,
        providerCode: 'ResourceNotFound',
      });
      expect(stub.current.requests).toHaveLength(1);
    },
  );

  it('getStatus and getStatuses ask the same question: the documents list filtered by ids', async () => {
    translationExists(true);
    await client(apiVersion).getStatus(DOCUMENT);
    await client(apiVersion).getStatuses([DOCUMENT]);
    const [one, batch] = stub.current.requests.map((request) => request.url);
    expect(one).toBe(batch);
    expect(new URL(one ?? '', 'http://x').searchParams.get('ids')).toBe(DOCUMENT);
  });
});

describe('Azure: next links', () => {
  /** The official examples' next links, moved onto the stub's origin (the examples point at westus). */
  const exampleLink = (fixture: OpenApiFixture, name: 'nextLink' | '@nextLink') => {
    const link = new URL((exampleResponse(fixture, 'documents.json').body as Record<string, string>)[name] ?? '');
    return `${stub.current.url}${link.pathname}${link.search}`;
  };

  it.each([
    ['2024-05-01', azure20240501, 'nextLink', '&api-version=2024-05-01'],
    ['v1.1', azureV11, '@nextLink', ''],
  ] as const)(
    '%s: the example link is followed as returned (api-version appended when it has none)',
    async (apiVersion, fixture, name, added) => {
      const link = exampleLink(fixture, name);
      stub.current.answer((request) =>
        request.url.includes('skip=1')
          ? { status: 200, body: { value: [] } }
          : { status: 200, body: { value: [], [name]: link } },
      );
      const pages = [];
      for await (const page of client(apiVersion).listStatuses().byPage()) pages.push(page);
      expect(pages.map((page) => page.continuationToken)).toEqual([link, undefined]);
      const followed = stub.current.requests[1]?.url;
      expect(`${stub.current.url}${followed}`).toBe(`${link}${added}`);
    },
  );

  it('2024-05-01: a link that carries api-version already is followed unchanged', async () => {
    const link = `${stub.current.url}/translator/document/batches/${TRANSLATION}/documents?api-version=2024-05-01&skip=1`;
    stub.current.answer((request) =>
      request.url.includes('skip=1')
        ? { status: 200, body: { value: [] } }
        : { status: 200, body: { value: [], nextLink: link } },
    );
    for await (const _ of client('2024-05-01').listStatuses()) void _;
    expect(`${stub.current.url}${stub.current.requests[1]?.url}`).toBe(link);
  });

  it('a null nextLink (the spec: "Null if no more pages available") ends the listing', async () => {
    stub.current.answer({ status: 200, body: { value: [], nextLink: null, '@nextLink': null } });
    const pages = [];
    for await (const page of client('2024-05-01').listStatuses().byPage()) pages.push(page);
    expect(pages).toHaveLength(1);
  });
});

describe.each(fixtures)('Azure %s: every example response through the real client', (apiVersion, fixture) => {
  const example = (name: string, status = '200') => exampleResponse(fixture, name, status);
  const listed = example('documents.json')?.body as { value: Array<Record<string, unknown>> };
  const exampleDocument = listed.value[0] as Record<string, unknown>;
  const exampleId = (exampleDocument.id ?? exampleDocument.documentId) as string;

  it('documents.json: getStatuses reads the listed document (id, or documentId where the example names it so)', async () => {
    stub.current.answer({ status: 200, headers: example('documents.json')?.headers, body: { value: listed.value } });
    const batch = await client(apiVersion).getStatuses([exampleId]);
    expect(batch.errors).toEqual([]);
    expect(batch.items).toMatchObject([
      { id: exampleId, status: 'processing', providerStatus: 'Running', progress: 0.1, terminal: false },
    ]);
    expect(batch.items[0]?.updatedAt?.toISOString()).toBe('2021-03-23T07:03:41.012Z');
    expect(batch.items[0]?.raw).toEqual(exampleDocument);
  });

  it('documents.json: listStatuses yields the listed document under its id', async () => {
    stub.current.answer({ status: 200, body: { value: listed.value } });
    const items = [];
    for await (const item of client(apiVersion).listStatuses()) items.push(item);
    expect(items.map((item) => [item.id, item.status])).toEqual([[exampleId, 'processing']]);
  });

  it('document.json: the one-document example reads the same way (served in a list: the adapter asks the list)', async () => {
    const body = example('document.json')?.body as Record<string, unknown>;
    const id = (body.id ?? body.documentId) as string;
    stub.current.answer({ status: 200, body: { value: [body] } });
    await expect(client(apiVersion).getStatus(id)).resolves.toMatchObject({ id, status: 'processing', progress: 0.1 });
  });

  it.each([
    ['operation.json', 'getTranslation'],
    ['cancel.json', 'cancel'],
  ] as const)(
    '%s: %s reads the translation (id, or translationId where the example names it so)',
    async (name, method) => {
      stub.current.answer({ status: 200, body: example(name)?.body });
      const translation = await client(apiVersion)[method]();
      expect(translation).toMatchObject({
        id: TRANSLATION,
        status: 'succeeded',
        providerStatus: 'Succeeded',
        terminal: true,
        summary: {
          total: 10,
          failed: 1,
          succeeded: 9,
          inProgress: 0,
          notStarted: 0,
          cancelled: 0,
          totalCharacterCharged: 0,
        },
      });
      expect(translation.createdAt?.toISOString()).toBe('2020-03-26T00:00:00.000Z');
    },
  );
});

describe('Azure: ids under either name', () => {
  it('a document or translation with neither id nor documentId/translationId is drift: invalid_response', async () => {
    const nameless = {
      ...(exampleResponse(azureV11, 'document.json', '200').body as object),
      id: undefined,
    };
    stub.current.answer({ status: 200, body: { value: [nameless] } });
    const batch = await client('2024-05-01').getStatuses([DOCUMENT]);
    expect(batch.errors.map(({ error }) => [error.code, error.message])).toEqual([
      ['invalid_response', expect.stringContaining('(at value.0.id)')],
    ]);
    const translation = {
      ...(exampleResponse(azureV11, 'operation.json', '200').body as object),
      id: undefined,
    };
    stub.current.answer({ status: 200, body: translation });
    await expect(client('2024-05-01').getTranslation()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('id wins when a document carries both names', async () => {
    const body = exampleResponse(azureV11, 'document.json', '200').body as Record<string, unknown>;
    stub.current.answer({ status: 200, body: { value: [{ ...body, documentId: DOCUMENT.replace('2', '3') }] } });
    const batch = await client('2024-05-01').getStatuses([DOCUMENT]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual([[DOCUMENT, 'processing']]);
  });
});
