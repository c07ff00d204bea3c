/**
 * Amazon Kendra: the indexing status of documents, waiting for them, deleting.
 *
 * By default this runs against the docindex simulator (no AWS account needed).
 * To use your own index instead, set:
 *
 *   KENDRA_INDEX_ID      the index id (36 characters)
 *   AWS_REGION           the index's region, e.g. us-east-1
 *   KENDRA_DOCUMENT_IDS  comma-separated ids of documents to look up
 *
 * and AWS credentials the usual way (AWS_PROFILE, AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, SSO, an instance role...). Against a real index it only
 * reads; it deletes only simulated documents.
 *
 *   npm run build && npx tsx examples/kendra.ts
 */
import { type DocumentIndexClient, isDocumentIndexError } from 'docindex';
import { createKendraIndex, type KendraRef } from 'docindex/kendra';
import { startSimulator } from 'docindex/testing';

interface Setup {
  index: DocumentIndexClient<KendraRef>;
  ids: string[];
  simulated: boolean;
  close(): Promise<void>;
}

async function setup(): Promise<Setup> {
  const indexId = process.env.KENDRA_INDEX_ID;
  if (indexId) {
    const ids = (process.env.KENDRA_DOCUMENT_IDS ?? '').split(',').filter(Boolean);
    if (ids.length === 0) throw new Error('Set KENDRA_DOCUMENT_IDS to the ids of documents to look up.');
    const index = createKendraIndex({ indexId, region: process.env.AWS_REGION });
    return { index, ids, simulated: false, close: async () => {} };
  }

  const simIndexId = '0123abcd-0123-4abc-8123-0123456789ab';
  const sim = await startSimulator();
  sim.kendra.putDocuments(simIndexId, [
    { id: 'handbook.pdf', status: { statuses: ['PROCESSING', 'INDEXED'], advance: 200 } },
    { id: 'pricing.pdf', status: { statuses: ['PROCESSING', 'UPDATED'], advance: 300 } },
    {
      id: 'scan.pdf',
      status: { statuses: ['PROCESSING', 'FAILED'], advance: 250 },
      failureCode: 'DocumentParseError',
      failureReason: 'The PDF is encrypted.',
    },
  ]);
  const index = createKendraIndex({
    indexId: simIndexId,
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' }, // the simulator checks no signature
  });
  return {
    index,
    ids: ['handbook.pdf', 'pricing.pdf', 'scan.pdf', 'never-uploaded.pdf'],
    simulated: true,
    close: () => sim.close(),
  };
}

const { index, ids, simulated, close } = await setup();
try {
  const { items, errors } = await index.getStatuses(ids);
  for (const doc of items) console.log(`now: ${doc.id} ${doc.status} (${doc.providerStatus})`);
  for (const { id, error } of errors) console.log(`refused: ${id} ${error.code} ${error.providerCode ?? ''}`);

  const settled = await index.waitFor(ids, { minDelayMs: 200, timeoutMs: 60_000, notFoundGraceMs: 1000 });
  for (const doc of settled.items) {
    const reason = doc.failure ? ` ${doc.failure.code}: ${doc.failure.message}` : '';
    console.log(`settled: ${doc.id} ${doc.status} (${doc.providerStatus})${reason}`);
  }

  // Kendra has no listing API: the client says so instead of sending anything.
  await index
    .listStatuses()
    .next()
    .catch((error: unknown) => {
      if (isDocumentIndexError(error)) console.log(`listStatuses: ${error.code}`);
    });

  if (simulated) {
    const deleted = await index.deleteDocuments(['handbook.pdf']);
    for (const doc of deleted.items) console.log(`deleted: ${doc.id} ${doc.status}`); // Kendra deletes asynchronously
  }
} finally {
  await close();
}
