import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KENDRA_STATUS_TABLE, mapKendraStatus } from '../../../src/providers/kendra/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { INDEX_ID, kendraIndex, rejection } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const sentBodies = () => sim.log.filter({ provider: 'kendra', operation: 'BatchGetDocumentStatus' }).map((e) => e.body);

describe('status mapping', () => {
  it('maps exactly the six SDK values and nothing else', () => {
    expect(Object.keys(KENDRA_STATUS_TABLE).sort()).toEqual(
      ['FAILED', 'INDEXED', 'NOT_FOUND', 'PROCESSING', 'UPDATED', 'UPDATE_FAILED'].sort(),
    );
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const expected = Object.hasOwn(KENDRA_STATUS_TABLE, raw)
          ? KENDRA_STATUS_TABLE[raw as keyof typeof KENDRA_STATUS_TABLE]
          : 'unknown';
        expect(mapKendraStatus(raw)).toBe(expected);
      }),
    );
    expect(mapKendraStatus('indexed')).toBe('unknown');
  });
});

describe('getStatuses', () => {
  it('fills failure from FailureCode and FailureReason and keeps the raw entry', async () => {
    sim.kendra.putDocument(INDEX_ID, {
      id: 'bad',
      status: 'UPDATE_FAILED',
      failureCode: 'InvalidContent',
      failureReason: 'The document could not be parsed',
    });
    const item = await kendraIndex(sim).getStatus('bad');
    expect(item).toMatchObject({
      provider: 'kendra',
      id: 'bad',
      status: 'failed',
      providerStatus: 'UPDATE_FAILED',
      terminal: true,
      failure: { code: 'InvalidContent', message: 'The document could not be parsed' },
      raw: {
        DocumentId: 'bad',
        DocumentStatus: 'UPDATE_FAILED',
        FailureCode: 'InvalidContent',
        FailureReason: 'The document could not be parsed',
      },
    });
    const ok = await kendraIndex(sim).getStatus('unknown-doc');
    expect(ok.failure).toBeUndefined();
  });

  it('puts per-document Errors in errors with the ErrorCode as providerCode', async () => {
    sim.kendra.putDocument(INDEX_ID, { id: 'a' });
    sim.kendra.failStatusReads(['b'], { errorCode: 'InternalError' });
    sim.kendra.failStatusReads(['c'], { errorCode: 'InvalidRequest' });
    const batch = await kendraIndex(sim).getStatuses(['a', 'b', 'c']);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual([['a', 'succeeded']]);
    expect(batch.errors.map(({ id, error }) => [id, error.code, error.providerCode, error.retryable])).toEqual([
      ['b', 'internal', 'InternalError', true],
      ['c', 'validation', 'InvalidRequest', false],
    ]);
    const requestId = sim.kendra.requests[0]?.requestId;
    expect(batch.errors[0]?.error.requestId).toBe(requestId);
    expect(batch.errors[0]?.error.provider).toBe('kendra');
    // A per-document error is the provider's answer, not a failed request: no retry.
    expect(sim.log.count({ provider: 'kendra' })).toBe(1);
  });

  it('getStatus rejects with the error Kendra reported for the document', async () => {
    sim.kendra.failStatusReads(['b'], { errorCode: 'InvalidRequest' });
    const error = await rejection(kendraIndex(sim).getStatus('b'));
    expect(error).toMatchObject({ code: 'validation', providerCode: 'InvalidRequest', provider: 'kendra' });
  });

  it('sends the status-lookup attributes of a ref on the wire', async () => {
    await kendraIndex(sim).getStatuses([
      // Members given as undefined are absent (`dataSourceId: process.env.DATA_SOURCE_ID`).
      { id: 'plain', dataSourceId: undefined, dataSourceSyncJobExecutionId: undefined, version: undefined },
      { id: 'custom', dataSourceId: 'my-source_1', dataSourceSyncJobExecutionId: 'job-123' },
      { id: 'versioned', dataSourceId: 'ds', dataSourceSyncJobExecutionId: 'j', version: '3' },
    ]);
    expect(sentBodies()).toEqual([
      {
        IndexId: INDEX_ID,
        DocumentInfoList: [
          { DocumentId: 'plain' },
          {
            DocumentId: 'custom',
            Attributes: [
              { Key: '_data_source_id', Value: { StringValue: 'my-source_1' } },
              { Key: '_data_source_sync_job_execution_id', Value: { StringValue: 'job-123' } },
            ],
          },
          {
            DocumentId: 'versioned',
            Attributes: [
              { Key: '_data_source_id', Value: { StringValue: 'ds' } },
              { Key: '_data_source_sync_job_execution_id', Value: { StringValue: 'j' } },
              { Key: '_version', Value: { StringValue: '3' } },
            ],
          },
        ],
      },
    ]);
  });

  it.each([
    [{ id: 'a', dataSourceId: 'ds-1' }, 'refs[0].dataSourceSyncJobExecutionId'],
    [{ id: 'a', dataSourceSyncJobExecutionId: 'job' }, 'refs[0].dataSourceId'],
    [{ id: 'a', dataSourceId: '_starts-with-underscore', dataSourceSyncJobExecutionId: 'job' }, 'refs[0].dataSourceId'],
    [{ id: 'a', dataSourceId: 'x'.repeat(101), dataSourceSyncJobExecutionId: 'job' }, 'refs[0].dataSourceId'],
    [{ id: 'a', version: '' }, 'refs[0].version'],
    // Kendra ignores a version without the data source and execution ids.
    [{ id: 'a', version: '3' }, 'refs[0].version'],
    [{ id: 'x'.repeat(2049) }, 'refs[0].id'],
    [{ id: 5 }, 'refs[0].id'],
    [['a'], 'refs[0]'],
  ])('rejects the ref %j with validation naming %s, sending nothing', async (ref, field) => {
    const error = await rejection(kendraIndex(sim).getStatuses([ref as never]));
    expect(error).toMatchObject({ code: 'validation', field });
    expect(sim.log.entries).toHaveLength(0);
  });

  it('accepts ids of exactly 1 and 2048 characters', async () => {
    const long = 'x'.repeat(2048);
    const batch = await kendraIndex(sim).getStatuses(['x', long]);
    expect(batch.items.map((item) => item.id)).toEqual(['x', long]);
  });

  it('a list that is not a list is an invalid_response', async () => {
    sim.inject({ provider: 'kendra', fault: { type: 'wrong_shape', body: { DocumentStatusList: 'INDEXED' } } });
    const error = await rejection(kendraIndex(sim).getStatus('a'));
    expect(error.code).toBe('invalid_response');
  });

  it('an answer that leaves a document out accounts for it as invalid_response', async () => {
    sim.inject({ provider: 'kendra', fault: { type: 'wrong_shape', body: { DocumentStatusList: [] } } });
    const batch = await kendraIndex(sim).getStatuses(['a', 'b']);
    expect(batch.errors.map(({ id, error }) => [id, error.code])).toEqual([
      ['a', 'invalid_response'],
      ['b', 'invalid_response'],
    ]);
  });

  it('a malformed or truncated body is an invalid_response, not retried', async () => {
    sim.inject({ provider: 'kendra', fault: { type: 'malformed' } });
    const malformed = await rejection(kendraIndex(sim).getStatus('a'));
    expect(malformed).toMatchObject({ code: 'invalid_response', httpStatus: 200, retryable: false });
    expect(malformed.requestId).toMatch(/^[0-9a-f-]{36}$/);
    sim.inject({ provider: 'kendra', fault: { type: 'truncated' } });
    const batch = await kendraIndex(sim).getStatuses(['a']);
    expect(batch.errors[0]?.error.code).toBe('invalid_response');
    expect(sim.log.count({ provider: 'kendra' })).toBe(2);
  });
});

describe('listStatuses', () => {
  it('rejects with unsupported, saying Kendra has no listing', async () => {
    const error = await rejection(kendraIndex(sim).listStatuses().next());
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/no API that lists documents/);
    expect(sim.log.entries).toHaveLength(0);
  });
});

describe('waitFor', () => {
  it('waits through PROCESSING to INDEXED, polling only the unfinished documents', async () => {
    sim.kendra.putDocument(INDEX_ID, { id: 'fast', status: 'INDEXED' });
    sim.kendra.putDocument(INDEX_ID, { id: 'slow', status: { statuses: ['PROCESSING', 'PROCESSING', 'INDEXED'] } });
    const result = await kendraIndex(sim).waitFor(['fast', 'slow'], { minDelayMs: 1, maxDelayMs: 2 });
    expect(result.items.map((item) => [item.id, item.providerStatus])).toEqual([
      ['fast', 'INDEXED'],
      ['slow', 'INDEXED'],
    ]);
    expect(sentBodies().map((body) => (body as { DocumentInfoList: unknown[] }).DocumentInfoList.length)).toEqual([
      2, 1, 1,
    ]);
  });
});
