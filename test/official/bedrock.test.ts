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
const FAST_RETRY = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };
const stub = stubPerFile();

const client = (endpoint: string) =>
  createBedrockIndex({
    knowledgeBaseId: KB,
    dataSourceId: DS,
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
      const index = createBedrockIndex({
        knowledgeBaseId: KB,
        dataSourceId: DS,
        region: 'us-east-1',
        endpoint: tapped.sim.url,
        credentials: CREDENTIALS,
        retry: { maxAttempts: 1 },
      });
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
