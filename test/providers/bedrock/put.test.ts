/**
 * putDocuments on Bedrock against the loopback simulator, over the real AWS SDK:
 * the IngestKnowledgeBaseDocuments bodies (inline text, bytes, S3, metadata),
 * the content-derived clientToken, refusals and limits.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentIndexError, RetryOptions } from '../../../src/index';
import { BEDROCK_MIME_TYPES, type BedrockIndexOptions, createBedrockIndex } from '../../../src/providers/bedrock/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import bedrockModel from '../../fixtures/official/aws/bedrock-agent.json';

const KB = 'KBADAPTER1';
const DS = 'DSCUSTOM01';
const S3DS = 'DSS3SOURCE';
const FAST_RETRY: RetryOptions = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };
const TOKEN_PATTERN = new RegExp(bedrockModel.shapes.ClientToken.pattern);

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const index = (options: Partial<BedrockIndexOptions> = {}) =>
  createBedrockIndex({
    knowledgeBaseId: KB,
    dataSourceId: DS,
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
    retry: FAST_RETRY,
    ...options,
  });

const ingests = () =>
  sim.log
    .filter({ provider: 'bedrock', operation: 'IngestKnowledgeBaseDocuments' })
    .map((entry) => entry.body as { clientToken: string; documents: Array<Record<string, unknown>> });

async function rejection(promise: Promise<unknown>): Promise<DocumentIndexError> {
  try {
    await promise;
  } catch (error) {
    return error as DocumentIndexError;
  }
  throw new Error('expected the call to reject');
}

describe('putDocuments on Bedrock', () => {
  it('sends inline text, typed bytes and metadata; accepted documents carry Bedrock’s own status', async () => {
    const client = index();
    const batch = await client.putDocuments([
      { id: 'text-1', content: 'hello world', title: 'Greeting', metadata: { year: 2024.5, draft: false } },
      { id: 'html-1', content: '<p>hi</p>', contentType: 'text/html' },
      { id: 'pdf-1', content: new Uint8Array([1, 2, 3]), contentType: 'application/pdf', metadata: { tags: ['a'] } },
      { id: 'dated', content: 'x', metadata: { at: new Date('2024-01-02T03:04:05.000Z') } },
    ]);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.id, item.status, item.providerStatus])).toEqual([
      ['text-1', 'pending', 'STARTING'],
      ['html-1', 'pending', 'STARTING'],
      ['pdf-1', 'pending', 'STARTING'],
      ['dated', 'pending', 'STARTING'],
    ]);
    const [body] = ingests();
    expect(body?.documents[0]).toEqual({
      content: {
        dataSourceType: 'CUSTOM',
        custom: {
          customDocumentIdentifier: { id: 'text-1' },
          sourceType: 'IN_LINE',
          inlineContent: { type: 'TEXT', textContent: { data: 'hello world' } },
        },
      },
      metadata: {
        type: 'IN_LINE_ATTRIBUTE',
        inlineAttributes: [
          { key: 'year', value: { type: 'NUMBER', numberValue: 2024.5 } },
          { key: 'draft', value: { type: 'BOOLEAN', booleanValue: false } },
          { key: 'title', value: { type: 'STRING', stringValue: 'Greeting' } },
        ],
      },
    });
    expect(sim.bedrock.getIngestedDocument(KB, DS, 'html-1')).toMatchObject({
      source: 'BYTE',
      mimeType: 'text/html',
      start: '<p>hi</p>',
    });
    expect(sim.bedrock.getIngestedDocument(KB, DS, 'pdf-1')).toMatchObject({ source: 'BYTE', size: 3 });
    // No date type on Bedrock: an ISO 8601 STRING.
    expect(body?.documents[3]?.metadata).toEqual({
      type: 'IN_LINE_ATTRIBUTE',
      inlineAttributes: [{ key: 'at', value: { type: 'STRING', stringValue: '2024-01-02T03:04:05.000Z' } }],
    });
    const done = await client.waitFor(batch.items, { minDelayMs: 1, maxDelayMs: 2 });
    expect(done.items.every((item) => item.providerStatus === 'INDEXED')).toBe(true);
  });

  it('sends a custom document’s S3 location, and S3 data source documents by their s3:// id', async () => {
    await index().putDocuments([{ id: 'from-s3', s3Uri: 's3://my-bucket/docs/a.pdf' }]);
    expect(ingests()[0]?.documents[0]).toEqual({
      content: {
        dataSourceType: 'CUSTOM',
        custom: {
          customDocumentIdentifier: { id: 'from-s3' },
          sourceType: 'S3_LOCATION',
          s3Location: { uri: 's3://my-bucket/docs/a.pdf' },
        },
      },
    });
    sim.bedrock.addDataSource(KB, S3DS, { type: 'S3' });
    const batch = await index({ dataSourceId: S3DS }).putDocuments([
      { id: 's3://my-bucket/report.pdf' },
      { id: 's3://my-bucket/other.pdf', s3Uri: 's3://my-bucket/other.pdf' },
    ]);
    expect(batch.items.map((item) => item.id)).toEqual(['s3://my-bucket/report.pdf', 's3://my-bucket/other.pdf']);
    expect(ingests()[1]?.documents[0]).toEqual({
      content: { dataSourceType: 'S3', s3: { s3Location: { uri: 's3://my-bucket/report.pdf' } } },
    });
  });

  it('derives the clientToken from the chunk: retries and identical re-deliveries reuse it, other content does not', async () => {
    sim.inject({
      provider: 'bedrock',
      operation: 'IngestKnowledgeBaseDocuments',
      fault: { type: 'error', kind: 'server_error' },
    });
    const docs = [
      { id: 'a', content: 'one' },
      { id: 'b', content: new Uint8Array([9, 9]), contentType: 'application/pdf' },
    ];
    await index().putDocuments(docs);
    await index().putDocuments(docs);
    await index().putDocuments([{ id: 'a', content: 'one!' }, docs[1] as never]);
    const tokens = sim.log
      .filter({ provider: 'bedrock', operation: 'IngestKnowledgeBaseDocuments' })
      .map((entry) => (entry.body as { clientToken: string }).clientToken);
    expect(tokens).toHaveLength(4);
    // Attempt 1 (500), its retry, the re-delivery: one token; other content: another.
    expect(new Set(tokens.slice(0, 3)).size).toBe(1);
    expect(tokens[3]).not.toBe(tokens[0]);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{64}$/);
    for (const token of tokens) expect(token).toMatch(TOKEN_PATTERN);
    // The service ignores a repeated token: the re-delivery changed nothing and was replayed.
    expect(sim.bedrock.seenClientTokens().map((seen) => seen.replays)).toEqual([1, 0]);
  });

  // fs.readFile gives a Buffer, whose toJSON (called before a JSON.stringify replacer sees the value) spells every
  // byte as a decimal number: hashing that made a 5 MiB document's token cost seconds and a gigabyte.
  it('gives bytes passed as a Node Buffer the token of the same bytes in a plain Uint8Array', async () => {
    const bytes = [0, 1, 2, 250, 255];
    await index().putDocuments([{ id: 'b', content: Buffer.from(bytes), contentType: 'application/pdf' }]);
    await index().putDocuments([{ id: 'b', content: new Uint8Array(bytes), contentType: 'application/pdf' }]);
    const [fromBuffer, fromArray] = ingests().map((body) => body.clientToken);
    expect(fromBuffer).toMatch(/^[0-9a-f]{64}$/);
    expect(fromBuffer).toBe(fromArray);
  });

  it('lands documents Bedrock answers with a failed status in errors, with the status as providerCode', async () => {
    sim.bedrock.failIngest(['b'], { statusReason: 'unsupported content' });
    const batch = await index().putDocuments(['a', 'b'].map((id) => ({ id, content: id })));
    expect(batch.items.map((item) => item.id)).toEqual(['a']);
    expect(batch.errors.map(({ id, error }) => [id, error.code, error.providerCode, error.retryable])).toEqual([
      ['b', 'validation', 'FAILED', false],
    ]);
    // The reason is in the message, which toJSON() keeps (the cause it also is in is left out there).
    expect(batch.errors[0]?.error.message).toBe('Bedrock did not accept the document (FAILED): unsupported content');
    expect(JSON.stringify(batch.errors[0]?.error)).toContain('unsupported content');
  });

  it('copes with an answer without documentDetails (optional in the model): accepted, pending', async () => {
    sim.bedrock.configure({ omitIngestDocumentDetails: true });
    const batch = await index().putDocuments([{ id: 'a', content: 'x' }]);
    expect(batch.items).toMatchObject([{ id: 'a', status: 'pending', providerStatus: '' }]);
  });

  it('a document that fails to index reads FAILED with its reason', async () => {
    sim.bedrock.failIndexing(['a'], { statusReason: 'parse error' });
    const client = index();
    const batch = await client.putDocuments([{ id: 'a', content: 'x' }]);
    // Accepted, still on its way: no reason yet (it explains the status the document ends on).
    expect(batch.items[0]).toMatchObject({ status: 'pending' });
    expect(batch.items[0]?.failure).toBeUndefined();
    const done = await client.waitFor(batch.items, { minDelayMs: 1, maxDelayMs: 2 });
    expect(done.items[0]).toMatchObject({ status: 'failed', failure: { message: 'parse error' } });
  });

  it('cuts requests at 10 documents', async () => {
    await index().putDocuments(
      Array.from({ length: 23 }, (_, i) => ({ id: `d${i}`, content: 'x' })),
      { concurrency: 1 },
    );
    expect(ingests().map((body) => body.documents.length)).toEqual([10, 10, 3]);
  });

  it.each([
    ['docs[0].contentType', { id: 'a', content: new Uint8Array([1]) }, 'contentType'],
    ['docs[0].contentType', { id: 'a', content: new Uint8Array([1]), contentType: 'image/png' }, 'image/png'],
    ['docs[0].content', { id: 'a', content: '' }, 'empty'],
    ['docs[0].content', { id: 'a', content: 'x'.repeat(5_242_881) }, 's3Uri'],
    ['docs[0].content', { id: 'a', content: new Uint8Array(5_242_881), contentType: 'application/pdf' }, 'bytes'],
    ['docs[0].content', { id: 's3://bucket/a.pdf', content: 'x' }, 'S3 data source'],
    ['docs[0].s3Uri', { id: 's3://bucket/a.pdf', s3Uri: 's3://bucket/b.pdf' }, 'id itself'],
    ['docs[0].s3Uri', { id: 'a', s3Uri: 's3://B/k' }, 's3://bucket/key'],
    ['docs[0].metadata.tags', { id: 'a', content: 'x', metadata: { tags: [] } }, '1 to 10'],
    ['docs[0].metadata.tags', { id: 'a', content: 'x', metadata: { tags: Array(11).fill('t') } }, '1 to 10'],
    ['docs[0].metadata.s', { id: 'a', content: 'x', metadata: { s: '' } }, 'empty'],
    [
      'docs[0].metadata',
      { id: 'a', content: 'x', metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) },
      '50',
    ],
    ['docs[0].title', { id: 'a', content: 'x', title: 'T', metadata: { title: 'also' } }, 'title'],
    ['docs[0].id', { id: 'x'.repeat(2049), content: 'x' }, '2048'],
    // "The content and metadata for a document must be defined with the same method" (user guide).
    ['docs[0].metadata', { id: 's3://bucket/a.pdf', metadata: { team: 'x' } }, 'from S3 too'],
    ['docs[0].title', { id: 's3://bucket/a.pdf', title: 'T' }, 'from S3 too'],
    ['docs[0].metadata', { id: 'a', s3Uri: 's3://bucket/a.pdf', metadata: { team: 'x' } }, 'from S3 too'],
    ['docs[0].title', { id: 'a', s3Uri: 's3://bucket/a.pdf', title: 'T' }, 'from S3 too'],
  ])('refuses a bad %s before sending', async (field, doc, words) => {
    const error = await rejection(index().putDocuments([doc as never]));
    expect(error).toMatchObject({ code: 'validation', field, provider: 'bedrock' });
    expect(error.message).toContain(words);
    expect(sim.log.entries).toHaveLength(0);
  });
});

describe('Bedrock put facts against the official model', () => {
  it('takes exactly the MIME types the model documents for ByteContentDoc', () => {
    const documented = bedrockModel.shapes.ByteContentDoc.members.mimeType.documentation.slice(1);
    expect([...BEDROCK_MIME_TYPES]).toEqual(documented);
  });

  it('the simulator refuses what the model refuses, with a ValidationException fieldList', async () => {
    const send = (body: unknown) =>
      fetch(`${sim.url}/knowledgebases/${KB}/datasources/${DS}/documents`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const custom = (custom: unknown, metadata?: unknown) => ({
      documents: [{ content: { dataSourceType: 'CUSTOM', custom }, ...(metadata ? { metadata } : {}) }],
    });
    const id = { customDocumentIdentifier: { id: 'a' } };
    const cases: Array<[unknown, string]> = [
      [{ documents: [] }, 'documents'],
      [custom({ ...id, sourceType: 'IN_LINE' }), 'inlineContent'],
      [
        custom({ ...id, sourceType: 'IN_LINE', inlineContent: { type: 'TEXT', textContent: { data: '' } } }),
        'textContent.data',
      ],
      [
        custom({
          ...id,
          sourceType: 'IN_LINE',
          inlineContent: { type: 'BYTE', byteContent: { mimeType: 'pdf', data: 'AQID' } },
        }),
        'mimeType',
      ],
      [custom({ ...id, sourceType: 'S3_LOCATION', s3Location: { uri: 's3://B/k' } }), 's3Location.uri'],
      [
        custom(
          { ...id, sourceType: 'IN_LINE', inlineContent: { type: 'TEXT', textContent: { data: 'x' } } },
          { type: 'IN_LINE_ATTRIBUTE', inlineAttributes: [] },
        ),
        'inlineAttributes',
      ],
      [
        custom(
          { ...id, sourceType: 'IN_LINE', inlineContent: { type: 'TEXT', textContent: { data: 'x' } } },
          {
            type: 'IN_LINE_ATTRIBUTE',
            inlineAttributes: [{ key: 'k', value: { type: 'STRING_LIST', stringListValue: [] } }],
          },
        ),
        'stringListValue',
      ],
      [
        {
          ...custom({ ...id, sourceType: 'IN_LINE', inlineContent: { type: 'TEXT', textContent: { data: 'x' } } }),
          clientToken: 'short',
        },
        'clientToken',
      ],
    ];
    for (const [body, words] of cases) {
      const response = await send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('x-amzn-errortype')).toMatch(/^ValidationException/);
      const answer = (await response.json()) as { fieldList: Array<{ name: string }> };
      expect(answer.fieldList.map((field) => field.name).join(' ')).toContain(words);
    }
  });
});
