/**
 * A Lambda-style ESM bundle of a function that imports only `docindex/naver`
 * contains our code, ky and zod, and nothing of the AWS SDK, the Azure pipeline or
 * msw, and it runs in a fresh Node process against the loopback
 * simulator. Built with the configuration the README documents for serverless
 * users (ESM, `mainFields`, a `createRequire` banner). Its size budget is checked
 * by `npm run check:size`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { API_KEY, SERVICE_ID } from './fixtures';

const root = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

const handlerSource = `
import { createNaverRagIndex } from 'docindex/naver';

export const handler = async (event) => {
  const index = createNaverRagIndex({ serviceId: event.serviceId, apiKey: event.apiKey, baseUrl: event.baseUrl });
  return index.getStatuses(event.ids);
};
`;

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator();
  dir = await mkdtemp(join(tmpdir(), 'docindex-naver-bundle-'));
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

it('bundles only our code, ky and zod, and runs against the simulator', async () => {
  const outfile = join(dir, 'handler.mjs');
  const result = await build({
    stdin: { contents: handlerSource, resolveDir: root, loader: 'js', sourcefile: 'handler.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    minify: true,
    outfile,
    metafile: true,
    logLevel: 'silent',
    alias: { 'docindex/naver': join(root, 'src/providers/naver/index.ts') },
  });
  const inputs = Object.keys((result.metafile as Metafile).inputs);
  expect(inputs.some((path) => path.includes('node_modules/ky/'))).toBe(true);
  const foreign = inputs.filter((path) =>
    /node_modules\/(@aws-sdk|@smithy|@azure|msw)\/|src\/providers\/(kendra|bedrock|azure)\/|src\/testing\//.test(path),
  );
  expect(foreign).toEqual([]);

  sim.naver.requireApiKey(API_KEY);
  sim.naver.put({ serviceId: SERVICE_ID, docId: 'a', status: 'DONE' });
  const event = { serviceId: SERVICE_ID, apiKey: API_KEY, baseUrl: sim.url, ids: ['a', 'b/c'] };
  const driver = `const { handler } = await import(${JSON.stringify(`file://${outfile}`)});
    console.log(JSON.stringify(await handler(${JSON.stringify(event)})));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', driver], {
    env: { PATH: process.env.PATH ?? '' },
  });
  const batch = JSON.parse(stdout) as { items: Array<{ id: string; status: string }>; errors: unknown[] };
  expect(batch.items.map((item) => [item.id, item.status])).toEqual([
    ['a', 'succeeded'],
    ['b/c', 'not_found'],
  ]);
  expect(sim.log.count({ provider: 'naver' })).toBe(2);
});
