/**
 * startAzureTranslation against the loopback simulator: the POST of both API
 * versions, the inputs check, the id read from Operation-Location, one pipeline
 * for the start and the client's calls, and retries only where nothing can
 * have been started.
 */
import { createDefaultHttpClient, type HttpClient, RestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXTRA_STAGES } from '../../../src/core/config';
import type { PipelineStage } from '../../../src/core/pipeline';
import {
  type AzureApiVersion,
  type AzureTranslationInput,
  startAzureTranslation,
} from '../../../src/providers/azure/index';
import { isDocumentIndexError } from '../../../src/spec/errors';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import v2024 from '../../fixtures/official/azure/2024-05-01.json';
import v11 from '../../fixtures/official/azure/v1.1.json';
import { FAST_RETRY, KEY, rejection } from './fixtures';

const SAS = '?sv=2024&sig=SECRET-SIGNATURE-abc123';
const inputs: AzureTranslationInput[] = [
  {
    source: {
      sourceUrl: `https://acct.blob.core.windows.net/source${SAS}`,
      language: 'en',
      filter: { suffix: '.docx' },
    },
    targets: [
      { targetUrl: `https://acct.blob.core.windows.net/fr${SAS}`, language: 'fr' },
      {
        targetUrl: `https://acct.blob.core.windows.net/de${SAS}`,
        language: 'de',
        glossaries: [{ glossaryUrl: `https://acct.blob.core.windows.net/g/en-de.tsv${SAS}`, format: 'TSV' }],
      },
    ],
  },
];

const TARGET = inputs[0]?.targets[1] as AzureTranslationInput['targets'][number];
const GLOSSARY = TARGET.glossaries?.[0];

/** A copy of `values` with a hole (a sparse array's missing element) at `index`. */
function holeAt<T>(values: readonly T[], index: number): T[] {
  const copy = [...values];
  delete copy[index];
  return copy;
}

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const start = (overrides: Record<string, unknown> = {}) =>
  startAzureTranslation({ endpoint: sim.url, credential: KEY, inputs, retry: FAST_RETRY, ...overrides });
const starts = () => sim.log.filter({ provider: 'azure', operation: 'startTranslation' });

describe('startAzureTranslation', () => {
  it.each(['2024-05-01', 'v1.1'] as const)(
    'POSTs the inputs (%s) and resolves to a client of the new translation',
    async (apiVersion: AzureApiVersion) => {
      sim.azure.configureStart({ documentsPerSource: 2 });
      const translation = await start({ apiVersion });
      const [request] = starts();
      const path = apiVersion === '2024-05-01' ? '/translator/document/batches' : '/translator/text/batch/v1.1/batches';
      expect(new URL(request?.url ?? '').pathname).toBe(path);
      if (apiVersion === '2024-05-01') expect(request?.url).toContain('api-version=2024-05-01');
      expect(request?.body).toEqual({ inputs });
      expect(request?.headers['content-type']).toMatch(/^application\/json/);

      const [started] = sim.azure.startedTranslations();
      expect((await translation.getTranslation()).id).toBe(started?.translationId);
      const documents = [];
      for await (const document of translation.listStatuses()) documents.push(document);
      expect(documents).toHaveLength(4); // 2 source documents x 2 targets
      const done = await translation.waitFor(documents, { minDelayMs: 1, maxDelayMs: 2 });
      expect(done.items.map((item) => item.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    },
  );

  it('reads the id from an Operation-Location of the official examples’ form (upper-case, another path)', async () => {
    sim.azure.configureStart({ operationLocation: 'operation' });
    const translation = await start();
    const [started] = sim.azure.startedTranslations();
    expect((await translation.getTranslation()).id.toLowerCase()).toBe(started?.translationId);
    const example = v2024.examples['batch.json'].content.responses['202'].headers['Operation-Location'];
    expect(example).toMatch(/\/operation\/0FA2822F-4C2A-4317-9C20-658C801E0E55$/);
  });

  // An optional member given as undefined (`language: process.env.SOURCE_LANGUAGE`) is left out, as the types allow.
  it('takes optional members given as undefined and leaves them out of the body', async () => {
    const withUndefined: AzureTranslationInput[] = [
      {
        source: {
          sourceUrl: `https://acct.blob.core.windows.net/source${SAS}`,
          language: undefined,
          filter: { prefix: undefined, suffix: undefined },
          storageSource: undefined,
        },
        targets: [
          {
            targetUrl: `https://acct.blob.core.windows.net/fr${SAS}`,
            language: 'fr',
            category: undefined,
            glossaries: [
              { glossaryUrl: `https://acct.blob.core.windows.net/g.tsv${SAS}`, format: 'TSV', version: undefined },
            ],
            storageSource: undefined,
          },
        ],
        storageType: undefined,
      },
    ];
    await start({ inputs: withUndefined });
    expect(starts()[0]?.body).toEqual({
      inputs: [
        {
          source: { sourceUrl: `https://acct.blob.core.windows.net/source${SAS}`, filter: {} },
          targets: [
            {
              targetUrl: `https://acct.blob.core.windows.net/fr${SAS}`,
              language: 'fr',
              glossaries: [{ glossaryUrl: `https://acct.blob.core.windows.net/g.tsv${SAS}`, format: 'TSV' }],
            },
          ],
        },
      ],
    });
  });

  it('sends the start through the pipeline the returned client uses', async () => {
    const seen: string[] = [];
    const counting: PipelineStage = {
      name: 'counting',
      attempt(context, next) {
        seen.push(context.operation);
        return next(context);
      },
    };
    const translation = await start({ [EXTRA_STAGES]: [counting] });
    await translation.getTranslation();
    for await (const _ of translation.listStatuses()) void _;
    expect(seen).toEqual(['startTranslation', 'getTranslationStatus', 'getDocumentsStatus']);
    expect(seen).toHaveLength(sim.log.count({ provider: 'azure' }));
  });

  it('retries a throttled start, which started nothing', async () => {
    sim.inject({ provider: 'azure', operation: 'startTranslation', fault: { type: 'error', kind: 'throttled' } });
    await start();
    expect(starts()).toHaveLength(2);
    expect(sim.azure.startedTranslations()).toHaveLength(1);
  });

  it.each([
    ['a 5xx', { type: 'error', kind: 'service_unavailable' } as const, 'service_unavailable'],
    ['a dropped connection', { type: 'reset' } as const, 'network'],
  ])('does not retry after %s: the translation may have started', async (_name, fault, code) => {
    sim.inject({ provider: 'azure', operation: 'startTranslation', fault, times: 3 });
    const error = await rejection(start());
    expect(error.code).toBe(code);
    expect(starts()).toHaveLength(1);
    // Retryable for an idempotent request, not for this one: code that retries on `retryable` would start a second.
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/may have taken effect/);
    expect(isDocumentIndexError(error.cause) && error.cause.code).toBe(code);
  });

  it('keeps a throttled start that ran out of attempts retryable: it started nothing', async () => {
    sim.inject({
      provider: 'azure',
      operation: 'startTranslation',
      fault: { type: 'error', kind: 'throttled' },
      times: 5,
    });
    const error = await rejection(start());
    expect(error).toMatchObject({ code: 'throttled', retryable: true });
    expect(sim.azure.startedTranslations()).toHaveLength(0);
  });

  it('retries a start whose connection was refused before anything was sent', async () => {
    const real = createDefaultHttpClient();
    let refusals = 1;
    const flaky: HttpClient = {
      sendRequest: (request) => {
        if (refusals-- > 0) {
          return Promise.reject(new RestError('connect ECONNREFUSED', { code: 'ECONNREFUSED', request }));
        }
        return real.sendRequest(request);
      },
    };
    await start({ httpClient: flaky });
    expect(starts()).toHaveLength(1);
    expect(sim.azure.startedTranslations()).toHaveLength(1);
  });

  it.each(['location', 'Azure-AsyncOperation'])(
    'reads the id from the older stored example’s %s header when Operation-Location is absent',
    async (header) => {
      const older = v2024.otherStoredVersions.examples[
        'other-versions/4ab95eb8492f0d66939ef2347f41dc8807b92820/batch.json'
      ] as { content: { responses: { '202': { headers: Record<string, string> } } } };
      const value = older.content.responses['202'].headers[header] as string;
      const real = createDefaultHttpClient();
      const olderForm: HttpClient = {
        sendRequest: async (request) => {
          const response = await real.sendRequest(request);
          if (request.method !== 'POST') return response;
          // The simulator's started translation, named the way the older example names its own.
          const id = /\/([0-9a-f-]{36})(?:\?|$)/i.exec(response.headers.get('operation-location') ?? '')?.[1] ?? '';
          response.headers.delete('operation-location');
          response.headers.set(header, value.replace(/[0-9A-F-]{36}$/, id));
          return response;
        },
      };
      const translation = await start({ httpClient: olderForm });
      const [started] = sim.azure.startedTranslations();
      expect((await translation.getTranslation()).id).toBe(started?.translationId);
    },
  );

  it('reads the id after /batches/ when the header points under the translation; names the path when it has none', async () => {
    const real = createDefaultHttpClient();
    let header = '';
    const rewriting: HttpClient = {
      sendRequest: async (request) => {
        const response = await real.sendRequest(request);
        if (request.method !== 'POST') return response;
        const id = /\/([0-9a-f-]{36})(?:\?|$)/i.exec(response.headers.get('operation-location') ?? '')?.[1] ?? '';
        response.headers.set('operation-location', header.replace('{id}', id));
        return response;
      },
    };
    header = `${sim.url}/translator/document/batches/{id}/documents?api-version=2024-05-01`;
    const translation = await start({ httpClient: rewriting });
    const [started] = sim.azure.startedTranslations();
    expect((await translation.getTranslation()).id).toBe(started?.translationId);

    header = `${sim.url}/translator/document/status?sig=SECRET-SIG`;
    const error = await rejection(start({ httpClient: rewriting }));
    expect(error).toMatchObject({ code: 'invalid_response', httpStatus: 202 });
    expect(error.message).toMatch(/\(it said \/translator\/document\/status\)$/);
    expect(error.message).not.toContain('SECRET-SIG');
  });

  it('rejects with invalid_response when the answer names no translation', async () => {
    const real = createDefaultHttpClient();
    const stripping: HttpClient = {
      sendRequest: async (request) => {
        const response = await real.sendRequest(request);
        response.headers.delete('operation-location');
        return response;
      },
    };
    const error = await rejection(start({ httpClient: stripping }));
    expect(error).toMatchObject({ code: 'invalid_response', provider: 'azure', httpStatus: 202 });
  });

  it('honours the start call’s timeoutMs and signal', async () => {
    sim.inject({ provider: 'azure', operation: 'startTranslation', fault: { type: 'latency', ms: 2000 } });
    expect((await rejection(start({ timeoutMs: 20 }))).code).toBe('timeout');
    expect((await rejection(start({ signal: AbortSignal.abort() }))).code).toBe('aborted');
  });

  it.each([
    ['inputs', { inputs: [] }],
    ['inputs', { inputs: 'x' }],
    ['inputs[0].targets', { inputs: [{ source: inputs[0]?.source, targets: [] }] }],
    ['inputs[0].source.sourceUrl', { inputs: [{ source: {}, targets: inputs[0]?.targets }] }],
    ['inputs[0].source.sourceUrl', { inputs: [{ source: { sourceUrl: 'not a url' }, targets: inputs[0]?.targets }] }],
    [
      'inputs[0].targets[0].language',
      { inputs: [{ source: inputs[0]?.source, targets: [{ targetUrl: 'https://x/y' }] }] },
    ],
    [
      'inputs[0].targets[0].glossaries[0].format',
      {
        inputs: [
          {
            source: inputs[0]?.source,
            targets: [{ targetUrl: 'https://x/y', language: 'fr', glossaries: [{ glossaryUrl: 'https://x/g' }] }],
          },
        ],
      },
    ],
    [
      'inputs[0].targets[1].targetUrl',
      {
        inputs: [
          {
            source: inputs[0]?.source,
            targets: [
              { targetUrl: 'https://x/y', language: 'fr' },
              { targetUrl: 'https://x/y', language: 'de' },
            ],
          },
        ],
      },
    ],
    ['inputs[0].storageType', { inputs: [{ ...inputs[0], storageType: 'Blob' }] }],
    [
      'inputs[0].source.storageSource',
      { inputs: [{ ...inputs[0], source: { ...inputs[0]?.source, storageSource: 'S3' } }] },
    ],
    [
      'inputs[0].targets[0].options',
      { inputs: [{ source: inputs[0]?.source, targets: [{ targetUrl: 'https://x/y', language: 'fr', options: {} }] }] },
    ],
    ['inputs[0].sorce', { inputs: [{ ...inputs[0], sorce: {} }] }],
    // Holes of sparse arrays: `map` would skip them, and the body would carry `null`.
    ['inputs[1]', { inputs: holeAt([inputs[0], inputs[0], inputs[0]], 1) }],
    [
      'inputs[0].targets[1]',
      { inputs: [{ ...inputs[0], targets: holeAt([...(inputs[0]?.targets ?? []), TARGET], 1) }] },
    ],
    [
      'inputs[0].targets[0].glossaries[0]',
      { inputs: [{ ...inputs[0], targets: [{ ...TARGET, glossaries: holeAt([GLOSSARY, GLOSSARY], 0) }] }] },
    ],
    // A translation id here would read as "resume it"; start would begin another, billed.
    ['translationId', { translationId: '11111111-1111-4111-8111-111111111111' }],
    ['endpoint', { endpoint: 'nope' }],
    ['retry.maxAttempts', { retry: { maxAttempts: 0 } }],
    ['options.timeoutMs', { timeoutMs: -1 }],
  ])('refuses a bad %s before sending, never echoing a URL', async (field, overrides) => {
    const error = await rejection(start(overrides));
    expect(error).toMatchObject({ code: 'validation', field, provider: 'azure' });
    expect(JSON.stringify(error)).not.toContain('SECRET-SIGNATURE');
    expect(error.message).not.toContain('SECRET-SIGNATURE');
    expect(sim.log.entries).toHaveLength(0);
  });

  it('takes v1.1’s options on v1.1', async () => {
    const withOptions = [
      {
        ...inputs[0],
        targets: [{ targetUrl: 'https://x/y', language: 'fr', options: { pdfOutputAdditionalFormat: 'OpenXmlWord' } }],
      },
    ];
    await start({ apiVersion: 'v1.1', inputs: withOptions });
    expect(starts()[0]?.body).toEqual({ inputs: withOptions });
  });

  it('the client’s putDocuments rejects with unsupported, pointing at startAzureTranslation', async () => {
    const translation = await start();
    const error = await rejection(translation.putDocuments([{ id: 'a', content: 'x' }]));
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain('startAzureTranslation');
  });
});

type Schemas = Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
const schemasOf = (spec: { schemas: unknown }) => spec.schemas as Schemas;

describe('the start request against the official specs', () => {
  it('sends the members each version defines, the required ones included', () => {
    for (const spec of [v2024, v11]) {
      const schemas = schemasOf(spec);
      expect(schemas.StartTranslationDetails?.required).toEqual(['inputs']);
      expect(schemas.BatchRequest?.required?.sort()).toEqual(['source', 'targets']);
      expect(schemas.SourceInput?.required).toEqual(['sourceUrl']);
      expect(schemas.TargetInput?.required?.sort()).toEqual(['language', 'targetUrl']);
      expect(schemas.Glossary?.required?.sort()).toEqual(['format', 'glossaryUrl']);
      // Every member our input types carry is one the spec defines.
      for (const key of Object.keys(inputs[0]?.source ?? {}))
        expect(Object.keys(schemas.SourceInput?.properties ?? {})).toContain(key);
    }
    expect(Object.keys(schemasOf(v11).TargetInput?.properties ?? {})).toContain('options');
    expect(Object.keys(schemasOf(v2024).TargetInput?.properties ?? {})).not.toContain('options');
  });

  it('the simulator accepts the specs’ own example bodies and refuses one without targets', async () => {
    for (const [spec, path] of [
      [v2024, '/translator/document/batches?api-version=2024-05-01'],
      [v11, '/translator/text/batch/v1.1/batches'],
    ] as const) {
      const body = spec.examples['batch.json'].content.parameters.body;
      const post = (payload: unknown) =>
        fetch(`${sim.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'ocp-apim-subscription-key': KEY },
          body: JSON.stringify(payload),
        });
      const accepted = await post(body);
      expect(accepted.status).toBe(202);
      expect(accepted.headers.get('operation-location')).toMatch(/[0-9a-f-]{36}/);
      const refused = await post({ inputs: [{ source: body.inputs[0]?.source }] });
      expect(refused.status).toBe(400);
    }
  });
});
