/**
 * Provider-neutral code: one function that takes any `DocumentIndexClient` and
 * reports which documents are ready, which failed and why. It runs unchanged
 * against Kendra, Bedrock, Azure and NAVER.
 *
 * By default it runs against all four providers in the docindex simulator. To run
 * it against one real service instead, set DOCINDEX_PROVIDER and that provider's
 * variables (the same as in the per-provider examples):
 *
 *   DOCINDEX_PROVIDER=kendra   KENDRA_INDEX_ID, AWS_REGION (+ AWS credentials)
 *   DOCINDEX_PROVIDER=bedrock  BEDROCK_KNOWLEDGE_BASE_ID, BEDROCK_DATA_SOURCE_ID, AWS_REGION (+ AWS credentials)
 *   DOCINDEX_PROVIDER=azure    AZURE_TRANSLATOR_ENDPOINT, AZURE_TRANSLATOR_KEY, AZURE_TRANSLATION_ID
 *   DOCINDEX_PROVIDER=naver    NAVER_RAG_SERVICE_ID, NAVER_RAG_API_KEY
 *   DOCUMENT_IDS               comma-separated ids of the documents to check
 *
 *   npm run build && npx tsx examples/neutral.ts
 */
import { type DocumentIndexClient, isDocumentIndexError } from 'docindex';
import { createAzureTranslationIndex } from 'docindex/azure';
import { createBedrockIndex } from 'docindex/bedrock';
import { createKendraIndex } from 'docindex/kendra';
import { createNaverRagIndex } from 'docindex/naver';
import { type RunningSimulator, startSimulator } from 'docindex/testing';

/** Waits until the documents settle and says how they ended. Knows no provider. */
async function reportReadiness(index: DocumentIndexClient, ids: readonly string[]): Promise<void> {
  try {
    const { items, errors } = await index.waitFor(ids, {
      minDelayMs: 100,
      timeoutMs: 5 * 60_000,
      notFoundGraceMs: 500,
    });
    const ready = items.filter((doc) => doc.status === 'succeeded').map((doc) => doc.id);
    console.log(`${index.provider}: ready ${ready.length}/${ids.length}`);
    for (const doc of items.filter((item) => item.status !== 'succeeded')) {
      console.log(`${index.provider}: ${doc.id} is ${doc.status} (${doc.providerStatus || 'no raw status'})`);
    }
    for (const { id, error } of errors) console.log(`${index.provider}: ${id} could not be read: ${error.code}`);
  } catch (error) {
    // Every rejection is a DocumentIndexError: one place to handle four providers' failures.
    if (!isDocumentIndexError(error)) throw error;
    console.log(
      `${index.provider}: ${error.code}${error.code === 'timeout' ? ', still running' : ''}: ${error.message}`,
    );
  }
}

/** The one real client DOCINDEX_PROVIDER asks for. */
function realClient(provider: string, env: NodeJS.ProcessEnv): DocumentIndexClient {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`Set ${name} to use ${provider}.`);
    return value;
  };
  switch (provider) {
    case 'kendra':
      return createKendraIndex({ indexId: need('KENDRA_INDEX_ID'), region: need('AWS_REGION') });
    case 'bedrock':
      return createBedrockIndex({
        knowledgeBaseId: need('BEDROCK_KNOWLEDGE_BASE_ID'),
        dataSourceId: need('BEDROCK_DATA_SOURCE_ID'),
        region: need('AWS_REGION'),
      });
    case 'azure':
      return createAzureTranslationIndex({
        endpoint: need('AZURE_TRANSLATOR_ENDPOINT'),
        credential: need('AZURE_TRANSLATOR_KEY'),
        translationId: need('AZURE_TRANSLATION_ID'),
      });
    case 'naver':
      return createNaverRagIndex({ serviceId: need('NAVER_RAG_SERVICE_ID'), apiKey: need('NAVER_RAG_API_KEY') });
    default:
      throw new Error(`DOCINDEX_PROVIDER must be kendra, bedrock, azure or naver, not ${JSON.stringify(provider)}.`);
  }
}

/**
 * The same story in each simulated provider: one document indexes, one fails, one
 * was never uploaded. Returns each client with the ids to ask it about.
 */
function simulatedIndexes(sim: RunningSimulator): Array<[DocumentIndexClient, string[]]> {
  const aws = { region: 'us-east-1', endpoint: sim.url, credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' } };
  const indexId = '0123abcd-0123-4abc-8123-0123456789ab';
  sim.kendra.putDocument(indexId, { id: 'ok', status: { statuses: ['PROCESSING', 'INDEXED'], advance: 150 } });
  sim.kendra.putDocument(indexId, { id: 'bad', status: { statuses: ['PROCESSING', 'FAILED'], advance: 150 } });

  const kb = { knowledgeBaseId: 'KB12345678', dataSourceId: 'DS12345678' };
  sim.bedrock.putDocuments(kb.knowledgeBaseId, kb.dataSourceId, [
    { id: 'ok', status: { statuses: ['STARTING', 'IN_PROGRESS', 'INDEXED'], advance: 100 } },
    { id: 'bad', status: { statuses: ['IN_PROGRESS', 'FAILED'], advance: 150 } },
  ]);

  const translationId = '727bf148-f327-47a0-9481-abae6362f11e';
  const uuids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
  sim.azure.putDocument(translationId, {
    id: uuids[0] as string,
    status: { statuses: ['Running', 'Succeeded'], advance: 100 },
  });
  sim.azure.putDocument(translationId, {
    id: uuids[1] as string,
    status: { statuses: ['Running', 'Failed'], advance: 150 },
  });

  sim.naver.putDocument('helpdesk', { id: 'ok', status: { statuses: ['INDEXING', 'DONE'], advance: 150 } });
  sim.naver.putDocument('helpdesk', { id: 'bad', status: { statuses: ['INDEXING', 'FAILED'], advance: 150 } });

  return [
    [createKendraIndex({ indexId, ...aws }), ['ok', 'bad', 'missing']],
    [createBedrockIndex({ ...kb, ...aws }), ['ok', 'bad', 'missing']],
    [
      createAzureTranslationIndex({ endpoint: sim.url, translationId, credential: 'simulated-key' }),
      [...uuids, '00000000-0000-4000-8000-000000000003'],
    ],
    [
      createNaverRagIndex({ serviceId: 'helpdesk', apiKey: 'simulated-key', baseUrl: sim.url }),
      ['ok', 'bad', 'missing'],
    ],
  ];
}

const provider = process.env.DOCINDEX_PROVIDER;
if (provider) {
  const ids = (process.env.DOCUMENT_IDS ?? '').split(',').filter(Boolean);
  if (ids.length === 0) throw new Error('Set DOCUMENT_IDS to the ids of the documents to check.');
  await reportReadiness(realClient(provider, process.env), ids);
} else {
  const sim = await startSimulator();
  try {
    for (const [index, ids] of simulatedIndexes(sim)) await reportReadiness(index, ids);
  } finally {
    await sim.close();
  }
}
