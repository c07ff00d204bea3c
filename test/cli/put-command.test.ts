/**
 * `docindex put` end to end. In process, over a Kendra client whose
 * `putDocuments` is a small stand-in that stores into the simulator (so this runs
 * whatever the client offers): files read lazily, the refused ones reported,
 * `--wait` over the real client. Then the built bin against the simulator, when
 * the client has `putDocuments`; until it has, the bin must say so (exit 2).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliIo, OutputStream } from '../../src/cli/io';
import { PROVIDER_CLI } from '../../src/cli/providers/index';
import type { DocumentInput } from '../../src/cli/put/seam';
import { run } from '../../src/cli/run';
import { DocumentIndexError } from '../../src/index';
import { createKendraIndex } from '../../src/providers/kendra/index';
import { createNaverRagIndex } from '../../src/providers/naver/index';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';
import { buildIfStale } from '../package/build-if-stale';
import { KENDRA_INDEX, ndjson, providerArgs, runCli, SERVICE } from './support';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim?.close());
beforeEach(() => sim.reset());
afterEach(() => vi.restoreAllMocks());

function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docindex-put-cmd-'));
  mkdirSync(join(dir, 'docs', 'guides'), { recursive: true });
  writeFileSync(join(dir, 'docs', 'guides', 'setup.txt'), 'Setup');
  writeFileSync(join(dir, 'docs', 'pricing.html'), '<h1>Pricing</h1>');
  writeFileSync(join(dir, 'docs', 'refused.txt'), 'no');
  return dir;
}

function capture(): OutputStream & { text: string } {
  return {
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

/**
 * Runs the CLI in this process in `cwd` with `env` (also put in process.env while
 * it runs, where the AWS SDK reads its credentials); resolves with the exit code
 * and what it wrote.
 */
async function runHere(args: string[], cwd: string, env: Record<string, string>) {
  const stdout = capture();
  const stderr = capture();
  const io: CliIo = { stdout, stderr, stdin: (async function* () {})(), env: { NO_COLOR: '1', ...env }, cwd };
  Object.assign(process.env, env);
  try {
    const code = await run(args, { io, interrupt: new AbortController().signal });
    return { code, stdout: stdout.text, stderr: stderr.text };
  } finally {
    for (const name of Object.keys(env)) delete process.env[name];
  }
}

describe('put, in process', () => {
  it('sends each file as read, reports the refused, then waits for the accepted ones', async () => {
    const received: DocumentInput[] = [];
    const connect = PROVIDER_CLI.kendra.connect;
    vi.spyOn(PROVIDER_CLI.kendra, 'connect').mockImplementation(async (settings) => {
      const client = await connect(settings);
      return Object.assign(client, {
        async putDocuments(docs: AsyncIterable<DocumentInput>) {
          const items = [];
          const errors = [];
          for await (const doc of docs) {
            received.push(doc);
            if (doc.id === 'refused.txt') {
              errors.push({
                id: doc.id,
                error: new DocumentIndexError('validation', 'Refused.', { provider: 'kendra' }),
              });
              continue;
            }
            sim.kendra.putDocument(KENDRA_INDEX, { id: doc.id, status: { statuses: ['PROCESSING', 'INDEXED'] } });
            items.push({
              provider: 'kendra',
              id: doc.id,
              status: 'pending' as const,
              providerStatus: '',
              terminal: false,
              raw: {},
            });
          }
          return { items, errors };
        },
      });
    });
    const { args, env } = providerArgs('kendra', sim.url);
    const { code, stdout, stderr } = await runHere(
      ['put', ...args, 'docs', '--wait', '--min-delay', '10ms', '--json'],
      corpus(),
      env,
    );
    expect(received.map((doc) => [doc.id, doc.contentType, doc.content])).toEqual([
      ['guides/setup.txt', 'text/plain', 'Setup'],
      ['pricing.html', 'text/html', '<h1>Pricing</h1>'],
      ['refused.txt', 'text/plain', 'no'],
    ]);
    expect(code).toBe(1);
    expect(ndjson(stdout).map((line) => [line.id, line.status ?? 'error'])).toEqual([
      ['guides/setup.txt', 'succeeded'],
      ['pricing.html', 'succeeded'],
      ['refused.txt', 'error'],
    ]);
    expect(stderr).toContain('sending: 3/3 done');
    expect(stderr).toContain('2 accepted, 1 refused; waiting');
  });

  it('a client without putDocuments is a usage error, with nothing sent', async () => {
    const { args, env } = providerArgs('naver', sim.url);
    const { code, stderr } = await runHere(['put', ...args, 'docs'], corpus(), env);
    const hasPut = typeof (createNaverRagIndex({ serviceId: 's', apiKey: 'k' }) as { putDocuments?: unknown })
      .putDocuments;
    if (hasPut === 'function') expect(code).not.toBe(2);
    else {
      expect(code).toBe(2);
      expect(stderr).toBe('docindex: put: the naver client of this docindex build has no putDocuments\n');
      expect(sim.log.count()).toBe(0);
    }
  });
});

/**
 * The bin over the client's own `putDocuments`. Runs whichever way the build is:
 * with the method, the files must reach the simulator and `--wait` must finish;
 * without it, the bin must refuse with exit 2, and this says so on the console
 * so a run without ingest is never mistaken for a passing put.
 */
describe('put, the bin', () => {
  beforeAll(() => buildIfStale(), 180_000);

  it('sends files to Kendra and NAVER through putDocuments and waits for them', async () => {
    const hasPut = typeof (
      createKendraIndex({ indexId: KENDRA_INDEX, region: 'us-east-1' }) as { putDocuments?: unknown }
    ).putDocuments;
    const cwd = corpus();
    for (const provider of ['kendra', 'naver'] as const) {
      const { args, env } = providerArgs(provider, sim.url);
      const result = await runCli(['put', ...args, 'docs', '--wait', '--min-delay', '10ms', '--json'], { env, cwd });
      if (hasPut !== 'function') {
        console.warn(`put end to end: this build's ${provider} client has no putDocuments; checked the refusal only`);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/put: the \w+ client of this docindex build has no putDocuments/);
        continue;
      }
      expect(result.code, result.stderr).toBe(0);
      expect(ndjson(result.stdout).map((line) => [line.id, line.status])).toEqual([
        ['guides/setup.txt', 'succeeded'],
        ['pricing.html', 'succeeded'],
        ['refused.txt', 'succeeded'],
      ]);
      const stored =
        provider === 'kendra'
          ? sim.kendra.listDocuments(KENDRA_INDEX).map((doc) => doc.id)
          : sim.naver.listDocuments(SERVICE).map((doc) => doc.id);
      expect(stored.sort()).toEqual(['guides/setup.txt', 'pricing.html', 'refused.txt']);
    }
  });
});
