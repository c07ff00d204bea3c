/**
 * Amazon Bedrock knowledge bases against AWS's Smithy model (`bedrock-agent.json`):
 * every document status, the id constraints we validate, answers the model allows
 * (documentDetails left out of Get and Delete), every exception of the model
 * through the real client, and every answer and request of the simulator held to
 * the model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BEDROCK_BATCH_LIMIT,
  BEDROCK_MAX_PAGE_SIZE,
  BEDROCK_RESOURCE_ID_PATTERN,
  BEDROCK_STATUS_MAP,
  CUSTOM_ID_MAX_LENGTH,
  createBedrockIndex,
} from '../../src/providers/bedrock/index';
import { type AwsWireRules, checkAwsAnswer, checkAwsRequest } from './aws-wire';
import { bedrockModel as model, type SmithyShape } from './fixtures';
import { checkShape, satisfies } from './smithy';
import { stubPerFile } from './stub';
import { ERROR_KINDS, expectStatusTable, firstError, tappedSimulator } from './support';

const KB = 'KBOFFICIAL';
const DS = 'DSOFFICIAL';
/** A data source of type S3, for documents whose id is their `s3://` uri. */
const S3_DS = 'S3OFFICIAL';
const FAST_RETRY = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };
const stub = stubPerFile();

const client = (endpoint: string, dataSourceId = DS) =>
  createBedrockIndex({
    knowledgeBaseId: KB,
    dataSourceId,
    region: 'us-east-1',
    endpoint,
    credentials: CREDENTIALS,
    retry: FAST_RETRY,
  });

/** A `KnowledgeBaseDocumentDetail` of a custom document, as the model shapes it. */
const detail = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  knowledgeBaseId: KB,
  dataSourceId: DS,
  status,
  identifier: { dataSourceType: 'CUSTOM', custom: { id } },
  ...extra,
});

describe("Bedrock: the model's document statuses", () => {
  const expected: Record<string, string> = {
    PENDING: 'pending',
    STARTING: 'pending',
    IN_PROGRESS: 'processing',
    INDEXED: 'succeeded',
    PARTIALLY_INDEXED: 'partial',
    METADATA_PARTIALLY_INDEXED: 'partial',
    METADATA_UPDATE_FAILED: 'failed',
    FAILED: 'failed',
    IGNORED: 'ignored',
    NOT_FOUND: 'not_found',
    DELETING: 'deleting',
    DELETE_IN_PROGRESS: 'deleting',
  };
  const values = model.enums.DocumentStatus ?? [];

  it("our table maps exactly the model's values, as the README says", () => {
    expectStatusTable(BEDROCK_STATUS_MAP, values, expected);
  });

  it('every value, in a model-valid answer served over loopback, reads through the client as the table says', async () => {
    const ids = values.map((_, i) => `doc-${i}`);
    const answer = { documentDetails: values.map((value, i) => detail(ids[i] as string, value)) };
    expect(checkShape(model, model.operations.GetKnowledgeBaseDocuments?.output ?? 'missing', answer)).toEqual([]);
    stub.current.answer({ status: 200, body: answer });
    const batch = await client(stub.current.url).getStatuses(ids);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.providerStatus, item.status])).toEqual(values.map((v) => [v, expected[v]]));
  });
});

describe('Bedrock: constraints we validate match the model', () => {
  const constraint = (name: string) => model.shapes[name] as SmithyShape;
  const accepts = (run: () => unknown) => {
    try {
      run();
      return true;
    } catch {
      return false;
    }
  };
  const resourceId = fc.stringMatching(/^[0-9a-zA-Z_-]{8,12}$/);

  it("knowledgeBaseId and dataSourceId: the model's Id", () => {
    expect(BEDROCK_RESOURCE_ID_PATTERN.source).toBe(constraint('Id').pattern);
    fc.assert(
      fc.property(resourceId, (id) => {
        const ours = accepts(() => createBedrockIndex({ knowledgeBaseId: id, dataSourceId: DS, region: 'us-east-1' }));
        expect(ours).toBe(satisfies(constraint('Id'), id));
      }),
    );
  });

  // Smithy's length trait counts a string in Unicode scalar values: 2048 emoji (4096 UTF-16 units) are a valid id.
  it.each(['x', '😀'])('custom ids: CustomDocumentIdentifier.id, 1-2048 characters (of %s)', async (character) => {
    const member = constraint('CustomDocumentIdentifier').members?.id;
    expect(member?.length).toEqual({ min: 1, max: CUSTOM_ID_MAX_LENGTH });
    const index = client(stub.current.url);
    for (const length of [0, 1, 2048, 2049]) {
      const id = character.repeat(length);
      const refused = await index.getStatus({ customId: id }).then(
        () => false,
        (error: { code?: string }) => error.code === 'validation',
      );
      expect(refused).toBe(!satisfies({ type: 'string', length: member?.length }, id));
    }
  });

  it("S3 document uris: the model's S3BucketUri", async () => {
    const uri = fc.oneof(
      fc.string({ maxLength: 140 }).map((rest) => `s3://${rest}`),
      fc.string({ maxLength: 20 }),
      // Astral characters near the bound: the pattern's .{1,128} counts code points (Smithy's patterns are ECMA 262 with u).
      fc
        .string({ unit: fc.constantFrom('a', '😀', '𝄞'), minLength: 120, maxLength: 136 })
        .map((rest) => `s3://${rest}`),
    );
    const index = client(stub.current.url);
    stub.current.answer((request) => {
      const { documentIdentifiers } = JSON.parse(request.body) as {
        documentIdentifiers: Array<{ s3: { uri: string } }>;
      };
      const body = documentIdentifiers.map((identifier) => ({
        ...detail('x', 'INDEXED'),
        identifier: { dataSourceType: 'S3', s3: identifier.s3 },
      }));
      return { status: 200, body: { documentDetails: body } };
    });
    await fc.assert(
      fc.asyncProperty(uri, async (value) => {
        const refused = await index.getStatus({ s3Uri: value }).then(
          () => false,
          (error: { code?: string }) => error.code === 'validation',
        );
        expect(refused).toBe(!satisfies(constraint('S3BucketUri'), value));
      }),
      { numRuns: 60 },
    );
    for (const [length, accepted] of [
      [128, true],
      [129, false],
    ] as const) {
      const value = `s3://${'😀'.repeat(length)}`;
      expect(satisfies(constraint('S3BucketUri'), value)).toBe(accepted);
      const refused = await index.getStatus({ s3Uri: value }).then(
        () => false,
        () => true,
      );
      expect([length, refused]).toEqual([length, !accepted]);
    }
  });

  it('10 identifiers per Get/Delete, maxResults 1-1000', () => {
    expect(constraint('DocumentIdentifiers').length?.max).toBe(BEDROCK_BATCH_LIMIT);
    expect(constraint('MaxResults').range?.max).toBe(BEDROCK_MAX_PAGE_SIZE);
  });
});

describe('Bedrock: answers the model allows', () => {
  it('an accepted delete (202) without documentDetails reads deleting for every document', async () => {
    stub.current.answer({ status: 202, body: {} });
    const batch = await client(stub.current.url).deleteDocuments(['a', 'b']);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.id, item.status, item.providerStatus])).toEqual([
      ['a', 'deleting', ''],
      ['b', 'deleting', ''],
    ]);
    expect(stub.current.requests).toHaveLength(1);
  });

  it('a Get answered without documentDetails reports each document as unanswered, not retried', async () => {
    stub.current.answer({ status: 200, body: {} });
    const batch = await client(stub.current.url).getStatuses(['a', 'b']);
    expect(batch.items).toEqual([]);
    expect(batch.errors.map(({ id, error }) => [id, error.code, error.retryable])).toEqual([
      ['a', 'invalid_response', false],
      ['b', 'invalid_response', false],
    ]);
    expect(stub.current.requests).toHaveLength(1);
  });

  it('a listing page needs documentDetails (required in ListKnowledgeBaseDocumentsResponse)', async () => {
    stub.current.answer({ status: 200, body: {} });
    await expect(client(stub.current.url).listStatuses().next()).rejects.toMatchObject({ code: 'invalid_response' });
  });
});

describe('Bedrock: every exception of the model, through the real client', () => {
  const codes: Record<string, string> = {
    AccessDeniedException: 'forbidden',
    InternalServerException: 'internal',
    ResourceNotFoundException: 'not_found',
    ServiceQuotaExceededException: 'quota_exceeded',
    ThrottlingException: 'throttled',
    ValidationException: 'validation',
  };

  it('our table covers every exception the four operations list', () => {
    expect(Object.keys(model.errors).toSorted()).toEqual(Object.keys(codes).toSorted());
  });

  const errors = Object.entries(model.errors).map(([name, error]) => [name, error.httpError, error] as const);
  it.each(errors)('%s (HTTP %i in the model) is classified by name', async (name, _, error) => {
    const body: Record<string, unknown> = { message: `${name} from the model` };
    if ('fieldList' in error.members) body.fieldList = [{ name: 'documentIdentifiers', message: 'bad' }];
    expect(checkShape(model, { members: error.members }, body)).toEqual([]);
    stub.current.answer({
      status: error.httpError,
      headers: { 'x-amzn-errortype': `${name}:http://internal.amazon.com/coral/com.amazonaws.bedrockagent/` },
      body,
    });
    const outcome = await firstError(client(stub.current.url).getStatuses(['a']));
    expect(outcome).toMatchObject({ code: codes[name], httpStatus: error.httpError, providerCode: name });
  });
});

describe('Bedrock simulator: every answer and request held to the model', () => {
  const tapped = tappedSimulator();

  /** A client of the tapped simulator that sends each request once (an injected fault is what comes back). */
  const singleAttemptIndex = () =>
    createBedrockIndex({
      knowledgeBaseId: KB,
      dataSourceId: DS,
      region: 'us-east-1',
      endpoint: tapped.sim.url,
      credentials: CREDENTIALS,
      retry: { maxAttempts: 1 },
    });

  const rules: AwsWireRules = {
    protocol: 'restJson1',
    // Not in the model: AWS's front door (an unknown key) and a 503 no model lists.
    frontDoor: { UnrecognizedClientException: 403, ServiceUnavailableException: 503 },
  };

  /** Every answer recorded so far, and every request the client sent, checked. */
  const expectAllValid = () => {
    expect(tapped.answers.length).toBeGreaterThan(0);
    for (const answer of tapped.answers)
      expect([answer.operation, checkAwsAnswer(model, answer, rules)]).toEqual([answer.operation, []]);
    for (const entry of tapped.sim.log.filter({ provider: 'bedrock' })) {
      expect([entry.operation, checkAwsRequest(model, entry.operation, entry.body)]).toEqual([entry.operation, []]);
    }
  };

  it("Get, Delete and List (many pages, long custom ids) answer in the model's shapes", async () => {
    const long = 'x'.repeat(2040);
    const ids = [...Array.from({ length: 12 }, (_, i) => `${long}-${String(i).padStart(2, '0')}`), 'short'];
    for (const id of ids)
      tapped.sim.bedrock.putDocument(KB, DS, { customId: id, status: 'INDEXED', statusReason: 'why' });
    const index = client(tapped.sim.url);
    await index.getStatuses([...ids, 'unknown']);
    for await (const _ of index.listStatuses().byPage({ maxPageSize: 5 })) void _;
    await index.deleteDocuments(ids.slice(0, 3));
    expect(new Set(tapped.answers.map((answer) => answer.operation))).toEqual(
      new Set(['GetKnowledgeBaseDocuments', 'ListKnowledgeBaseDocuments', 'DeleteKnowledgeBaseDocuments']),
    );
    expectAllValid();
  });

  it.each(ERROR_KINDS)(
    'an injected %s is an exception the model (or the front door) defines, on every operation',
    async (kind) => {
      const index = singleAttemptIndex();
      for (const operation of [
        'GetKnowledgeBaseDocuments',
        'DeleteKnowledgeBaseDocuments',
        'ListKnowledgeBaseDocuments',
      ]) {
        tapped.sim.inject({ provider: 'bedrock', operation, fault: { type: 'error', kind, retryAfterSeconds: 1 } });
      }
      await index.getStatuses(['a']).catch(() => undefined);
      await index.deleteDocuments(['a']).catch(() => undefined);
      await index
        .listStatuses()
        .next()
        .catch(() => undefined);
      expect(tapped.answers).toHaveLength(3);
      expectAllValid();
    },
  );

  /** The `documents` of every IngestKnowledgeBaseDocuments the client sent, in order. */
  const sentIngests = () =>
    tapped.sim.log
      .filter({ provider: 'bedrock' })
      .filter((entry) => entry.operation === 'IngestKnowledgeBaseDocuments')
      .map((entry) => (entry.body as { documents: Array<Record<string, unknown>> }).documents);
  /** A custom document with inline content, as the model shapes it. */
  const inline = (id: string, inlineContent: unknown) => ({
    content: {
      dataSourceType: 'CUSTOM',
      custom: { customDocumentIdentifier: { id }, sourceType: 'IN_LINE', inlineContent },
    },
  });

  it("putDocuments: text, PDF and HTML bytes, a custom S3 document, metadata of every kind, in the model's shapes", async () => {
    const batch = await client(tapped.sim.url).putDocuments([
      {
        id: 'text',
        content: 'hello',
        title: 'Hello',
        metadata: { s: 'x', n: 3, f: 3.5, b: false, d: new Date('2024-01-02T03:04:05Z'), l: ['a', 'b'] },
      },
      { id: 'pdf', content: new Uint8Array([0x25, 0x50, 0x44, 0x46]), contentType: 'application/pdf' },
      { id: 'html', content: '<p>x</p>', contentType: 'text/html', metadata: { one: ['only'] } },
      { id: 'custom-s3', s3Uri: 's3://my-bucket/key/a.pdf' },
    ]);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual(
      ['text', 'pdf', 'html', 'custom-s3'].map((id) => [id, 'pending']),
    );
    expect(tapped.answers.map((answer) => [answer.operation, answer.status])).toEqual([
      ['IngestKnowledgeBaseDocuments', 202],
    ]);
    expectAllValid();
    const value = (type: string, member: string, data: unknown) => ({ type, [member]: data });
    expect(sentIngests()).toEqual([
      [
        {
          ...inline('text', { type: 'TEXT', textContent: { data: 'hello' } }),
          metadata: {
            type: 'IN_LINE_ATTRIBUTE',
            inlineAttributes: [
              { key: 's', value: value('STRING', 'stringValue', 'x') },
              { key: 'n', value: value('NUMBER', 'numberValue', 3) },
              { key: 'f', value: value('NUMBER', 'numberValue', 3.5) },
              { key: 'b', value: value('BOOLEAN', 'booleanValue', false) },
              { key: 'd', value: value('STRING', 'stringValue', '2024-01-02T03:04:05.000Z') },
              { key: 'l', value: value('STRING_LIST', 'stringListValue', ['a', 'b']) },
              { key: 'title', value: value('STRING', 'stringValue', 'Hello') },
            ],
          },
        },
        inline('pdf', { type: 'BYTE', byteContent: { mimeType: 'application/pdf', data: 'JVBERg==' } }),
        {
          ...inline('html', { type: 'BYTE', byteContent: { mimeType: 'text/html', data: 'PHA+eDwvcD4=' } }),
          metadata: {
            type: 'IN_LINE_ATTRIBUTE',
            inlineAttributes: [{ key: 'one', value: value('STRING_LIST', 'stringListValue', ['only']) }],
          },
        },
        {
          content: {
            dataSourceType: 'CUSTOM',
            custom: {
              customDocumentIdentifier: { id: 'custom-s3' },
              sourceType: 'S3_LOCATION',
              s3Location: { uri: 's3://my-bucket/key/a.pdf' },
            },
          },
        },
      ],
    ]);
  });

  it("putDocuments: documents of an S3 data source (their s3:// ids) go in the model's shapes", async () => {
    tapped.sim.bedrock.addDataSource(KB, S3_DS, { type: 'S3' });
    const ids = ['s3://my-bucket/a.pdf', `s3://${'😀'.repeat(120)}`];
    const batch = await client(tapped.sim.url, S3_DS).putDocuments(ids.map((id) => ({ id })));
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual(ids.map((id) => [id, 'pending']));
    expectAllValid();
    expect(sentIngests()).toEqual([
      ids.map((uri) => ({ content: { dataSourceType: 'S3', s3: { s3Location: { uri } } } })),
    ]);
  });

  it("putDocuments: a document it refuses has a failed detail, in the model's shape, and lands in errors", async () => {
    tapped.sim.bedrock.failIngest(['bad']);
    tapped.sim.bedrock.failIngest(['ignored'], { status: 'IGNORED', statusReason: 'Not ingested.' });
    const batch = await client(tapped.sim.url).putDocuments([
      { id: 'good', content: 'y' },
      { id: 'bad', content: 'z', metadata: { k: 'v' } },
      { id: 'ignored', content: 'w' },
    ]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual([
      ['good', 'pending'],
      ['ignored', 'ignored'],
    ]);
    expect(batch.errors.map(({ id, error }) => [id, error.code, error.providerCode])).toEqual([
      ['bad', 'validation', 'FAILED'],
    ]);
    const details = (tapped.answers[0]?.body as { documentDetails?: Array<Record<string, unknown>> } | undefined)
      ?.documentDetails;
    expect(details?.map((entry) => [entry.identifier, entry.status, entry.statusReason])).toEqual([
      [{ dataSourceType: 'CUSTOM', custom: { id: 'good' } }, 'STARTING', undefined],
      [{ dataSourceType: 'CUSTOM', custom: { id: 'bad' } }, 'FAILED', 'The document could not be ingested.'],
      [{ dataSourceType: 'CUSTOM', custom: { id: 'ignored' } }, 'IGNORED', 'Not ingested.'],
    ]);
    expectAllValid();
  });

  it('putDocuments at the limits: 10 documents a request, 50 attributes of 10 strings, 5,242,880 bytes inline', async () => {
    const members = (name: string) => (model.shapes[name] as SmithyShape).members ?? {};
    expect(model.shapes.KnowledgeBaseDocuments?.length).toEqual({ min: 1, max: 10 });
    expect(members('DocumentMetadata').inlineAttributes?.length).toEqual({ min: 1, max: 50 });
    expect(members('MetadataAttributeValue').stringListValue?.length).toEqual({ min: 1, max: 10 });
    expect(model.shapes.ByteContentBlob?.length).toEqual({ min: 1, max: 5_242_880 });
    const full = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`key${i}`, Array.from({ length: 10 }, (_, j) => `${i}.${j}`)]),
      );
    const documents = [
      ...Array.from({ length: 24 }, (_, i) => ({ id: `doc-${i}`, content: `body ${i}`, metadata: full(50) })),
      { id: 'titled', content: 'x', title: 'T', metadata: full(49) },
      { id: 'big', content: new Uint8Array(5_242_880).fill(0x25), contentType: 'application/pdf' },
    ];
    const batch = await client(tapped.sim.url).putDocuments(documents);
    expect(batch.errors).toEqual([]);
    expect(batch.items).toHaveLength(26);
    const sent = sentIngests();
    expect(sent.map((request) => request.length)).toEqual([10, 10, 6]);
    const attributesOf = (document: Record<string, unknown> | undefined) =>
      (document?.metadata as { inlineAttributes: Array<{ value: { stringListValue?: string[] } }> } | undefined)
        ?.inlineAttributes ?? [];
    expect(attributesOf(sent[0]?.[0])).toHaveLength(50);
    expect(attributesOf(sent[0]?.[0]).every((attribute) => attribute.value.stringListValue?.length === 10)).toBe(true);
    expect(attributesOf(sent[2]?.[4])).toHaveLength(50);
    expect(tapped.answers).toHaveLength(3);
    expectAllValid();
  });

  it('putDocuments past the limits: what the model refuses the client refuses before sending', async () => {
    const index = client(tapped.sim.url);
    const cases = [
      { id: 'a', content: 'x', metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      {
        id: 'a',
        content: 'x',
        title: 'T',
        metadata: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])),
      },
      { id: 'a', content: 'x', metadata: { l: Array.from({ length: 11 }, (_, i) => `s${i}`) } },
      { id: 'a', content: 'x', metadata: { l: [] } },
      { id: 'a', content: new Uint8Array(5_242_881), contentType: 'application/pdf' },
      { id: 'a', content: new Uint8Array(0), contentType: 'application/pdf' },
    ];
    for (const document of cases) {
      const outcome = await index.putDocuments([document]).then(
        (batch) => batch.errors[0]?.error,
        (rejected: unknown) => rejected,
      );
      expect(outcome).toMatchObject({ code: 'validation' });
    }
    expect(tapped.sim.log.filter({ provider: 'bedrock' })).toHaveLength(0);
  });

  it.each(ERROR_KINDS)(
    'putDocuments: an injected %s is an exception IngestKnowledgeBaseDocuments lists',
    async (kind) => {
      tapped.sim.inject({
        provider: 'bedrock',
        operation: 'IngestKnowledgeBaseDocuments',
        fault: { type: 'error', kind, retryAfterSeconds: 1 },
      });
      const index = singleAttemptIndex();
      await index.putDocuments([{ id: 'a', content: 'x' }]).catch(() => undefined);
      expect(tapped.answers.map((answer) => answer.operation)).toEqual(['IngestKnowledgeBaseDocuments']);
      expectAllValid();
    },
  );

  it.each(['x', '😀'])('custom ids of 1-2048 characters (of %s) are what it accepts', async (character) => {
    const member = (model.shapes.CustomDocumentIdentifier as SmithyShape).members?.id;
    expect(member?.length).toEqual({ min: 1, max: 2048 });
    for (const length of [1, 2048, 2049]) {
      const id = character.repeat(length);
      const response = await fetch(`${tapped.sim.url}/knowledgebases/${KB}/datasources/${DS}/documents/getDocuments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ documentIdentifiers: [{ dataSourceType: 'CUSTOM', custom: { id } }] }),
      });
      const expected = satisfies({ type: 'string', length: member?.length }, id) ? 200 : 400;
      expect([length, response.status]).toEqual([length, expected]);
    }
  });

  it('its own refusals: an undeclared data source (404)', async () => {
    tapped.sim.bedrock.configure({ requireDeclaredDataSources: true });
    await client(tapped.sim.url)
      .getStatuses(['a'])
      .catch(() => undefined);
    expectAllValid();
  });
});
