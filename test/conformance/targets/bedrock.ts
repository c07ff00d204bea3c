import { createBedrockIndex } from '../../../src/providers/bedrock/index';
import type { ConformanceTarget } from '../harness';

const knowledgeBaseId = 'KB12345678';
const dataSourceId = 'DS12345678';

/** Bedrock knowledge base documents of a CUSTOM data source, through `createBedrockIndex`. */
export const target: ConformanceTarget = {
  name: 'bedrock',
  provider: 'bedrock',
  batchLimit: 10,
  operations: {
    status: 'GetKnowledgeBaseDocuments',
    delete: 'DeleteKnowledgeBaseDocuments',
    list: 'ListKnowledgeBaseDocuments',
  },
  createClient: (sim, config) =>
    createBedrockIndex({
      knowledgeBaseId,
      dataSourceId,
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
      ...config,
    }),
  makeId: (i) => `doc-${String(i).padStart(4, '0')}`,
  seed: (sim, docs) => {
    for (const { id, statuses } of docs) {
      sim.bedrock.putDocument(knowledgeBaseId, dataSourceId, { customId: id, status: { statuses, advance: 'read' } });
    }
    return docs.map(({ id }) => id);
  },
  statusTable: [
    ['PENDING', 'pending'],
    ['STARTING', 'pending'],
    ['IN_PROGRESS', 'processing'],
    ['INDEXED', 'succeeded'],
    ['PARTIALLY_INDEXED', 'partial'],
    ['METADATA_PARTIALLY_INDEXED', 'partial'],
    ['METADATA_UPDATE_FAILED', 'failed'],
    ['FAILED', 'failed'],
    ['IGNORED', 'ignored'],
    ['NOT_FOUND', 'not_found'],
    ['DELETING', 'deleting'],
    ['DELETE_IN_PROGRESS', 'deleting'],
  ],
  rawInProgress: 'IN_PROGRESS',
  rawDone: 'INDEXED',
  invalidRefs: ['', 'x'.repeat(2049), 's3://', `s3://${'b'.repeat(129)}`, 42, null, { id: '' }, { s3Uri: 'https://x' }],
  deletedStatus: 'deleting',
  maxPageSize: 1000,
  put: {
    operation: 'IngestKnowledgeBaseDocuments',
    batchLimit: 10,
    makeId: (i) => `put-doc-${String(i).padStart(4, '0')}`,
    bytesPerDocument: 5_242_880,
    rawIndexed: ['INDEXED'],
    refuse: (sim, ids) => {
      sim.bedrock.failIngest(ids);
      return 'FAILED';
    },
    idsOf: (body) =>
      (
        body as { documents: Array<{ content: { custom: { customDocumentIdentifier: { id: string } } } }> }
      ).documents.map((document) => document.content.custom.customDocumentIdentifier.id),
    tokenOf: (body) => (body as { clientToken: string }).clientToken,
  },
};
