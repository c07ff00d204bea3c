import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { INDEX_ID, kendraIndex } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('deleteDocuments', () => {
  it('reports accepted documents as deleting with no provider status, refused ones in errors', async () => {
    sim.kendra.putDocument(INDEX_ID, { id: 'a' }).putDocument(INDEX_ID, { id: 'b' });
    sim.kendra.failDeletes(['b'], { errorCode: 'InvalidRequest' });
    const batch = await kendraIndex(sim).deleteDocuments([
      'a',
      'b',
      { id: 'c', dataSourceId: 'ds', dataSourceSyncJobExecutionId: 'j', version: '2' },
    ]);
    expect(batch.items).toEqual([
      { provider: 'kendra', id: 'a', status: 'deleting', providerStatus: '', terminal: false, raw: { Id: 'a' } },
      { provider: 'kendra', id: 'c', status: 'deleting', providerStatus: '', terminal: false, raw: { Id: 'c' } },
    ]);
    expect(batch.errors.map(({ id, error }) => [id, error.code, error.providerCode])).toEqual([
      ['b', 'validation', 'InvalidRequest'],
    ]);
    expect(sim.log.filter({ operation: 'BatchDeleteDocument' }).map((e) => e.body)).toEqual([
      { IndexId: INDEX_ID, DocumentIdList: ['a', 'b', 'c'] },
    ]);
    expect(sim.kendra.getDocument(INDEX_ID, 'a')?.deleted).toBe(true);
    expect(sim.kendra.getDocument(INDEX_ID, 'b')?.deleted).toBe(false);
  });

  it('an InternalError in FailedDocuments is retryable', async () => {
    sim.kendra.failDeletes(['a']);
    const batch = await kendraIndex(sim).deleteDocuments(['a']);
    expect(batch.errors[0]?.error).toMatchObject({ code: 'internal', providerCode: 'InternalError', retryable: true });
  });

  it("Kendra's ErrorMessage is in the error's message, which toJSON() keeps", async () => {
    sim.kendra.failDeletes(['a'], { errorCode: 'InvalidRequest', errorMessage: 'The document is locked.' });
    const batch = await kendraIndex(sim).deleteDocuments(['a']);
    expect(batch.errors[0]?.error.message).toBe(
      'Amazon Kendra could not delete the document (InvalidRequest): The document is locked.',
    );
    expect(JSON.stringify(batch.errors[0]?.error)).toContain('The document is locked.');
  });

  it('waitFor sees a deleted document go from INDEXED to not_found', async () => {
    sim.kendra.setDeleteLag({ reads: 2 }).putDocument(INDEX_ID, { id: 'a', status: 'INDEXED' });
    const index = kendraIndex(sim);
    await index.deleteDocuments(['a']);
    const reads: string[] = [];
    const result = await index.waitFor(['a'], {
      until: (status) => status === 'not_found',
      minDelayMs: 1,
      maxDelayMs: 2,
      onProgress: (snapshot) => reads.push(snapshot.items[0]?.providerStatus ?? ''),
    });
    expect(reads).toEqual(['INDEXED', 'INDEXED', 'NOT_FOUND']);
    expect(result.items[0]?.status).toBe('not_found');
  });

  it('sends chunks of at most 10 ids', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => `doc-${i}`);
    const batch = await kendraIndex(sim).deleteDocuments(ids);
    expect(batch.items).toHaveLength(23);
    const sizes = sim.log
      .filter({ operation: 'BatchDeleteDocument' })
      .map((e) => (e.body as { DocumentIdList: string[] }).DocumentIdList.length)
      .sort((a, b) => b - a);
    expect(sizes).toEqual([10, 10, 3]);
  });
});
