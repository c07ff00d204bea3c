/**
 * createBedrockIndex against the loopback Bedrock simulator, over the real AWS SDK
 * transport: refs, the status map, clientToken idempotency, paging, error
 * classification and the single retry layer.
 */
import { BedrockAgentClient, type BedrockAgentClientConfig } from '@aws-sdk/client-bedrock-agent';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DocumentIndexError,
  type DocumentStatus,
  isDocumentIndexError,
  type RetryOptions,
} from '../../../src/index';
import { type BedrockIndexOptions, createBedrockIndex } from '../../../src/providers/bedrock/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';

const KB = 'KBADAPTER1';
const DS = 'DSCUSTOM01';
const S3DS = 'DSS3SOURCE';
const SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';
const FAST_RETRY: RetryOptions = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };

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
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET },
    retry: FAST_RETRY,
    ...options,
  });

const requests = (operation: string) => sim.log.filter({ provider: 'bedrock', operation });

async function rejection(promise: Promise<unknown>): Promise<DocumentIndexError> {
  try {
    await promise;
  } catch (error) {
    expect(isDocumentIndexError(error)).toBe(true);
    return error as DocumentIndexError;
  }
  throw new Error('expected the call to reject');
}

function seedCustom(ids: string[], status = 'INDEXED') {
  for (const id of ids) sim.bedrock.putDocument(KB, DS, { customId: id, status });
}

describe('createBedrockIndex options', () => {
  it.each([
    ['knowledgeBaseId', { knowledgeBaseId: 'KB1234567' }],
    ['knowledgeBaseId', { knowledgeBaseId: 'KB-2345678' }],
    ['knowledgeBaseId', { knowledgeBaseId: 1234567890 }],
    ['dataSourceId', { dataSourceId: undefined }],
    ['dataSourceId', { dataSourceId: 'DS12345678X' }],
    ['region', { region: 'US EAST' }],
    ['endpoint', { endpoint: 'not a url' }],
    ['endpoint', { endpoint: 'ftp://127.0.0.1' }],
    ['endpoint', { endpoint: 'http://user:pw@127.0.0.1' }],
    ['credentials', { credentials: SECRET }],
    ['client', { client: {}, region: undefined, endpoint: undefined, credentials: undefined }],
    ['endpoint', { client: new BedrockAgentClient({}), region: undefined, credentials: undefined }],
    ['retry.maxAttempts', { retry: { maxAttempts: 0 } }],
    ['concurrency', { concurrency: 0 }],
  ])('rejects a bad %s with validation naming it', (field, override) => {
    let thrown: unknown;
    try {
      index(override as Partial<BedrockIndexOptions>);
    } catch (error) {
      thrown = error;
    }
    expect(isDocumentIndexError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'validation', provider: 'bedrock' });
    expect((thrown as Error).message).toContain(field);
    expect((thrown as Error).message).not.toContain(SECRET);
  });

  it('rejects non-object options', () => {
    expect(() => createBedrockIndex(undefined as never)).toThrowError(expect.objectContaining({ code: 'validation' }));
  });
});

describe('refs', () => {
  it('sends plain strings as custom ids and reports them under that id', async () => {
    seedCustom(['doc-1', 'doc-2']);
    const batch = await index().getStatuses(['doc-1', { id: 'doc-2' }]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual([
      ['doc-1', 'succeeded'],
      ['doc-2', 'succeeded'],
    ]);
    expect(requests('GetKnowledgeBaseDocuments')[0]?.body).toEqual({
      documentIdentifiers: [
        { dataSourceType: 'CUSTOM', custom: { id: 'doc-1' } },
        { dataSourceType: 'CUSTOM', custom: { id: 'doc-2' } },
      ],
    });
  });

  it('sends s3:// strings and { s3Uri } as S3 identifiers, reported under the uri', async () => {
    sim.bedrock.addDataSource(KB, S3DS, { type: 'S3' });
    sim.bedrock.putDocument(KB, S3DS, { s3Uri: 's3://bucket/a.pdf', status: 'INDEXED' });
    sim.bedrock.putDocument(KB, S3DS, { s3Uri: 's3://bucket/b.pdf', status: 'IN_PROGRESS' });
    const batch = await index({ dataSourceId: S3DS }).getStatuses([
      's3://bucket/a.pdf',
      { s3Uri: 's3://bucket/b.pdf' },
      { dataSourceType: 'S3', s3: { uri: 's3://bucket/none' } },
    ]);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual([
      ['s3://bucket/a.pdf', 'succeeded'],
      ['s3://bucket/b.pdf', 'processing'],
      ['s3://bucket/none', 'not_found'],
    ]);
    const sent = requests('GetKnowledgeBaseDocuments')[0]?.body as { documentIdentifiers: unknown[] };
    expect(sent.documentIdentifiers[0]).toEqual({ dataSourceType: 'S3', s3: { uri: 's3://bucket/a.pdf' } });
  });

  it('{ customId } keeps a custom id that looks like an S3 uri custom', async () => {
    sim.bedrock.putDocument(KB, DS, { customId: 's3://not-really', status: 'INDEXED' });
    const item = await index().getStatus({ customId: 's3://not-really' });
    expect(item).toMatchObject({ id: 's3://not-really', status: 'succeeded' });
    expect(requests('GetKnowledgeBaseDocuments')[0]?.body).toEqual({
      documentIdentifiers: [{ dataSourceType: 'CUSTOM', custom: { id: 's3://not-really' } }],
    });
  });

  it.each([
    ['refs[0]', ''],
    ['refs[0]', 'x'.repeat(2049)],
    ['refs[0]', `s3://${'k'.repeat(129)}`],
    ['refs[0].s3Uri', { s3Uri: 'https://bucket/key' }],
    ['refs[0].customId', { customId: '' }],
    ['refs[0]', { name: 'doc' }],
    ['refs[0].custom.id', { dataSourceType: 'CUSTOM', custom: {} }],
  ])('refuses %s = %j before sending', async (field, ref) => {
    const error = await rejection(index().getStatuses([ref as never]));
    expect(error.code).toBe('validation');
    expect(error.field).toBe(field);
    expect(sim.log.entries).toHaveLength(0);
  });

  it('accepts a custom id of exactly 2048 characters and an S3 uri of 128 characters after s3://', async () => {
    const batch = await index().getStatuses(['x'.repeat(2048)]);
    expect(batch.items[0]?.status).toBe('not_found');
    sim.bedrock.addDataSource(KB, S3DS, { type: 'S3' });
    const s3 = await index({ dataSourceId: S3DS }).getStatuses([`s3://${'k'.repeat(128)}`]);
    expect(s3.items[0]?.status).toBe('not_found');
  });
});

describe('status details', () => {
  it('fills failure.message from statusReason, parses updatedAt and keeps the raw detail', async () => {
    const updatedAt = new Date('2025-01-02T03:04:05.678Z');
    sim.bedrock.putDocument(KB, DS, {
      customId: 'bad',
      status: 'IGNORED',
      statusReason: 'Unsupported file type',
      updatedAt,
    });
    const item = await index().getStatus('bad');
    expect(item).toMatchObject({
      provider: 'bedrock',
      id: 'bad',
      status: 'ignored',
      providerStatus: 'IGNORED',
      terminal: true,
      failure: { message: 'Unsupported file type' },
      updatedAt,
    });
    expect(item.raw).toMatchObject({ knowledgeBaseId: KB, dataSourceId: DS, status: 'IGNORED' });
  });

  it('reads an unknown document as not_found with no failure', async () => {
    const item = await index().getStatus('ghost');
    expect(item).toMatchObject({ status: 'not_found', providerStatus: 'NOT_FOUND' });
    expect(item.failure).toBeUndefined();
    expect(item.updatedAt).toBeUndefined();
  });
});

describe('deleteDocuments', () => {
  it("reports the provider's own status for each document", async () => {
    seedCustom(['a']);
    const batch = await index().deleteDocuments(['a', 'never-there']);
    expect(batch.items.map((item) => [item.id, item.status, item.providerStatus])).toEqual([
      ['a', 'deleting', 'DELETING'],
      ['never-there', 'not_found', 'NOT_FOUND'],
    ]);
    expect(sim.bedrock.getDocument(KB, DS, 'a')?.status).toBe('DELETING');
  });

  it('keeps one clientToken across the retries of a chunk and uses a fresh one per chunk', async () => {
    const ids = Array.from({ length: 15 }, (_, i) => `doc-${String(i).padStart(2, '0')}`);
    seedCustom(ids);
    sim.inject({
      provider: 'bedrock',
      operation: 'DeleteKnowledgeBaseDocuments',
      fault: { type: 'error', kind: 'server_error' },
    });
    const batch = await index({ concurrency: 1 }).deleteDocuments(ids);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => item.status)).toEqual(ids.map(() => 'deleting'));

    const sent = requests('DeleteKnowledgeBaseDocuments').map((entry) => ({
      outcome: entry.outcome,
      token: (entry.body as { clientToken: string }).clientToken,
      count: (entry.body as { documentIdentifiers: unknown[] }).documentIdentifiers.length,
    }));
    expect(sent.map(({ outcome, count }) => [outcome, count])).toEqual([
      [500, 10],
      [202, 10],
      [202, 5],
    ]);
    expect(sent[1]?.token).toBe(sent[0]?.token);
    expect(sent[2]?.token).not.toBe(sent[0]?.token);
    for (const { token } of sent) {
      expect(token.length).toBeGreaterThanOrEqual(33);
      expect(token).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}$/);
    }
    expect(sim.bedrock.seenClientTokens().map((seen) => seen.token)).toEqual([sent[1]?.token, sent[2]?.token]);
  });

  it('a retry of a delete whose answer was lost is a replay the service ignores', async () => {
    seedCustom(['a']);
    // The first attempt is applied but its answer comes too late for the caller's
    // request timeout; the core retries with the same token, and the service
    // recognises it instead of deleting again.
    sim.inject({
      provider: 'bedrock',
      operation: 'DeleteKnowledgeBaseDocuments',
      fault: { type: 'latency', ms: 1_000 },
    });
    const client = new BedrockAgentClient({
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET },
      maxAttempts: 1,
      requestHandler: { requestTimeout: 30, throwOnRequestTimeout: true },
    });
    const own = createBedrockIndex({
      knowledgeBaseId: KB,
      dataSourceId: DS,
      client,
      retry: { maxAttempts: 2, minDelayMs: 30, maxDelayMs: 30 },
    });
    const batch = await own.deleteDocuments(['a']);
    client.destroy();
    expect(batch.items.map((item) => item.status)).toEqual(['deleting']);
    const tokens = requests('DeleteKnowledgeBaseDocuments').map(
      (entry) => (entry.body as { clientToken: string }).clientToken,
    );
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).toBe(tokens[0]);
    expect(sim.bedrock.seenClientTokens()).toEqual([
      { operation: 'DeleteKnowledgeBaseDocuments', token: tokens[0], replays: 1 },
    ]);
  });
});

describe('listStatuses', () => {
  const ids = Array.from({ length: 7 }, (_, i) => `doc-${i}`);

  it('passes maxPageSize as maxResults and resumes from a page token with byPage', async () => {
    seedCustom(ids);
    const pages = [];
    for await (const page of index().listStatuses().byPage({ maxPageSize: 3 })) pages.push(page);
    expect(pages.map((page) => page.map((item: DocumentStatus) => item.id))).toEqual([
      ['doc-0', 'doc-1', 'doc-2'],
      ['doc-3', 'doc-4', 'doc-5'],
      ['doc-6'],
    ]);
    expect(
      requests('ListKnowledgeBaseDocuments').map((entry) => (entry.body as { maxResults?: number }).maxResults),
    ).toEqual([3, 3, 3]);

    sim.log.clear();
    const resumed = [];
    for await (const page of index()
      .listStatuses()
      .byPage({ continuationToken: pages[0]?.continuationToken, maxPageSize: 3 })) {
      resumed.push(...page.map((item: DocumentStatus) => item.id));
    }
    expect(resumed).toEqual(ids.slice(3));
    const [firstRequest] = requests('ListKnowledgeBaseDocuments');
    expect(firstRequest?.body).toEqual({ maxResults: 3, nextToken: pages[0]?.continuationToken });
  });

  it('ends a listing whose nextToken repeats with invalid_response instead of looping', async () => {
    seedCustom(ids);
    sim.bedrock.configure({ repeatNextToken: true });
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const page of index().listStatuses().byPage({ maxPageSize: 2 })) {
          seen.push(...page.map((item: DocumentStatus) => item.id));
        }
      })(),
    );
    expect(error.code).toBe('invalid_response');
    // The second page, fetched with the token for the first time, is listed; then the repeat ends the listing.
    expect(seen).toEqual(['doc-0', 'doc-1', 'doc-2', 'doc-3']);
    expect(requests('ListKnowledgeBaseDocuments')).toHaveLength(2);
  });

  it('filters statuses on our side, since the API cannot', async () => {
    seedCustom(['a', 'c']);
    seedCustom(['b'], 'FAILED');
    const listed = [];
    for await (const item of index().listStatuses({ statuses: ['failed'] })) listed.push(item.id);
    expect(listed).toEqual(['b']);
  });
});

describe('errors', () => {
  it('ServiceQuotaExceededException (402) is quota_exceeded, not retried, and lands in errors', async () => {
    sim.inject({
      provider: 'bedrock',
      operation: 'GetKnowledgeBaseDocuments',
      fault: { type: 'error', kind: 'quota_exceeded' },
    });
    const batch = await index().getStatuses(['a', 'b']);
    expect(batch.items).toEqual([]);
    expect(batch.errors.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(batch.errors[0]?.error).toMatchObject({
      code: 'quota_exceeded',
      provider: 'bedrock',
      httpStatus: 402,
      providerCode: 'ServiceQuotaExceededException',
      requestId: expect.any(String),
      retryable: false,
    });
    expect(requests('GetKnowledgeBaseDocuments')).toHaveLength(1);
  });

  it('ValidationException is validation with the field list in the message, and dooms the call', async () => {
    sim.bedrock.addDataSource(KB, S3DS, { type: 'S3' });
    const error = await rejection(index({ dataSourceId: S3DS, concurrency: 1 }).getStatuses(['custom-a', 'custom-b']));
    expect(error).toMatchObject({ code: 'validation', httpStatus: 400, providerCode: 'ValidationException' });
    expect(error.message).toContain('documentIdentifiers.0.dataSourceType');
    expect(error.message).toContain('does not match the data source type S3');
  });

  it('ResourceNotFoundException is not_found and rejects the whole call after one request', async () => {
    sim.bedrock.configure({ requireDeclaredDataSources: true });
    const ids = Array.from({ length: 30 }, (_, i) => `d${i}`);
    const error = await rejection(index({ concurrency: 1 }).getStatuses(ids));
    expect(error).toMatchObject({ code: 'not_found', httpStatus: 404, providerCode: 'ResourceNotFoundException' });
    expect(requests('GetKnowledgeBaseDocuments')).toHaveLength(1);
  });

  it.each([
    ['forbidden', 'forbidden', 'AccessDeniedException'],
    ['unauthorized', 'unauthorized', 'UnrecognizedClientException'],
    ['server_error', 'internal', 'InternalServerException'],
    ['service_unavailable', 'service_unavailable', 'ServiceUnavailableException'],
    ['throttled', 'throttled', 'ThrottlingException'],
  ] as const)('%s is classified as %s (%s) and never quotes the credentials', async (kind, code, name) => {
    sim.inject({ provider: 'bedrock', fault: { type: 'error', kind }, times: Number.POSITIVE_INFINITY });
    const outcome = await index({ retry: { maxAttempts: 1 } })
      .getStatuses(['a'])
      .then(
        (batch) => batch.errors[0]?.error,
        (error: unknown) => error as DocumentIndexError,
      );
    expect(outcome).toMatchObject({ code, providerCode: name, provider: 'bedrock' });
    expect(outcome?.message).not.toContain(SECRET);
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
    expect(JSON.stringify(outcome)).not.toContain('AKIDEXAMPLE');
  });

  it('reads Retry-After from a throttling answer', async () => {
    sim.inject({ provider: 'bedrock', fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 7 } });
    const batch = await index({ retry: { maxAttempts: 1 } }).getStatuses(['a']);
    expect(batch.errors[0]?.error).toMatchObject({ code: 'throttled', retryAfterMs: 7000, httpStatus: 429 });
  });

  it('a dropped connection is network, retried', async () => {
    seedCustom(['a']);
    sim.inject({ provider: 'bedrock', fault: { type: 'reset' } });
    const batch = await index().getStatuses(['a']);
    expect(batch.items.map((item) => item.status)).toEqual(['succeeded']);
    expect(requests('GetKnowledgeBaseDocuments').map((entry) => entry.outcome)).toEqual(['reset', 200]);

    sim.inject({ provider: 'bedrock', fault: { type: 'reset' }, times: Number.POSITIVE_INFINITY });
    const failed = await index({ retry: { ...FAST_RETRY, maxAttempts: 2 } }).getStatuses(['a']);
    expect(failed.errors[0]?.error).toMatchObject({ code: 'network', retryable: true });
  });

  it.each([
    ['malformed', { type: 'malformed' as const }],
    ['truncated', { type: 'truncated' as const }],
    ['wrong_shape', { type: 'wrong_shape' as const }],
  ])('a %s answer is invalid_response', async (_, fault) => {
    seedCustom(['a']);
    sim.inject({ provider: 'bedrock', fault });
    const batch = await index().getStatuses(['a']);
    expect(batch.errors[0]?.error).toMatchObject({ code: 'invalid_response', provider: 'bedrock' });
  });
});

describe('one retry layer', () => {
  const alwaysThrottle = () =>
    sim.inject({ provider: 'bedrock', fault: { type: 'error', kind: 'throttled' }, times: Number.POSITIVE_INFINITY });

  it('sends exactly retry.maxAttempts requests per call under persistent throttling', async () => {
    alwaysThrottle();
    const batch = await index({ retry: { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 } }).getStatuses(['a']);
    expect(batch.errors[0]?.error.code).toBe('throttled');
    expect(requests('GetKnowledgeBaseDocuments')).toHaveLength(3);

    await index({ retry: { maxAttempts: 2, minDelayMs: 1, maxDelayMs: 5 } }).deleteDocuments(['a']);
    expect(requests('DeleteKnowledgeBaseDocuments')).toHaveLength(2);

    await rejection(
      index({ retry: { maxAttempts: 4, minDelayMs: 1, maxDelayMs: 5 } })
        .listStatuses()
        .next(),
    );
    expect(requests('ListKnowledgeBaseDocuments')).toHaveLength(4);
  });

  it("uses a caller's client as given, its own retries included", async () => {
    alwaysThrottle();
    const client = new BedrockAgentClient({
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET },
      maxAttempts: 2,
      retryStrategy: immediateRetries(2),
    });
    const own = createBedrockIndex({
      knowledgeBaseId: KB,
      dataSourceId: DS,
      client,
      retry: { ...FAST_RETRY, maxAttempts: 2 },
    });
    const batch = await own.getStatuses(['a']);
    expect(batch.errors[0]?.error.code).toBe('throttled');
    // Two of our attempts, each of which the caller's client tried twice.
    expect(requests('GetKnowledgeBaseDocuments')).toHaveLength(4);
    client.destroy();
  });
});

/** An SDK retry strategy that retries at once, so the test needs no real backoff sleeps. */
function immediateRetries(maxAttempts: number): NonNullable<BedrockAgentClientConfig['retryStrategy']> {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous: { getRetryCount(): number }) => {
      const next = previous.getRetryCount() + 1;
      if (next >= maxAttempts) throw new Error('out of attempts');
      return token(next);
    },
    recordSuccess: () => {},
  };
}

describe("Bedrock's validation message, the one provider text the message echoes", () => {
  it('has what identifies a credential cut out, when an endpoint or proxy echoed the request into it', async () => {
    const echoed =
      'Bad request: authorization=AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/us-east-1/bedrock/aws4_request, ' +
      'SignedHeaders=host, Signature=0123abcdef; x-amz-security-token: FQoGZXIvYXdzEXAMPLE; key AKIAIOSFODNN7EXAMPLE';
    sim.inject({ provider: 'bedrock', fault: { type: 'error', kind: 'validation', message: echoed } });
    const error = await rejection(index({ retry: { maxAttempts: 1 } }).getStatuses(['a']));
    expect(error.code).toBe('validation');
    for (const secret of ['AKIDEXAMPLE/', '0123abcdef', 'FQoGZXIvYXdzEXAMPLE', 'AKIAIOSFODNN7EXAMPLE']) {
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
    expect(error.message).toContain('Bad request: authorization=AWS4-HMAC-SHA256 Credential=[redacted]');
    expect(error.message).toContain('Signature=[redacted]');
  });

  // The headers echoed as JSON, as a proxy that dumps the request would: a quote sits between each name and its colon.
  it.each([
    ['JSON', '{"x-amz-security-token":"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzSECRET+/=","x-amz-signature":"SIGSECRET"}'],
    [
      'single-quoted',
      "{'X-Amz-Security-Token': 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzSECRET+/=', 'signature': 'SIGSECRET'}",
    ],
    ['a query string', 'GET /?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2FSECRET&X-Amz-Signature=SIGSECRET'],
    ['JSON lists', '{"x-amz-security-token":["IQoJb3JpZ2luX2VjEJrSECRET+/="],"x-amz-signature":[ "SIGSECRET" ]}'],
    ['escaped JSON', '{\\"x-amz-security-token\\":\\"IQoJb3JpZ2luX2VjEJrSECRET\\",\\"signature\\":\\"SIGSECRET\\"}'],
  ])('has the session token and signature cut out of headers echoed as %s', async (_form, echoed) => {
    sim.inject({
      provider: 'bedrock',
      fault: { type: 'error', kind: 'validation', message: `Bad request: ${echoed}` },
    });
    const error = await rejection(index({ retry: { maxAttempts: 1 } }).getStatuses(['a']));
    expect(error.code).toBe('validation');
    for (const secret of ['SECRET', 'SIGSECRET']) {
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
    expect(error.message).toMatch(/security-token\\?['"]?\s*[:=]\s*\[?\s*\\?['"]?\[redacted\]/i);
  });
});
