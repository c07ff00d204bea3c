/**
 * Malformed input across the four factories and the client methods: each is
 * refused with a `validation` DocumentIndexError whose `field` names the culprit
 * (and whose message does too), and the simulator sees no request at all.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isPlainObject } from '../../src/core/validate';
import { type DocumentIndexError, isDocumentIndexError } from '../../src/index';
import { createAzureTranslationIndex } from '../../src/providers/azure/index';
import { createBedrockIndex } from '../../src/providers/bedrock/index';
import { createKendraIndex } from '../../src/providers/kendra/index';
import { createNaverRagIndex } from '../../src/providers/naver/index';
import type { RunningSimulator } from '../../src/testing/index';
import { FAST_RETRY, idsOf, rejection, simulatorPerFile, TARGETS, thrown } from './support';

let sim: RunningSimulator;
simulatorPerFile((started) => {
  sim = started;
});
// Bad input is refused before anything is sent.
afterEach(() => expect(sim.log.entries).toEqual([]));

/** A validation error that names `field`, in `field` and in its message. */
function expectNames(error: DocumentIndexError, field: string): void {
  expect(error.code).toBe('validation');
  expect(error.field).toBe(field);
  expect(error.message).toContain(field);
  expect(error.retryable).toBe(false);
}

const LOOPBACK = 'http://127.0.0.1:9';
const kendraBase = {
  indexId: '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab',
  region: 'us-east-1',
  endpoint: LOOPBACK,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
};
const bedrockBase = {
  knowledgeBaseId: 'KB12345678',
  dataSourceId: 'DS12345678',
  region: 'us-east-1',
  endpoint: LOOPBACK,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
};
const azureBase = {
  endpoint: 'https://example.cognitiveservices.azure.com',
  translationId: '9dce0aa9-78dc-41ba-8cae-2e2f3c2ff8ec',
  credential: 'key',
};
const naverBase = { serviceId: 'svc', apiKey: 'key', baseUrl: LOOPBACK };

type Factory = (options: never) => unknown;
/** [factory, base options, option overrides, the field the error must name]. */
const FACTORY_CASES: Array<[string, Factory, object, Record<string, unknown> | null, string]> = [
  ['kendra: options null', createKendraIndex, kendraBase, null, 'options'],
  ['kendra: indexId missing', createKendraIndex, kendraBase, { indexId: undefined }, 'indexId'],
  ['kendra: indexId a number', createKendraIndex, kendraBase, { indexId: 42 }, 'indexId'],
  ['kendra: indexId too short', createKendraIndex, kendraBase, { indexId: 'abc' }, 'indexId'],
  ['kendra: indexId bad pattern', createKendraIndex, kendraBase, { indexId: `-${'a'.repeat(35)}` }, 'indexId'],
  ['kendra: region with spaces', createKendraIndex, kendraBase, { region: 'US EAST 1' }, 'region'],
  ['kendra: endpoint not a URL', createKendraIndex, kendraBase, { endpoint: 'not a url' }, 'endpoint'],
  ['kendra: endpoint ftp', createKendraIndex, kendraBase, { endpoint: 'ftp://127.0.0.1' }, 'endpoint'],
  ['kendra: endpoint with user info', createKendraIndex, kendraBase, { endpoint: 'http://u:p@127.0.0.1' }, 'endpoint'],
  ['kendra: credentials a string', createKendraIndex, kendraBase, { credentials: 'AKID:secret' }, 'credentials'],
  [
    'kendra: credentials without secret',
    createKendraIndex,
    kendraBase,
    { credentials: { accessKeyId: 'AKID' } },
    'credentials.secretAccessKey',
  ],
  [
    'kendra: sessionToken a number',
    createKendraIndex,
    kendraBase,
    { credentials: { accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: 5 } },
    'credentials.sessionToken',
  ],
  ['kendra: client without send', createKendraIndex, kendraBase, { client: {}, region: undefined }, 'client'],
  ['kendra: retry.maxAttempts 0', createKendraIndex, kendraBase, { retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
  ['kendra: concurrency negative', createKendraIndex, kendraBase, { concurrency: -1 }, 'concurrency'],
  ['kendra: concurrency fractional', createKendraIndex, kendraBase, { concurrency: 1.5 }, 'concurrency'],
  [
    'bedrock: knowledgeBaseId too short',
    createBedrockIndex,
    bedrockBase,
    { knowledgeBaseId: 'KB123' },
    'knowledgeBaseId',
  ],
  [
    'bedrock: knowledgeBaseId bad pattern',
    createBedrockIndex,
    bedrockBase,
    { knowledgeBaseId: 'KB1234-678' },
    'knowledgeBaseId',
  ],
  ['bedrock: dataSourceId null', createBedrockIndex, bedrockBase, { dataSourceId: null }, 'dataSourceId'],
  ['bedrock: endpoint empty', createBedrockIndex, bedrockBase, { endpoint: '' }, 'endpoint'],
  ['bedrock: endpoint relative', createBedrockIndex, bedrockBase, { endpoint: '/knowledgebases' }, 'endpoint'],
  ['bedrock: region underscore', createBedrockIndex, bedrockBase, { region: 'us_east_1' }, 'region'],
  [
    'bedrock: credentials bad shape',
    createBedrockIndex,
    bedrockBase,
    { credentials: { accessKeyId: 1 } },
    'credentials.accessKeyId',
  ],
  ['bedrock: retry a string', createBedrockIndex, bedrockBase, { retry: 'fast' }, 'retry'],
  [
    'bedrock: retry.minDelayMs negative',
    createBedrockIndex,
    bedrockBase,
    { retry: { minDelayMs: -1 } },
    'retry.minDelayMs',
  ],
  ['bedrock: concurrency 0', createBedrockIndex, bedrockBase, { concurrency: 0 }, 'concurrency'],
  ['azure: endpoint a number', createAzureTranslationIndex, azureBase, { endpoint: 42 }, 'endpoint'],
  [
    'azure: endpoint with a query',
    createAzureTranslationIndex,
    azureBase,
    { endpoint: 'https://example.cognitiveservices.azure.com/?a=1' },
    'endpoint',
  ],
  ['azure: endpoint not http', createAzureTranslationIndex, azureBase, { endpoint: 'file:///etc/passwd' }, 'endpoint'],
  [
    'azure: translationId not a UUID',
    createAzureTranslationIndex,
    azureBase,
    { translationId: 'batch-1' },
    'translationId',
  ],
  ['azure: apiVersion unknown', createAzureTranslationIndex, azureBase, { apiVersion: '2023-01-01' }, 'apiVersion'],
  ['azure: credential empty', createAzureTranslationIndex, azureBase, { credential: '' }, 'credential'],
  ['azure: credential null', createAzureTranslationIndex, azureBase, { credential: null }, 'credential'],
  [
    'azure: credential.key a number',
    createAzureTranslationIndex,
    azureBase,
    { credential: { key: 5 } },
    'credential.key',
  ],
  [
    'azure: getToken not a function',
    createAzureTranslationIndex,
    azureBase,
    { credential: { getToken: 'token' } },
    'credential',
  ],
  ['azure: region with spaces', createAzureTranslationIndex, azureBase, { region: 'west europe' }, 'region'],
  [
    'azure: retry.maxAttempts fractional',
    createAzureTranslationIndex,
    azureBase,
    { retry: { maxAttempts: 1.5 } },
    'retry.maxAttempts',
  ],
  ['azure: concurrency NaN', createAzureTranslationIndex, azureBase, { concurrency: Number.NaN }, 'concurrency'],
  ['naver: serviceId empty', createNaverRagIndex, naverBase, { serviceId: '' }, 'serviceId'],
  ['naver: serviceId ..', createNaverRagIndex, naverBase, { serviceId: '..' }, 'serviceId'],
  ['naver: apiKey missing', createNaverRagIndex, naverBase, { apiKey: undefined }, 'apiKey'],
  ['naver: apiKey with a newline', createNaverRagIndex, naverBase, { apiKey: 'key\nX-Injected: 1' }, 'apiKey'],
  ['naver: baseUrl javascript:', createNaverRagIndex, naverBase, { baseUrl: 'javascript:alert(1)' }, 'baseUrl'],
  ['naver: baseUrl with fragment', createNaverRagIndex, naverBase, { baseUrl: 'https://gw.example#x' }, 'baseUrl'],
  ['naver: fetch a string', createNaverRagIndex, naverBase, { fetch: 'fetch' }, 'fetch'],
  ['naver: timeoutMs 0', createNaverRagIndex, naverBase, { timeoutMs: 0 }, 'timeoutMs'],
  ['naver: retry.maxAttempts 0', createNaverRagIndex, naverBase, { retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
  [
    'naver: retry.maxDelayMs Infinity',
    createNaverRagIndex,
    naverBase,
    { retry: { maxDelayMs: Infinity } },
    'retry.maxDelayMs',
  ],
  ['naver: concurrency a string', createNaverRagIndex, naverBase, { concurrency: '4' }, 'concurrency'],
];

describe('factories throw validation errors naming the field', () => {
  it('has at least 30 cases over all four factories', () => {
    expect(FACTORY_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(FACTORY_CASES.map(([, factory]) => factory)).size).toBe(4);
  });

  it.each(FACTORY_CASES)('%s', (_, factory, base, overrides, field) => {
    const options = overrides === null ? null : { ...base, ...overrides };
    expectNames(
      thrown(() => factory(options as never)),
      field,
    );
  });

  it('either builds a client or throws a validation error, whatever one option holds', () => {
    const factories: Array<[Factory, Record<string, unknown>]> = [
      [createKendraIndex, { ...kendraBase, retry: undefined, concurrency: undefined }],
      [createBedrockIndex, { ...bedrockBase, retry: undefined, concurrency: undefined }],
      [createAzureTranslationIndex, { ...azureBase, region: undefined, apiVersion: undefined, retry: undefined }],
      [createNaverRagIndex, { ...naverBase, retry: undefined, concurrency: undefined, timeoutMs: undefined }],
    ];
    const cases = fc.tuple(
      fc.constantFrom(...factories),
      fc.nat(),
      fc.oneof(fc.anything(), fc.record({ maxAttempts: fc.anything(), minDelayMs: fc.anything(), key: fc.anything() })),
    );
    fc.assert(
      fc.property(cases, ([[factory, base], keyIndex, value]) => {
        const keys = Object.keys(base);
        const key = keys[keyIndex % keys.length] as string;
        try {
          factory({ ...base, [key]: value } as never);
        } catch (error) {
          expect(isDocumentIndexError(error), `${key}: ${String(error)}`).toBe(true);
          expect((error as DocumentIndexError).code).toBe('validation');
        }
      }),
      { numRuns: 400, seed: 5 },
    );
  });

  it('refuses region, credentials and endpoint next to a caller-owned client', () => {
    const client = { send: async () => ({}) };
    expectNames(
      thrown(() => createKendraIndex({ ...kendraBase, client } as never)),
      'region',
    );
    expectNames(
      thrown(() => createBedrockIndex({ ...bedrockBase, region: undefined, client } as never)),
      'credentials',
    );
  });
});

describe.each(TARGETS)('methods reject validation errors naming the field: $name', ({ target }) => {
  const client = () => target.createClient(sim, { retry: FAST_RETRY });
  const good = () => idsOf(target, 3);
  const bad = (value: unknown) => value as never;

  const methodCases: Array<[string, () => Promise<unknown>, string]> = [
    ['getStatus(null)', () => client().getStatus(bad(null)), 'ref'],
    ['getStatus(42)', () => client().getStatus(bad(42)), 'ref'],
    ['getStatus({ id: "" })', () => client().getStatus(bad({ id: '' })), 'ref.id'],
    ['getStatuses(a string)', () => client().getStatuses(bad('doc-1')), 'refs'],
    ['getStatuses(null)', () => client().getStatuses(bad(null)), 'refs'],
    ['getStatuses with a bad ref after good ones', () => client().getStatuses([...good(), bad(undefined)]), 'refs[3]'],
    ['getStatuses options null', () => client().getStatuses(good(), bad(null)), 'options'],
    ['concurrency 0', () => client().getStatuses(good(), { concurrency: 0 }), 'options.concurrency'],
    ['concurrency -3', () => client().getStatuses(good(), { concurrency: -3 }), 'options.concurrency'],
    ['concurrency 2.5', () => client().getStatuses(good(), { concurrency: 2.5 }), 'options.concurrency'],
    ['timeoutMs -1', () => client().getStatuses(good(), { timeoutMs: -1 }), 'options.timeoutMs'],
    ['timeoutMs NaN', () => client().getStatus(good()[0] as string, { timeoutMs: Number.NaN }), 'options.timeoutMs'],
    ['signal not a signal', () => client().getStatuses(good(), { signal: bad({}) }), 'options.signal'],
    ['waitFor minDelayMs -5', () => client().waitFor(good(), { minDelayMs: -5 }), 'options.minDelayMs'],
    ['waitFor until a string', () => client().waitFor(good(), { until: bad('terminal') }), 'options.until'],
    ['waitFor onProgress a number', () => client().waitFor(good(), { onProgress: bad(1) }), 'options.onProgress'],
    ['waitFor notFoundGraceMs -1', () => client().waitFor(good(), { notFoundGraceMs: -1 }), 'options.notFoundGraceMs'],
  ];
  if (target.operations.delete) {
    methodCases.push(['deleteDocuments([""])', () => client().deleteDocuments(bad([''])), 'refs[0]']);
  }
  if (target.operations.list) {
    methodCases.push(
      [
        'listStatuses statuses not a status',
        () =>
          client()
            .listStatuses({ statuses: bad(['done']) })
            .next(),
        'options.statuses[0]',
      ],
      ['listStatuses maxPageSize 0', () => client().listStatuses().byPage({ maxPageSize: 0 }).next(), 'maxPageSize'],
      [
        'listStatuses maxPageSize 1.5',
        () => client().listStatuses().byPage({ maxPageSize: 1.5 }).next(),
        'maxPageSize',
      ],
      ['listStatuses byPage(null)', () => client().listStatuses().byPage(bad(null)).next(), 'settings'],
      [
        'listStatuses empty continuationToken',
        () => client().listStatuses().byPage({ continuationToken: '' }).next(),
        'continuationToken',
      ],
      // Another SDK's name for a page setting, or the setting misspelt, given to the listing: it applied nothing.
      [
        'listStatuses({ pageSize })',
        () =>
          client()
            .listStatuses(bad({ pageSize: 5 }))
            .next(),
        'options.pageSize',
      ],
      [
        'listStatuses({ maxPagesize })',
        () =>
          client()
            .listStatuses(bad({ maxPagesize: 5 }))
            .next(),
        'options.maxPagesize',
      ],
      [
        'listStatuses({ nextToken })',
        () =>
          client()
            .listStatuses(bad({ nextToken: 'x' }))
            .next(),
        'options.nextToken',
      ],
      [
        'byPage({ maxItems })',
        () =>
          client()
            .listStatuses()
            .byPage(bad({ maxItems: 2 }))
            .next(),
        'settings.maxItems',
      ],
      [
        'byPage({ maxResults })',
        () =>
          client()
            .listStatuses()
            .byPage(bad({ maxResults: 2 }))
            .next(),
        'settings.maxResults',
      ],
    );
  }

  it.each(methodCases)('%s', async (_, call, field) => {
    expectNames(await rejection(call()), field);
  });

  it('never throws synchronously nor rejects with anything but a DocumentIndexError, whatever it is given', async () => {
    const c = client();
    const call = (method: number, first: unknown, second: unknown): Promise<unknown> => {
      switch (method) {
        case 0:
          return c.getStatus(bad(first), bad(second));
        case 1:
          return c.getStatuses(bad(first), bad(second));
        case 2:
          return c.deleteDocuments(bad(first), bad(second));
        case 3: {
          // Bounded: valid-looking options still get a deadline, and unknown documents count as done.
          const options =
            second === undefined || isPlainObject(second) ? { ...second, notFoundGraceMs: 0, timeoutMs: 500 } : second;
          return c.waitFor(bad(first), bad(options));
        }
        case 4:
          return c.listStatuses(bad(first)).next();
        default:
          return c.listStatuses().byPage(bad(first)).next();
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 5 }), fc.anything(), fc.anything(), async (method, first, second) => {
        let promise: Promise<unknown>;
        try {
          promise = call(method, first, second);
        } catch (error) {
          throw new Error(`method ${method} threw synchronously: ${String(error)}`);
        }
        try {
          await promise;
        } catch (error) {
          expect(isDocumentIndexError(error), `method ${method} rejected with ${String(error)}`).toBe(true);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
    // Some of those calls were valid and went out; this test alone may send requests.
    sim.log.clear();
  });

  it.each(target.invalidRefs.map((ref) => [ref]))('refuses invalid ref #%# before sending', async (ref) => {
    const error = await rejection(client().getStatuses([good()[0] as string, bad(ref)]));
    expect(error.code).toBe('validation');
    expect(error.field?.startsWith('refs[1]')).toBe(true);
    expect(error.message).toContain(error.field);
  });
});
