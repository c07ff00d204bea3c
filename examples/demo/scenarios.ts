/**
 * The demo's four simulated indexes: realistic documents whose raw statuses move
 * on with time (timelines advancing every few hundred milliseconds), a few that
 * fail or were never uploaded, and each provider's own kind of trouble on the wire
 * (Kendra throttling, a dropped Bedrock connection, an Azure 429 with
 * Retry-After, a NAVER rate limit that a burst of requests runs into).
 *
 * Everything here is provider-specific; the tour that runs against these indexes
 * (./tour.ts) is not.
 */
import type { DocumentIndexClient, DocumentInput, KnownProviderName, RetryOptions } from '../../src/index';
import { createAzureTranslationIndex } from '../../src/providers/azure/index';
import { createBedrockIndex } from '../../src/providers/bedrock/index';
import { createKendraIndex } from '../../src/providers/kendra/index';
import { createNaverRagIndex } from '../../src/providers/naver/index';
import type { RunningSimulator } from '../../src/testing/index';
import type { TourPlan } from './tour';

/** One provider's part of the demo. */
export interface Scenario {
  /** The heading the demo prints. */
  title: string;
  /** Puts documents, faults and rate limits into the simulator, and says what the tour should do. */
  seed(sim: RunningSimulator): TourPlan;
  /** A client for the seeded index, pointed at the simulator. */
  connect(sim: RunningSimulator): DocumentIndexClient;
}

/** Generous retries with short delays: the demo's trouble on the wire is meant to be survived. */
const RETRY: RetryOptions = { maxAttempts: 6, minDelayMs: 50, maxDelayMs: 500 };

/** Any access key works with the simulator (it does not check signatures). */
const FAKE_AWS_CREDENTIALS = { accessKeyId: 'AKIDDEMO', secretAccessKey: 'demo-secret' };

/** Common settings of every tour. */
const TOUR = { timeoutMs: 20_000, notFoundGraceMs: 800 };

/**
 * A step duration between `min` and `max` ms for document `i`: deterministic, so
 * every run of the demo ends with the same table, but spread out, so documents
 * finish one after another.
 */
function stepMs(i: number, min: number, max: number): number {
  return Math.round(min + (((i * 7919) % 101) / 100) * (max - min));
}

/** New documents for the ingest step: short texts with a little metadata, ids from `id(i)`. */
function newDocuments(count: number, id: (i: number) => string): DocumentInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: id(i + 1),
    content: `Memo ${i + 1}: the travel policy now covers rail journeys over four hours in first class.`,
    contentType: 'text/plain',
    title: `Memo ${i + 1}`,
    metadata: { department: i % 2 === 0 ? 'finance' : 'people', pages: 1 + (i % 3) },
  }));
}

/** `policies/travel-03.pdf`, ...: names like those of a real document collection. */
function documentNames(count: number, extension: string): string[] {
  const folders = ['policies', 'handbook', 'contracts', 'faq', 'reports', 'manuals'];
  const topics = ['travel', 'security', 'onboarding', 'pricing', 'support', 'privacy', 'expenses'];
  return Array.from({ length: count }, (_, i) => {
    const folder = folders[i % folders.length];
    const topic = topics[Math.floor(i / folders.length) % topics.length];
    return `${folder}/${topic}-${String(i + 1).padStart(2, '0')}.${extension}`;
  });
}

// ---- Amazon Kendra ---------------------------------------------------------------

const KENDRA_INDEX_ID = '6f1c2b7e-3d4a-4b5c-8d9e-0a1b2c3d4e5f';

export const kendra: Scenario = {
  title: 'Amazon Kendra (BatchGetDocumentStatus, BatchDeleteDocument, BatchPutDocument; no listing API)',
  seed(sim) {
    const ids = documentNames(40, 'pdf');
    ids.forEach((id, i) => {
      const advance = stepMs(i, 150, 900);
      if (i === 39) return; // never uploaded: Kendra answers NOT_FOUND
      if (i % 13 === 5) {
        sim.kendra.putDocument(KENDRA_INDEX_ID, {
          id,
          status: { statuses: ['PROCESSING', 'FAILED'], advance },
          failureCode: 'DocumentParseError',
          failureReason: 'The PDF is encrypted and cannot be read.',
        });
      } else if (i === 22) {
        sim.kendra.putDocument(KENDRA_INDEX_ID, {
          id,
          status: { statuses: ['PROCESSING', 'UPDATE_FAILED'], advance },
          failureCode: 'DocumentTooLarge',
          failureReason: 'The document exceeds the 50 MB limit.',
        });
      } else {
        const done = i % 5 === 0 ? 'UPDATED' : 'INDEXED';
        sim.kendra.putDocument(KENDRA_INDEX_ID, { id, status: { statuses: ['PROCESSING', done], advance } });
      }
    });
    // Two documents Kendra refuses to report on, and one delete it refuses.
    sim.kendra.failStatusReads([ids[7] as string, ids[31] as string], {
      errorCode: 'InvalidRequest',
      errorMessage: 'The document was submitted without its data source attributes.',
    });
    sim.kendra.failDeletes([ids[2] as string], { errorCode: 'InvalidRequest' });
    // New documents to put; Kendra refuses one of them (a FailedDocuments entry).
    const put = newDocuments(12, (i) => `inbox/memo-${String(i).padStart(2, '0')}.txt`);
    sim.kendra.failPuts(['inbox/memo-07.txt'], { errorCode: 'InvalidRequest', errorMessage: 'The document is empty.' });
    // The first three status requests are throttled (HTTP 429 ThrottlingException) and retried.
    sim.inject({
      provider: 'kendra',
      operation: 'BatchGetDocumentStatus',
      fault: { type: 'error', kind: 'throttled' },
      times: 3,
    });
    return { ids, deleteIds: ids.slice(0, 6), pageSize: 20, put, ...TOUR };
  },
  connect: (sim) =>
    createKendraIndex({
      indexId: KENDRA_INDEX_ID,
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: FAKE_AWS_CREDENTIALS,
      retry: RETRY,
    }),
};

// ---- Amazon Bedrock knowledge bases ------------------------------------------------

const KNOWLEDGE_BASE_ID = 'KBDEMO0001';
const DATA_SOURCE_ID = 'DSDEMO0001';

export const bedrock: Scenario = {
  title: 'Amazon Bedrock knowledge base, S3 data source (Get/Delete/List/IngestKnowledgeBaseDocuments)',
  seed(sim) {
    const ids = documentNames(36, 'docx').map((name) => `s3://acme-knowledge/${name}`);
    const put = (id: string, statuses: string[], advance: number, statusReason?: string) =>
      sim.bedrock.putDocument(KNOWLEDGE_BASE_ID, DATA_SOURCE_ID, {
        s3Uri: id,
        status: { statuses, advance },
        ...(statusReason ? { statusReason } : {}),
      });
    ids.forEach((id, i) => {
      const advance = stepMs(i, 120, 600);
      if (i === 35) return; // never ingested: NOT_FOUND
      if (i % 11 === 3) put(id, ['STARTING', 'IN_PROGRESS', 'FAILED'], advance, 'The file could not be parsed.');
      else if (i % 11 === 7) {
        put(id, ['STARTING', 'IN_PROGRESS', 'PARTIALLY_INDEXED'], advance, 'Some pages had no extractable text.');
      } else if (i === 20) put(id, ['STARTING', 'IN_PROGRESS', 'METADATA_PARTIALLY_INDEXED'], advance);
      else if (i === 26) put(id, ['PENDING', 'IGNORED'], advance, 'The file type is not supported.');
      else put(id, ['PENDING', 'STARTING', 'IN_PROGRESS', 'INDEXED'], advance);
    });
    // One status request loses its connection and is retried.
    sim.inject({ provider: 'bedrock', operation: 'GetKnowledgeBaseDocuments', fault: { type: 'reset' } });
    // New documents of this S3 data source: their s3:// ids name the objects Bedrock reads. Their metadata comes
    // from S3 too (a .metadata.json beside each object): Bedrock takes it the way it takes the content.
    const newDocs = Array.from({ length: 4 }, (_, i) => ({ id: `s3://acme-knowledge/inbox/memo-${i + 1}.docx` }));
    return { ids, deleteIds: ids.slice(0, 4), pageSize: 15, put: newDocs, ...TOUR };
  },
  connect: (sim) =>
    createBedrockIndex({
      knowledgeBaseId: KNOWLEDGE_BASE_ID,
      dataSourceId: DATA_SOURCE_ID,
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: FAKE_AWS_CREDENTIALS,
      retry: RETRY,
    }),
};

// ---- Azure AI Document Translation -------------------------------------------------

const TRANSLATION_ID = '3f7b9c2e-8a41-4d6f-9b0e-5c2d1a7e4f68';

/** A stable document UUID for document `i` (Azure ids are UUIDs). */
function azureDocumentId(i: number): string {
  return `0d5e1f2a-6b7c-4d8e-9f01-${String(i + 1).padStart(12, '0')}`;
}

export const azure: Scenario = {
  title: 'Azure AI Document Translation, one translation of 60 documents (status list with ids, paging)',
  seed(sim) {
    sim.azure.putTranslation(TRANSLATION_ID);
    const ids = Array.from({ length: 60 }, (_, i) => azureDocumentId(i));
    const names = documentNames(60, 'docx');
    sim.azure.putDocuments(
      TRANSLATION_ID,
      ids.map((id, i) => {
        const advance = stepMs(i, 100, 700);
        const sourcePath = `https://acmedocs.blob.core.windows.net/source/${names[i]}`;
        const path = `https://acmedocs.blob.core.windows.net/target-de/${names[i]}`;
        if (i % 17 === 4) {
          return {
            id,
            sourcePath,
            path,
            to: 'de',
            status: { statuses: ['NotStarted', 'Running', 'Failed'], advance },
            error: {
              code: 'InvalidRequest',
              message: 'The document could not be translated.',
              innerError: { code: 'WrongDocumentEncoding', message: 'The document is not UTF-8 encoded.' },
            },
          };
        }
        if (i === 30) {
          return {
            id,
            sourcePath,
            path,
            to: 'de',
            status: { statuses: ['NotStarted', 'ValidationFailed'], advance },
            error: { code: 'InvalidRequest', message: 'The source document is empty.' },
          };
        }
        return {
          id,
          sourcePath,
          path,
          to: 'de',
          status: { statuses: ['NotStarted', 'Running', 'Succeeded'], advance },
        };
      }),
    );
    // One listing request is throttled with Retry-After, which the retry honours (capped at maxDelayMs).
    sim.inject({
      provider: 'azure',
      operation: 'getDocumentsStatus',
      fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 1 },
    });
    // Azure translates documents from storage: putDocuments is unsupported (startAzureTranslation starts one).
    return { ids, deleteIds: ids.slice(0, 3), pageSize: 20, put: newDocuments(2, (i) => `memo-${i}`), ...TOUR };
  },
  connect: (sim) =>
    createAzureTranslationIndex({
      endpoint: sim.url,
      translationId: TRANSLATION_ID,
      credential: 'demo-subscription-key',
      retry: RETRY,
    }),
};

// ---- NAVER Cloud RAG -------------------------------------------------------------------

const NAVER_SERVICE_ID = 'acme-helpdesk';
const NAVER_API_KEY = 'demo-api-key';

export const naver: Scenario = {
  title: 'NAVER Cloud RAG (one document per request, run concurrently; no listing API)',
  seed(sim) {
    sim.naver.requireApiKey(NAVER_API_KEY);
    const ids = documentNames(40, 'html');
    ids.forEach((id, i) => {
      const advance = stepMs(i, 250, 1000);
      if (i === 38) return; // never uploaded: HTTP 404
      if (i % 12 === 6) {
        sim.naver.putDocument(NAVER_SERVICE_ID, {
          id,
          status: { statuses: ['NONE', 'INDEXING', 'FAILED'], advance },
          failedStep: i % 24 === 6 ? 'EMBED' : 'CHUNK',
          failureInfo: { message: 'The embedding model rejected an empty chunk.' },
        });
      } else if (i % 10 === 9) {
        sim.naver.putDocument(NAVER_SERVICE_ID, {
          id,
          status: { statuses: ['NONE', 'INDEXING', 'PARTIAL'], advance },
        });
      } else {
        sim.naver.putDocument(NAVER_SERVICE_ID, {
          id,
          status: { statuses: ['NONE', 'INDEXING', 'DONE'], advance },
        });
      }
    });
    // A token bucket: in a burst, requests beyond the first 2 are throttled (HTTP 429) and retried. Two is
    // below any concurrency, so the burst runs into it even on a machine slow enough to pace it otherwise.
    sim.rateLimit({ provider: 'naver', capacity: 2, refillPerSecond: 150 });
    // New documents, one add per request: they run into the same rate limit and are retried.
    const put = newDocuments(6, (i) => `inbox-memo-${i}`);
    return { ids, deleteIds: ids.slice(0, 5), pageSize: 20, put, ...TOUR };
  },
  connect: (sim) =>
    createNaverRagIndex({ serviceId: NAVER_SERVICE_ID, apiKey: NAVER_API_KEY, baseUrl: sim.url, retry: RETRY }),
};

/** The four scenarios, in the order the demo runs them. */
/** One scenario per provider docindex ships; a provider added to the registry without one is a compile error. */
export const SCENARIOS: Readonly<Record<KnownProviderName, Scenario>> = { kendra, bedrock, azure, naver };
