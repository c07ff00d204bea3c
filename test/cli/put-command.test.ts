/**
 * `docindex put` end to end. In process, over a Kendra client whose
 * `putDocuments` is a small stand-in that stores into the simulator (so this runs
 * whatever the client offers): files read lazily, the refused ones reported,
 * `--wait` over the real client. Then the provider refusals, and the built bin
 * over the clients' own `putDocuments` against the simulator.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliIo, OutputStream } from '../../src/cli/io';
import { PROVIDER_CLI } from '../../src/cli/providers/index';
import { run } from '../../src/cli/run';
import { DocumentIndexError } from '../../src/index';
import type { DocumentInput } from '../../src/spec/client';
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

  it('Azure has no put: unsupported, exit 2, nothing sent', async () => {
    const { args, env } = providerArgs('azure', sim.url);
    const { code, stderr } = await runHere(['put', ...args, 'docs'], corpus(), env);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unsupported/);
    expect(stderr).toMatch(/startAzureTranslation/);
    expect(sim.log.count()).toBe(0);
  });

  it('NAVER refuses path ids (a "/" or "." is not an id it lets callers choose): exit 2, nothing sent', async () => {
    const { args, env } = providerArgs('naver', sim.url);
    const { code, stderr } = await runHere(['put', ...args, 'docs'], corpus(), env);
    expect(code).toBe(2);
    expect(stderr).toContain('letters, digits, - and _');
    expect(stderr).toContain('"guides/setup.txt"');
    expect(stderr).toContain('--id-from stem sends setup.txt as document "setup"');
    expect(sim.log.count()).toBe(0);
  });

  it('points to --id-from stem only when NAVER refuses an id, not for other refusals', async () => {
    const { args, env } = providerArgs('naver', sim.url);
    const dir = plainNamedCorpus();
    const { code, stderr } = await runHere(
      ['put', ...args, 'docs', '--id-from', 'name', '--content-type', 'application/pdf'],
      dir,
      env,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('application/pdf');
    expect(stderr).not.toContain('--id-from stem');
    expect(sim.log.count()).toBe(0);
  });
});

/** A corpus whose file names are ids NAVER accepts (letters, digits, `-` and `_`). */
function plainNamedCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docindex-put-naver-'));
  mkdirSync(join(dir, 'docs', 'guides'), { recursive: true });
  writeFileSync(join(dir, 'docs', 'guides', 'setup'), 'Setup');
  writeFileSync(join(dir, 'docs', 'pricing'), 'Pricing');
  return dir;
}

/** The built bin over each client's own `putDocuments`, against the simulator. */
describe('put, the bin', () => {
  beforeAll(() => buildIfStale(), 180_000);

  it('sends files to Kendra by path and waits for them', async () => {
    const { args, env } = providerArgs('kendra', sim.url);
    const result = await runCli(['put', ...args, 'docs', '--wait', '--min-delay', '10ms', '--json'], {
      env,
      cwd: corpus(),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(ndjson(result.stdout).map((line) => [line.id, line.status])).toEqual([
      ['guides/setup.txt', 'succeeded'],
      ['pricing.html', 'succeeded'],
      ['refused.txt', 'succeeded'],
    ]);
    const stored = sim.kendra.listDocuments(KENDRA_INDEX).map((doc) => doc.id);
    expect(stored.sort()).toEqual(['guides/setup.txt', 'pricing.html', 'refused.txt']);
  });

  it('sends files to NAVER by stem (setup.txt as setup), typed by their extensions, and waits for them', async () => {
    const { args, env } = providerArgs('naver', sim.url);
    const result = await runCli(
      ['put', ...args, 'docs', '--id-from', 'stem', '--wait', '--min-delay', '10ms', '--json'],
      {
        env,
        cwd: corpus(),
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(ndjson(result.stdout).map((line) => [line.id, line.status])).toEqual([
      ['setup', 'succeeded'],
      ['pricing', 'succeeded'],
      ['refused', 'succeeded'],
    ]);
    expect(
      sim.naver
        .listDocuments(SERVICE)
        .map((doc) => doc.id)
        .sort(),
    ).toEqual(['pricing', 'refused', 'setup']);
  });

  it('sends text files to NAVER by name and waits for them', async () => {
    const { args, env } = providerArgs('naver', sim.url);
    const result = await runCli(
      [
        'put',
        ...args,
        'docs',
        '--id-from',
        'name',
        '--content-type',
        'text/plain',
        '--wait',
        '--min-delay',
        '10ms',
        '--json',
      ],
      { env, cwd: plainNamedCorpus() },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(ndjson(result.stdout).map((line) => [line.id, line.status])).toEqual([
      ['setup', 'succeeded'],
      ['pricing', 'succeeded'],
    ]);
    expect(
      sim.naver
        .listDocuments(SERVICE)
        .map((doc) => doc.id)
        .sort(),
    ).toEqual(['pricing', 'setup']);
  });
});
