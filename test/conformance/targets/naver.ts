import { createNaverRagIndex } from '../../../src/providers/naver/index';
import type { ConformanceTarget } from '../harness';

const serviceId = 'conformance-svc';
const apiKey = 'conformance-api-key';

/** One NAVER Cloud RAG service through `createNaverRagIndex`, pointed at the loopback simulator. */
export const target: ConformanceTarget = {
  name: 'naver',
  provider: 'naver',
  batchLimit: 1,
  operations: { status: 'getDocumentStatus', delete: 'deleteDocument' },
  createClient: (sim, config) => {
    sim.naver.requireApiKey(apiKey);
    return createNaverRagIndex({ serviceId, apiKey, baseUrl: sim.url, ...config });
  },
  // Includes characters that must be path-encoded, so every case also exercises encoding.
  makeId: (i) => `doc/${String(i).padStart(4, '0')}?v=1`,
  seed: (sim, docs) => {
    for (const { id, statuses } of docs)
      sim.naver.putDocument(serviceId, { id, status: { statuses, advance: 'read' } });
    return docs.map(({ id }) => id);
  },
  statusTable: [
    ['NONE', 'pending'],
    ['INDEXING', 'processing'],
    ['DONE', 'succeeded'],
    ['PARTIAL', 'partial'],
    ['FAILED', 'failed'],
    ['DELETED', 'deleted'],
  ],
  rawInProgress: 'INDEXING',
  rawDone: 'DONE',
  invalidRefs: ['', '.', '..', 'x'.repeat(1025), 42, null, { id: '' }, { id: 7 }, 'lone \ud800 surrogate'],
  deletedStatus: 'deleted',
  put: {
    operation: 'addDocument',
    batchLimit: 1,
    // Caller-chosen ids allow letters, digits, - and _ only.
    makeId: (i) => `put-doc_${String(i).padStart(4, '0')}`,
    rawIndexed: ['DONE'],
    refuse: (sim, ids) => {
      sim.naver.refuseWrites(serviceId, ids, { status: 400, code: 40000 });
      return '40000';
    },
    idsOf: (_body, url) => [decodeURIComponent(new URL(url).pathname.split('/').at(-1) ?? '')],
  },
};
