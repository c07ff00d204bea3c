/**
 * Ingest a folder of files into any provider, then wait for them with progress.
 * The files are read lazily (an async generator), so a folder of any size is
 * never held in memory: `putDocuments` reads only as requests free up.
 *
 * By default it runs against the docindex simulator: the folder goes into Kendra,
 * Bedrock and NAVER, and Azure (which translates from storage rather than taking
 * documents) starts a translation instead. To ingest into one real service, set
 * DOCINDEX_PROVIDER and that provider's variables (this writes to the service):
 *
 *   DOCINDEX_PROVIDER=kendra   KENDRA_INDEX_ID, AWS_REGION (+ AWS credentials)
 *   DOCINDEX_PROVIDER=bedrock  BEDROCK_KNOWLEDGE_BASE_ID, BEDROCK_DATA_SOURCE_ID (a custom data source), AWS_REGION
 *   DOCINDEX_PROVIDER=naver    NAVER_RAG_SERVICE_ID, NAVER_RAG_API_KEY
 *   DOCINDEX_PROVIDER=azure    AZURE_TRANSLATOR_ENDPOINT, AZURE_TRANSLATOR_KEY, AZURE_SOURCE_URL,
 *                              AZURE_TARGET_URL (SAS URLs of two containers), AZURE_TARGET_LANGUAGE (default fr)
 *   INGEST_DIR                 the folder to put (default examples/ingest-docs)
 *
 *   npm run build && npx tsx examples/ingest.ts
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { type DocumentIndexClient, type DocumentInput, isDocumentIndexError, type StatusBatch } from 'docindex';
import { startAzureTranslation } from 'docindex/azure';
import { createBedrockIndex } from 'docindex/bedrock';
import { createKendraIndex } from 'docindex/kendra';
import { createNaverRagIndex } from 'docindex/naver';
import { type RunningSimulator, startSimulator } from 'docindex/testing';

/** Content types every provider's put call takes for these extensions (Markdown is sent as plain text). */
const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/plain',
  '.html': 'text/html',
  '.csv': 'text/csv',
};

/**
 * The folder's files, one document each, read one at a time. The id is the file's
 * path with every character but letters, digits, `-` and `_` replaced (the ids
 * every provider accepts, NAVER's rule being the strictest).
 */
async function* readDocs(dir: string, root = dir): AsyncGenerator<DocumentInput> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* readDocs(path, root);
      continue;
    }
    const contentType = CONTENT_TYPES[extname(entry.name)];
    if (!contentType) continue;
    const info = await stat(path);
    yield {
      id: relative(root, path).replace(/[^A-Za-z0-9_-]/g, '-'),
      content: await readFile(path, 'utf8'),
      contentType,
      title: entry.name,
      metadata: { folder: relative(root, dir) || '.', bytes: info.size, modified: info.mtime },
    };
  }
}

/** Puts the folder into one index and waits for what was accepted. Knows no provider. */
async function ingest(index: DocumentIndexClient, dir: string): Promise<void> {
  const name = index.provider;
  let accepted: StatusBatch;
  try {
    accepted = await index.putDocuments(readDocs(dir), { timeoutMs: 5 * 60_000 });
  } catch (error) {
    if (!isDocumentIndexError(error)) throw error;
    // A bad file stops the call; what was already accepted is on the error.
    console.log(`${name}: ${error.code}: ${error.message}`);
    if (!error.lastResult) return;
    accepted = error.lastResult;
  }
  console.log(
    `${name}: put ${accepted.items.length + accepted.errors.length} documents: ${accepted.items.length} accepted, ${accepted.errors.length} refused`,
  );
  for (const { id, error } of accepted.errors)
    console.log(`${name}: refused ${id}: ${error.code} (${error.providerCode ?? 'no code'})`);
  await waitWithProgress(index, accepted);
}

async function waitWithProgress(index: DocumentIndexClient, accepted: StatusBatch): Promise<void> {
  const name = index.provider;
  const done = await index.waitFor(accepted.items, {
    minDelayMs: 50,
    maxDelayMs: 2_000,
    timeoutMs: 10 * 60_000,
    onProgress: ({ items }) => {
      const counts = new Map<string, number>();
      for (const item of items) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
      const finished = items.filter((item) => item.terminal).length;
      console.log(
        `${name}: progress ${finished}/${accepted.items.length} done (${[...counts].map(([s, n]) => `${s} ${n}`).join(', ')})`,
      );
    },
  });
  const indexed = done.items.filter((item) => item.status === 'succeeded');
  console.log(`${name}: succeeded ${indexed.length}/${accepted.items.length}`);
  for (const item of done.items.filter((doc) => doc.status !== 'succeeded')) {
    console.log(
      `${name}: ${item.id} ${item.status} (${item.providerStatus})${item.failure?.message ? ` ${item.failure.message}` : ''}`,
    );
  }
}

/** Azure translates documents from storage: it starts a translation of a source container instead. */
async function translate(endpoint: string, credential: string, sourceUrl: string, targetUrl: string, language: string) {
  const translation = await startAzureTranslation({
    endpoint,
    credential,
    inputs: [{ source: { sourceUrl }, targets: [{ targetUrl, language }] }],
  });
  const documents = [];
  for await (const document of translation.listStatuses()) documents.push(document);
  console.log(`azure: started translation ${(await translation.getTranslation()).id} of ${documents.length} documents`);
  await waitWithProgress(translation, { items: documents, errors: [] });
}

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name}.`);
  return value;
}

async function intoRealService(provider: string, dir: string): Promise<void> {
  switch (provider) {
    case 'kendra':
      return ingest(createKendraIndex({ indexId: need('KENDRA_INDEX_ID'), region: need('AWS_REGION') }), dir);
    case 'bedrock':
      return ingest(
        createBedrockIndex({
          knowledgeBaseId: need('BEDROCK_KNOWLEDGE_BASE_ID'),
          dataSourceId: need('BEDROCK_DATA_SOURCE_ID'),
          region: need('AWS_REGION'),
        }),
        dir,
      );
    case 'naver':
      return ingest(
        createNaverRagIndex({ serviceId: need('NAVER_RAG_SERVICE_ID'), apiKey: need('NAVER_RAG_API_KEY') }),
        dir,
      );
    case 'azure':
      return translate(
        need('AZURE_TRANSLATOR_ENDPOINT'),
        need('AZURE_TRANSLATOR_KEY'),
        need('AZURE_SOURCE_URL'),
        need('AZURE_TARGET_URL'),
        process.env.AZURE_TARGET_LANGUAGE ?? 'fr',
      );
    default:
      throw new Error(`DOCINDEX_PROVIDER must be kendra, bedrock, azure or naver, not ${JSON.stringify(provider)}.`);
  }
}

/** Every provider on the simulator; one file fails to index in each, to show how that reads. */
async function intoSimulator(sim: RunningSimulator, dir: string): Promise<void> {
  const aws = { region: 'us-east-1', endpoint: sim.url, credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' } };
  const broken = 'guides-returns-html';
  sim.kendra.failIndexing([broken], {
    failureCode: 'DocumentParseError',
    failureReason: 'The HTML could not be parsed.',
  });
  sim.bedrock.failIndexing([broken], { statusReason: 'The HTML could not be parsed.' });
  sim.naver.failIndexing('helpdesk', [broken], { failedStep: 'EXTRACT', failureInfo: { message: 'empty page' } });
  const indexes: DocumentIndexClient[] = [
    createKendraIndex({ indexId: '0123abcd-0123-4abc-8123-0123456789ab', ...aws }),
    createBedrockIndex({ knowledgeBaseId: 'KB12345678', dataSourceId: 'DS12345678', ...aws }),
    createNaverRagIndex({ serviceId: 'helpdesk', apiKey: 'simulated-key', baseUrl: sim.url }),
  ];
  for (const index of indexes) await ingest(index, dir);

  const blob = 'https://acme.blob.core.windows.net';
  sim.azure.configureStart({ documentsPerSource: 3, failDocuments: [2] });
  await translate(sim.url, 'simulated-key', `${blob}/help-en?sv=sas`, `${blob}/help-fr?sv=sas`, 'fr');
}

const dir = process.env.INGEST_DIR ?? join(import.meta.dirname, 'ingest-docs');
const provider = process.env.DOCINDEX_PROVIDER;
if (provider) {
  await intoRealService(provider, dir);
} else {
  const sim = await startSimulator();
  try {
    await intoSimulator(sim, dir);
  } finally {
    await sim.close();
  }
}
