/**
 * The package as users get it: `npm pack`, unpacked into a node_modules folder,
 * then loaded from fresh Node processes through its exports map, from CommonJS and
 * from ESM. Peer dependencies resolve from the repository's own node_modules.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from './build-if-stale';

const root = join(import.meta.dirname, '..', '..');
const entries = {
  docindex: ['createDocumentIndexClient', 'DocumentIndexError', 'isDocumentIndexError', 'INDEX_STATUSES', 'isTerminal'],
  'docindex/kendra': ['createKendraIndex'],
  'docindex/bedrock': ['createBedrockIndex'],
  'docindex/azure': ['createAzureTranslationIndex'],
  'docindex/naver': ['createNaverRagIndex'],
  'docindex/testing': ['startSimulator', 'createSimulatorHandlers', 'Simulator'],
} as const;

/**
 * Packages each entry must not load: other providers' SDKs, and zod (the schema
 * functions the adapters use are bundled, so no entry loads the whole package).
 */
const CLI_ONLY = ['log-update', 'string-width'];
const foreign: Record<string, string[]> = {
  docindex: ['@aws-sdk', '@azure', '/ky/', 'msw', '/zod/', ...CLI_ONLY],
  'docindex/kendra': ['client-bedrock-agent', '@azure', '/ky/', 'msw', '/zod/', ...CLI_ONLY],
  'docindex/bedrock': ['client-kendra', '@azure', '/ky/', 'msw', '/zod/', ...CLI_ONLY],
  'docindex/azure': ['@aws-sdk', '/ky/', 'msw', '/zod/', ...CLI_ONLY],
  'docindex/naver': ['@aws-sdk', '@azure', 'msw', '/zod/', ...CLI_ONLY],
};

/**
 * Each provider entry, with options that are wrong (the factory throws) and options
 * that reach the loopback simulator (`url`), where an injected `forbidden` answer
 * makes the call reject through the provider's own error mapping.
 */
const providerEntries = {
  'docindex/kendra': {
    factory: 'createKendraIndex',
    options: `{ indexId: '0123abcd-0123-abcd-0123-0123456789ab', region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }`,
    id: 'doc-1',
  },
  'docindex/bedrock': {
    factory: 'createBedrockIndex',
    options: `{ knowledgeBaseId: 'KB12345678', dataSourceId: 'DS12345678', region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }`,
    id: 'doc-1',
  },
  'docindex/azure': {
    factory: 'createAzureTranslationIndex',
    options: `{ endpoint: url, translationId: '727bf148-f327-47a0-9481-abae6362f11e', credential: 'test-key' }`,
    id: '00000000-0000-4000-8000-000000000001',
  },
  'docindex/naver': {
    factory: 'createNaverRagIndex',
    options: `{ serviceId: 'svc1', apiKey: 'test-key', baseUrl: url }`,
    id: 'doc-1',
  },
} as const;

let project: string;

function run(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: project, encoding: 'utf8', timeout: 30_000 });
}

beforeAll(() => {
  buildIfStale();
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  // Inside the repository's node_modules, so the unpacked package finds its peers there.
  project = mkdtempSync(join(cache, 'docindex-pack-'));
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], { cwd: root, encoding: 'utf8' })
    .trim()
    .split('\n')
    .at(-1) as string;
  const target = join(project, 'node_modules', 'docindex');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(project, out), '-C', target, '--strip-components=1']);
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the packed package', () => {
  it.each(Object.entries(entries))('require(%j) works from CommonJS', (specifier, names) => {
    const output = run([
      '-e',
      `const m = require(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m)))`,
    ]);
    expect(JSON.parse(output)).toEqual(expect.arrayContaining([...names]));
  });

  it.each(Object.entries(entries))('import(%j) works from ESM', (specifier, names) => {
    const output = run([
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m)))`,
    ]);
    expect(JSON.parse(output)).toEqual(expect.arrayContaining([...names]));
  });

  it.each(Object.entries(foreign))('require(%j) loads no other provider SDK and no zod', (specifier, banned) => {
    const output = run([
      '-e',
      `require(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(require.cache)))`,
    ]);
    const loaded = (JSON.parse(output) as string[]).filter((file) => banned.some((name) => file.includes(name)));
    expect(loaded).toEqual([]);
  });

  describe.each(['CommonJS', 'ESM'] as const)("from %s, errors are instances of the root entry's class", (loader) => {
    it.each(Object.entries(providerEntries))(
      '%s: from the factory and from a call',
      (specifier, { factory, options, id }) => {
        const load = (name: string) =>
          loader === 'CommonJS' ? `require(${JSON.stringify(name)})` : `await import(${JSON.stringify(name)})`;
        const body = `
        const { DocumentIndexError } = ${load('docindex')};
        const { startSimulator } = ${load('docindex/testing')};
        const { ${factory}: create } = ${load(specifier)};
        const seen = (error) => ({ code: error?.code, instance: error instanceof DocumentIndexError });
        const result = {};
        try { create({}); } catch (error) { result.factory = seen(error); }
        const sim = await startSimulator();
        try {
          const url = sim.url;
          sim.inject({ provider: ${JSON.stringify(specifier.split('/')[1])}, fault: { type: 'error', kind: 'forbidden' }, times: 10 });
          await create(${options}).getStatuses([${JSON.stringify(id)}]).catch((error) => { result.call = seen(error); });
        } finally {
          await sim.close();
        }
        console.log(JSON.stringify(result));
      `;
        const args =
          loader === 'CommonJS'
            ? ['-e', `(async () => { ${body} })().catch((error) => { console.error(error); process.exit(1); });`]
            : ['--input-type=module', '-e', body];
        expect(JSON.parse(run(args))).toEqual({
          factory: { code: 'validation', instance: true },
          call: { code: 'forbidden', instance: true },
        });
      },
    );
  });

  it('ships the docindex bin: executable, with its shebang, started from the installed package', () => {
    const manifest = JSON.parse(run(['-p', "JSON.stringify(require('docindex/package.json').bin)"])) as Record<
      string,
      string
    >;
    expect(manifest).toEqual({ docindex: './dist/cli.js' });
    const bin = join(project, 'node_modules', 'docindex', 'dist', 'cli.js');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(run([bin, '--version']).trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(run([bin, 'status', '--help'])).toMatch(/^Usage: docindex status/);
  });

  it('runs startSimulator from docindex/testing in a separate process', () => {
    const script = `
      import { startSimulator } from 'docindex/testing';
      const sim = await startSimulator();
      const res = await fetch(sim.url + '/api/v1/svc/svc1/doc/unknown-doc/status', { headers: { authorization: 'Bearer k' } });
      console.log(JSON.stringify({ url: sim.url, status: res.status, requests: sim.log.entries.length }));
      await sim.close();
    `;
    const result = JSON.parse(run(['--input-type=module', '-e', script]));
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.status).toBe(404);
    expect(result.requests).toBe(1);
  });
});
