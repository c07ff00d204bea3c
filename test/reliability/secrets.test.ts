/**
 * Credentials never leak: with recognisable secrets as the AWS secret access key
 * and session token, the Azure subscription key, the Microsoft Entra token and
 * the NAVER API key, every error path (each fault kind, auth failures, validation
 * failures, timeouts, aborts, foreign next links) is run, and the secrets must
 * appear nowhere in an error's message, stack, String(), JSON.stringify(),
 * util.inspect(), nor in a StatusBatch's errors, a timeout's lastResult, an
 * onProgress snapshot, the console, the Azure SDK logger, an event of any hook,
 * a line of the client's logger, or any span (name, attributes, events, status).
 */
import { inspect } from 'node:util';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientOptions } from '../../src/core/config';
import {
  type ClientHooks,
  type ClientLogger,
  type DocumentIndexClient,
  type DocumentIndexError,
  type DocumentRef,
  isDocumentIndexError,
} from '../../src/index';
import { createAzureTranslationIndex } from '../../src/providers/azure/index';
import { createBedrockIndex } from '../../src/providers/bedrock/index';
import { createKendraIndex } from '../../src/providers/kendra/index';
import { createNaverRagIndex } from '../../src/providers/naver/index';
import type { Fault } from '../../src/testing/faults';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';
import type { ProviderErrorKind } from '../../src/testing/types';
import type { ConformanceTarget } from '../conformance/harness';
import { FAST_RETRY, idsOf, TARGETS, unhandledRejections } from './support';

/** Each secret has a distinctive core, so a truncated or re-encoded echo is caught too. */
const SECRETS = {
  awsSecretKey: 'wJalrXUtnFEMI/K7MDENG/aws-SECRET-d41d8cd98f00',
  awsSessionToken: 'FwoGZXIvYXdzEBY-aws-TOKEN-9e107d9d372bb682',
  azureKey: 'azureKEY0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6',
  entraToken: 'eyJ0eXAiOiJKV1Qi.entra-TOKEN-7b52009b64fd0a2a',
  naverKey: 'naver-API-KEY-e4da3b7fbbce2345d7772b0674a318d5',
};
const FRAGMENTS = [
  ...Object.values(SECRETS),
  'd41d8cd98f00',
  '9e107d9d372bb682',
  '0c1d2e3f4a5b6c7d8e9f',
  '7b52009b64fd0a2a',
  'e4da3b7fbbce2345d7772b0674a318d5',
];

const ids = {
  kendraIndex: '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab',
  knowledgeBaseId: 'KB12345678',
  dataSourceId: 'DS12345678',
  translationId: '9dce0aa9-78dc-41ba-8cae-2e2f3c2ff8ec',
  serviceId: 'conformance-svc',
};
const awsCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: SECRETS.awsSecretKey,
  sessionToken: SECRETS.awsSessionToken,
};
const entraCredential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: SECRETS.entraToken, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

type Config = ClientOptions;
interface SecretClient {
  name: string;
  /** Seeding, ids and operation names: the conformance target of the same provider. */
  target: ConformanceTarget;
  create(sim: RunningSimulator, config: Config): DocumentIndexClient<DocumentRef>;
  /** Makes the simulator refuse this client's credential the provider's own way, where it can. */
  refuseCredential?(sim: RunningSimulator): void;
}

const targetOf = (name: string) => {
  const found = TARGETS.find((entry) => entry.name === name);
  if (!found) throw new Error(`no target ${name}`);
  return found.target;
};

const CLIENTS: SecretClient[] = [
  {
    name: 'kendra (secret key and session token)',
    target: targetOf('kendra'),
    create: (sim, config) =>
      createKendraIndex({
        indexId: ids.kendraIndex,
        region: 'us-east-1',
        endpoint: sim.url,
        credentials: awsCredentials,
        ...config,
      }),
  },
  {
    name: 'bedrock (secret key and session token)',
    target: targetOf('bedrock'),
    create: (sim, config) =>
      createBedrockIndex({
        knowledgeBaseId: ids.knowledgeBaseId,
        dataSourceId: ids.dataSourceId,
        region: 'us-east-1',
        endpoint: sim.url,
        credentials: awsCredentials,
        ...config,
      }),
  },
  ...(['2024-05-01', 'v1.1'] as const).flatMap((apiVersion): SecretClient[] => [
    {
      name: `azure ${apiVersion} (subscription key)`,
      target: targetOf(`azure ${apiVersion}`),
      create: (sim, config) => {
        sim.azure.putTranslation(ids.translationId);
        return createAzureTranslationIndex({
          endpoint: sim.url,
          translationId: ids.translationId,
          credential: { key: SECRETS.azureKey },
          apiVersion,
          ...config,
        });
      },
      refuseCredential: (sim) => sim.azure.configure({ subscriptionKey: 'another-key' }),
    },
    {
      name: `azure ${apiVersion} (Entra token)`,
      target: targetOf(`azure ${apiVersion}`),
      create: (sim, config) => {
        sim.azure.putTranslation(ids.translationId);
        return createAzureTranslationIndex({
          endpoint: sim.url,
          translationId: ids.translationId,
          credential: entraCredential,
          apiVersion,
          ...config,
        });
      },
      refuseCredential: (sim) => sim.azure.configure({ bearerToken: 'another-token' }),
    },
  ]),
  {
    name: 'naver (API key)',
    target: targetOf('naver'),
    create: (sim, config) => {
      sim.naver.requireApiKey(SECRETS.naverKey);
      return createNaverRagIndex({ serviceId: ids.serviceId, apiKey: SECRETS.naverKey, baseUrl: sim.url, ...config });
    },
    refuseCredential: (sim) => sim.naver.requireApiKey('another-key'),
  },
];

/** Everything a user could print or ship to a log, gathered per test and searched for the secrets. */
const exposed: Array<{ label: string; text: string }> = [];

/** Every printable form of an error, and of the snapshot a timeout carries. */
function expose(label: string, error: DocumentIndexError): void {
  expect(isDocumentIndexError(error), `${label}: ${String(error)}`).toBe(true);
  const forms = [
    error.message,
    error.stack ?? '',
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    inspect(error, { depth: 10, showHidden: true }),
    inspect({ error }, { depth: 10 }),
  ];
  if (error.lastResult) forms.push(JSON.stringify(error.lastResult), inspect(error.lastResult, { depth: 10 }));
  for (const text of forms) exposed.push({ label, text });
}

/** A batch's errors and its whole printable form. */
function exposeBatch(label: string, batch: { errors: Array<{ id: string; error: DocumentIndexError }> }): void {
  for (const { id, error } of batch.errors) expose(`${label} errors[${id}]`, error);
  exposed.push({ label, text: JSON.stringify(batch) }, { label, text: inspect(batch, { depth: 10 }) });
}

/** Runs a call, exposing whatever it rejects with or the errors of what it resolves with. */
async function exercise(label: string, call: () => Promise<unknown>): Promise<void> {
  try {
    const result = await call();
    if (result && typeof result === 'object' && 'errors' in result) {
      exposeBatch(label, result as { errors: Array<{ id: string; error: DocumentIndexError }> });
    }
  } catch (error) {
    expose(label, error as DocumentIndexError);
  }
}

/** What every client of this file reports: each hook's events and each log line, as printed. */
const reported: Array<{ label: string; text: string }> = [];
const hooks: ClientHooks = {
  onRequest: (event) => reported.push({ label: 'onRequest', text: inspect(event, { depth: 10 }) }),
  onResponse: (event) => reported.push({ label: 'onResponse', text: inspect(event, { depth: 10 }) }),
  onRetry: (event) =>
    reported.push(
      { label: 'onRetry', text: inspect(event, { depth: 10, showHidden: true }) },
      { label: 'onRetry', text: JSON.stringify(event) },
    ),
  onThrottle: (event) => reported.push({ label: 'onThrottle', text: inspect(event, { depth: 10, showHidden: true }) }),
};
const logger: ClientLogger = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [
    level,
    (message: string) => reported.push({ label: `logger.${level}`, text: message }),
  ]),
);
const spanExporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
/** Every span finished, as printed: name, attributes, events (exceptions) and status. */
const exportedSpans = () =>
  spanExporter.getFinishedSpans().map((span) => ({
    label: `span ${span.name}`,
    text: JSON.stringify({
      name: span.name,
      attributes: span.attributes,
      events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
      status: span.status,
    }),
  }));

const unhandled = unhandledRejections();
let sim: RunningSimulator;
let foreign: RunningSimulator;
const consoleCalls: unknown[][] = [];
let azureLogs: string[] = [];
let restoreAzureLogger: () => void = () => {};

beforeAll(async () => {
  [sim, foreign] = await Promise.all([startSimulator(), startSimulator()]);
  unhandled.install();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleCalls.push(args);
    });
  }
  // The Azure SDK's logger, at its most verbose, writing here instead of stderr.
  const logger = await import('@azure/logger');
  const previousLog = logger.AzureLogger.log;
  const previousLevel = logger.getLogLevel();
  logger.AzureLogger.log = (...args: unknown[]) => azureLogs.push(args.map(String).join(' '));
  logger.setLogLevel('verbose');
  restoreAzureLogger = () => {
    logger.AzureLogger.log = previousLog;
    logger.setLogLevel(previousLevel);
  };
});
afterAll(async () => {
  await tracerProvider.shutdown();
  trace.disable();
  context.disable();
  restoreAzureLogger();
  vi.restoreAllMocks();
  unhandled.uninstall();
  await Promise.all([sim.close(), foreign.close()]);
});
beforeEach(() => {
  sim.reset();
  foreign.reset();
  exposed.length = 0;
  consoleCalls.length = 0;
  azureLogs = [];
  reported.length = 0;
  spanExporter.reset();
});
/** The exposed texts that contain a secret (or a distinctive part of one). */
function leaksIn(texts: ReadonlyArray<{ label: string; text: string }>): string[] {
  return texts
    .filter(({ text }) => FRAGMENTS.some((fragment) => text.includes(fragment)))
    .map(({ label, text }) => `${label}: ${text.slice(0, 400)}`);
}

afterEach(async () => {
  expect(exposed.length).toBeGreaterThan(0);
  const logged = [
    ...consoleCalls.map((args) => ({
      label: 'console',
      text: args.map((arg) => inspect(arg, { depth: 10 })).join(' '),
    })),
    ...azureLogs.map((text) => ({ label: 'AzureLogger', text })),
    ...reported,
    ...exportedSpans(),
  ];
  expect(leaksIn([...exposed, ...logged])).toEqual([]);
  await unhandled.expectNone();
});

/** Secrets that actually went over the wire (in the simulator's log of request headers). */
function sentSecrets(): string[] {
  const headers = JSON.stringify(sim.log.entries.map((entry) => entry.headers));
  return Object.values(SECRETS).filter((secret) => headers.includes(secret));
}

describe('the leak detector', () => {
  it('finds a secret in a message, a field, a stack or a batch', () => {
    const forms: Array<{ label: string; text: string }> = [];
    const probe = (text: string) => forms.splice(0, forms.length, { label: 'probe', text });
    probe(`Invalid key ${SECRETS.naverKey}`);
    expect(leaksIn(forms)).toHaveLength(1);
    probe(inspect({ requestId: `x-${SECRETS.azureKey.slice(5, 30)}-y` }));
    expect(leaksIn(forms)).toHaveLength(1);
    probe('nothing to see');
    expect(leaksIn(forms)).toEqual([]);
    exposed.push({ label: 'probe', text: 'ok' });
  });
});

const FAULTS: Array<[string, Fault]> = [
  ...(
    [
      'throttled',
      'server_error',
      'service_unavailable',
      'unauthorized',
      'forbidden',
      'not_found',
      'quota_exceeded',
      'validation',
    ] as ProviderErrorKind[]
  ).map((kind): [string, Fault] => [kind, { type: 'error', kind, retryAfterSeconds: 1 }]),
  ['reset', { type: 'reset' }],
  ['malformed', { type: 'malformed' }],
  ['truncated', { type: 'truncated' }],
  ['wrong_shape', { type: 'wrong_shape' }],
];

describe.each(CLIENTS)('secrets stay secret: $name', (entry) => {
  const { target } = entry;
  const { provider } = target;
  const client = (config: Config = {}) => entry.create(sim, { retry: FAST_RETRY, hooks, logger, ...config });
  const docIds = () => idsOf(target, target.batchLimit + 1);
  const seed = (statuses: string[]) =>
    target.seed(
      sim,
      docIds().map((id) => ({ id, statuses })),
    );

  it.each(FAULTS)('fault %s, through every method', async (label, fault) => {
    const refs = seed([target.rawDone]);
    sim.inject({ provider, fault, times: Number.POSITIVE_INFINITY });
    const c = client();
    await exercise(`${label} getStatuses`, () => c.getStatuses(refs));
    await exercise(`${label} getStatus`, () => c.getStatus(refs[0] as DocumentRef));
    await exercise(`${label} waitFor`, () =>
      c.waitFor(refs, {
        timeoutMs: 40,
        minDelayMs: 1,
        maxDelayMs: 2,
        onProgress: (snapshot) => exposeBatch(`${label} onProgress`, snapshot),
      }),
    );
    if (target.operations.delete) await exercise(`${label} deleteDocuments`, () => c.deleteDocuments(refs));
    if (target.operations.list) await exercise(`${label} listStatuses`, () => c.listStatuses().next());
    expect(sim.log.count({ provider })).toBeGreaterThan(0);
    // The secrets were really in play: every provider but SigV4's secret key puts its credential on the wire.
    expect(sentSecrets().length).toBeGreaterThan(0);
    // ...and so were the hooks, the logger, the spans and (for Azure) its SDK logger, all searched above.
    // (Counts are not compared with the simulator's: a request the previous test aborted may land after its reset.)
    expect(reported.some(({ label }) => label === 'onRequest')).toBe(true);
    if (fault.type === 'error' && fault.kind === 'throttled') {
      expect(reported.some(({ label }) => label === 'onThrottle')).toBe(true);
      expect(reported.some(({ label }) => label === 'onRetry')).toBe(true);
    }
    expect(reported.some(({ label }) => label.startsWith('logger.'))).toBe(true);
    expect(spanExporter.getFinishedSpans().length).toBeGreaterThan(0);
    if (provider === 'azure') expect(azureLogs.some((line) => line.includes('Request: '))).toBe(true);
  });

  it('a credential the provider refuses', async () => {
    const refs = seed([target.rawDone]);
    if (entry.refuseCredential) entry.refuseCredential(sim);
    else sim.inject({ provider, fault: { type: 'error', kind: 'unauthorized' }, times: Number.POSITIVE_INFINITY });
    await exercise('refused getStatuses', () => client().getStatuses(refs));
    await exercise('refused getStatus', () => client().getStatus(refs[0] as DocumentRef));
    expect(exposed.some(({ label }) => label.startsWith('refused'))).toBe(true);
  });

  it('validation failures', async () => {
    const c = client();
    const bad = (value: unknown) => value as never;
    await exercise('ref null', () => c.getStatus(bad(null)));
    await exercise('ref an object', () => c.getStatuses([bad({ nope: true })]));
    await exercise('timeoutMs', () => c.getStatuses(docIds(), { timeoutMs: -1 }));
    await exercise('concurrency', () => c.waitFor(docIds(), { concurrency: 0 }));
    // A secret pasted where an id belongs is not echoed either.
    for (const secret of Object.values(SECRETS))
      await exercise('secret as a ref', () => c.getStatus(bad({ id: 7, secret })));
    expect(sim.log.count()).toBe(0);
  });

  it('timeouts and aborts', async () => {
    const refs = seed([target.rawInProgress]);
    sim.inject({ provider, fault: { type: 'latency', ms: 2000 }, times: 2 });
    await exercise('timeout', () => client().getStatuses(refs, { timeoutMs: 20 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error(`aborted by the caller`)), 20);
    sim.inject({ provider, fault: { type: 'latency', ms: 2000 }, times: 2 });
    await exercise('abort', () => client().getStatuses(refs, { signal: controller.signal }));
    await exercise('waitFor timeout', () =>
      client().waitFor(refs, {
        timeoutMs: 30,
        minDelayMs: 1,
        maxDelayMs: 2,
        onProgress: (snapshot) => exposeBatch('waitFor onProgress', snapshot),
      }),
    );
    expect(exposed.map(({ text }) => text).join(' ')).toContain('timeout');
  });
});

describe('factory validation never echoes a secret', () => {
  const cases: Array<[string, () => unknown]> = [
    [
      'kendra: secret in the endpoint user info',
      () =>
        createKendraIndex({
          indexId: ids.kendraIndex,
          endpoint: `http://AKID:${encodeURIComponent(SECRETS.awsSecretKey)}@127.0.0.1`,
        }),
    ],
    ['kendra: secret as the index id', () => createKendraIndex({ indexId: SECRETS.awsSecretKey })],
    [
      'kendra: session token of the wrong type beside the secret',
      () =>
        createKendraIndex({
          indexId: ids.kendraIndex,
          credentials: { accessKeyId: 'AKID', secretAccessKey: SECRETS.awsSecretKey, sessionToken: 5 as never },
        }),
    ],
    [
      'bedrock: secret key as the access key id of a bad shape',
      () =>
        createBedrockIndex({
          knowledgeBaseId: ids.knowledgeBaseId,
          dataSourceId: ids.dataSourceId,
          credentials: { accessKeyId: SECRETS.awsSecretKey } as never,
        }),
    ],
    [
      'bedrock: secret in the endpoint',
      () =>
        createBedrockIndex({
          knowledgeBaseId: ids.knowledgeBaseId,
          dataSourceId: ids.dataSourceId,
          endpoint: `https://user:${SECRETS.awsSessionToken}@bedrock.example`,
        }),
    ],
    [
      'azure: key with a bad region',
      () =>
        createAzureTranslationIndex({
          endpoint: 'https://example.cognitiveservices.azure.com',
          translationId: ids.translationId,
          credential: { key: SECRETS.azureKey, region: 'not a region!' } as never,
        }),
    ],
    [
      'azure: key as the translation id',
      () =>
        createAzureTranslationIndex({
          endpoint: 'https://example.cognitiveservices.azure.com',
          translationId: SECRETS.azureKey,
          credential: SECRETS.azureKey,
        }),
    ],
    [
      'azure: key in the endpoint',
      () =>
        createAzureTranslationIndex({
          endpoint: `https://example.cognitiveservices.azure.com/?key=${SECRETS.azureKey}`,
          translationId: ids.translationId,
          credential: SECRETS.azureKey,
        }),
    ],
    [
      'naver: key with a trailing newline',
      () => createNaverRagIndex({ serviceId: ids.serviceId, apiKey: `${SECRETS.naverKey}\n` }),
    ],
    [
      'naver: key as the base URL',
      () => createNaverRagIndex({ serviceId: ids.serviceId, apiKey: 'k', baseUrl: SECRETS.naverKey }),
    ],
    [
      'naver: key in the base URL',
      () =>
        createNaverRagIndex({
          serviceId: ids.serviceId,
          apiKey: 'k',
          baseUrl: `https://u:${SECRETS.naverKey}@gw.example`,
        }),
    ],
    [
      'naver: key as the service id .. ',
      () => createNaverRagIndex({ serviceId: `${SECRETS.naverKey}\ud800`, apiKey: 'k' }),
    ],
  ];
  it.each(cases)('%s', (label, create) => {
    try {
      create();
    } catch (error) {
      expose(label, error as DocumentIndexError);
      expect((error as DocumentIndexError).code).toBe('validation');
      return;
    }
    throw new Error('expected the factory to throw');
  });
});

describe("a secret in a request's query never reaches a hook, a log line or a span", () => {
  // A kept continuation token (an Azure next link) that carries a SAS-style signature: followed
  // because it is on the endpoint's origin, so the secret really is in the URL that goes out.
  it.each(CLIENTS.filter((entry) => entry.target.provider === 'azure'))('$name', async (entry) => {
    entry.target.seed(sim, [{ id: entry.target.makeId(0), statuses: ['Succeeded'] }]);
    const c = entry.create(sim, { retry: FAST_RETRY, hooks, logger });
    const path = entry.name.includes('v1.1')
      ? `/translator/text/batch/v1.1/batches/${ids.translationId}/documents?$top=5`
      : `/translator/document/batches/${ids.translationId}/documents?api-version=2024-05-01&top=5`;
    const token = `${sim.url}${path}&sig=${encodeURIComponent(SECRETS.azureKey)}`;
    sim.inject({ provider: 'azure', fault: { type: 'error', kind: 'throttled' }, times: 1 });
    // The simulator, as the spec does, refuses a query parameter it does not declare (400):
    // the request has gone out with the secret either way, which is what is checked here.
    const outcome = await c
      .listStatuses()
      .byPage({ continuationToken: token })
      .next()
      .catch((error: unknown) => error);
    exposed.push({ label: 'signed next link page', text: inspect(outcome, { depth: 10 }) });
    expect(sim.log.entries.some((request) => request.url.includes(SECRETS.azureKey))).toBe(true);
    const sent = reported.filter(({ label }) => label === 'onRequest');
    expect(sent.length).toBe(2);
    for (const { text } of sent) expect(text).toContain('sig=REDACTED');
    expect(azureLogs.some((line) => line.includes('sig=REDACTED'))).toBe(true);
  });
});

describe('Microsoft Entra credential failures', () => {
  it('a getToken that fails with the token in its message is reported without it', async () => {
    const leaky: TokenCredential = {
      async getToken() {
        throw new Error(`token endpoint refused refresh token ${SECRETS.entraToken}`);
      },
    };
    sim.azure.putTranslation(ids.translationId);
    const c = createAzureTranslationIndex({
      endpoint: sim.url,
      translationId: ids.translationId,
      credential: leaky,
      retry: FAST_RETRY,
    });
    await exercise('getToken failure', () => c.getStatus('00000000-0000-4000-8000-000000000001'));
    expect(exposed.find(({ label }) => label === 'getToken failure')?.text).toContain('Entra');
    expect(sim.log.count()).toBe(0);
  });
});

describe('foreign next links never see a credential', () => {
  it.each(CLIENTS.filter((entry) => entry.target.provider === 'azure'))('$name', async (entry) => {
    const refs = entry.target.seed(
      sim,
      idsOf(entry.target, 5).map((id) => ({ id, statuses: ['Succeeded'] })),
    );
    sim.azure.configure({ foreignNextLinkOrigin: foreign.url, defaultPageSize: 2 });
    const c = entry.create(sim, { retry: FAST_RETRY });
    await exercise('listing', async () => {
      for await (const _ of c.listStatuses()) {
        // drain
      }
    });
    // An ids lookup spanning pages meets the same link.
    await exercise('status lookup', () => c.getStatuses(refs));
    // A continuation token a caller kept, pointing elsewhere.
    await exercise('foreign token', () =>
      c
        .listStatuses()
        .byPage({ continuationToken: `${foreign.url}/translator/document/batches` })
        .next(),
    );
    expect(exposed.filter(({ label }) => label !== 'status lookup').length).toBeGreaterThan(0);
    expect(foreign.log.entries).toEqual([]);
  });
});
