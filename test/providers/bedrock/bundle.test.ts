/**
 * A Lambda-style bundle of a function that imports only `docindex/bedrock` pulls in
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

const root = resolve(__dirname, '../../..');
const run = promisify(execFile);
const KB = 'KBBUNDLE01';
const DS = 'DSBUNDLE01';

const handlerSource = `
import { createBedrockIndex } from 'docindex/bedrock';

export const handler = async (event) => {
  const index = createBedrockIndex({
    knowledgeBaseId: event.knowledgeBaseId,
    dataSourceId: event.dataSourceId,
    region: 'us-east-1',
    endpoint: event.endpoint,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
  });
  return index.getStatuses(event.ids);
};
`;

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator();
  dir = await mkdtemp(join(tmpdir(), 'docindex-bedrock-bundle-'));
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

it('bundles without Kendra, Azure, NAVER, ky or msw code and runs against the simulator', async () => {
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
    alias: { 'docindex/bedrock': join(root, 'src/providers/bedrock/index.ts') },
  });
  const inputs = Object.keys((result.metafile as Metafile).inputs);
  expect(inputs.some((path) => path.includes('node_modules/@aws-sdk/client-bedrock-agent/'))).toBe(true);
  const foreign = inputs.filter((path) =>
    /node_modules\/(@aws-sdk\/client-kendra|@azure|ky|msw)\/|src\/providers\/(kendra|azure|naver)\/|src\/testing\//.test(
      path,
    ),
  );
  expect(foreign).toEqual([]);

  sim.bedrock.put({ knowledgeBaseId: KB, dataSourceId: DS, customId: 'a', status: 'INDEXED' });
  const driver = `require(${JSON.stringify(outfile)}).handler(${JSON.stringify({
    knowledgeBaseId: KB,
    dataSourceId: DS,
    endpoint: sim.url,
    ids: ['a', 'b'],
  })}).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });`;
  const { stdout } = await run(process.execPath, ['-e', driver], { env: { PATH: process.env.PATH ?? '' } });
  const batch = JSON.parse(stdout) as { items: Array<{ id: string; status: string }>; errors: unknown[] };
  expect(batch.items.map((item) => [item.id, item.status])).toEqual([
    ['a', 'succeeded'],
    ['b', 'not_found'],
  ]);
  expect(sim.log.count({ provider: 'bedrock', operation: 'GetKnowledgeBaseDocuments' })).toBe(1);
});
