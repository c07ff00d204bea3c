/**
 * A Lambda-style bundle of a function that imports only `docindex/azure` pulls in
 * neither another provider's SDK nor its adapter, and runs in a fresh Node process
 * against the loopback simulator.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { docId, TRANSLATION } from './fixtures';

const root = resolve(__dirname, '../../..');
const run = promisify(execFile);

const handlerSource = `
import { createAzureTranslationIndex } from 'docindex/azure';

export const handler = async (event) => {
  const index = createAzureTranslationIndex({
    endpoint: event.endpoint,
    translationId: event.translationId,
    credential: 'bundle-test-key',
  });
  return index.getStatuses(event.ids);
};
`;

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator();
  dir = await mkdtemp(join(tmpdir(), 'docindex-azure-bundle-'));
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

it('bundles without AWS, NAVER, ky or msw code and runs against the simulator', async () => {
  const outfile = join(dir, 'handler.cjs');
  const result = await build({
    stdin: { contents: handlerSource, resolveDir: root, loader: 'js', sourcefile: 'handler.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outfile,
    metafile: true,
    logLevel: 'silent',
    alias: { 'docindex/azure': join(root, 'src/providers/azure/index.ts') },
  });
  const inputs = Object.keys((result.metafile as Metafile).inputs);
  expect(inputs.some((path) => path.includes('node_modules/@azure/core-rest-pipeline/'))).toBe(true);
  const foreign = inputs.filter((path) =>
    /node_modules\/(@aws-sdk|@smithy|ky|msw)\/|src\/providers\/(kendra|bedrock|naver)\/|src\/testing\//.test(path),
  );
  expect(foreign).toEqual([]);

  sim.azure.putDocument(TRANSLATION, { id: docId(1), status: 'Succeeded' });
  const driver = `require(${JSON.stringify(outfile)}).handler(${JSON.stringify({
    endpoint: sim.url,
    translationId: TRANSLATION,
    ids: [docId(1), docId(2)],
  })}).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });`;
  const { stdout } = await run(process.execPath, ['-e', driver], { env: { PATH: process.env.PATH ?? '' } });
  const batch = JSON.parse(stdout) as { items: Array<{ id: string; status: string }>; errors: unknown[] };
  expect(batch.items.map((item) => [item.id, item.status])).toEqual([
    [docId(1), 'succeeded'],
    [docId(2), 'not_found'],
  ]);
  expect(sim.log.count({ provider: 'azure', operation: 'getDocumentsStatus' })).toBe(1);
});
