/**
 * The bin loads only what a run needs: `status --help` no SDK and no output
 * library, a `status` call only its own provider's entry and SDK. Checked in the
 * child process itself, with a tracer (`--import`) that records every ES module
 * loaded (a loader hook) and every CommonJS module (the require cache at exit).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';
import { buildIfStale } from '../package/build-if-stale';
import { providerArgs, runCli } from './support';

const TRACER = pathToFileURL(join(import.meta.dirname, 'fixtures', 'trace-loads.mjs')).href;
const dir = mkdtempSync(join(tmpdir(), 'docindex-trace-'));
let sim: RunningSimulator;
let runs = 0;

beforeAll(async () => {
  buildIfStale();
  sim = await startSimulator();
}, 180_000);
afterAll(() => sim?.close());

/** What a run loaded: URLs and paths, one per module. */
async function loaded(args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const file = join(dir, `trace-${++runs}.txt`);
  const { code, stderr } = await runCli(args, {
    env: { ...env, DOCINDEX_TRACE_FILE: file },
    nodeArgs: ['--import', TRACER],
  });
  expect(code === 0 || code === 1, stderr).toBe(true);
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

const SDK = {
  kendra: /@aws-sdk\/client-kendra\//,
  bedrock: /@aws-sdk\/client-bedrock-agent\//,
  azure: /@azure\/core-rest-pipeline\//,
  naver: /\/ky\//,
} as const;
const ENTRY = {
  kendra: /\/dist\/kendra\.js$/,
  bedrock: /\/dist\/bedrock\.js$/,
  azure: /\/dist\/azure\.js$/,
  naver: /\/dist\/naver\.js$/,
} as const;
const matching = (modules: string[], pattern: RegExp) => modules.filter((module) => pattern.test(module));

describe('what a run loads', () => {
  it('status --help: no provider entry, no SDK, no msw, no progress or table library', async () => {
    const modules = await loaded(['status', '--help']);
    expect(matching(modules, /\/dist\/cli\.js$/)).toHaveLength(1);
    for (const pattern of [
      ...Object.values(SDK),
      ...Object.values(ENTRY),
      /@aws-sdk|@smithy|@azure/,
      /\/msw\//,
      /log-update|string-width/,
    ]) {
      expect(matching(modules, pattern), String(pattern)).toEqual([]);
    }
  });

  it.each(Object.keys(SDK) as Array<keyof typeof SDK>)(
    'status --provider %s: its own entry and SDK, no other',
    async (provider) => {
      const { args, env } = providerArgs(provider, sim.url);
      const id = provider === 'azure' ? '00000000-0000-4000-8000-000000000001' : 'doc-1';
      const modules = await loaded(['status', ...args, id], env);
      expect(matching(modules, ENTRY[provider]), 'its entry').toHaveLength(1);
      expect(matching(modules, SDK[provider]).length, 'its SDK').toBeGreaterThan(0);
      for (const other of Object.keys(SDK) as Array<keyof typeof SDK>) {
        if (other === provider) continue;
        expect(matching(modules, SDK[other]), `${other} SDK`).toEqual([]);
        expect(matching(modules, ENTRY[other]), `${other} entry`).toEqual([]);
      }
      expect(matching(modules, /\/msw\/|\/dist\/testing\.js$/)).toEqual([]);
    },
  );
});
