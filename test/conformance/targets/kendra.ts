import { createKendraIndex } from '../../../src/providers/kendra/index';
import type { ConformanceTarget } from '../harness';

const indexId = '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab';

/** One Kendra index through `createKendraIndex`, pointed at the loopback simulator. */
export const target: ConformanceTarget = {
  name: 'kendra',
  provider: 'kendra',
  batchLimit: 10,
  operations: { status: 'BatchGetDocumentStatus', delete: 'BatchDeleteDocument' },
  createClient: (sim, config) =>
    createKendraIndex({
      indexId,
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
      ...config,
    }),
  makeId: (i) => `doc-${String(i).padStart(4, '0')}`,
  seed: (sim, docs) => {
    for (const { id, statuses } of docs) sim.kendra.putDocument(indexId, { id, status: { statuses, advance: 'read' } });
    return docs.map(({ id }) => id);
  },
  statusTable: [
    ['NOT_FOUND', 'not_found'],
    ['PROCESSING', 'processing'],
    ['INDEXED', 'succeeded'],
    ['UPDATED', 'succeeded'],
    ['FAILED', 'failed'],
    ['UPDATE_FAILED', 'failed'],
  ],
  rawInProgress: 'PROCESSING',
  rawDone: 'INDEXED',
  invalidRefs: [
    '',
    'x'.repeat(2049),
    42,
    null,
    { id: '' },
    { id: 'doc', dataSourceId: 'bad id!' },
    { id: 'doc', dataSourceId: 'ds-1' },
    { id: 'doc', dataSourceSyncJobExecutionId: 'job-1' },
    { id: 'doc', version: 7 },
  ],
  deletedStatus: 'deleting',
  put: {
    operation: 'BatchPutDocument',
    batchLimit: 10,
    makeId: (i) => `put/doc-${String(i).padStart(4, '0')}.txt`,
    bytesPerRequest: 5_000_000,
    bytesPerDocument: 5_000_000,
    rawIndexed: ['INDEXED', 'UPDATED'],
    refuse: (sim, ids) => {
      sim.kendra.failPuts(ids, { errorCode: 'InvalidRequest' });
      return 'InvalidRequest';
    },
    idsOf: (body) => (body as { Documents: Array<{ Id: string }> }).Documents.map((document) => document.Id),
  },
};
