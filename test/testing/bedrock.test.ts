/**
 * Wire fidelity of the Bedrock simulator, proved with the raw AWS SDK client (and
 * plain fetch for what the SDK hides): if the real `BedrockAgentClient` reads our
 * answers and errors as it reads the service's, the simulator speaks the protocol.
 */
import {
  BedrockAgentClient,
  type BedrockAgentServiceException,
  DeleteKnowledgeBaseDocumentsCommand,
  GetKnowledgeBaseDocumentsCommand,
  IngestKnowledgeBaseDocumentsCommand,
  ListKnowledgeBaseDocumentsCommand,
  paginateListKnowledgeBaseDocuments,
  ValidationException,
} from '@aws-sdk/client-bedrock-agent';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ProviderErrorKind, type RunningSimulator, startSimulator } from '../../src/testing/index';

const KB = 'KBWIRE0001';
const DS = 'DSWIRE0001';
const S3DS = 'DSS3000001';

let sim: RunningSimulator;
let client: BedrockAgentClient;

beforeAll(async () => {
  sim = await startSimulator();
  client = new BedrockAgentClient({
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await sim.close();
});
beforeEach(() => sim.reset());

const custom = (id: string) => ({ dataSourceType: 'CUSTOM' as const, custom: { id } });
const s3 = (uri: string) => ({ dataSourceType: 'S3' as const, s3: { uri } });
/** A custom document's inline text content, as IngestKnowledgeBaseDocuments takes it. */
const inlineText = (id: string, data: string) => ({
  dataSourceType: 'CUSTOM' as const,
  custom: {
    customDocumentIdentifier: { id },
    sourceType: 'IN_LINE' as const,
    inlineContent: { type: 'TEXT' as const, textContent: { data } },
  },
});

async function rejection(promise: Promise<unknown>): Promise<BedrockAgentServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as BedrockAgentServiceException;
  }
  throw new Error('expected the request to fail');
}

describe('GetKnowledgeBaseDocuments', () => {
  it('answers stored and unknown custom documents in the SDK shape', async () => {
    const updatedAt = new Date('2025-03-04T05:06:07.089Z');
    sim.bedrock.putDocument(KB, DS, {
      customId: 'doc-1',
      status: 'FAILED',
      statusReason: 'The file is empty',
      updatedAt,
    });
    const output = await client.send(
      new GetKnowledgeBaseDocumentsCommand({
        knowledgeBaseId: KB,
        dataSourceId: DS,
        documentIdentifiers: [custom('doc-1'), custom('nobody')],
      }),
    );
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(output.documentDetails).toEqual([
      {
        knowledgeBaseId: KB,
        dataSourceId: DS,
        status: 'FAILED',
        identifier: custom('doc-1'),
        statusReason: 'The file is empty',
        updatedAt,
      },
      { knowledgeBaseId: KB, dataSourceId: DS, status: 'NOT_FOUND', identifier: custom('nobody') },
    ]);
    // updatedAt is an ISO 8601 date-time on the wire, which the SDK parses into a Date.
    expect(output.documentDetails?.[0]?.updatedAt).toBeInstanceOf(Date);
    expect(sim.bedrock.listDocuments(KB, DS)).toEqual([
      {
        knowledgeBaseId: KB,
        dataSourceId: DS,
        id: 'doc-1',
        identifier: custom('doc-1'),
        status: 'FAILED',
        statusReason: 'The file is empty',
        updatedAt,
      },
    ]);
    // removeDocument forgets it: it reads NOT_FOUND, and a second remove finds nothing.
    expect(sim.bedrock.removeDocument(KB, DS, 'doc-1')).toBe(true);
    expect(sim.bedrock.removeDocument(KB, DS, 'doc-1')).toBe(false);
    const after = await client.send(
      new GetKnowledgeBaseDocumentsCommand({
        knowledgeBaseId: KB,
        dataSourceId: DS,
        documentIdentifiers: [custom('doc-1')],
      }),
    );
    expect(after.documentDetails?.map((detail) => detail.status)).toEqual(['NOT_FOUND']);
    expect(sim.bedrock.listDocuments(KB)).toEqual([]);
  });

  it('sends updatedAt as an ISO 8601 string and x-amzn-requestid on the raw wire', async () => {
    sim.bedrock.putDocument(KB, DS, { customId: 'a', status: 'INDEXED' });
    const response = await fetch(`${sim.url}/knowledgebases/${KB}/datasources/${DS}/documents/getDocuments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ documentIdentifiers: [custom('a')] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
    const body = (await response.json()) as { documentDetails: Array<{ updatedAt: unknown }> };
    expect(body.documentDetails[0]?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it('moves a read-driven timeline one step per read and stays on the last status', async () => {
    sim.bedrock.putDocument(KB, DS, {
      customId: 'doc',
      status: { statuses: ['STARTING', 'IN_PROGRESS', 'INDEXED'] },
    });
    const read = async () =>
      (
        await client.send(
          new GetKnowledgeBaseDocumentsCommand({
            knowledgeBaseId: KB,
            dataSourceId: DS,
            documentIdentifiers: [custom('doc')],
          }),
        )
      ).documentDetails?.[0]?.status;
    expect([await read(), await read(), await read(), await read()]).toEqual([
      'STARTING',
      'IN_PROGRESS',
      'INDEXED',
      'INDEXED',
    ]);
    // Inspecting does not move it.
    expect(sim.bedrock.getDocument(KB, DS, 'doc')?.status).toBe('INDEXED');
  });

  it("sends a timeline's statusReason with the status it ends on only, not while the document is on its way", async () => {
    sim.bedrock.putDocument(KB, DS, {
      customId: 'doc',
      status: { statuses: ['STARTING', 'IN_PROGRESS', 'FAILED'] },
      statusReason: 'The file could not be parsed.',
    });
    const read = async () => {
      const output = await client.send(
        new GetKnowledgeBaseDocumentsCommand({
          knowledgeBaseId: KB,
          dataSourceId: DS,
          documentIdentifiers: [custom('doc')],
        }),
      );
      const detail = output.documentDetails?.[0];
      return [detail?.status, detail?.statusReason];
    };
    expect(sim.bedrock.getDocument(KB, DS, 'doc')?.statusReason).toBeUndefined();
    expect([await read(), await read(), await read()]).toEqual([
      ['STARTING', undefined],
      ['IN_PROGRESS', undefined],
      ['FAILED', 'The file could not be parsed.'],
    ]);
    expect(sim.bedrock.getDocument(KB, DS, 'doc')?.statusReason).toBe('The file could not be parsed.');
  });

  it('serves S3 data sources and refuses identifiers of the other type', async () => {
    sim.bedrock.addDataSource(KB, S3DS, { type: 'S3' });
    sim.bedrock.putDocument(KB, S3DS, { s3Uri: 's3://bucket/a.pdf', status: 'INDEXED' });
    const output = await client.send(
      new GetKnowledgeBaseDocumentsCommand({
        knowledgeBaseId: KB,
        dataSourceId: S3DS,
        documentIdentifiers: [s3('s3://bucket/a.pdf')],
      }),
    );
    expect(output.documentDetails?.[0]).toMatchObject({ status: 'INDEXED', identifier: s3('s3://bucket/a.pdf') });

    const error = await rejection(
      client.send(
        new GetKnowledgeBaseDocumentsCommand({
          knowledgeBaseId: KB,
          dataSourceId: S3DS,
          documentIdentifiers: [custom('doc')],
        }),
      ),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).fieldList?.[0]?.name).toBe('documentIdentifiers.0.dataSourceType');
  });

  it.each([
    ['no identifiers', [], 'documentIdentifiers'],
    ['eleven identifiers', Array.from({ length: 11 }, (_, i) => custom(`d${i}`)), 'documentIdentifiers'],
    ['an empty custom id', [custom('')], 'documentIdentifiers.0.custom.id'],
    ['a custom id over 2048 characters', [custom('x'.repeat(2049))], 'documentIdentifiers.0.custom.id'],
  ])('refuses %s with ValidationException 400 and its fieldList', async (_, documentIdentifiers, field) => {
    const error = await rejection(
      client.send(new GetKnowledgeBaseDocumentsCommand({ knowledgeBaseId: KB, dataSourceId: DS, documentIdentifiers })),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect((error as ValidationException).fieldList?.map((f) => f.name)).toContain(field);
  });

  it('refuses knowledge base and data source ids that are not 10 letters or digits', async () => {
    const error = await rejection(
      client.send(
        new GetKnowledgeBaseDocumentsCommand({
          knowledgeBaseId: 'short',
          dataSourceId: 'DS_WITH_UNDERSCORE',
          documentIdentifiers: [custom('a')],
        }),
      ),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).fieldList?.map((f) => f.name)).toEqual(['knowledgeBaseId', 'dataSourceId']);
  });

  it('answers ResourceNotFoundException for undeclared data sources when asked to', async () => {
    sim.bedrock.configure({ requireDeclaredDataSources: true }).addDataSource(KB, DS);
    await expect(
      client.send(
        new GetKnowledgeBaseDocumentsCommand({
          knowledgeBaseId: KB,
          dataSourceId: DS,
          documentIdentifiers: [custom('a')],
        }),
      ),
    ).resolves.toBeDefined();
    const error = await rejection(
      client.send(
        new GetKnowledgeBaseDocumentsCommand({
          knowledgeBaseId: KB,
          dataSourceId: 'DSOTHER001',
          documentIdentifiers: [custom('a')],
        }),
      ),
    );
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});

describe('DeleteKnowledgeBaseDocuments', () => {
  const del = (ids: string[], clientToken?: string) =>
    client.send(
      new DeleteKnowledgeBaseDocumentsCommand({
        knowledgeBaseId: KB,
        dataSourceId: DS,
        documentIdentifiers: ids.map(custom),
        clientToken,
      }),
    );

  it('answers 202 with DELETING, then the document reads DELETING, then NOT_FOUND', async () => {
    sim.bedrock.putDocument(KB, DS, { customId: 'doc', status: 'INDEXED' });
    const output = await del(['doc', 'never-stored']);
    expect(output.$metadata.httpStatusCode).toBe(202);
    expect(output.documentDetails?.map((d) => [d.identifier?.custom?.id, d.status])).toEqual([
      ['doc', 'DELETING'],
      ['never-stored', 'NOT_FOUND'],
    ]);
    const read = async () =>
      (
        await client.send(
          new GetKnowledgeBaseDocumentsCommand({
            knowledgeBaseId: KB,
            dataSourceId: DS,
            documentIdentifiers: [custom('doc')],
          }),
        )
      ).documentDetails?.[0]?.status;
    expect([await read(), await read()]).toEqual(['DELETING', 'NOT_FOUND']);
  });

  it('ignores a request whose clientToken it has seen, answering as the first time', async () => {
    const token = 'a'.repeat(40);
    sim.bedrock.putDocument(KB, DS, { customId: 'doc', status: 'INDEXED' });
    const first = await del(['doc'], token);
    // The document comes back; a replay of the same delete must not touch it.
    sim.bedrock.putDocument(KB, DS, { customId: 'doc', status: 'INDEXED' });
    const replay = await del(['doc'], token);
    expect(replay.documentDetails).toEqual(first.documentDetails);
    expect(sim.bedrock.getDocument(KB, DS, 'doc')?.status).toBe('INDEXED');
    // A fresh token deletes again.
    await del(['doc'], 'b'.repeat(40));
    expect(sim.bedrock.getDocument(KB, DS, 'doc')?.status).toBe('DELETING');
    expect(sim.bedrock.seenClientTokens()).toEqual([
      { operation: 'DeleteKnowledgeBaseDocuments', token, replays: 1 },
      { operation: 'DeleteKnowledgeBaseDocuments', token: 'b'.repeat(40), replays: 0 },
    ]);
  });

  it('sends the SDK-generated idempotency token when none is given', async () => {
    await del(['doc']);
    const body = sim.log.filter({ operation: 'DeleteKnowledgeBaseDocuments' })[0]?.body as { clientToken?: string };
    expect(body.clientToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts any token of 33-256 letters and digits, and refuses the rest with fieldList clientToken', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-zA-Z0-9]{33,256}$/), async (token) => {
        const output = await del(['doc'], token);
        expect(output.$metadata.httpStatusCode).toBe(202);
      }),
      { numRuns: 15 },
    );
    for (const bad of ['short-token', `-${'a'.repeat(40)}`, `${'a'.repeat(40)}-`, 'a'.repeat(257)]) {
      const error = await rejection(del(['doc'], bad));
      expect(error).toBeInstanceOf(ValidationException);
      expect((error as ValidationException).fieldList?.map((f) => f.name)).toEqual(['clientToken']);
    }
  });
});

describe('IngestKnowledgeBaseDocuments', () => {
  it('accepts inline custom documents with 202 and moves them through the ingest timeline', async () => {
    const output = await client.send(
      new IngestKnowledgeBaseDocumentsCommand({
        knowledgeBaseId: KB,
        dataSourceId: DS,
        documents: [{ content: inlineText('fresh', 'hello') }],
      }),
    );
    expect(output.$metadata.httpStatusCode).toBe(202);
    expect(output.documentDetails?.[0]).toMatchObject({ status: 'STARTING', identifier: custom('fresh') });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const got = await client.send(
        new GetKnowledgeBaseDocumentsCommand({
          knowledgeBaseId: KB,
          dataSourceId: DS,
          documentIdentifiers: [custom('fresh')],
        }),
      );
      statuses.push(got.documentDetails?.[0]?.status);
    }
    expect(statuses).toEqual(['STARTING', 'IN_PROGRESS', 'INDEXED', 'INDEXED']);
  });

  it('a document of the other kind than its data source is a setup mistake that says how to seed it', () => {
    sim.bedrock.putDocument(KB, DS, { id: 'custom-1', status: 'INDEXED' });
    expect(() => sim.bedrock.putDocument(KB, DS, { s3Uri: 's3://bucket/a.pdf', status: 'INDEXED' })).toThrow(
      /is of type CUSTOM, not S3 \(a data source holds documents of one kind.*addDataSource\(knowledgeBaseId, dataSourceId, \{ type: 'S3' \}\)/,
    );
  });

  it('refuses content and metadata defined by different methods (S3 content with inline attributes, and back)', async () => {
    sim.bedrock.addDataSource(KB, S3DS, { type: 'S3' });
    const attributes = {
      type: 'IN_LINE_ATTRIBUTE' as const,
      inlineAttributes: [{ key: 'team', value: { type: 'STRING' as const, stringValue: 'x' } }],
    };
    const inS3 = await rejection(
      client.send(
        new IngestKnowledgeBaseDocumentsCommand({
          knowledgeBaseId: KB,
          dataSourceId: S3DS,
          documents: [
            {
              content: { dataSourceType: 'S3', s3: { s3Location: { uri: 's3://bucket/key.txt' } } },
              metadata: attributes,
            },
          ],
        }),
      ),
    );
    expect(inS3).toBeInstanceOf(ValidationException);
    expect(inS3.message).toContain('must be defined with the same method');
    const inline = await rejection(
      client.send(
        new IngestKnowledgeBaseDocumentsCommand({
          knowledgeBaseId: KB,
          dataSourceId: DS,
          documents: [
            {
              content: inlineText('mixed', 'hello'),
              metadata: { type: 'S3_LOCATION', s3Location: { uri: 's3://bucket/mixed.txt.metadata.json' } },
            },
          ],
        }),
      ),
    );
    expect(inline).toBeInstanceOf(ValidationException);
    expect(sim.bedrock.listDocuments(KB)).toEqual([]);
  });

  it('accepts S3 documents into an S3 data source', async () => {
    sim.bedrock.addDataSource(KB, S3DS, { type: 'S3' });
    const output = await client.send(
      new IngestKnowledgeBaseDocumentsCommand({
        knowledgeBaseId: KB,
        dataSourceId: S3DS,
        documents: [{ content: { dataSourceType: 'S3', s3: { s3Location: { uri: 's3://bucket/key.txt' } } } }],
      }),
    );
    expect(output.documentDetails?.[0]?.identifier).toEqual(s3('s3://bucket/key.txt'));
    expect(sim.bedrock.listDocuments(KB, S3DS).map((d) => d.status)).toEqual(['STARTING']);
  });
});

describe('ListKnowledgeBaseDocuments', () => {
  const seed = (n: number) => {
    for (let i = 0; i < n; i++) {
      sim.bedrock.putDocument(KB, DS, { customId: `doc-${i}`, status: 'INDEXED' });
    }
  };

  it('pages with maxResults and nextToken, which paginateListKnowledgeBaseDocuments follows', async () => {
    seed(5);
    const pages = [];
    for await (const page of paginateListKnowledgeBaseDocuments(
      { client, pageSize: 2 },
      { knowledgeBaseId: KB, dataSourceId: DS },
    )) {
      pages.push(page.documentDetails?.map((d) => d.identifier?.custom?.id));
    }
    expect(pages).toEqual([['doc-0', 'doc-1'], ['doc-2', 'doc-3'], ['doc-4']]);
    expect(sim.log.filter({ operation: 'ListKnowledgeBaseDocuments' }).map((e) => e.body)).toMatchObject([
      { maxResults: 2 },
      { maxResults: 2, nextToken: expect.any(String) },
      { maxResults: 2, nextToken: expect.any(String) },
    ]);
  });

  it('lists every document exactly once for any page size (property)', async () => {
    seed(7);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), async (pageSize) => {
        const seen: string[] = [];
        for await (const page of paginateListKnowledgeBaseDocuments(
          { client, pageSize },
          { knowledgeBaseId: KB, dataSourceId: DS },
        )) {
          seen.push(...(page.documentDetails ?? []).map((d) => d.identifier?.custom?.id ?? '?'));
        }
        expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `doc-${i}`));
      }),
      { numRuns: 9 },
    );
  });

  it('leaves out documents that read NOT_FOUND after a delete', async () => {
    seed(2);
    sim.bedrock.configure({ deleteTimeline: { statuses: ['NOT_FOUND'] } });
    await client.send(
      new DeleteKnowledgeBaseDocumentsCommand({
        knowledgeBaseId: KB,
        dataSourceId: DS,
        documentIdentifiers: [custom('doc-0')],
      }),
    );
    const output = await client.send(new ListKnowledgeBaseDocumentsCommand({ knowledgeBaseId: KB, dataSourceId: DS }));
    expect(output.documentDetails?.map((d) => d.identifier?.custom?.id)).toEqual(['doc-1']);
    expect(output.nextToken).toBeUndefined();
  });

  it('refuses maxResults outside 1-1000 and foreign tokens', async () => {
    for (const request of [{ maxResults: 0 }, { maxResults: 1001 }, { nextToken: 'not-ours' }]) {
      const error = await rejection(
        client.send(new ListKnowledgeBaseDocumentsCommand({ knowledgeBaseId: KB, dataSourceId: DS, ...request })),
      );
      expect(error).toBeInstanceOf(ValidationException);
    }
  });

  it('can answer with the same nextToken it was asked with (paging anomaly)', async () => {
    seed(3);
    sim.bedrock.configure({ repeatNextToken: true });
    const first = await client.send(
      new ListKnowledgeBaseDocumentsCommand({ knowledgeBaseId: KB, dataSourceId: DS, maxResults: 1 }),
    );
    const second = await client.send(
      new ListKnowledgeBaseDocumentsCommand({
        knowledgeBaseId: KB,
        dataSourceId: DS,
        maxResults: 1,
        nextToken: first.nextToken,
      }),
    );
    expect(first.nextToken).toBeTruthy();
    expect(second.nextToken).toBe(first.nextToken);
  });
});

describe('injected errors, as the SDK reads them', () => {
  const cases: Array<[ProviderErrorKind, string, number]> = [
    ['throttled', 'ThrottlingException', 429],
    ['quota_exceeded', 'ServiceQuotaExceededException', 402],
    ['forbidden', 'AccessDeniedException', 403],
    ['unauthorized', 'UnrecognizedClientException', 403],
    ['not_found', 'ResourceNotFoundException', 404],
    ['validation', 'ValidationException', 400],
    ['server_error', 'InternalServerException', 500],
    ['service_unavailable', 'ServiceUnavailableException', 503],
  ];

  it.each(cases)('%s is %s with HTTP %i', async (kind, name, status) => {
    sim.inject({ provider: 'bedrock', operation: 'GetKnowledgeBaseDocuments', fault: { type: 'error', kind } });
    const error = await rejection(
      client.send(
        new GetKnowledgeBaseDocumentsCommand({
          knowledgeBaseId: KB,
          dataSourceId: DS,
          documentIdentifiers: [custom('a')],
        }),
      ),
    );
    expect(error.name).toBe(name);
    expect(error.$metadata.httpStatusCode).toBe(status);
    expect(error.$metadata.requestId).toBeTruthy();
    expect(error.$fault).toBe(status >= 500 ? 'server' : 'client');
    expect(error.message).not.toBe('UnknownError');
  });

  it('sends Retry-After with throttling when asked, and x-amzn-errortype always', async () => {
    sim.inject({ provider: 'bedrock', fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 7 } });
    const response = await fetch(`${sim.url}/knowledgebases/${KB}/datasources/${DS}/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^ThrottlingException(:|$)/);
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(await response.json()).toEqual({ message: expect.any(String) });
  });

  it('a connection reset reaches the SDK as a network error', async () => {
    sim.inject({ provider: 'bedrock', fault: { type: 'reset' } });
    const error = await rejection(
      client.send(new ListKnowledgeBaseDocumentsCommand({ knowledgeBaseId: KB, dataSourceId: DS })),
    );
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
    expect(String((error as { code?: unknown }).code ?? error.message)).toMatch(/ECONNRESET|socket hang up/i);
  });
});
