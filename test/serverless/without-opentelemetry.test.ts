/**
 * A user who does not install `@opentelemetry/api` bundles docindex without an
 * error or a warning, and the bundle runs. The project here is real: a temporary
 * folder whose node_modules holds the built package (as npm installs it) and
 * every dependency of the repository except `@opentelemetry/*`, bundled with the
 * Lambda options of examples/lambda/esbuild.config.mjs.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { BuildResult, Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../examples/lambda/esbuild.config.mjs';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';
import { buildIfStale } from '../package/build-if-stale';

const root = join(import.meta.dirname, '..', '..');
const NAVER_SERVICE = 'svc-no-otel';

const handlers = {
  kendra: `import { createKendraIndex } from 'docindex/kendra';
export const handler = async (event) => createKendraIndex({ indexId: '6f1c2b7e-3d4a-4b5c-8d9e-0a1b2c3d4e5f', region: 'us-east-1', endpoint: event.endpoint, credentials: { accessKeyId: 'AKID', secretAccessKey: 'not-a-secret' }, hooks: { onResponse() {} } }).getStatuses(['a']);`,
  bedrock: `import { createBedrockIndex } from 'docindex/bedrock';
export const handler = async (event) => createBedrockIndex({ knowledgeBaseId: 'KBNOOTEL01', dataSourceId: 'DSNOOTEL01', region: 'us-east-1', endpoint: event.endpoint, credentials: { accessKeyId: 'AKID', secretAccessKey: 'not-a-secret' } }).getStatuses(['a']);`,
  azure: `import { createAzureTranslationIndex } from 'docindex/azure';
export const handler = async (event) => createAzureTranslationIndex({ endpoint: event.endpoint, translationId: '3f1f5a52-6c1e-4c8e-9b1a-2a5f0e6d7c80', credential: 'key' }).getStatuses(['8b2f6d1e-1c4a-4e7b-9a3d-5f6e7a8b9c01']);`,
  naver: `import { createNaverRagIndex } from 'docindex/naver';
export const handler = async (event) => createNaverRagIndex({ serviceId: '${NAVER_SERVICE}', apiKey: 'key', baseUrl: event.endpoint }).getStatuses(['a']);`,
};

let project: string;
let sim: RunningSimulator;

beforeAll(async () => {
  buildIfStale();
  sim = await startSimulator();
  project = mkdtempSync(join(tmpdir(), 'docindex-no-otel-'));
  const modules = join(project, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === '@opentelemetry' || entry === '.bin' || entry === '.cache' || entry === 'docindex') continue;
    symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
  }
  // The package as npm installs it: copied, so resolving from it never walks into the repository.
  cpSync(join(root, 'package.json'), join(modules, 'docindex', 'package.json'));
  cpSync(join(root, 'dist'), join(modules, 'docindex', 'dist'), { recursive: true });
}, 120_000);
afterAll(async () => {
  await sim?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe.each(Object.entries(handlers))('docindex/%s bundled without @opentelemetry/api', (provider, source) => {
  let result: BuildResult<{ metafile: true }>;
  const outfile = () => join(project, `${provider}.mjs`);

  beforeAll(async () => {
    result = await bundleHandler({
      entryPoints: undefined,
      stdin: { contents: source, resolveDir: project, loader: 'js', sourcefile: 'handler.mjs' },
      outfile: outfile(),
      metafile: true,
      logLevel: 'silent',
    });
  });

  it('bundles with no error and no warning, leaving the optional import for run time', () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const inputs = Object.keys((result.metafile as Metafile).inputs);
    expect(inputs.some((input) => input.includes('node_modules/docindex/dist/'))).toBe(true);
    expect(inputs.filter((input) => input.includes('@opentelemetry'))).toEqual([]);
  });

  it('runs', async () => {
    sim.reset();
    if (provider === 'azure') sim.azure.putTranslation('3f1f5a52-6c1e-4c8e-9b1a-2a5f0e6d7c80');
    const driver = `const { handler } = await import(${JSON.stringify(pathToFileURL(outfile()).href)});
console.log(JSON.stringify(await handler({ endpoint: ${JSON.stringify(sim.url)} })));`;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', driver], {
      cwd: project,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(stderr).toBe('');
    const batch = JSON.parse(stdout) as { items: Array<{ status: string }>; errors: unknown[] };
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => item.status)).toEqual(['not_found']);
  });
});
