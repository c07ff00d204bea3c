/**
 * Amazon Bedrock knowledge bases: listing the documents of a data source page by
 * page, their statuses, waiting, deleting.
 *
 * By default this runs against the docindex simulator (no AWS account needed).
 * To use your own knowledge base instead, set:
 *
 *   BEDROCK_KNOWLEDGE_BASE_ID  the knowledge base id (10 characters)
 *   BEDROCK_DATA_SOURCE_ID     the data source id (10 characters)
 *   AWS_REGION                 the knowledge base's region, e.g. us-east-1
 *
 * and AWS credentials the usual way (AWS_PROFILE, AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, SSO, an instance role...). Against a real knowledge base
 * it only reads; it deletes only simulated documents.
 *
 *   npm run build && npx tsx examples/bedrock.ts
 */
import type { DocumentIndexClient } from 'docindex';
import { type BedrockDocumentRef, createBedrockIndex } from 'docindex/bedrock';
import { startSimulator } from 'docindex/testing';

interface Setup {
  index: DocumentIndexClient<BedrockDocumentRef>;
  simulated: boolean;
  close(): Promise<void>;
}

async function setup(): Promise<Setup> {
  const knowledgeBaseId = process.env.BEDROCK_KNOWLEDGE_BASE_ID;
  const dataSourceId = process.env.BEDROCK_DATA_SOURCE_ID;
  if (knowledgeBaseId && dataSourceId) {
    const index = createBedrockIndex({ knowledgeBaseId, dataSourceId, region: process.env.AWS_REGION });
    return { index, simulated: false, close: async () => {} };
  }

  const sim = await startSimulator();
  for (let i = 1; i <= 12; i++) {
    const last = i === 5 ? 'PARTIALLY_INDEXED' : i === 9 ? 'FAILED' : 'INDEXED';
    sim.bedrock.putDocument('KB12345678', 'DS12345678', {
      s3Uri: `s3://acme-kb/guides/guide-${String(i).padStart(2, '0')}.pdf`,
      status: { statuses: ['STARTING', 'IN_PROGRESS', last], advance: 100 + i * 20 },
      ...(last === 'FAILED' ? { statusReason: 'The file could not be parsed.' } : {}),
    });
  }
  const index = createBedrockIndex({
    knowledgeBaseId: 'KB12345678',
    dataSourceId: 'DS12345678',
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' }, // the simulator checks no signature
  });
  return { index, simulated: true, close: () => sim.close() };
}

const { index, simulated, close } = await setup();
try {
  // Page by page; each page's continuationToken could resume the listing later, even in another process.
  const ids: string[] = [];
  let page = 0;
  for await (const documents of index.listStatuses().byPage({ maxPageSize: 5 })) {
    page++;
    ids.push(...documents.map((doc) => doc.id));
    console.log(`page ${page}: ${documents.length} documents${documents.continuationToken ? ', more to come' : ''}`);
  }
  console.log(`listed: ${ids.length} documents`);

  const settled = await index.waitFor(ids, {
    minDelayMs: 200,
    timeoutMs: 10 * 60_000,
    onProgress: ({ items }) =>
      console.log(`progress: ${items.filter((doc) => doc.terminal).length}/${ids.length} done`),
  });
  for (const doc of settled.items.filter((item) => item.status !== 'succeeded')) {
    console.log(`settled: ${doc.id} ${doc.status} (${doc.providerStatus}) ${doc.failure?.message ?? ''}`);
  }
  console.log(`succeeded: ${settled.items.filter((doc) => doc.status === 'succeeded').length}`);

  if (simulated && ids[0]) {
    const deleted = await index.deleteDocuments([ids[0]]);
    for (const doc of deleted.items) console.log(`deleted: ${doc.id} ${doc.status} (${doc.providerStatus})`);
  }
} finally {
  await close();
}
