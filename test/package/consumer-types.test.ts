/**
 * The built declarations as an application compiles against them with
 * `exactOptionalPropertyTypes` (a strict setting many codebases turn on): every
 * optional input takes `undefined` too, so `region: process.env.AWS_REGION` and
 * options passed along from the application's own optional fields type-check.
 * The examples were refused under it (`region?: string`).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { buildIfStale } from './build-if-stale';

const root = resolve(__dirname, '../..');

beforeAll(() => buildIfStale(), 300_000);

it('the examples and a consumer of every optional input compile with exactOptionalPropertyTypes', async () => {
  const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', 'test/types/tsconfig.exact-optional.json'], {
    cwd: root,
  }).catch((error: { stdout?: string; code?: number }) => ({ stdout: error.stdout ?? String(error), failed: true }));
  expect('failed' in result ? result.stdout : '').toBe('');
}, 120_000);

it('a CommonJS project under node16 resolution, skipLibCheck off, compiles against every entry, docindex/testing included', async () => {
  // msw is ESM only: dist/testing.d.cts must import its types in ESM mode, or TypeScript refuses it (TS1479).
  const { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const project = mkdtempSync(resolve(tmpdir(), 'docindex-cjs-types-'));
  mkdirSync(resolve(project, 'node_modules'));
  symlinkSync(root, resolve(project, 'node_modules', 'docindex'), 'dir');
  writeFileSync(resolve(project, 'package.json'), JSON.stringify({ type: 'commonjs' }));
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'node16',
    moduleResolution: 'node16',
    skipLibCheck: false,
    types: ['node'],
    typeRoots: [resolve(root, 'node_modules/@types')],
  };
  writeFileSync(resolve(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['app.ts'] }));
  writeFileSync(
    resolve(project, 'app.ts'),
    [
      "import { isDocumentIndexError } from 'docindex';",
      "import { createKendraIndex } from 'docindex/kendra';",
      "import { createBedrockIndex } from 'docindex/bedrock';",
      "import { createAzureTranslationIndex } from 'docindex/azure';",
      "import { createNaverRagIndex } from 'docindex/naver';",
      "import { createSimulatorHandlers, startSimulator } from 'docindex/testing';",
      'export const all = [isDocumentIndexError, createKendraIndex, createBedrockIndex, createAzureTranslationIndex, createNaverRagIndex, createSimulatorHandlers, startSimulator];',
      '',
    ].join('\n'),
  );
  const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', project], { cwd: project }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error), failed: true }),
  );
  expect('failed' in result ? result.stdout : '').toBe('');
}, 120_000);
