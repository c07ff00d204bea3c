import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KENDRA_CONTENT_TYPES } from '../../../src/providers/kendra/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import kendraModel from '../../fixtures/official/aws/kendra.json';
import { INDEX_ID, kendraIndex, rejection } from './fixtures';

const ROLE = 'arn:aws:iam::123456789012:role/kendra-s3';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const putBodies = () =>
  sim.log.filter({ operation: 'BatchPutDocument' }).map((entry) => entry.body as Record<string, unknown>);

describe('putDocuments on Kendra', () => {
  it('sends Blob, Title, ContentType and typed Attributes; accepted documents read pending, then index', async () => {
    const index = kendraIndex(sim);
    const batch = await index.putDocuments([
      {
        id: 'a.html',
        content: '<p>héllo</p>',
        contentType: 'text/html; charset=utf-8',
        title: 'A',
        metadata: { team: 'search', year: 2024, tags: ['x', 'y'], published: new Date('2024-03-01T00:00:00Z') },
      },
      { id: 'b.pdf', content: new Uint8Array([0x25, 0x50, 0x44, 0x46]), contentType: 'application/pdf' },
      { id: 'c.txt', content: 'plain' },
    ]);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.id, item.status, item.providerStatus])).toEqual([
      ['a.html', 'pending', ''],
      ['b.pdf', 'pending', ''],
      ['c.txt', 'pending', ''],
    ]);
    const [body] = putBodies();
    const documents = body?.Documents as Array<Record<string, unknown>>;
    expect(documents[0]).toMatchObject({ Id: 'a.html', Title: 'A', ContentType: 'HTML' });
    // The SDK sends the Blob base64 and a DateValue as epoch seconds (awsJson1_1 without a timestamp format).
    expect(Buffer.from(documents[0]?.Blob as string, 'base64').toString('utf8')).toBe('<p>héllo</p>');
    expect(documents[0]?.Attributes).toEqual([
      { Key: 'team', Value: { StringValue: 'search' } },
      { Key: 'year', Value: { LongValue: 2024 } },
      { Key: 'tags', Value: { StringListValue: ['x', 'y'] } },
      { Key: 'published', Value: { DateValue: Date.UTC(2024, 2, 1) / 1000 } },
    ]);
    expect(documents[1]).toMatchObject({ ContentType: 'PDF' });
    expect(documents[2]).toMatchObject({ ContentType: 'PLAIN_TEXT' });
    expect(sim.kendra.getPutDocument(INDEX_ID, 'b.pdf')).toMatchObject({ blobBytes: 4, contentType: 'PDF' });
    const done = await index.waitFor(batch.items, { minDelayMs: 1, maxDelayMs: 2 });
    expect(done.items.map((item) => item.providerStatus)).toEqual(['INDEXED', 'INDEXED', 'INDEXED']);
  });

  it('replaces an existing document (upsert): it then reads UPDATED', async () => {
    sim.kendra.putDocument(INDEX_ID, { id: 'a', status: 'INDEXED' });
    const index = kendraIndex(sim);
    const batch = await index.putDocuments([{ id: 'a', content: 'new' }]);
    const done = await index.waitFor(batch.items, { minDelayMs: 1 });
    expect(done.items[0]?.providerStatus).toBe('UPDATED');
  });

  it('sends S3 documents as S3Path with the factory roleArn, and refuses them without one', async () => {
    const batch = await kendraIndex(sim, { roleArn: ROLE }).putDocuments([
      { id: 's3-doc', s3Uri: 's3://my-bucket/docs/report.pdf', contentType: 'application/pdf' },
    ]);
    expect(batch.errors).toEqual([]);
    expect(putBodies()[0]).toMatchObject({
      RoleArn: ROLE,
      Documents: [{ Id: 's3-doc', S3Path: { Bucket: 'my-bucket', Key: 'docs/report.pdf' }, ContentType: 'PDF' }],
    });
    const error = await rejection(kendraIndex(sim).putDocuments([{ id: 'x', s3Uri: 's3://my-bucket/k' }]));
    expect(error).toMatchObject({ code: 'validation', field: 'docs[0].s3Uri' });
    expect(error.message).toContain('roleArn');
    expect(() => kendraIndex(sim, { roleArn: 'not-an-arn' })).toThrowError(
      expect.objectContaining({ field: 'roleArn' }),
    );
  });

  it('cuts requests at 10 documents and at 5,000,000 bytes of inline content', async () => {
    const big = 'x'.repeat(1_400_000);
    const docs = [
      ...Array.from({ length: 4 }, (_, i) => ({ id: `big-${i}`, content: big })),
      ...Array.from({ length: 12 }, (_, i) => ({ id: `small-${i}`, content: 's' })),
    ];
    const batch = await kendraIndex(sim).putDocuments(docs, { concurrency: 1 });
    expect(batch.errors).toEqual([]);
    const sizes = putBodies().map((body) => (body.Documents as unknown[]).length);
    // 3 x 1.4 MB fit in one request, the 4th opens the next; then 10 documents per request.
    expect(sizes).toEqual([3, 10, 3]);
    for (const body of putBodies()) {
      const bytes = (body.Documents as Array<{ Blob?: string }>).reduce(
        (sum, d) => sum + Buffer.from(d.Blob ?? '', 'base64').length,
        0,
      );
      expect(bytes).toBeLessThanOrEqual(5_000_000);
    }
  });

  it('refuses an inline document over the limit with a validation error that says to use s3Uri', async () => {
    const error = await rejection(
      kendraIndex(sim).putDocuments([{ id: 'a' }, { id: 'huge', content: new Uint8Array(5_000_001) }] as never),
    );
    expect(error).toMatchObject({ code: 'validation', field: 'docs[0].content' });
    const huge = await rejection(kendraIndex(sim).putDocuments([{ id: 'huge', content: new Uint8Array(5_000_001) }]));
    expect(huge).toMatchObject({ code: 'validation', field: 'docs[0].content' });
    expect(huge.message).toContain('s3Uri');
    expect(sim.log.entries).toHaveLength(0);
  });

  it.each([
    ['docs[0].metadata.flag', { id: 'a', content: 'x', metadata: { flag: true } }, 'boolean'],
    ['docs[0].metadata.score', { id: 'a', content: 'x', metadata: { score: 0.5 } }, 'no fractional type'],
    // An integer, but not exact as a number: the message says so rather than calling it fractional.
    ['docs[0].metadata.bytes', { id: 'a', content: 'x', metadata: { bytes: 2 ** 60 } }, 'send it as a string'],
    ['docs[0].metadata.bad key', { id: 'a', content: 'x', metadata: { 'bad key': 'v' } }, 'key'],
    ['docs[0].metadata.empty', { id: 'a', content: 'x', metadata: { empty: '' } }, ''],
    // biome-ignore lint/suspicious/noSparseArray: a hole in a string list
    ['docs[0].metadata.tags[1]', { id: 'a', content: 'x', metadata: { tags: ['x', , 'y'] } }, 'string'],
    ['docs[0].contentType', { id: 'a', content: 'x', contentType: 'image/png' }, 'image/png'],
    ['docs[0].content', { id: 'a' }, ''],
    ['docs[0].s3Uri', { id: 'a', content: 'x', s3Uri: 's3://b/k' }, 'not both'],
    ['docs[0].id', { id: '', content: 'x' }, ''],
    ['docs[0].id', { id: 'x'.repeat(2049), content: 'x' }, ''],
    ['docs[0].tilte', { id: 'a', content: 'x', tilte: 'typo' }, 'not a member'],
  ])('refuses a bad %s before sending', async (field, doc, words) => {
    const error = await rejection(kendraIndex(sim, { roleArn: ROLE }).putDocuments([doc as never]));
    expect(error).toMatchObject({ code: 'validation', field, provider: 'kendra' });
    expect(error.message).toContain(words);
    expect(sim.log.entries).toHaveLength(0);
  });

  it('lands FailedDocuments in errors with their ErrorCode, the rest in items', async () => {
    sim.kendra.failPuts(['b'], { errorCode: 'InvalidRequest', errorMessage: 'bad document' });
    sim.kendra.failPuts(['c']);
    const batch = await kendraIndex(sim).putDocuments(['a', 'b', 'c'].map((id) => ({ id, content: id })));
    expect(batch.items.map((item) => item.id)).toEqual(['a']);
    expect(batch.errors.map(({ id, error }) => [id, error.code, error.providerCode, error.retryable])).toEqual([
      ['b', 'validation', 'InvalidRequest', false],
      ['c', 'internal', 'InternalError', true],
    ]);
  });

  it('a document that fails to index reads FAILED with its failure code', async () => {
    sim.kendra.failIndexing(['a'], { failureCode: 'UnsupportedFormat', failureReason: 'cannot read' });
    const index = kendraIndex(sim);
    const batch = await index.putDocuments([{ id: 'a', content: 'x' }]);
    const done = await index.waitFor(batch.items, { minDelayMs: 1 });
    expect(done.items[0]).toMatchObject({
      status: 'failed',
      providerStatus: 'FAILED',
      failure: { code: 'UnsupportedFormat', message: 'cannot read' },
    });
  });
});

describe('Kendra put facts against the official model', () => {
  it('maps a MIME type to every ContentType the model lists, and to nothing else', () => {
    expect([...new Set(Object.values(KENDRA_CONTENT_TYPES))].sort()).toEqual([...kendraModel.enums.ContentType].sort());
  });

  it('the simulator refuses what the model refuses, in AWS words', async () => {
    const send = (body: unknown) =>
      fetch(sim.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSKendraFrontendService.BatchPutDocument',
        },
        body: JSON.stringify(body),
      });
    const base = { IndexId: INDEX_ID };
    const cases: Array<[unknown, string]> = [
      [{ ...base, Documents: [] }, 'documents'],
      [{ ...base, Documents: Array.from({ length: 11 }, (_, i) => ({ Id: `d${i}` })) }, 'documents'],
      [{ ...base, Documents: [{ Id: 'a', ContentType: 'DOCX' }] }, 'contentType'],
      [{ ...base, Documents: [{ Id: 'a', Attributes: [{ Key: '-x', Value: { StringValue: 'v' } }] }] }, 'key'],
      [
        { ...base, Documents: [{ Id: 'a', Attributes: [{ Key: 'k', Value: { StringValue: '', LongValue: 1 } }] }] },
        'one value',
      ],
      [{ ...base, Documents: [{ Id: 'a', S3Path: { Bucket: 'UPPER', Key: 'k' } }] }, 'bucket'],
      [{ ...base, RoleArn: 'role', Documents: [{ Id: 'a' }] }, 'roleArn'],
      [{ ...base, Documents: [{ Id: 'a', Blob: Buffer.alloc(5_000_001).toString('base64') }] }, '5000000'],
    ];
    for (const [body, words] of cases) {
      const response = await send(body);
      expect(response.status).toBe(400);
      // awsJson1.1 errors carry `Message` (capitalised), as the simulator's other errors do.
      const answer = (await response.json()) as { __type: string; Message: string };
      expect(answer.__type).toBe('ValidationException');
      expect(answer.Message).toContain(words);
    }
  });
});
