/**
 * Wire fidelity of the Kendra simulator, seen through the real `KendraClient`
 * (AWS JSON 1.1, SigV4-signed with dummy keys) pointed at the loopback server, and
 * through raw `fetch` where the headers themselves are the point.
 */
import {
  BatchDeleteDocumentCommand,
  BatchGetDocumentStatusCommand,
  BatchPutDocumentCommand,
  KendraClient,
  KendraServiceException,
} from '@aws-sdk/client-kendra';
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSimulator,
  createSimulatorHandlers,
  type ProviderErrorKind,
  type RunningSimulator,
  startSimulator,
} from '../../src/testing/index';

const INDEX = '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab';
const OTHER_INDEX = 'ffffffff-4e5f-4a6b-8c7d-0123456789ab';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };

let sim: RunningSimulator;
let kendra: KendraClient;

beforeAll(async () => {
  sim = await startSimulator();
  kendra = new KendraClient({ endpoint: sim.url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
});
afterAll(async () => {
  kendra.destroy();
  await sim.close();
});
beforeEach(() => sim.reset());

const getStatus = (ids: string[], indexId = INDEX) =>
  kendra.send(
    new BatchGetDocumentStatusCommand({
      IndexId: indexId,
      DocumentInfoList: ids.map((DocumentId) => ({ DocumentId })),
    }),
  );

/** The exception a promise rejects with. */
async function thrown(promise: Promise<unknown>): Promise<KendraServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as KendraServiceException;
  }
  throw new Error('expected the request to fail');
}

/** A raw AWS JSON 1.1 request, for what the SDK hides (headers, unsigned requests). */
const rawPost = (target: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${sim.url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSKendraFrontendService.${target}`,
      ...headers,
    },
    body,
  });

describe('BatchGetDocumentStatus', () => {
  it('reports stored documents, and NOT_FOUND for documents nobody put', async () => {
    sim.kendra.putDocument(INDEX, { id: 'a', status: 'INDEXED' }).putDocument(INDEX, { id: 'b', status: 'PROCESSING' });
    const out = await getStatus(['a', 'b', 'never-put']);
    expect(out.DocumentStatusList).toEqual([
      { DocumentId: 'a', DocumentStatus: 'INDEXED' },
      { DocumentId: 'b', DocumentStatus: 'PROCESSING' },
      { DocumentId: 'never-put', DocumentStatus: 'NOT_FOUND' },
    ]);
    expect(out.Errors).toEqual([]);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps one document table per index', async () => {
    sim.kendra.putDocument(INDEX, { id: 'a' });
    expect((await getStatus(['a'], OTHER_INDEX)).DocumentStatusList?.[0]?.DocumentStatus).toBe('NOT_FOUND');
    expect((await getStatus(['a'], INDEX)).DocumentStatusList?.[0]?.DocumentStatus).toBe('INDEXED');
    // removeDocument forgets a document of one index only, at once.
    expect(sim.kendra.removeDocument(OTHER_INDEX, 'a')).toBe(false);
    expect(sim.kendra.removeDocument(INDEX, 'a')).toBe(true);
    expect(sim.kendra.getDocument(INDEX, 'a')).toBeUndefined();
    expect((await getStatus(['a'], INDEX)).DocumentStatusList?.[0]?.DocumentStatus).toBe('NOT_FOUND');
  });

  it('advances a timeline one step per read and stays on the last status', async () => {
    sim.kendra.putDocument(INDEX, { id: 'a', status: { statuses: ['PROCESSING', 'PROCESSING', 'INDEXED'] } });
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await getStatus(['a'])).DocumentStatusList?.[0]?.DocumentStatus);
    expect(seen).toEqual(['PROCESSING', 'PROCESSING', 'INDEXED', 'INDEXED']);
    expect(sim.kendra.getDocument(INDEX, 'a')).toMatchObject({ status: 'INDEXED', reads: 4 });
  });

  it('advances a timed timeline as the clock moves', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      sim.kendra.putDocument(INDEX, { id: 'a', status: { statuses: ['PROCESSING', 'INDEXED'], advance: 60_000 } });
      expect((await getStatus(['a'])).DocumentStatusList?.[0]?.DocumentStatus).toBe('PROCESSING');
      vi.setSystemTime(Date.now() + 60_000);
      expect((await getStatus(['a'])).DocumentStatusList?.[0]?.DocumentStatus).toBe('INDEXED');
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends FailureCode and FailureReason once the document reads FAILED', async () => {
    sim.kendra.putDocument(INDEX, {
      id: 'a',
      status: { statuses: ['PROCESSING', 'FAILED'] },
      failureCode: '400',
      failureReason: 'The document could not be parsed.',
    });
    expect((await getStatus(['a'])).DocumentStatusList).toEqual([{ DocumentId: 'a', DocumentStatus: 'PROCESSING' }]);
    expect((await getStatus(['a'])).DocumentStatusList).toEqual([
      {
        DocumentId: 'a',
        DocumentStatus: 'FAILED',
        FailureCode: '400',
        FailureReason: 'The document could not be parsed.',
      },
    ]);
  });

  it('reports marked ids in Errors, for as many requests as asked', async () => {
    sim.kendra.putDocument(INDEX, { id: 'a' }).putDocument(INDEX, { id: 'b' });
    sim.kendra.failStatusReads(['a'], { errorCode: 'InvalidRequest', errorMessage: 'bad attributes' });
    sim.kendra.failStatusReads(['b'], { times: 1, dataSourceId: 'ds-1' });
    const first = await getStatus(['a', 'b']);
    expect(first.DocumentStatusList).toEqual([]);
    expect(first.Errors).toEqual([
      { DocumentId: 'a', ErrorCode: 'InvalidRequest', ErrorMessage: 'bad attributes' },
      { DocumentId: 'b', DataSourceId: 'ds-1', ErrorCode: 'InternalError', ErrorMessage: expect.any(String) },
    ]);
    const second = await getStatus(['a', 'b']);
    expect(second.Errors?.map((e) => e.DocumentId)).toEqual(['a']);
    expect(second.DocumentStatusList).toEqual([{ DocumentId: 'b', DocumentStatus: 'INDEXED' }]);
  });

  it('limits marked errors to one index when asked', async () => {
    sim.kendra.failStatusReads(['a'], { indexId: OTHER_INDEX });
    expect((await getStatus(['a'])).Errors).toEqual([]);
    expect((await getStatus(['a'], OTHER_INDEX)).Errors).toHaveLength(1);
  });

  it('passes status-lookup attributes through on the wire', async () => {
    await kendra.send(
      new BatchGetDocumentStatusCommand({
        IndexId: INDEX,
        DocumentInfoList: [
          { DocumentId: 'a', Attributes: [{ Key: '_data_source_id', Value: { StringValue: 'ds-1' } }] },
        ],
      }),
    );
    expect(sim.log.entries[0]?.body).toEqual({
      IndexId: INDEX,
      DocumentInfoList: [{ DocumentId: 'a', Attributes: [{ Key: '_data_source_id', Value: { StringValue: 'ds-1' } }] }],
    });
  });

  it('accounts for every id asked, in DocumentStatusList or Errors (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 10 }),
        fc.func(fc.constantFrom('put', 'error', 'absent')),
        async (ids, fate) => {
          sim.reset();
          for (const id of ids) {
            if (fate(id) === 'put') sim.kendra.putDocument(INDEX, { id, status: 'INDEXED' });
            if (fate(id) === 'error') sim.kendra.failStatusReads([id]);
          }
          const out = await getStatus(ids);
          const answered = [
            ...(out.DocumentStatusList ?? []).map((s) => s.DocumentId),
            ...(out.Errors ?? []).map((e) => e.DocumentId),
          ];
          expect([...answered].sort()).toEqual([...ids].sort());
          for (const status of out.DocumentStatusList ?? []) {
            expect(status.DocumentStatus).toBe(fate(status.DocumentId as string) === 'put' ? 'INDEXED' : 'NOT_FOUND');
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('BatchPutDocument and BatchDeleteDocument', () => {
  it('put creates a document that is PROCESSING, then INDEXED; a second put reads UPDATED', async () => {
    const put = () =>
      kendra.send(
        new BatchPutDocumentCommand({
          IndexId: INDEX,
          Documents: [
            {
              Id: 'a',
              Title: 'A',
              Blob: new TextEncoder().encode('hello'),
              Attributes: [{ Key: '_version', Value: { StringValue: '1' } }],
            },
          ],
        }),
      );
    expect((await put()).FailedDocuments).toEqual([]);
    expect(sim.kendra.getDocument(INDEX, 'a')?.attributes).toEqual([{ Key: '_version', Value: { StringValue: '1' } }]);
    const reads = async () => (await getStatus(['a'])).DocumentStatusList?.[0]?.DocumentStatus;
    expect([await reads(), await reads()]).toEqual(['PROCESSING', 'INDEXED']);
    await put();
    expect([await reads(), await reads()]).toEqual(['PROCESSING', 'UPDATED']);
  });

  it('put reports marked ids in FailedDocuments and does not store them', async () => {
    sim.kendra.failPuts(['b'], { errorCode: 'InvalidRequest' });
    const out = await kendra.send(
      new BatchPutDocumentCommand({ IndexId: INDEX, Documents: [{ Id: 'a' }, { Id: 'b' }] }),
    );
    expect(out.FailedDocuments).toEqual([{ Id: 'b', ErrorCode: 'InvalidRequest', ErrorMessage: expect.any(String) }]);
    expect(sim.kendra.listDocuments(INDEX).map((d) => d.id)).toEqual(['a']);
  });

  it('a deleted document reads NOT_FOUND', async () => {
    sim.kendra.putDocument(INDEX, { id: 'a' });
    const out = await kendra.send(
      new BatchDeleteDocumentCommand({ IndexId: INDEX, DocumentIdList: ['a', 'never-put'] }),
    );
    expect(out.FailedDocuments).toEqual([]);
    expect((await getStatus(['a'])).DocumentStatusList).toEqual([{ DocumentId: 'a', DocumentStatus: 'NOT_FOUND' }]);
    expect(sim.kendra.getDocument(INDEX, 'a')).toMatchObject({ deleted: true, status: 'NOT_FOUND' });
  });

  it('a delete lag keeps the old status for some reads, then NOT_FOUND', async () => {
    sim.kendra.setDeleteLag({ reads: 2 }).putDocument(INDEX, { id: 'a', status: 'INDEXED' });
    await kendra.send(new BatchDeleteDocumentCommand({ IndexId: INDEX, DocumentIdList: ['a'] }));
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push((await getStatus(['a'])).DocumentStatusList?.[0]?.DocumentStatus);
    expect(seen).toEqual(['INDEXED', 'INDEXED', 'NOT_FOUND']);
  });

  it('a timed delete lag reads NOT_FOUND once the time has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      sim.kendra.setDeleteLag({ ms: 5_000 }).putDocument(INDEX, { id: 'a', status: 'INDEXED' });
      await kendra.send(new BatchDeleteDocumentCommand({ IndexId: INDEX, DocumentIdList: ['a'] }));
      expect((await getStatus(['a'])).DocumentStatusList?.[0]?.DocumentStatus).toBe('INDEXED');
      vi.setSystemTime(Date.now() + 5_000);
      expect((await getStatus(['a'])).DocumentStatusList?.[0]?.DocumentStatus).toBe('NOT_FOUND');
    } finally {
      vi.useRealTimers();
    }
  });

  it('delete reports marked ids in FailedDocuments and keeps them', async () => {
    sim.kendra.putDocument(INDEX, { id: 'a' }).putDocument(INDEX, { id: 'b' });
    sim.kendra.failDeletes(['b'], { errorCode: 'InternalError', errorMessage: 'try later', dataSourceId: 'ds-1' });
    const out = await kendra.send(new BatchDeleteDocumentCommand({ IndexId: INDEX, DocumentIdList: ['a', 'b'] }));
    expect(out.FailedDocuments).toEqual([
      { Id: 'b', DataSourceId: 'ds-1', ErrorCode: 'InternalError', ErrorMessage: 'try later' },
    ]);
    expect(sim.kendra.getDocument(INDEX, 'b')).toMatchObject({ deleted: false, status: 'INDEXED' });
  });
});

describe('validation', () => {
  it.each([
    [
      'an index id that is not 36 characters',
      'short',
      ['a'],
      /at 'indexId' failed to satisfy constraint: Member must have length 36/,
    ],
    ['an index id breaking the pattern', `-${INDEX.slice(1)}`, ['a'], /regular expression pattern/],
    ['no documents', INDEX, [], /at 'documentInfoList' .* greater than or equal to 1/],
    ['11 documents', INDEX, Array.from({ length: 11 }, (_, i) => `d${i}`), /less than or equal to 10/],
    ['an empty document id', INDEX, [''], /documentInfoList.1.member.documentId/],
    ['a document id over 2048 characters', INDEX, ['x'.repeat(2049)], /less than or equal to 2048/],
  ])('answers ValidationException (HTTP 400) for %s', async (_, indexId, ids, message) => {
    const error = await thrown(getStatus(ids, indexId));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/^\d+ validation errors? detected: /);
    expect(error.message).toMatch(message);
  });

  it('validates deletes and puts the same way', async () => {
    const tooMany = Array.from({ length: 11 }, (_, i) => `d${i}`);
    const del = await thrown(kendra.send(new BatchDeleteDocumentCommand({ IndexId: INDEX, DocumentIdList: tooMany })));
    expect(del.name).toBe('ValidationException');
    const put = await thrown(kendra.send(new BatchPutDocumentCommand({ IndexId: 'nope', Documents: [{ Id: 'a' }] })));
    expect(put.name).toBe('ValidationException');
    expect(sim.kendra.listDocuments('nope')).toEqual([]);
  });

  it('answers SerializationException for a body that is not JSON', async () => {
    const response = await rawPost('BatchGetDocumentStatus', '{not json');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'SerializationException' });
  });

  it('answers UnknownOperationException for operations it does not implement', async () => {
    const response = await rawPost('Query', JSON.stringify({ IndexId: INDEX, QueryText: 'x' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^UnknownOperationException:/);
  });

  it('does not claim requests for other services', async () => {
    const response = await fetch(`${sim.url}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect(sim.log.count({ provider: 'kendra' })).toBe(0);
  });
});

describe('errors', () => {
  // [kind, exception, the model's status, the API reference's status]
  const cases: Array<[ProviderErrorKind, string, number, number]> = [
    ['throttled', 'ThrottlingException', 429, 400],
    ['unauthorized', 'UnrecognizedClientException', 400, 400],
    ['forbidden', 'AccessDeniedException', 403, 400],
    ['not_found', 'ResourceNotFoundException', 404, 400],
    ['validation', 'ValidationException', 400, 400],
    ['quota_exceeded', 'ServiceQuotaExceededException', 402, 402],
    ['server_error', 'InternalServerException', 500, 500],
    ['service_unavailable', 'ServiceUnavailableException', 503, 503],
  ];

  it.each(cases)(
    'an injected %s reaches the SDK as %s with HTTP %i (the model), or %i (the reference)',
    async (kind, name, model, reference) => {
      for (const [statuses, status] of [
        ['model', model],
        ['reference', reference],
      ] as const) {
        sim.kendra.setErrorStatuses(statuses);
        sim.inject({ provider: 'kendra', operation: 'BatchGetDocumentStatus', fault: { type: 'error', kind } });
        const error = await thrown(getStatus(['a']));
        expect(error).toBeInstanceOf(KendraServiceException);
        expect(error.name).toBe(name);
        expect(error.$metadata.httpStatusCode).toBe(status);
        expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
      }
    },
  );

  it('renders errors in the AWS JSON shape, with x-amzn-errortype and a request id', async () => {
    sim.inject({ provider: 'kendra', fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 3 } });
    const response = await rawPost('BatchGetDocumentStatus', JSON.stringify({ IndexId: INDEX, DocumentInfoList: [] }));
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-errortype')).toBe(
      'ThrottlingException:http://internal.amazon.com/coral/com.amazonaws.kendra/',
    );
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('retry-after')).toBe('3');
    // `Message`, the member the model gives every Kendra exception.
    expect(await response.json()).toEqual({ __type: 'ThrottlingException', Message: 'Rate exceeded' });
  });

  it('sends no Retry-After unless asked', async () => {
    sim.inject({ provider: 'kendra', fault: { type: 'error', kind: 'throttled' } });
    const response = await rawPost('BatchGetDocumentStatus', '{}');
    expect(response.headers.has('retry-after')).toBe(false);
  });

  it('answers ResourceNotFoundException (HTTP 404; 400 at the reference statuses) for a removed index', async () => {
    sim.kendra.removeIndex(INDEX);
    const error = await thrown(getStatus(['a']));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
    sim.kendra.setErrorStatuses('reference');
    expect((await thrown(getStatus(['a']))).$metadata.httpStatusCode).toBe(400);
    sim.kendra.putDocument(INDEX, { id: 'a' });
    expect((await getStatus(['a'])).DocumentStatusList?.[0]?.DocumentStatus).toBe('INDEXED');
  });

  it('a dropped connection reaches the SDK as a socket error', async () => {
    sim.inject({ provider: 'kendra', fault: { type: 'reset' } });
    const error = (await thrown(getStatus(['a']))) as unknown as { code?: string; message: string };
    expect(error.code).toBe('ECONNRESET');
  });

  it('a malformed body reaches the SDK as a deserialization error', async () => {
    sim.inject({ provider: 'kendra', fault: { type: 'malformed' } });
    const error = await thrown(getStatus(['a']));
    expect(error.name).toBe('SyntaxError');
    expect(error.$metadata.httpStatusCode).toBe(200);
    // Every answer carries a request id, garbled ones included.
    expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a rate limit throttles requests beyond the bucket', async () => {
    sim.rateLimit({ provider: 'kendra', capacity: 2, refillPerSecond: 0 });
    await getStatus(['a']);
    await getStatus(['a']);
    expect((await thrown(getStatus(['a']))).name).toBe('ThrottlingException');
  });
});

describe('authorization', () => {
  it('records that SDK requests are signed, without checking the signature', async () => {
    await getStatus(['a']);
    expect(sim.kendra.requests).toEqual([
      { operation: 'BatchGetDocumentStatus', indexId: INDEX, signed: true, requestId: expect.any(String), status: 200 },
    ]);
    expect(sim.log.entries[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
  });

  it('answers unsigned requests, unless told to require a signature', async () => {
    const body = JSON.stringify({ IndexId: INDEX, DocumentInfoList: [{ DocumentId: 'a' }] });
    expect((await rawPost('BatchGetDocumentStatus', body)).status).toBe(200);
    expect(sim.kendra.requests[0]?.signed).toBe(false);

    sim.kendra.requireAuthorization();
    const refused = await rawPost('BatchGetDocumentStatus', body);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    expect((await getStatus(['a'])).$metadata.httpStatusCode).toBe(200);
  });
});

describe('reset', () => {
  it('forgets documents, marks, removed indexes, settings and records', async () => {
    sim.kendra
      .putDocument(INDEX, { id: 'a' })
      .failStatusReads(['b'])
      .removeIndex(OTHER_INDEX)
      .setDeleteLag({ reads: 5 })
      .requireAuthorization();
    await getStatus(['a']);
    sim.reset();
    expect(sim.kendra.listDocuments(INDEX)).toEqual([]);
    expect(sim.kendra.requests).toEqual([]);
    const out = await getStatus(['a', 'b']);
    expect(out.DocumentStatusList?.map((s) => s.DocumentStatus)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect((await getStatus(['a'], OTHER_INDEX)).$metadata.httpStatusCode).toBe(200);
    sim.kendra.putDocument(INDEX, { id: 'c' });
    await kendra.send(new BatchDeleteDocumentCommand({ IndexId: INDEX, DocumentIdList: ['c'] }));
    expect((await getStatus(['c'])).DocumentStatusList?.[0]?.DocumentStatus).toBe('NOT_FOUND');
  });
});

describe('as msw handlers', () => {
  const inProcess = createSimulator();
  const server = setupServer(...createSimulatorHandlers(inProcess));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => inProcess.reset());
  afterAll(() => server.close());

  it('answers the SDK at the real regional host, in process', async () => {
    const client = new KendraClient({ region: 'eu-west-1', credentials: CREDENTIALS, maxAttempts: 1 });
    inProcess.kendra.putDocument(INDEX, { id: 'a', status: 'UPDATED' });
    const out = await client.send(
      new BatchGetDocumentStatusCommand({ IndexId: INDEX, DocumentInfoList: [{ DocumentId: 'a' }] }),
    );
    expect(out.DocumentStatusList).toEqual([{ DocumentId: 'a', DocumentStatus: 'UPDATED' }]);
    expect(inProcess.log.entries[0]?.url).toBe('https://kendra.eu-west-1.amazonaws.com/');
    client.destroy();
  });
});
