/**
 * The serverless example: bundled with the esbuild options from
 * examples/lambda/esbuild.config.mjs (the ones the README shows), it carries the
 * Kendra SDK's ESM build and no other provider's code, and the handler runs in a
 * fresh Node process, outside the repository, against the loopback simulator.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bundleHandler, lambdaBuildOptions } from '../../examples/lambda/esbuild.config.mjs';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';
import { buildIfStale } from '../package/build-if-stale';

const run = promisify(execFile);
const INDEX_ID = '6f1c2b7e-3d4a-4b5c-8d9e-0a1b2c3d4e5f';

let sim: RunningSimulator;
let dir: string;
let outfile: string;
let inputs: string[];

beforeAll(async () => {
  buildIfStale(); // the handler imports docindex/kendra, which resolves to dist/
  sim = await startSimulator();
  dir = await mkdtemp(join(tmpdir(), 'docindex-lambda-'));
  outfile = join(dir, 'handler.mjs');
  const result = await bundleHandler({ outfile, metafile: true, logLevel: 'error' });
  expect(result.errors).toEqual([]);
  inputs = Object.keys((result.metafile as Metafile).inputs);
}, 180_000);

afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

beforeEach(() => sim.reset());

it('uses the configuration the README documents', () => {
  expect(lambdaBuildOptions).toMatchObject({
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  expect(lambdaBuildOptions.outfile).toMatch(/\.mjs$/);
});

it('shows in README the options of the file it tells you to copy', async () => {
  const readme = await readFile(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const serverless = readme.slice(readme.indexOf('## Serverless bundling'));
  expect(serverless).toContain('examples/lambda/esbuild.config.mjs');
  const shown = /```js\n(export const lambdaBuildOptions = \{[\s\S]*?\n\};)\n```/.exec(serverless)?.[1];
  const file = await readFile(
    join(import.meta.dirname, '..', '..', 'examples', 'lambda', 'esbuild.config.mjs'),
    'utf8',
  );
  expect(shown).toBeDefined();
  expect(file).toContain(shown);
});

it('bundles the Kendra SDK (its ESM build) and nothing of the other providers', async () => {
  expect(inputs.some((path) => /node_modules\/@aws-sdk\/client-kendra\/dist-es\//.test(path))).toBe(true);
  expect(inputs.some((path) => /node_modules\/@aws-sdk\/client-kendra\/dist-cjs\//.test(path))).toBe(false);
  const foreign = inputs.filter((path) =>
    /node_modules\/(@aws-sdk\/client-bedrock-agent|@azure|ky|msw)\/|dist\/(bedrock|azure|naver|testing)\.|src\/(providers\/(bedrock|azure|naver)|testing)\//.test(
      path,
    ),
  );
  expect(foreign).toEqual([]);
  const bundle = await readFile(outfile, 'utf8');
  expect(bundle.startsWith(lambdaBuildOptions.banner.js)).toBe(true);
});

it('answers an invocation in a fresh Node process against the simulator', async () => {
  sim.kendra.putDocument(INDEX_ID, { id: 'guide.pdf', status: 'INDEXED' });
  sim.kendra.putDocument(INDEX_ID, {
    id: 'scan.pdf',
    status: 'FAILED',
    failureCode: 'DocumentParseError',
    failureReason: 'The PDF is encrypted.',
  });
  sim.kendra.failStatusReads(['odd.pdf'], { errorCode: 'InvalidRequest' });
  const driver = `const { handler } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
console.log(JSON.stringify(await handler({ ids: ['guide.pdf', 'scan.pdf', 'odd.pdf', 'gone.pdf'] })));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', driver], {
    cwd: dir, // outside the repository: nothing but the bundle and Node's built-ins
    env: {
      PATH: process.env.PATH ?? '',
      KENDRA_INDEX_ID: INDEX_ID,
      KENDRA_ENDPOINT: sim.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-a-secret',
    },
  });
  expect(JSON.parse(stdout)).toEqual({
    statuses: [
      { id: 'guide.pdf', status: 'succeeded', providerStatus: 'INDEXED' },
      { id: 'scan.pdf', status: 'failed', providerStatus: 'FAILED', failure: 'The PDF is encrypted.' },
      { id: 'gone.pdf', status: 'not_found', providerStatus: 'NOT_FOUND' },
    ],
    errors: [{ id: 'odd.pdf', code: 'validation', providerCode: 'InvalidRequest' }],
  });
  expect(sim.log.count({ provider: 'kendra', operation: 'BatchGetDocumentStatus' })).toBe(1);
  expect(sim.kendra.requests.every((request) => request.signed)).toBe(true);
});
