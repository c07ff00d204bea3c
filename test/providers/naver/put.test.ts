/**
 * putDocuments on NAVER against the loopback simulator: the documented add and
 * replace routes and body, our upsert (POST, then PUT on a conflict), ids, and
 * text-only content.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentIndexError } from '../../../src/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import addById from '../../fixtures/official/naver/add-document-by-id.json';
import replace from '../../fixtures/official/naver/replace-document.json';
import { API_KEY, naverClient, SERVICE_ID } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const writes = () =>
  sim.log
    .filter({ provider: 'naver' })
    .filter((entry) => entry.operation === 'addDocument' || entry.operation === 'replaceDocument')
    .map((entry) => [entry.method, new URL(entry.url).pathname, entry.body] as const);

async function rejection(promise: Promise<unknown>): Promise<DocumentIndexError> {
  try {
    await promise;
  } catch (error) {
    return error as DocumentIndexError;
  }
  throw new Error('expected the call to reject');
}

describe('putDocuments on NAVER', () => {
  it('adds each document with one POST of the documented body; accepted ones read pending, then index', async () => {
    const index = naverClient(sim);
    const batch = await index.putDocuments([
      { id: 'doc-1', content: 'hello', title: 'Hello', metadata: { team: 'search', year: 2024, live: true } },
      { id: 'doc_2', content: new TextEncoder().encode('bytes as UTF-8 text: 한국어'), contentType: 'text/markdown' },
    ]);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.id, item.status, item.providerStatus])).toEqual([
      ['doc-1', 'pending', ''],
      ['doc_2', 'pending', ''],
    ]);
    expect(writes()).toEqual([
      [
        'POST',
        `/api/v1/svc/${SERVICE_ID}/doc/doc-1`,
        { body: 'hello', title: 'Hello', extra: { team: 'search', year: 2024, live: true } },
      ],
      ['POST', `/api/v1/svc/${SERVICE_ID}/doc/doc_2`, { body: 'bytes as UTF-8 text: 한국어' }],
    ]);
    const sent = sim.log.filter({ operation: 'addDocument' })[0];
    expect(sent?.headers['content-type']).toMatch(/^application\/json/);
    expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const done = await index.waitFor(batch.items, { minDelayMs: 1, maxDelayMs: 2 });
    expect(done.items.map((item) => item.providerStatus)).toEqual(['DONE', 'DONE']);
  });

  it('replaces an existing document: the POST is refused as a conflict, then one PUT', async () => {
    const index = naverClient(sim);
    await index.putDocuments([{ id: 'doc-1', content: 'first' }]);
    const batch = await index.putDocuments([{ id: 'doc-1', content: 'second' }]);
    expect(batch.items.map((item) => item.id)).toEqual(['doc-1']);
    expect(writes().map(([method]) => method)).toEqual(['POST', 'POST', 'PUT']);
    expect(sim.naver.getWrittenDocument(SERVICE_ID, 'doc-1')).toMatchObject({ route: 'replace', bodyStart: 'second' });
  });

  it("a replace that finds no document (it went after the add said it exists) is that document's error, not the call's", async () => {
    sim.inject({
      provider: 'naver',
      operation: 'addDocument',
      fault: { type: 'error', kind: 'validation', status: 409 },
    });
    sim.inject({ provider: 'naver', operation: 'replaceDocument', fault: { type: 'error', kind: 'not_found' } });
    const batch = await naverClient(sim).putDocuments(
      ['a', 'b', 'c'].map((id) => ({ id, content: id })),
      { concurrency: 1 },
    );
    expect(batch.items.map((item) => item.id)).toEqual(['b', 'c']);
    expect(batch.errors.map(({ id, error }) => [id, error.code, error.httpStatus])).toEqual([['a', 'conflict', 404]]);
    expect(batch.errors[0]?.error.message).toMatch(/the document went between the add and the replace/);
  });

  it('is still one request where the service replaces on POST', async () => {
    sim.naver.configureWrites({ addExisting: 'replace' });
    const index = naverClient(sim);
    await index.putDocuments([{ id: 'doc-1', content: 'first' }]);
    await index.putDocuments([{ id: 'doc-1', content: 'second' }]);
    expect(writes().map(([method]) => method)).toEqual(['POST', 'POST']);
  });

  it('Date metadata goes into extra as ISO 8601', async () => {
    await naverClient(sim).putDocuments([{ id: 'd', content: 'x', metadata: { at: new Date(Date.UTC(2024, 0, 2)) } }]);
    expect(writes()[0]?.[2]).toEqual({ body: 'x', extra: { at: '2024-01-02T00:00:00.000Z' } });
  });

  it('lands a document the service refuses in errors with its code, and retries a throttled one', async () => {
    sim.inject({ provider: 'naver', operation: 'addDocument', fault: { type: 'error', kind: 'throttled' } });
    sim.inject({ provider: 'naver', operation: 'addDocument', fault: { type: 'error', kind: 'validation' } });
    const batch = await naverClient(sim).putDocuments(
      [
        { id: 'a', content: 'x' },
        { id: 'b', content: 'y' },
      ],
      {
        concurrency: 1,
      },
    );
    // a: throttled, retried, then refused; b: accepted. Refused one request at a
    // time, a refusal is that document's error, not the call's.
    expect(batch.items.map((item) => item.id)).toEqual(['b']);
    expect(batch.errors.map(({ id, error }) => [id, error.code, error.providerCode])).toEqual([
      ['a', 'validation', '40000'],
    ]);
    expect(sim.log.count({ provider: 'naver', operation: 'addDocument' })).toBe(3);
  });

  it.each([
    ['docs[0].id', { id: 'a/b', content: 'x' }, 'letters, digits'],
    ['docs[0].id', { id: 'x'.repeat(1025), content: 'x' }, '1024'],
    ['docs[0].s3Uri', { id: 'a', s3Uri: 's3://bucket/key' }, 'S3'],
    ['docs[0].content', { id: 'a' }, 'body'],
    ['docs[0].content', { id: 'a', content: new Uint8Array([0xff, 0xfe, 0x00]) }, 'UTF-8'],
    ['docs[0].contentType', { id: 'a', content: 'x', contentType: 'application/pdf' }, 'text'],
  ])('refuses a bad %s before sending', async (field, doc, words) => {
    const error = await rejection(naverClient(sim).putDocuments([doc as never]));
    expect(error).toMatchObject({ code: 'validation', field, provider: 'naver' });
    expect(error.message).toContain(words);
    expect(sim.log.entries).toHaveLength(0);
  });
});

describe('NAVER put facts against the official pages', () => {
  it('sends only body fields the pages document', async () => {
    const documented = new Set(addById.request.body.map((field) => field.name));
    expect(new Set(replace.request.body.map((field) => field.name))).toEqual(documented);
    await naverClient(sim).putDocuments([{ id: 'a', content: 'x', title: 't', metadata: { k: 'v' } }]);
    for (const [, , body] of writes()) {
      for (const key of Object.keys(body as object)) expect(documented.has(key), key).toBe(true);
    }
  });

  it('refuses ids outside the add-by-id rule, accepts the rule’s characters', async () => {
    const rule = new RegExp(addById.request.pathParams.find((param) => param.name === 'docId')?.pattern ?? '');
    for (const id of ['A-z_0', 'x', '---']) expect(rule.test(id)).toBe(true);
    const ok = await naverClient(sim).putDocuments([{ id: 'A-z_0', content: 'x' }]);
    expect(ok.errors).toEqual([]);
    for (const id of ['a.b', 'é', 'a b']) {
      expect(rule.test(id)).toBe(false);
      expect((await rejection(naverClient(sim).putDocuments([{ id, content: 'x' }]))).code).toBe('validation');
    }
  });
});
