/**
 * Serverless bundles, one per provider entry: a Lambda-style handler that imports
 * only `docindex/<provider>`, bundled with the esbuild options the README
 * documents (examples/lambda/esbuild.config.mjs: ESM, `mainFields`, the
 * `createRequire` banner), contains its own SDK and no other provider's SDK or
 * adapter, and answers an invocation in a fresh Node process against the loopback
 * simulator.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../examples/lambda/esbuild.config.mjs';
import type { KnownProviderName as ProviderName } from '../../src/index';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

const KENDRA_INDEX = '6f1c2b7e-3d4a-4b5c-8d9e-0a1b2c3d4e5f';
const [KB, DS] = ['KBSERVERLS', 'DSSERVERLS'];
const TRANSLATION = '3f1f5a52-6c1e-4c8e-9b1a-2a5f0e6d7c80';
const AZURE_DOCS = ['8b2f6d1e-1c4a-4e7b-9a3d-5f6e7a8b9c01', '8b2f6d1e-1c4a-4e7b-9a3d-5f6e7a8b9c02'];

interface BundleCase {
  provider: ProviderName;
  /** Source of `export const handler = async (event) => ...`, importing only `docindex/<provider>`. */
  handler: string;
  /** Its own SDK, which must be in the bundle. */
  ownSdk: RegExp;
  /** One document the simulator knows (reads `succeeded`) and one it does not (`not_found`). */
  seed(sim: RunningSimulator): [known: string, unknown: string];
  /** The simulator operation the invocation uses, sent once. */
  operation: string;
}

const PROVIDER_CODE: Record<ProviderName, RegExp> = {
  kendra: /node_modules\/@aws-sdk\/client-kendra\/|src\/providers\/kendra\//,
  bedrock: /node_modules\/@aws-sdk\/client-bedrock-agent\/|src\/providers\/bedrock\//,
  azure: /node_modules\/@azure\/|src\/providers\/azure\//,
  naver: /node_modules\/ky\/|src\/providers\/naver\//,
};
const NEVER = /node_modules\/msw\/|src\/testing\//;

const cases: BundleCase[] = [
  {
    provider: 'kendra',
    handler: `import { createKendraIndex } from 'docindex/kendra';
export const handler = async (event) => createKendraIndex({
  indexId: '${KENDRA_INDEX}', region: 'us-east-1', endpoint: event.endpoint,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
}).getStatuses(event.ids);`,
    ownSdk: /node_modules\/@aws-sdk\/client-kendra\/dist-es\//,
    seed: (sim) => {
      sim.kendra.putDocument(KENDRA_INDEX, { id: 'a', status: 'INDEXED' });
      return ['a', 'b'];
    },
    operation: 'BatchGetDocumentStatus',
  },
  {
    provider: 'bedrock',
    handler: `import { createBedrockIndex } from 'docindex/bedrock';
export const handler = async (event) => createBedrockIndex({
  knowledgeBaseId: '${KB}', dataSourceId: '${DS}', region: 'us-east-1', endpoint: event.endpoint,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
}).getStatuses(event.ids);`,
    ownSdk: /node_modules\/@aws-sdk\/client-bedrock-agent\/dist-es\//,
    seed: (sim) => {
      sim.bedrock.putDocument(KB, DS, { customId: 'a', status: 'INDEXED' });
      return ['a', 'b'];
    },
    operation: 'GetKnowledgeBaseDocuments',
  },
  {
    provider: 'azure',
    handler: `import { createAzureTranslationIndex } from 'docindex/azure';
export const handler = async (event) => createAzureTranslationIndex({
  endpoint: event.endpoint, translationId: '${TRANSLATION}', credential: 'bundle-test-key',
}).getStatuses(event.ids);`,
    ownSdk: /node_modules\/@azure\/core-rest-pipeline\//,
    seed: (sim) => {
      sim.azure.putTranslation(TRANSLATION, {});
      sim.azure.putDocument(TRANSLATION, { id: AZURE_DOCS[0] as string, status: 'Succeeded' });
      return AZURE_DOCS as [string, string];
    },
    operation: 'getDocumentsStatus',
  },
  {
    provider: 'naver',
    handler: `import { createNaverRagIndex } from 'docindex/naver';
export const handler = async (event) => createNaverRagIndex({
  serviceId: 'svc-serverless', apiKey: 'bundle-test-key', baseUrl: event.endpoint,
}).getStatuses(event.ids);`,
    ownSdk: /node_modules\/ky\//,
    seed: (sim) => {
      sim.naver.putDocument('svc-serverless', { id: 'a', status: 'DONE' });
      return ['a', 'b/c'];
    },
    operation: 'getDocumentStatus',
  },
];

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator();
  dir = await mkdtemp(join(tmpdir(), 'docindex-bundles-'));
});
afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});
beforeEach(() => sim.reset());

/** Bundles `testCase`'s handler to `outfile` with the README's options and `overrides`; the bundle's inputs. */
async function bundle(testCase: BundleCase, outfile: string, overrides: Record<string, unknown> = {}) {
  const result = await bundleHandler({
    entryPoints: undefined,
    stdin: { contents: testCase.handler, resolveDir: root, loader: 'js', sourcefile: 'handler.mjs' },
    outfile,
    metafile: true,
    logLevel: 'error',
    // The entry's source, so the test needs no build; the package resolves the same way.
    alias: { [`docindex/${testCase.provider}`]: join(root, `src/providers/${testCase.provider}/index.ts`) },
    ...overrides,
  });
  return Object.keys((result.metafile as Metafile).inputs);
}

/**
 * Invokes the bundle's handler in a fresh Node process, from an ES module (as Lambda loads a handler: a
 * CommonJS `-e` script would lend the bundle its own `require`), with `event`; what it printed.
 */
async function invoke(file: string, event: unknown): Promise<string> {
  const load = file.endsWith('.cjs')
    ? `(await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(file)})`
    : `await import(${JSON.stringify(pathToFileURL(file).href)})`;
  const driver = `const { handler } = ${load};
console.log(JSON.stringify(await handler(${JSON.stringify(event)})));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', driver], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '' },
  });
  return stdout;
}

describe.each(cases)('a serverless bundle of docindex/$provider', (testCase) => {
  const outfile = () => join(dir, `${testCase.provider}.mjs`);
  let inputs: string[] = [];

  beforeAll(async () => {
    inputs = await bundle(testCase, outfile());
  });

  it('contains its own SDK and no other provider', () => {
    expect(inputs.some((path) => testCase.ownSdk.test(path))).toBe(true);
    const others = Object.entries(PROVIDER_CODE)
      .filter(([provider]) => provider !== testCase.provider)
      .map(([, pattern]) => pattern);
    const foreign = inputs.filter((path) => NEVER.test(path) || others.some((pattern) => pattern.test(path)));
    expect(foreign).toEqual([]);
  });

  it.each(['esm', 'cjs'] as const)(
    'answers an invocation in a fresh Node process against the simulator (%s)',
    async (format) => {
      let file = outfile();
      if (format === 'cjs') {
        // bundleHandler leaves the ESM banner out of a CommonJS bundle: no other setting is needed.
        file = join(dir, `${testCase.provider}.cjs`);
        await bundle(testCase, file, { format: 'cjs' });
      }
      const [known, unknown] = testCase.seed(sim);
      const batch = JSON.parse(await invoke(file, { endpoint: sim.url, ids: [known, unknown] })) as {
        items: Array<{ id: string; status: string }>;
        errors: unknown[];
      };
      expect(batch.errors).toEqual([]);
      expect(batch.items.map((item) => [item.id, item.status])).toEqual([
        [known, 'succeeded'],
        [unknown, 'not_found'],
      ]);
      expect(sim.log.count({ provider: testCase.provider, operation: testCase.operation })).toBe(
        testCase.provider === 'naver' ? 2 : 1,
      );
    },
  );
});

it('an ESM bundle of docindex/azure without the banner builds, then fails to load, as README says', async () => {
  const azure = cases.find((testCase) => testCase.provider === 'azure') as BundleCase;
  const file = join(dir, 'azure-no-banner.mjs');
  await bundle(azure, file, { banner: {} });
  const failure = await invoke(file, { endpoint: sim.url, ids: [] }).then(
    () => '',
    (error: { stderr?: string }) => error.stderr ?? String(error),
  );
  expect(failure).toMatch(/Dynamic require of "[^"]+" is not supported/);
});
