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

// A Node project's library has no DOM (`lib: ["es2022"]`, @types/node): the provider entries' declarations may use
// only what @types/node declares. docindex/testing re-exports msw's types, which need the DOM library (as msw says).
const ENTRIES = {
  docindex: 'isDocumentIndexError',
  'docindex/kendra': 'createKendraIndex',
  'docindex/bedrock': 'createBedrockIndex',
  'docindex/azure': 'createAzureTranslationIndex',
  'docindex/naver': 'createNaverRagIndex',
};
it('the entries compiled below are every entry the package exports', async () => {
  const { readFileSync } = await import('node:fs');
  const { exports } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { exports: object };
  const exported = Object.keys(exports)
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? 'docindex' : `docindex/${key.slice(2)}`));
  expect([...Object.keys(ENTRIES), 'docindex/testing'].sort()).toEqual(exported.sort());
});

it.each([
  ['every entry but docindex/testing, without the DOM library', ['es2022'], ENTRIES],
  [
    'docindex/testing, with the DOM library msw needs',
    ['es2022', 'dom'],
    { ...ENTRIES, 'docindex/testing': 'createSimulatorHandlers, startSimulator' },
  ],
] as const)(
  'a CommonJS project under node16 resolution, skipLibCheck off, compiles against %s',
  async (_, lib, entries) => {
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
      lib,
      module: 'node16',
      moduleResolution: 'node16',
      skipLibCheck: false,
      types: ['node'],
      typeRoots: [resolve(root, 'node_modules/@types')],
    };
    writeFileSync(resolve(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['app.ts'] }));
    const names = Object.values(entries).join(', ');
    writeFileSync(
      resolve(project, 'app.ts'),
      [
        ...Object.entries(entries).map(([entry, imported]) => `import { ${imported} } from '${entry}';`),
        `export const all = [${names}];`,
        '',
      ].join('\n'),
    );
    const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', project], { cwd: project }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error), failed: true }),
    );
    expect('failed' in result ? result.stdout : '').toBe('');
  },
  120_000,
);
