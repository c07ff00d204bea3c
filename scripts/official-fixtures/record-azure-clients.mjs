/**
 * Records what Microsoft's generated JS clients for Azure AI Document Translation
 * send on the wire, against a loopback server that answers with canned bodies.
 * The output backs test/fixtures/official/azure/client-evidence.json.
 *
 *   mkdir /tmp/azpkg && cd /tmp/azpkg && npm init -y \
 *     && npm install @azure-rest/ai-translation-document @azure/ai-translation-document
 *   node scripts/official-fixtures/record-azure-clients.mjs /tmp/azpkg > /tmp/azure-clients.json
 *
 * The packages are loaded from the folder given (never from this repository,
 * which does not depend on them). Nothing leaves 127.0.0.1; the key sent is a
 * dummy and is redacted in the output anyway. Not part of the test suite.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const packageDir = process.argv[2];
if (!packageDir) {
  process.stderr.write('usage: record-azure-clients.mjs <folder with node_modules>\n');
  process.exit(2);
}
const require = createRequire(join(packageDir, 'package.json'));
const version = (name) =>
  JSON.parse(readFileSync(join(packageDir, 'node_modules', name, 'package.json'), 'utf8')).version;

const TRANSLATION_ID = '727bf148-f327-47a0-9481-abae6362f11e';
const DOCUMENT_ID = '273622bd-835c-4946-9798-fd8f19f6bbf2';
const SECOND_DOCUMENT_ID = 'a6c2bbf0-1111-4ee8-9ea6-000000000002';
const INPUTS = [
  {
    source: {
      sourceUrl: 'https://example.blob.core.windows.net/source?sas',
      filter: { prefix: 'a', suffix: '.txt' },
      language: 'en',
      storageSource: 'AzureBlob',
    },
    targets: [
      {
        targetUrl: 'https://example.blob.core.windows.net/fr?sas',
        language: 'fr',
        category: 'general',
        glossaries: [
          {
            glossaryUrl: 'https://example.blob.core.windows.net/glossary/g.tsv?sas',
            format: 'TSV',
            version: '1.0',
            storageSource: 'AzureBlob',
          },
        ],
        storageSource: 'AzureBlob',
      },
    ],
    storageType: 'Folder',
  },
];

const log = [];
let nextLinkName = 'nextLink';
/** Whether next links carry `api-version` (the 2024-05-01 documents.json example's does not). */
let linkApiVersion = true;
const documentBody = (id) => ({
  path: 'https://example.blob.core.windows.net/fr/doc.txt',
  sourcePath: 'https://example.blob.core.windows.net/source/doc.txt',
  createdDateTimeUtc: '2020-03-26T00:00:00Z',
  lastActionDateTimeUtc: '2020-03-26T01:00:00Z',
  status: 'Running',
  to: 'fr',
  progress: 0.1,
  id,
  characterCharged: 0,
});
const translationBody = {
  id: TRANSLATION_ID,
  createdDateTimeUtc: '2020-03-26T00:00:00Z',
  lastActionDateTimeUtc: '2020-03-26T01:00:00Z',
  status: 'Succeeded',
  summary: { total: 1, failed: 0, success: 1, inProgress: 0, notYetStarted: 0, cancelled: 0, totalCharacterCharged: 0 },
};

const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    const entry = { method: request.method, url: request.url };
    if (request.headers['content-type']) entry.contentType = request.headers['content-type'];
    if (request.headers['ocp-apim-subscription-key']) entry.subscriptionKeyHeader = '<redacted>';
    if (body) entry.body = JSON.parse(body);
    log.push(entry);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const origin = `http://127.0.0.1:${server.address().port}`;
    response.setHeader('content-type', 'application/json');
    if (request.method === 'POST' && url.pathname.endsWith('/document/batches')) {
      response.statusCode = 202;
      response.setHeader(
        'Operation-Location',
        `${origin}/translator/document/batches/${TRANSLATION_ID}?api-version=2024-05-01`,
      );
      response.end();
      return;
    }
    if (url.pathname.endsWith('/documents')) {
      // Page 1 links to page 2 (skip=1) under the property name currently chosen; page 2 ends the listing.
      const second = url.searchParams.get('skip') === '1';
      const page = { value: [documentBody(second ? SECOND_DOCUMENT_ID : DOCUMENT_ID)] };
      if (!second) {
        page[nextLinkName] =
          `${origin}/translator/document/batches/${TRANSLATION_ID}/documents?skip=1&maxpagesize=1${linkApiVersion ? '&api-version=2024-05-01' : ''}`;
      }
      response.end(JSON.stringify(page));
      return;
    }
    response.end(JSON.stringify(url.pathname.includes('/documents/') ? documentBody(DOCUMENT_ID) : translationBody));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${server.address().port}`;
const step = (label) => log.push({ step: label });

const { AzureKeyCredential } = require('@azure/core-auth');
const credential = new AzureKeyCredential('dummy-key');

// @azure-rest/ai-translation-document (REST-level client)
const rest = require('@azure-rest/ai-translation-document');
const restClient = rest.default(endpoint, credential, { allowInsecureConnection: true });
step('rest: GET documents status with every query option');
const firstPage = await restClient.path('/document/batches/{id}/documents', TRANSLATION_ID).get({
  queryParameters: {
    top: 5,
    skip: 0,
    maxpagesize: 1,
    ids: [DOCUMENT_ID, SECOND_DOCUMENT_ID],
    statuses: ['Succeeded', 'Cancelled'],
    orderby: ['createdDateTimeUtc asc'],
    createdDateTimeUtcStart: '2020-01-01T00:00:00Z',
  },
});
step('rest: paginate() from that page, the server naming the link nextLink');
const restItems = [];
for await (const item of rest.paginate(restClient, firstPage)) restItems.push(item.id);
log.push({ itemsListed: restItems });
nextLinkName = '@nextLink';
step('rest: paginate(), the server naming the link @nextLink');
const atPage = await restClient.path('/document/batches/{id}/documents', TRANSLATION_ID).get({
  queryParameters: { maxpagesize: 1 },
});
const restAtItems = [];
for await (const item of rest.paginate(restClient, atPage)) restAtItems.push(item.id);
log.push({ itemsListed: restAtItems });
nextLinkName = 'nextLink';
linkApiVersion = false;
step('rest: paginate(), the next link carrying no api-version');
const bareFirst = await restClient.path('/document/batches/{id}/documents', TRANSLATION_ID).get({
  queryParameters: { maxpagesize: 1 },
});
for await (const _item of rest.paginate(restClient, bareFirst));
linkApiVersion = true;
step('rest: GET one document, GET translation, DELETE translation');
await restClient.path('/document/batches/{id}/documents/{documentId}', TRANSLATION_ID, DOCUMENT_ID).get();
await restClient.path('/document/batches/{id}', TRANSLATION_ID).get();
await restClient.path('/document/batches/{id}', TRANSLATION_ID).delete();
step('rest: POST batches, then getLongRunningPoller().pollUntilDone()');
const started = await restClient.path('/document/batches').post({ body: { inputs: INPUTS } });
log.push({ status: started.status, operationLocation: started.headers['operation-location'] ?? null });
await (await rest.getLongRunningPoller(restClient, started, { intervalInMs: 1 })).pollUntilDone();

// @azure/ai-translation-document (modular client)
const modular = await import(pathToFileURL(require.resolve('@azure/ai-translation-document')).href);
for (const serviceVersion of ['2024-05-01', undefined]) {
  const client = new modular.DocumentTranslationClient(endpoint, credential, {
    allowInsecureConnection: true,
    ...(serviceVersion ? { serviceVersion } : {}),
  });
  const label = serviceVersion ?? 'no serviceVersion (package default)';
  step(`modular (${label}): listDocumentStatuses with every option, all pages`);
  const items = [];
  for await (const document of client.listDocumentStatuses(TRANSLATION_ID, {
    top: 5,
    skip: 0,
    maxPageSize: 1,
    documentIds: [DOCUMENT_ID, SECOND_DOCUMENT_ID],
    statuses: ['Succeeded', 'Cancelled'],
    orderBy: ['createdDateTimeUtc asc'],
    createdAfter: new Date('2020-01-01T00:00:00Z'),
  })) {
    items.push(document.id);
  }
  log.push({ itemsListed: items });
  if (!serviceVersion) continue;
  nextLinkName = '@nextLink';
  step('modular: listDocumentStatuses, the server naming the link @nextLink');
  const atItems = [];
  for await (const document of client.listDocumentStatuses(TRANSLATION_ID, { maxPageSize: 1 })) {
    atItems.push(document.id);
  }
  log.push({ itemsListed: atItems });
  nextLinkName = 'nextLink';
  linkApiVersion = false;
  step('modular: listDocumentStatuses, the next link carrying no api-version');
  for await (const _document of client.listDocumentStatuses(TRANSLATION_ID, { maxPageSize: 1 }));
  linkApiVersion = true;
  step('modular: getDocumentStatus, getTranslationStatus, cancelTranslation');
  await client.getDocumentStatus(TRANSLATION_ID, DOCUMENT_ID);
  await client.getTranslationStatus(TRANSLATION_ID);
  await client.cancelTranslation(TRANSLATION_ID);
  step('modular: startTranslation(...).pollUntilDone()');
  const result = await client.startTranslation({ inputs: INPUTS }, { updateIntervalInMs: 1 }).pollUntilDone();
  log.push({ finalStatus: result.status });
}
server.close();

// The loopback port differs per run; written as PORT so two runs compare equal.
process.stdout.write(
  `${JSON.stringify(
    {
      node: process.version,
      packages: Object.fromEntries(
        [
          '@azure-rest/ai-translation-document',
          '@azure/ai-translation-document',
          '@azure-rest/core-client',
          '@typespec/ts-http-runtime',
          '@azure/core-rest-pipeline',
          '@azure/core-lro',
          '@azure/core-paging',
        ].map((name) => [name, version(name)]),
      ),
      exchanges: log,
    },
    null,
    2,
  ).replaceAll(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')}\n`,
);
