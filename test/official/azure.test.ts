/**
 * Azure AI Document Translation against Microsoft's own material
 * (`test/fixtures/official/azure/`): the spec's example responses served over
 * loopback to the real client, the documented status values, the query names the
 * newest spec and Microsoft's generated clients use, and the error bodies.
 */
import { describe, expect, it } from 'vitest';
import { type AzureApiVersion, createAzureTranslationIndex } from '../../src/providers/azure/index';
import { azure20240501, azureV11, type OpenApiFixture } from './fixtures';
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
  ['document.json', azureV11.examples['document.json']?.content.responses['404']?.body],
  ['operation.json', azureV11.examples['operation.json']?.content.responses['404']?.body],
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
    const link = new URL(
      (fixture.examples['documents.json']?.content.responses['200']?.body as Record<string, string>)[name] ?? '',
    );
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
