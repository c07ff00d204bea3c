/**
 * NAVER Cloud RAG: one document's status with its pipeline steps, many documents
 * concurrently, waiting, deleting.
 *
 * By default this runs against the docindex simulator (no NAVER Cloud account
 * needed). To use your own RAG service instead, set:
 *
 *   NAVER_RAG_SERVICE_ID    the RAG service id
 *   NAVER_RAG_API_KEY       its API key (sent as a bearer token)
 *   NAVER_RAG_DOCUMENT_IDS  comma-separated ids of documents to look up
 *   NAVER_RAG_BASE_URL      (optional) the gateway, default https://kr-pub-gateway.rag.naverncp.com
 *
 * Against a real service it only reads; it deletes only simulated documents.
 *
 *   npm run build && npx tsx examples/naver.ts
 */
import type { DocumentIndexClient } from 'docindex';
import { createNaverRagIndex } from 'docindex/naver';
import { startSimulator } from 'docindex/testing';

interface Setup {
  index: DocumentIndexClient;
  ids: string[];
  simulated: boolean;
  close(): Promise<void>;
}

async function setup(): Promise<Setup> {
  const serviceId = process.env.NAVER_RAG_SERVICE_ID;
  const apiKey = process.env.NAVER_RAG_API_KEY;
  if (serviceId && apiKey) {
    const ids = (process.env.NAVER_RAG_DOCUMENT_IDS ?? '').split(',').filter(Boolean);
    if (ids.length === 0) throw new Error('Set NAVER_RAG_DOCUMENT_IDS to the ids of documents to look up.');
    const baseUrl = process.env.NAVER_RAG_BASE_URL;
    const index = createNaverRagIndex({ serviceId, apiKey, ...(baseUrl ? { baseUrl } : {}) });
    return { index, ids, simulated: false, close: async () => {} };
  }

  const sim = await startSimulator();
  sim.naver.putDocuments('helpdesk', [
    { id: 'faq/returns.html', status: { statuses: ['NONE', 'INDEXING', 'DONE'], advance: 150 } },
    { id: 'faq/shipping.html', status: { statuses: ['INDEXING', 'PARTIAL'], advance: 250 } },
    { id: 'manual/setup.html', status: { statuses: ['INDEXING', 'FAILED'], advance: 200 }, failedStep: 'EMBED' },
  ]);
  const index = createNaverRagIndex({ serviceId: 'helpdesk', apiKey: 'simulated-api-key', baseUrl: sim.url });
  return {
    index,
    ids: ['faq/returns.html', 'faq/shipping.html', 'manual/setup.html'],
    simulated: true,
    close: () => sim.close(),
  };
}

const { index, ids, simulated, close } = await setup();
try {
  // Ids are sent as one encoded path segment: 'faq/returns.html' is a document id, not a path.
  const first = await index.getStatus(ids[0] as string);
  const steps = first.steps?.map((step) => `${step.name}${step.failed ? ' (failed)' : ''}`).join(' > ') || 'none yet';
  console.log(`one: ${first.id} ${first.status} (${first.providerStatus}), steps: ${steps}`);

  // One request per document, run concurrently; waitFor polls only those not done yet.
  const settled = await index.waitFor(ids, { minDelayMs: 150, timeoutMs: 60_000, concurrency: 8 });
  for (const doc of settled.items) {
    const failedStep = doc.steps?.find((step) => step.failed)?.name;
    console.log(
      `settled: ${doc.id} ${doc.status} (${doc.providerStatus})${failedStep ? ` failed at ${failedStep}` : ''}`,
    );
  }

  if (simulated) {
    const deleted = await index.deleteDocuments(['faq/returns.html', 'not-there.html']);
    for (const doc of deleted.items) console.log(`deleted: ${doc.id} ${doc.status}`);
  }
} finally {
  await close();
}
