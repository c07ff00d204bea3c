/**
 * Amazon Kendra against AWS's Smithy model (`kendra.json`): every document status
 * and per-document error code, the id constraints we validate, model-valid
 * answers (with and without the optional `DataSourceId`), every exception at the
 * model's status and at the API reference's 400, the status-lookup attribute
 * rules, and every answer and request of the simulator held to the model.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createKendraIndex, KENDRA_STATUS_TABLE } from '../../src/providers/kendra/index';
import { type AwsWireRules, checkAwsAnswer, checkAwsRequest } from './aws-wire';
import { kendraModel as model, type SmithyShape } from './fixtures';
import { checkShape, satisfies } from './smithy';
import { stubPerFile } from './stub';
import { ERROR_KINDS, expectStatusTable, firstError, tappedSimulator } from './support';

const INDEX_ID = '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab';
const FAST_RETRY = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };
const stub = stubPerFile();

const ROLE_ARN = 'arn:aws:iam::123456789012:role/kendra-batch-put';

const client = (endpoint: string, retry = FAST_RETRY, roleArn?: string) =>
  createKendraIndex({ indexId: INDEX_ID, region: 'us-east-1', endpoint, credentials: CREDENTIALS, retry, roleArn });

/** An AWS JSON 1.1 answer for the stub. */
const awsJson = (body: unknown, status = 200, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1', ...headers },
  body,
});

const operation = (name: string) => {
  const found = model.operations[name];
  if (!found) throw new Error(`kendra.json has no operation ${name}`);
  return found;
};

describe("Kendra: the model's document statuses and per-document error codes", () => {
  const expected: Record<string, string> = {
    NOT_FOUND: 'not_found',
    PROCESSING: 'processing',
    INDEXED: 'succeeded',
    UPDATED: 'succeeded',
    FAILED: 'failed',
    UPDATE_FAILED: 'failed',
  };
  const values = model.enums.DocumentStatus ?? [];

  it("our table maps exactly the model's values, as the README says", () => {
    expectStatusTable(KENDRA_STATUS_TABLE, values, expected);
  });

  it('every value, in a model-valid answer over loopback, reads through the client as the table says', async () => {
    const ids = values.map((_, i) => `doc-${i}`);
    const answer = {
      DocumentStatusList: values.map((value, i) => ({
        DocumentId: ids[i],
        DocumentStatus: value,
        ...(value.endsWith('FAILED') ? { FailureCode: 'E1', FailureReason: 'why' } : {}),
      })),
    };
    expect(checkShape(model, operation('BatchGetDocumentStatus').output, answer)).toEqual([]);
    stub.current.answer(awsJson(answer));
    const batch = await client(stub.current.url).getStatuses(ids);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.providerStatus, item.status])).toEqual(values.map((v) => [v, expected[v]]));
    expect(batch.items.filter((item) => item.failure)).toHaveLength(2);
  });

  it.each([
    ['InternalError', 'internal', true],
    ['InvalidRequest', 'validation', false],
  ])(
    'a per-document %s error reads as %s (retryable: %s), with or without DataSourceId',
    async (errorCode, code, retryable) => {
      expect(model.enums.ErrorCode).toContain(errorCode);
      for (const dataSource of [{}, { DataSourceId: 'ds-1' }]) {
        const answer = { Errors: [{ DocumentId: 'a', ...dataSource, ErrorCode: errorCode, ErrorMessage: 'no' }] };
        expect(checkShape(model, operation('BatchGetDocumentStatus').output, answer)).toEqual([]);
        stub.current.answer(awsJson(answer));
        const batch = await client(stub.current.url, { ...FAST_RETRY, maxAttempts: 1 }).getStatuses(['a']);
        expect(batch.errors.map(({ id, error }) => [id, error.code, error.retryable, error.providerCode])).toEqual([
          ['a', code, retryable, errorCode],
        ]);
      }
    },
  );

  it('the model has exactly the two per-document error codes the adapter knows', () => {
    expect(model.enums.ErrorCode?.toSorted()).toEqual(['InternalError', 'InvalidRequest']);
  });

  it('a refused delete (FailedDocuments) lands in errors with or without DataSourceId; the rest read deleting', async () => {
    for (const dataSource of [{}, { DataSourceId: 'ds-1' }]) {
      const answer = { FailedDocuments: [{ Id: 'b', ...dataSource, ErrorCode: 'InvalidRequest', ErrorMessage: 'no' }] };
      expect(checkShape(model, operation('BatchDeleteDocument').output, answer)).toEqual([]);
      stub.current.answer(awsJson(answer));
      const batch = await client(stub.current.url).deleteDocuments(['a', 'b']);
      expect(batch.items.map((item) => [item.id, item.status])).toEqual([['a', 'deleting']]);
      expect(batch.errors.map(({ id, error }) => [id, error.code])).toEqual([['b', 'validation']]);
    }
  });
});

describe('Kendra: constraints we validate match the model', () => {
  const constraint = (name: string) => model.constraints[name] as SmithyShape;
  const outcome = async (run: () => Promise<unknown>) =>
    run().then(
      () => 'accepted',
      (error: { code?: string; field?: string }) => (error.code === 'validation' ? 'refused' : 'accepted'),
    );
  const validationOf = (run: () => unknown) => {
    try {
      run();
      return 'accepted';
    } catch {
      return 'refused';
    }
  };
  beforeEach(() => {
    stub.current.answer(awsJson({ DocumentStatusList: [] }));
  });

  it("indexId: IndexId (36 characters, the model's pattern)", () => {
    const candidate = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9-]{35,37}$/), fc.stringMatching(/^[-_ a-z0-9]{36}$/));
    fc.assert(
      fc.property(candidate, (indexId) => {
        const ours = validationOf(() => createKendraIndex({ indexId, region: 'us-east-1' }));
        expect(ours).toBe(satisfies(constraint('IndexId'), indexId) ? 'accepted' : 'refused');
      }),
    );
  });

  // Smithy's length trait counts a string in Unicode scalar values: 2048 emoji (4096 UTF-16 units) are a valid id.
  it.each(['d', '😀'])('document ids: DocumentId, 1-2048 characters (of %s)', async (character) => {
    for (const length of [0, 1, 2048, 2049]) {
      const id = character.repeat(length);
      const ours = await outcome(() => client(stub.current.url).getStatus(id));
      expect([length, ours]).toEqual([length, satisfies(constraint('DocumentId'), id) ? 'accepted' : 'refused']);
    }
  });

  it('dataSourceId: DataSourceId (1-100 characters, its pattern); the execution id and version: attribute values, 1-2048', async () => {
    const dataSourceId = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9_ -]{0,4}$/), fc.stringMatching(/^[a-z]{99,101}$/));
    await fc.assert(
      fc.asyncProperty(dataSourceId, async (value) => {
        const ours = await outcome(() =>
          client(stub.current.url).getStatus({ id: 'a', dataSourceId: value, dataSourceSyncJobExecutionId: 'job' }),
        );
        expect(ours).toBe(satisfies(constraint('DataSourceId'), value) ? 'accepted' : 'refused');
      }),
      { numRuns: 60 },
    );
    for (const length of [0, 1, 2048, 2049]) {
      const value = 'v'.repeat(length);
      const ref = { id: 'a', dataSourceId: 'ds', dataSourceSyncJobExecutionId: value, version: value };
      const ours = await outcome(() => client(stub.current.url).getStatus(ref));
      expect(ours).toBe(satisfies(constraint('DocumentAttributeStringValue'), value) ? 'accepted' : 'refused');
    }
  });

  it('10 documents per BatchGetDocumentStatus and BatchDeleteDocument request', async () => {
    expect(constraint('DocumentInfoList').length).toEqual({ min: 1, max: 10 });
    expect(constraint('DocumentIdList').length).toEqual({ min: 1, max: 10 });
    const ids = Array.from({ length: 25 }, (_, i) => `doc-${i}`);
    await client(stub.current.url).getStatuses(ids);
    const sizes = stub.current.requests.map(
      (request) => (JSON.parse(request.body) as { DocumentInfoList: unknown[] }).DocumentInfoList.length,
    );
    expect(sizes.toSorted()).toEqual([10, 10, 5]);
  });
});

describe('Kendra: the status-lookup attributes', () => {
  beforeEach(() => {
    stub.current.answer(awsJson({ DocumentStatusList: [] }));
  });
  const sent = () =>
    (JSON.parse(stub.current.requests[0]?.body ?? '{}') as { DocumentInfoList: Array<Record<string, unknown>> })
      .DocumentInfoList[0];

  it('sends the data source, execution and version attributes as valid DocumentAttribute keys', async () => {
    await client(stub.current.url).getStatuses([
      { id: 'a', dataSourceId: 'ds', dataSourceSyncJobExecutionId: 'job', version: '2' },
    ]);
    const info = sent();
    expect(checkShape(model, 'DocumentInfo', info)).toEqual([]);
    expect(info?.Attributes).toEqual([
      { Key: '_data_source_id', Value: { StringValue: 'ds' } },
      { Key: '_data_source_sync_job_execution_id', Value: { StringValue: 'job' } },
      { Key: '_version', Value: { StringValue: '2' } },
    ]);
  });

  it('"dataSourceId and jobExecutionId must be used together": one without the other is refused', async () => {
    for (const ref of [
      { id: 'a', dataSourceId: 'ds' },
      { id: 'a', dataSourceSyncJobExecutionId: 'job' },
    ]) {
      await expect(client(stub.current.url).getStatus(ref)).rejects.toMatchObject({ code: 'validation' });
    }
    expect(stub.current.requests).toHaveLength(0);
  });

  it('"version is ignored if dataSourceId and jobExecutionId are not provided": a version alone is refused, not sent to be ignored', async () => {
    const error = await client(stub.current.url)
      .getStatus({ id: 'a', version: '2' })
      .catch((rejected: unknown) => rejected);
    expect(error).toMatchObject({ code: 'validation', field: 'ref.version' });
    expect(stub.current.requests).toHaveLength(0);
  });
});

describe('Kendra: every exception of the model, through the real client, at either reading of its status', () => {
  const codes: Record<string, string> = {
    AccessDeniedException: 'forbidden',
    ConflictException: 'conflict',
    InternalServerException: 'internal',
    ResourceNotFoundException: 'not_found',
    ServiceQuotaExceededException: 'quota_exceeded',
    ThrottlingException: 'throttled',
    ValidationException: 'validation',
  };
  const errors = Object.entries(model.errors).map(([name, error]) => [name, error.httpError, error] as const);

  it('our table covers every exception the three operations list', () => {
    expect(Object.keys(model.errors).toSorted()).toEqual(Object.keys(codes).toSorted());
  });

  it.each(errors)(
    '%s (HTTP %i in the model; 400 in the API reference) is classified by name',
    async (name, httpError, error) => {
      const body = { __type: name, Message: `${name} from the model` };
      const { __type: _, ...members } = body;
      expect(checkShape(model, { members: error.members }, members)).toEqual([]);
      for (const status of new Set([httpError, error.fault === 'client' ? 400 : httpError])) {
        stub.current.answer(
          awsJson(body, status, {
            'x-amzn-errortype': `${name}:http://internal.amazon.com/coral/com.amazonaws.kendra/`,
          }),
        );
        const outcome = await firstError(
          client(stub.current.url, { ...FAST_RETRY, maxAttempts: 1 }).getStatuses(['a']),
        );
        expect(outcome).toMatchObject({ code: codes[name], httpStatus: status, providerCode: name });
      }
    },
  );
});

describe('Kendra simulator: every answer and request held to the model', () => {
  const tapped = tappedSimulator();

  const rules = (statuses: 'model' | 'reference'): AwsWireRules => ({
    protocol: 'awsJson1_1',
    // Not in the model: AWS's front door (an unknown key) and a 503 no model lists.
    frontDoor: { UnrecognizedClientException: 400, ServiceUnavailableException: 503 },
    alternativeStatuses:
      statuses === 'reference'
        ? {
            ThrottlingException: 400,
            AccessDeniedException: 400,
            ResourceNotFoundException: 400,
            ConflictException: 400,
          }
        : undefined,
  });

  const expectAllValid = (statuses: 'model' | 'reference' = 'model') => {
    expect(tapped.answers.length).toBeGreaterThan(0);
    for (const answer of tapped.answers) {
      expect([answer.operation, checkAwsAnswer(model, answer, rules(statuses))]).toEqual([answer.operation, []]);
    }
    for (const entry of tapped.sim.log.filter({ provider: 'kendra' })) {
      expect([entry.operation, checkAwsRequest(model, entry.operation, entry.body)]).toEqual([entry.operation, []]);
    }
  };

  it("statuses, per-document errors and deletes answer in the model's shapes", async () => {
    tapped.sim.kendra.putDocuments(INDEX_ID, [
      { id: 'a', status: 'FAILED', failureCode: 'E1', failureReason: 'why' },
      { id: 'b', status: 'INDEXED' },
    ]);
    tapped.sim.kendra.failStatusReads(['c'], { errorCode: 'InvalidRequest', dataSourceId: 'ds-1' });
    tapped.sim.kendra.failDeletes(['b'], { errorCode: 'InternalError' });
    const index = client(tapped.sim.url, { ...FAST_RETRY, maxAttempts: 1 });
    await index.getStatuses([
      'a',
      'b',
      'c',
      'unknown',
      { id: 'd', dataSourceId: 'ds', dataSourceSyncJobExecutionId: 'j' },
    ]);
    await index.deleteDocuments(['a', 'b']);
    expect(new Set(tapped.answers.map((answer) => answer.operation))).toEqual(
      new Set(['BatchGetDocumentStatus', 'BatchDeleteDocument']),
    );
    expectAllValid();
  });

  it.each(ERROR_KINDS)(
    'an injected %s is an exception the model (or the front door) defines, at either reading',
    async (kind) => {
      for (const statuses of ['model', 'reference'] as const) {
        tapped.sim.reset();
        tapped.answers.length = 0;
        tapped.sim.kendra.setErrorStatuses(statuses);
        const index = client(tapped.sim.url, { ...FAST_RETRY, maxAttempts: 1 });
        for (const operation of ['BatchGetDocumentStatus', 'BatchDeleteDocument']) {
          tapped.sim.inject({ provider: 'kendra', operation, fault: { type: 'error', kind, retryAfterSeconds: 1 } });
        }
        await index.getStatuses(['a']).catch(() => undefined);
        await index.deleteDocuments(['a']).catch(() => undefined);
        expect(tapped.answers).toHaveLength(2);
        // ServiceQuotaExceededException is listed by BatchPutDocument only: injected on these two operations, it is
        // the simulator's liberty, so the operation check is relaxed for it alone.
        if (kind === 'quota_exceeded') {
          for (const answer of tapped.answers) answer.operation = 'BatchPutDocument';
        }
        expectAllValid(statuses);
      }
    },
  );

  /** The `Documents` of every BatchPutDocument the client sent, in order. */
  const sentPuts = () =>
    tapped.sim.log
      .filter({ provider: 'kendra' })
      .filter((entry) => entry.operation === 'BatchPutDocument')
      .map((entry) => entry.body as { RoleArn?: string; Documents: Array<Record<string, unknown>> });

  it("putDocuments: strings, integers, Dates, string lists, text, PDF bytes, S3 documents and titles go in the model's shapes", async () => {
    const index = client(tapped.sim.url, { ...FAST_RETRY, maxAttempts: 1 }, ROLE_ARN);
    const batch = await index.putDocuments([
      {
        id: 'text',
        content: 'hello',
        title: 'Hello',
        metadata: { s: 'x', n: 3, big: -9_007_199_254_740_991, d: new Date('2024-01-02T03:04:05Z'), l: ['a', 'b'] },
      },
      { id: 'pdf', content: new Uint8Array([0x25, 0x50, 0x44, 0x46]), contentType: 'application/pdf' },
      { id: 'html', content: '<p>x</p>', contentType: 'text/html', metadata: { _category: 'c' } },
      { id: 's3', s3Uri: 's3://my-bucket/key/a.pdf', contentType: 'application/pdf', title: '😀'.repeat(3) },
      { id: 's3-untyped', s3Uri: 's3://b.c-d/deep/key with spaces.txt' },
    ]);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual(
      ['text', 'pdf', 'html', 's3', 's3-untyped'].map((id) => [id, 'pending']),
    );
    expect(tapped.answers.map((answer) => [answer.operation, answer.status])).toEqual([['BatchPutDocument', 200]]);
    expectAllValid();
    const [sent] = sentPuts();
    expect(sent?.RoleArn).toBe(ROLE_ARN);
    expect(sent?.Documents).toEqual([
      {
        Id: 'text',
        Title: 'Hello',
        Blob: 'aGVsbG8=',
        ContentType: 'PLAIN_TEXT',
        Attributes: [
          { Key: 's', Value: { StringValue: 'x' } },
          { Key: 'n', Value: { LongValue: 3 } },
          { Key: 'big', Value: { LongValue: -9_007_199_254_740_991 } },
          { Key: 'd', Value: { DateValue: Date.UTC(2024, 0, 2, 3, 4, 5) / 1000 } },
          { Key: 'l', Value: { StringListValue: ['a', 'b'] } },
        ],
      },
      { Id: 'pdf', Blob: 'JVBERg==', ContentType: 'PDF' },
      {
        Id: 'html',
        Blob: 'PHA+eDwvcD4=',
        ContentType: 'HTML',
        Attributes: [{ Key: '_category', Value: { StringValue: 'c' } }],
      },
      { Id: 's3', S3Path: { Bucket: 'my-bucket', Key: 'key/a.pdf' }, ContentType: 'PDF', Title: '😀😀😀' },
      { Id: 's3-untyped', S3Path: { Bucket: 'b.c-d', Key: 'deep/key with spaces.txt' } },
    ]);
  });

  it("putDocuments: a document it refuses is in FailedDocuments, in the model's shape, with or without DataSourceId", async () => {
    tapped.sim.kendra.failPuts(['bad'], { errorCode: 'InvalidRequest' });
    tapped.sim.kendra.failPuts(['worse'], { errorCode: 'InternalError', dataSourceId: 'ds-1', errorMessage: 'no' });
    const batch = await client(tapped.sim.url, { ...FAST_RETRY, maxAttempts: 1 }).putDocuments([
      { id: 'good', content: 'y' },
      { id: 'bad', content: 'y', metadata: { tags: ['t'] } },
      { id: 'worse', content: new Uint8Array([1]), contentType: 'application/pdf' },
    ]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual([['good', 'pending']]);
    expect(batch.errors.map(({ id, error }) => [id, error.code, error.providerCode])).toEqual([
      ['bad', 'validation', 'InvalidRequest'],
      ['worse', 'internal', 'InternalError'],
    ]);
    const failed = (tapped.answers[0]?.body as { FailedDocuments?: Array<Record<string, unknown>> } | undefined)
      ?.FailedDocuments;
    expect(failed?.map((entry) => [entry.Id, entry.ErrorCode, entry.DataSourceId])).toEqual([
      ['bad', 'InvalidRequest', undefined],
      ['worse', 'InternalError', 'ds-1'],
    ]);
    expectAllValid();
  });

  it('putDocuments: 10 documents per BatchPutDocument, each request held to DocumentList (1-10)', async () => {
    expect(model.constraints.DocumentList?.length).toEqual({ min: 1, max: 10 });
    const documents = Array.from({ length: 25 }, (_, i) => ({ id: `doc-${i}`, content: `body ${i}`, metadata: { i } }));
    const batch = await client(tapped.sim.url, { ...FAST_RETRY, maxAttempts: 1 }).putDocuments(documents);
    expect(batch.errors).toEqual([]);
    expect(batch.items).toHaveLength(25);
    expect(sentPuts().map((request) => request.Documents.length)).toEqual([10, 10, 5]);
    expect(tapped.answers).toHaveLength(3);
    expectAllValid();
  });

  it.each(ERROR_KINDS)(
    'putDocuments: an injected %s is an exception BatchPutDocument lists, at either reading',
    async (kind) => {
      for (const statuses of ['model', 'reference'] as const) {
        tapped.sim.reset();
        tapped.answers.length = 0;
        tapped.sim.kendra.setErrorStatuses(statuses);
        tapped.sim.inject({
          provider: 'kendra',
          operation: 'BatchPutDocument',
          fault: { type: 'error', kind, retryAfterSeconds: 1 },
        });
        const outcome = await client(tapped.sim.url, { ...FAST_RETRY, maxAttempts: 1 })
          .putDocuments([{ id: 'a', content: 'x' }])
          .then(
            (batch) => batch.errors[0]?.error,
            (rejected: unknown) => rejected,
          );
        expect(outcome).toBeDefined();
        expect(tapped.answers.map((answer) => answer.operation)).toEqual(['BatchPutDocument']);
        expectAllValid(statuses);
      }
    },
  );

  it.each(['d', '😀'])('document ids of 1-2048 characters (of %s) are what it accepts', async (character) => {
    for (const length of [1, 2048, 2049]) {
      const id = character.repeat(length);
      const response = await fetch(tapped.sim.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSKendraFrontendService.BatchGetDocumentStatus',
        },
        body: JSON.stringify({ IndexId: INDEX_ID, DocumentInfoList: [{ DocumentId: id }] }),
      });
      const expected = satisfies(model.constraints.DocumentId as SmithyShape, id) ? 200 : 400;
      expect([length, response.status]).toEqual([length, expected]);
    }
  });

  it('its own refusals: a removed index, a ValidationException', async () => {
    tapped.sim.kendra.removeIndex(INDEX_ID);
    await client(tapped.sim.url)
      .getStatuses(['a'])
      .catch(() => undefined);
    tapped.sim.kendra.putDocument(INDEX_ID, { id: 'x' });
    const response = await fetch(tapped.sim.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSKendraFrontendService.BatchGetDocumentStatus',
      },
      body: JSON.stringify({ IndexId: 'short', DocumentInfoList: [] }),
    });
    expect(response.status).toBe(400);
    expect(tapped.answers.map((answer) => answer.status)).toEqual([404, 400]);
    for (const answer of tapped.answers) expect(checkAwsAnswer(model, answer, rules('model'))).toEqual([]);
  });
});
