/**
 * Azure AI Document Translation against Microsoft's own material
 * (`test/fixtures/official/azure/`): the spec's example responses served over
 * loopback to the real client, the documented status values, the query names the
 * newest spec and Microsoft's generated clients use, and the error bodies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentIndexError } from '../../src/index';
import { AZURE_STATUS_TABLE, type AzureApiVersion, createAzureTranslationIndex } from '../../src/providers/azure/index';
import { azure20240501, azureClientEvidence, azureV11, exampleResponse, type OpenApiFixture } from './fixtures';
import { checkAzureAnswer, checkSchema } from './openapi';
import { stubPerFile } from './stub';
import { ERROR_KINDS, expectStatusTable, tappedSimulator } from './support';
import type { WireAnswer } from './tap';

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

  it.each([
    ['?skip=1', '/documents?skip=1'],
    ['documents?skip=1', '/documents?skip=1'],
  ])('a relative next link (%s) is read against the page it came with, as RFC 3986 reads it', async (link, ends) => {
    stub.current.answer((request) =>
      request.url.includes('skip=1')
        ? { status: 200, body: { value: [] } }
        : { status: 200, body: { value: [], nextLink: link } },
    );
    for await (const _ of client('2024-05-01').listStatuses()) void _;
    const followed = stub.current.requests[1]?.url ?? '';
    expect(followed.startsWith(`/translator/document/batches/${TRANSLATION}${ends}`)).toBe(true);
  });

  it('2024-05-01: a link ending in a bare ? gets api-version after it, not a second ?', async () => {
    const link = `${stub.current.url}/translator/document/batches/${TRANSLATION}/documents?`;
    stub.current.answer((request) =>
      request.url.includes('api-version') && stub.current.requests.length > 1
        ? { status: 200, body: { value: [] } }
        : { status: 200, body: { value: [], nextLink: link } },
    );
    for await (const _ of client('2024-05-01').listStatuses()) void _;
    expect(`${stub.current.url}${stub.current.requests[1]?.url}`).toBe(`${link}api-version=2024-05-01`);
  });

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

  it('documents.json as answered, its next link on another host: a lookup whose ids are all on the page reads them, one request', async () => {
    // The example's page carries a next link to a regional host the client would refuse to follow; the ids asked
    // are answered already, so there is nothing to follow it for.
    const whole = example('documents.json')?.body as Record<string, unknown>;
    expect(String(whole.nextLink ?? whole['@nextLink'])).toMatch(/^https:\/\//);
    stub.current.answer({ status: 200, headers: example('documents.json')?.headers, body: whole });
    await expect(client(apiVersion).getStatus(exampleId)).resolves.toMatchObject({ status: 'processing' });
    const batch = await client(apiVersion).getStatuses([exampleId]);
    expect(batch).toMatchObject({ errors: [], items: [{ id: exampleId, status: 'processing' }] });
    expect(stub.current.requests).toHaveLength(2);
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

describe.each(fixtures)("Azure %s: the spec's statuses", (_, fixture) => {
  // The README's table. `Canceled` is ours besides the spec's: one Microsoft docs page spells it so.
  const expected: Record<string, string> = {
    NotStarted: 'pending',
    Running: 'processing',
    Succeeded: 'succeeded',
    Failed: 'failed',
    ValidationFailed: 'failed',
    Cancelling: 'cancelling',
    Cancelled: 'cancelled',
  };
  const values = fixture.schemas.Status?.enum ?? [];

  it('our table maps every value of the spec as the README says, and only Canceled besides', () => {
    expectStatusTable(AZURE_STATUS_TABLE, values, expected, ['Canceled']);
  });
});

describe.each(fixtures)('Azure %s: the query names we send are the ones the spec declares', (apiVersion, fixture) => {
  const declared = new Set(
    fixture.operations.getDocumentsStatus?.parameters
      .filter((parameter) => parameter.in === 'query')
      .map((parameter) => parameter.name),
  );

  it('on status lookups and listing pages (ids, statuses, the page size, api-version)', async () => {
    stub.current.answer({ status: 200, body: { value: [] } });
    const index = client(apiVersion);
    await index.getStatuses([DOCUMENT]);
    for await (const _ of index.listStatuses({ statuses: ['failed'] }).byPage({ maxPageSize: 7 })) void _;
    const sent = stub.current.requests.flatMap((request) => [...new URL(request.url, 'http://x').searchParams.keys()]);
    expect(new Set(sent)).toEqual(
      new Set([
        apiVersion === '2024-05-01' ? 'maxpagesize' : '$maxpagesize',
        'ids',
        'statuses',
        ...(apiVersion === '2024-05-01' ? ['api-version'] : []),
      ]),
    );
    for (const name of sent) expect(declared.has(name), name).toBe(true);
    if (apiVersion === '2024-05-01') {
      // What Microsoft's generated clients send for 2024-05-01: no `$` names.
      for (const name of sent) expect(azureClientEvidence.getDocumentsStatus.queryNames).toContain(name);
      expect(azureClientEvidence.getDocumentsStatus.dollarPrefixedNamesSent).toBe(false);
    }
  });

  it("reads the next link under the spec's x-ms-pageable name", () => {
    const name = fixture.operations.getDocumentsStatus?.['x-ms-pageable']?.nextLinkName;
    expect(name).toBe(apiVersion === '2024-05-01' ? 'nextLink' : '@nextLink');
    if (apiVersion === '2024-05-01') expect(azureClientEvidence.nextLink.propertyRead).toBe(name);
  });
});

describe('Azure: every official error body through the real client', () => {
  const codes: Record<string, [string, boolean]> = {
    400: ['validation', false],
    401: ['unauthorized', false],
    404: ['not_found', false],
    429: ['throttled', true],
    500: ['internal', true],
    503: ['service_unavailable', true],
  };
  /** The v1.1 example files' and spec's inline error bodies, by operation and status. */
  const bodies = (['getDocumentsStatus', 'getTranslationStatus', 'cancelTranslation'] as const).flatMap((operation) => {
    const examples = azureV11.operations[operation]?.examples ?? [];
    const fromFiles = examples.flatMap((file) =>
      Object.entries(azureV11.examples[file]?.content.responses ?? {})
        .filter(([status]) => Number(status) >= 400)
        .map(([status, response]) => [operation, Number(status), `${file}`, response.body] as const),
    );
    const inline = Object.entries(azureV11.operations[operation]?.responses ?? {}).flatMap(([status, response]) =>
      Object.values(response.inlineExamples ?? {}).map(
        (example) => [operation, Number(status), 'spec', example.parsed] as const,
      ),
    );
    return [...fromFiles, ...inline];
  });

  it('there are bodies for every documented error status of each operation', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(30);
  });

  it.each(bodies)(
    '%s HTTP %i (%s example) is classified by its status and code',
    async (operation, status, _, body) => {
      stub.current.answer({ status, body });
      const index = client('v1.1');
      const call =
        operation === 'getDocumentsStatus'
          ? index.getStatuses([DOCUMENT]).then((batch) => {
              if (batch.errors[0]) throw batch.errors[0].error;
              return batch;
            })
          : operation === 'getTranslationStatus'
            ? index.getTranslation()
            : index.cancel();
      const [code, retryable] = codes[status] ?? ['?', false];
      await expect(call).rejects.toMatchObject({
        code,
        retryable,
        httpStatus: status,
        providerCode: (body as { error: { code: string } }).error.code,
      });
      // Retried where retryable: maxAttempts requests, else one.
      expect(stub.current.requests).toHaveLength(retryable ? 3 : 1);
    },
  );

  it('2024-05-01: without a readable body, x-ms-error-code (declared on every error) names the code', async () => {
    stub.current.answer({ status: 404, headers: { 'x-ms-error-code': 'ResourceNotFound' }, body: '<html>404</html>' });
    await expect(client('2024-05-01').getTranslation()).rejects.toMatchObject({
      code: 'not_found',
      httpStatus: 404,
      providerCode: 'ResourceNotFound',
    });
    stub.current.answer({ status: 400, headers: { 'x-ms-error-code': 'InvalidArgument' }, body: '' });
    await expect(client('2024-05-01').getTranslation()).rejects.toMatchObject({
      code: 'validation',
      providerCode: 'InvalidArgument',
    });
  });

  it.each(Object.entries(codes))(
    'the 2024-05-01 envelope (innererror, x-ms-error-code) at HTTP %s reads the same',
    async (status, [code]) => {
      const error = (
        exampleResponse(azureV11, 'documents.json', status).body as { error: { code: string; message: string } }
      ).error;
      stub.current.answer({
        status: Number(status),
        headers: { 'x-ms-error-code': error.code },
        body: { error: { code: error.code, message: error.message, innererror: { code: error.code } } },
      });
      const batch = await client('2024-05-01')
        .getStatuses([DOCUMENT])
        .catch((rejected: DocumentIndexError) => ({ errors: [{ error: rejected }] }));
      expect(batch.errors[0]?.error).toMatchObject({ code, providerCode: error.code });
    },
  );
});

describe('Azure simulator: every answer held to the spec of its generation', () => {
  const tapped = tappedSimulator();

  const simClient = (apiVersion: AzureApiVersion) =>
    createAzureTranslationIndex({
      endpoint: tapped.sim.url,
      translationId: TRANSLATION,
      credential: 'test-key',
      apiVersion,
      retry: { maxAttempts: 1 },
    });
  const fixtureOf = (url: string) => (url.includes('/translator/document/') ? azure20240501 : azureV11);
  /** The departures the simulator is allowed, each where the spec is silent or contradicts itself. */
  const allowed = (answer: WireAnswer, problems: ReturnType<typeof checkAzureAnswer>) =>
    problems.filter(({ at, problem }) => {
      // v1.1's translation routes declare no 400: the cancel description says "A bad request will be returned"
      // for a finished translation all the same, and an injected `validation` fault is a test's own choice.
      if (answer.operation.endsWith('Translation') || answer.operation === 'getTranslationStatus') {
        if (answer.status === 400 && at === 'status') return false;
      }
      // 403 (forbidden, quota_exceeded): in neither spec; its codes are not TranslationErrorCode values.
      if (
        answer.status === 403 &&
        (at === 'status' || (at === 'body.error.code' && problem.startsWith('not one of')))
      ) {
        return false;
      }
      return true;
    });
  const expectAllValid = () => {
    expect(tapped.answers.length).toBeGreaterThan(0);
    for (const answer of tapped.answers) {
      const problems = allowed(answer, checkAzureAnswer(fixtureOf(answer.url), answer));
      expect([answer.operation, answer.status, problems]).toEqual([answer.operation, answer.status, []]);
    }
  };
  const seed = () =>
    tapped.sim.azure.putDocuments(TRANSLATION, [
      { id: DOCUMENT, status: 'Running', progress: 0.1 },
      {
        id: '00000000-0000-4000-8000-000000000001',
        status: 'Failed',
        error: {
          code: 'InvalidRequest',
          message: 'Request is invalid.',
          target: 'Document',
          innerError: { code: 'TargetFileAlreadyExists', message: 'Target document file already exists.' },
        },
      },
      ...Array.from({ length: 7 }, (_, i) => ({ id: `00000000-0000-4000-8000-00000000001${i}`, status: 'Succeeded' })),
    ]);

  it.each(['2024-05-01', 'v1.1'] as const)(
    '%s: lookups, listing pages, the translation, cancel (twice)',
    async (apiVersion) => {
      seed();
      const index = simClient(apiVersion);
      await index.getStatuses([
        DOCUMENT,
        '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000999',
      ]);
      for await (const _ of index.listStatuses().byPage({ maxPageSize: 3 })) void _;
      for await (const _ of index.listStatuses({ statuses: ['succeeded'] }).byPage({ maxPageSize: 2 })) void _;
      await index.getTranslation();
      await index.cancel();
      await index.cancel().catch(() => undefined);
      // The one-document route, which the client does not use: found and not found.
      const base = apiVersion === '2024-05-01' ? '/translator/document' : '/translator/text/batch/v1.1';
      const query = apiVersion === '2024-05-01' ? '?api-version=2024-05-01' : '';
      for (const id of [DOCUMENT, '00000000-0000-4000-8000-000000000999']) {
        await fetch(`${tapped.sim.url}${base}/batches/${TRANSLATION}/documents/${id}${query}`, {
          headers: { 'Ocp-Apim-Subscription-Key': 'k' },
        });
      }
      expect(new Set(tapped.answers.map((answer) => answer.operation))).toEqual(
        new Set(['getDocumentsStatus', 'getDocumentStatus', 'getTranslationStatus', 'cancelTranslation']),
      );
      expectAllValid();
    },
  );

  it.each(['2024-05-01', 'v1.1'] as const)(
    "%s: a failed translation's own error is in the spec's TranslationStatus shape",
    async (apiVersion) => {
      tapped.sim.azure.putTranslation(TRANSLATION, {
        status: 'ValidationFailed',
        error: {
          code: 'InvalidRequest',
          message: 'Cannot access source document location with the current permissions.',
          target: 'Operation',
          innerError: { code: 'InvalidDocumentAccessLevel', message: 'The source container cannot be read.' },
        },
      });
      const translation = await simClient(apiVersion).getTranslation();
      expect(translation.failure).toEqual({
        code: 'InvalidDocumentAccessLevel',
        message: 'The source container cannot be read.',
      });
      expect(tapped.answers.map((answer) => answer.operation)).toEqual(['getTranslationStatus']);
      expectAllValid();
    },
  );

  it.each(['2024-05-01', 'v1.1'] as const)(
    '%s: an unknown translation, a refused query, no credential',
    async (apiVersion) => {
      await simClient(apiVersion)
        .getStatuses([DOCUMENT])
        .catch(() => undefined);
      await simClient(apiVersion)
        .getTranslation()
        .catch(() => undefined);
      tapped.sim.azure.putTranslation(TRANSLATION);
      const path = apiVersion === '2024-05-01' ? '/translator/document' : '/translator/text/batch/v1.1';
      const query = apiVersion === '2024-05-01' ? '?api-version=2024-05-01&$top=1' : '?top=1';
      await fetch(`${tapped.sim.url}${path}/batches/${TRANSLATION}/documents${query}`, {
        headers: { 'Ocp-Apim-Subscription-Key': 'k' },
      });
      await fetch(`${tapped.sim.url}${path}/batches/${TRANSLATION}`);
      expect(tapped.answers.map((answer) => answer.status)).toEqual([404, 404, 400, 401]);
      expectAllValid();
    },
  );

  it.each(ERROR_KINDS)('an injected %s, on every operation of both generations', async (kind) => {
    seed();
    for (const apiVersion of ['2024-05-01', 'v1.1'] as const) {
      for (const operation of ['getDocumentsStatus', 'getTranslationStatus', 'cancelTranslation']) {
        tapped.sim.inject({ provider: 'azure', operation, fault: { type: 'error', kind, retryAfterSeconds: 1 } });
      }
      const index = simClient(apiVersion);
      await index.getStatuses([DOCUMENT]).catch(() => undefined);
      await index.getTranslation().catch(() => undefined);
      await index.cancel().catch(() => undefined);
    }
    expect(tapped.answers.map((answer) => answer.status >= 400)).toEqual(Array(6).fill(true));
    expectAllValid();
  });
});

describe.each(fixtures)('Azure %s: ids are what the spec declares (format uuid)', (apiVersion, fixture) => {
  const pathIds = fixture.operations.getDocumentStatus?.parameters.filter((parameter) => parameter.in === 'path') ?? [];

  it('both path ids are uuids, and our check of translation and document ids agrees with the uuid format', async () => {
    expect(
      pathIds.map((parameter) => [parameter.name, parameter.type, (parameter as { format?: string }).format]),
    ).toEqual([
      ['id', 'string', 'uuid'],
      ['documentId', 'string', 'uuid'],
    ]);
    stub.current.answer({ status: 200, body: { value: [] } });
    const candidate = fc.oneof(
      fc.uuid(),
      fc.uuid().map((id) => id.toUpperCase()),
      fc.uuid().map((id) => id.slice(1)),
      fc.uuid().map((id) => `{${id}}`),
      fc.uuid().map((id) => id.replace(/-/g, '')),
      fc.stringMatching(/^[0-9a-gA-G-]{36}$/),
    );
    await fc.assert(
      fc.asyncProperty(candidate, async (id) => {
        const spec = checkSchema(fixture, { type: 'string', format: 'uuid' }, id).length === 0;
        const document = await client(apiVersion)
          .getStatus(id)
          .then(
            () => true,
            (error: DocumentIndexError) => error.code !== 'validation',
          );
        const translation = (() => {
          try {
            createAzureTranslationIndex({ endpoint: stub.current.url, translationId: id, credential: 'k', apiVersion });
            return true;
          } catch {
            return false;
          }
        })();
        expect([document, translation]).toEqual([spec, spec]);
      }),
      { numRuns: 80 },
    );
  });
});
