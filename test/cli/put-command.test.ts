/**
 * `docindex put` end to end. In process, over a Kendra client whose
 * `putDocuments` is a small stand-in that stores into the simulator (so this runs
 * whatever the client offers): files read lazily, the refused ones reported,
 * `--wait` over the real client. Then the provider refusals, and the built bin
 * over the clients' own `putDocuments` against the simulator.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliIo, OutputStream } from '../../src/cli/io';
import { PROVIDER_CLI } from '../../src/cli/providers/index';
import { CHECK_ONLY } from '../../src/cli/put/check';
import { run } from '../../src/cli/run';
import { DocumentIndexError } from '../../src/index';
import type { DocumentInput } from '../../src/spec/client';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';
import { buildIfStale } from '../package/build-if-stale';
import { DS, KB, KENDRA_INDEX, ndjson, providerArgs, runCli, SERVICE } from './support';

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
    vi.spyOn(PROVIDER_CLI.kendra, 'connect').mockImplementation(async (settings, internal) => {
      const client = await connect(settings, internal);
      // The checking client (CHECK_ONLY) stays as it is: it sends nothing.
      if (internal === CHECK_ONLY) return client;
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
    expect(stderr).toContain('checking: 3/3 done');
    expect(stderr).toContain('sending: 3/3 done (100%) · pending 2 · errors 1');
    expect(stderr).toContain('2 accepted, 1 refused; waiting');
  });

  it('--wait with --min-delay above --max-delay is exit 2 before anything is sent', async () => {
    // waitFor refuses it too, but only when called: after the documents had been sent.
    const { args, env } = providerArgs('kendra', sim.url);
    const flags = ['--wait', '--min-delay', '1m', '--max-delay', '10s'];
    const { code, stderr } = await runHere(['put', ...args, 'docs', ...flags], corpus(), env);
    expect(code).toBe(2);
    expect(stderr).toContain('--min-delay must not be above --max-delay');
    expect(sim.log.count()).toBe(0);
  });

  it.each([
    ['--timeout', 'banana'],
    ['--until', 'succeeded'],
    ['--min-delay', '1s'],
  ])('a wait flag without --wait (%s): exit 2, nothing sent, instead of ignored', async (flag, value) => {
    const { args, env } = providerArgs('kendra', sim.url);
    const { code, stderr } = await runHere(['put', ...args, 'docs', flag, value], corpus(), env);
    expect(code).toBe(2);
    expect(stderr).toContain(`${flag} applies only with --wait`);
    expect(sim.log.count()).toBe(0);
  });

  it("put's help offers the --until choices put takes (no deleted)", async () => {
    const { code, stdout } = await runHere(['put', '--help'], corpus(), {});
    expect(code).toBe(0);
    expect(stdout).toMatch(/--until WHEN +terminal \(default\): .*; succeeded: /);
    expect(stdout).not.toMatch(/deleted: every document gone/);
  });

  it('Azure has no put: unsupported, exit 2, nothing sent', async () => {
    const { args, env } = providerArgs('azure', sim.url);
    const { code, stderr } = await runHere(['put', ...args, 'docs'], corpus(), env);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unsupported/);
    expect(stderr).toContain("the library's startAzureTranslation() (the command line starts none)");
    expect(sim.log.count()).toBe(0);
  });

  it("a file over Kendra's inline limit: exit 2, nothing sent, and a hint the command line can act on", async () => {
    const dir = corpus();
    writeFileSync(join(dir, 'docs', 'huge.txt'), 'a'.repeat(5_000_001));
    const { args, env } = providerArgs('kendra', sim.url);
    const { code, stderr } = await runHere(['put', ...args, join('docs', 'huge.txt')], dir, env);
    expect(code).toBe(2);
    expect(stderr).toContain('at most 5000000 bytes of inline content');
    // The library's hint ("pass its s3Uri") named an input the command line does not take.
    expect(stderr).toContain(
      "docindex put sends files inline: put the document in S3 and send it through the library's",
    );
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

/** Twelve good text files (`a01.txt` ... `a12.txt`) in `many/`, and what else a test puts there. */
function manyFiles(extra: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'docindex-put-many-'));
  mkdirSync(join(dir, 'many'));
  for (let i = 1; i <= 12; i++) writeFileSync(join(dir, 'many', `a${String(i).padStart(2, '0')}.txt`), `t${i}`);
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, 'many', name), content);
  return dir;
}

/** Bytes that are not UTF-8. */
const NOT_UTF8 = new Uint8Array([0xff, 0xfe, 0x00]);

/** Requests the simulator received for `provider` (status reads included). */
const requests = (provider: 'kendra' | 'bedrock' | 'naver') => sim.log.count({ provider });

describe("put checks every file with the provider's rules before it sends any", () => {
  it('Bedrock: a 13th file of bytes with no content type is exit 2, nothing sent, the file named, --content-type hinted', async () => {
    const { args, env } = providerArgs('bedrock', sim.url);
    const { code, stdout, stderr } = await runHere(['put', ...args, 'many'], manyFiles({ 'z.bin': NOT_UTF8 }), env);
    expect(code, stderr).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^docindex: many\/z\.bin: .*docs\[12\]\.contentType: bytes need a contentType on Bedrock/m);
    expect(stderr).toContain('--content-type TYPE gives every file one');
    expect(stderr).not.toContain('--id-from');
    expect(requests('bedrock')).toBe(0);
    expect(sim.bedrock.listDocuments(KB, DS)).toEqual([]);
    // The check stopped at the refused file: it is not counted as done.
    // ... and its last line has no estimate of a time left.
    expect(stderr).toMatch(/^checking: 12\/13 done \(92%\) · \d+:\d\d elapsed$/m);
    expect(stderr).not.toContain('sending');
  });

  it('Bedrock: the same files with --content-type pass the check, and all 13 are sent', async () => {
    const { args, env } = providerArgs('bedrock', sim.url);
    const { code, stdout, stderr } = await runHere(
      ['put', ...args, 'many', '--content-type', 'application/pdf', '--json'],
      manyFiles({ 'z.bin': NOT_UTF8 }),
      env,
    );
    expect(code, stderr).toBe(0);
    expect(ndjson(stdout)).toHaveLength(13);
    expect(sim.bedrock.listDocuments(KB, DS)).toHaveLength(13);
    expect(stderr).toContain('sending: 13/13 done (100%)');
  });

  it('counts a document as sent once the provider answered its request, not once it was read', async () => {
    // Each request of ten is held, so reading ran far ahead of the answers: the count said 13/13 before any.
    sim.inject({
      provider: 'bedrock',
      operation: 'IngestKnowledgeBaseDocuments',
      fault: { type: 'latency', ms: 60 },
      times: Number.POSITIVE_INFINITY,
    });
    const { args, env } = providerArgs('bedrock', sim.url);
    const { code, stderr } = await runHere(
      ['put', ...args, 'many', '--content-type', 'application/pdf'],
      manyFiles({ 'z.bin': NOT_UTF8 }),
      env,
    );
    expect(code, stderr).toBe(0);
    const counts = [...stderr.matchAll(/^sending: +(\d+)\/13 done/gm)].map((match) => Number(match[1]));
    expect(counts[0]).toBe(0);
    expect(counts.at(-1)).toBe(13);
    // Only whole answered requests: none of the counts reading alone would give.
    expect(counts.filter((count) => ![0, 10, 13].includes(count))).toEqual([]);
  });

  it('Bedrock: a Markdown file (text/markdown, which Bedrock does not take inline) is exit 2, --content-type text/plain hinted', async () => {
    const { args, env } = providerArgs('bedrock', sim.url);
    const { code, stderr } = await runHere(['put', ...args, 'many'], manyFiles({ 'notes.md': '# Notes' }), env);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/^docindex: many\/notes\.md: .*Bedrock does not take text\/markdown inline/m);
    expect(stderr).toContain('--content-type text/plain sends text such as Markdown as plain text');
    expect(requests('bedrock')).toBe(0);
  });

  it('points to --content-type only for bytes with no content type, not for other Bedrock refusals', async () => {
    const { args, env } = providerArgs('bedrock', sim.url);
    const { code, stderr } = await runHere(['put', ...args, 'many'], manyFiles({ 'empty.txt': '' }), env);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/^docindex: many\/empty\.txt: .*Bedrock refuses empty inline content/m);
    expect(stderr).not.toContain('--content-type');
    expect(requests('bedrock')).toBe(0);
  });

  it('NAVER: a 13th file that is not UTF-8 (--id-from stem) is exit 2, nothing sent, the file named', async () => {
    const { args, env } = providerArgs('naver', sim.url);
    const { code, stdout, stderr } = await runHere(
      ['put', ...args, 'many', '--id-from', 'stem'],
      manyFiles({ 'z.bin': NOT_UTF8 }),
      env,
    );
    expect(code, stderr).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^docindex: many\/z\.bin: .*docs\[12\]\.content: the bytes are not valid UTF-8/m);
    expect(stderr).not.toContain('--content-type TYPE');
    expect(requests('naver')).toBe(0);
    expect(sim.naver.listDocuments(SERVICE)).toEqual([]);
  });

  it('NAVER: a dotted id in the 12th file (--id-from path) is exit 2, nothing sent, --id-from stem hinted', async () => {
    const { args, env } = providerArgs('naver', sim.url);
    const dir = mkdtempSync(join(tmpdir(), 'docindex-put-naver-ids-'));
    mkdirSync(join(dir, 'many'));
    for (let i = 1; i <= 11; i++) writeFileSync(join(dir, 'many', `a${String(i).padStart(2, '0')}`), `t${i}`);
    writeFileSync(join(dir, 'many', 'b12.txt'), 't12');
    const { code, stdout, stderr } = await runHere(
      ['put', ...args, 'many', '--id-from', 'path', '--content-type', 'text/plain'],
      dir,
      env,
    );
    expect(code, stderr).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^docindex: many\/b12\.txt: .*docs\[11\]\.id/m);
    expect(stderr).toContain('"b12.txt"');
    expect(stderr).toContain('--id-from stem sends setup.txt as document "setup"');
    expect(requests('naver')).toBe(0);
    expect(sim.naver.listDocuments(SERVICE)).toEqual([]);
  });

  it('a file that cannot be read when checked is exit 2 with nothing sent', async () => {
    const { args, env } = providerArgs('bedrock', sim.url);
    const dir = manyFiles();
    const connect = PROVIDER_CLI.bedrock.connect;
    vi.spyOn(PROVIDER_CLI.bedrock, 'connect').mockImplementation(async (settings, internal) => {
      // Gone after the walk, before the check reads it.
      if (internal === CHECK_ONLY) rmSync(join(dir, 'many', 'a07.txt'));
      return connect(settings, internal);
    });
    const { code, stderr } = await runHere(['put', ...args, 'many'], dir, env);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/^docindex: many\/a07\.txt: no such file or folder$/m);
    expect(requests('bedrock')).toBe(0);
  });
});

describe('put: a failure after the check stops the run partway, exit 1 (not 2: documents were sent)', () => {
  /** Runs put over `many/` on Bedrock, calling `change` once the check has passed. */
  async function changedAfterCheck(change: (dir: string) => void) {
    const { args, env } = providerArgs('bedrock', sim.url);
    const dir = manyFiles();
    const connect = PROVIDER_CLI.bedrock.connect;
    vi.spyOn(PROVIDER_CLI.bedrock, 'connect').mockImplementation(async (settings, internal) => {
      const client = await connect(settings, internal);
      if (internal !== CHECK_ONLY) return client;
      const check = client.putDocuments.bind(client);
      return Object.assign(client, {
        putDocuments: async (...call: Parameters<typeof check>) => {
          const result = await check(...call);
          change(dir);
          return result;
        },
      });
    });
    return runHere(['put', ...args, 'many', '--json'], dir, env);
  }

  it('a file emptied after the check: the ten before it listed, exit 1', async () => {
    const { code, stdout, stderr } = await changedAfterCheck((dir) => writeFileSync(join(dir, 'many', 'a12.txt'), ''));
    expect(code, stderr).toBe(1);
    // The first request carried a01..a10; a11 and a12 were being gathered into the second.
    expect(ndjson(stdout).map((line) => line.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `a${String(i + 1).padStart(2, '0')}.txt`),
    );
    expect(sim.bedrock.listDocuments(KB, DS)).toHaveLength(10);
    expect(stderr).toMatch(
      /^docindex: many\/a12\.txt: its content is not what was checked; it changed after the check, so put stopped there: 10 documents were sent \(listed above\), the rest not$/m,
    );
    // The last progress line: what the provider answered, no estimate of a time left.
    expect(stderr).toMatch(/^sending: 10\/12 done \(83%\) · pending 10 · \d+:\d\d elapsed$/m);
  });

  it('a file rewritten after the check with content the provider would take: stopped there all the same', async () => {
    // Same length, other bytes: neither its size nor the provider's rules tell, its content does.
    const { code, stdout, stderr } = await changedAfterCheck((dir) => {
      const path = join(dir, 'many', 'a12.txt');
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replace(/./, (char) => (char === 'X' ? 'Y' : 'X')),
      );
    });
    expect(code, stderr).toBe(1);
    expect(ndjson(stdout)).toHaveLength(10);
    expect(sim.bedrock.listDocuments(KB, DS)).toHaveLength(10);
    expect(stderr).toMatch(
      /^docindex: many\/a12\.txt: its content is not what was checked; it changed after the check, so put stopped there: 10 documents were sent \(listed above\), the rest not$/m,
    );
  });

  it('a file deleted after the check: the ten before it listed, exit 1', async () => {
    const { code, stdout, stderr } = await changedAfterCheck((dir) => rmSync(join(dir, 'many', 'a11.txt')));
    expect(code, stderr).toBe(1);
    expect(ndjson(stdout)).toHaveLength(10);
    expect(sim.bedrock.listDocuments(KB, DS)).toHaveLength(10);
    expect(stderr).toMatch(
      /^docindex: many\/a11\.txt: no such file or folder; it changed after the check, so put stopped there: 10 documents were sent \(listed above\), the rest not$/m,
    );
  });

  it('a request the provider refuses as invalid after others were accepted: exit 1, not 2, the accepted listed', async () => {
    const { args, env } = providerArgs('bedrock', sim.url);
    // One request at a time: the first is answered as usual, the second refused as invalid.
    sim.inject({ provider: 'bedrock', operation: 'IngestKnowledgeBaseDocuments', fault: { type: 'latency', ms: 0 } });
    sim.inject({
      provider: 'bedrock',
      operation: 'IngestKnowledgeBaseDocuments',
      fault: { type: 'error', kind: 'validation' },
    });
    const { code, stdout, stderr } = await runHere(
      ['put', ...args, 'many', '--concurrency', '1', '--json'],
      manyFiles(),
      env,
    );
    expect(code, stderr).toBe(1);
    // The ten of the first request accepted, the two of the refused one with its error.
    const lines = ndjson(stdout);
    expect(lines.filter((line) => line.status === 'pending')).toHaveLength(10);
    expect(lines.filter((line) => line.error !== undefined).map((line) => line.id)).toEqual(['a11.txt', 'a12.txt']);
    expect(stderr).toMatch(
      /^docindex: bedrock: validation: .*; put stopped there, after 10 documents were accepted \(listed above\)$/m,
    );
  });

  it('a file deleted after the check, before anything was sent: exit 1 all the same', async () => {
    const { code, stdout, stderr } = await changedAfterCheck((dir) => rmSync(join(dir, 'many', 'a01.txt')));
    expect(code, stderr).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^docindex: many\/a01\.txt: no such file or folder; it changed after the check, so put stopped there: no document was sent$/m,
    );
    expect(sim.bedrock.listDocuments(KB, DS)).toEqual([]);
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

  it.each([
    {
      what: 'sends files to Kendra by path and waits for them',
      provider: 'kendra',
      flags: [],
      cwd: corpus,
      reported: [
        ['guides/setup.txt', 'succeeded'],
        ['pricing.html', 'succeeded'],
        ['refused.txt', 'succeeded'],
      ],
      stored: () => sim.kendra.listDocuments(KENDRA_INDEX),
      ids: ['guides/setup.txt', 'pricing.html', 'refused.txt'],
    },
    {
      what: 'sends files to NAVER by stem (setup.txt as setup), typed by their extensions, and waits for them',
      provider: 'naver',
      flags: ['--id-from', 'stem'],
      cwd: corpus,
      reported: [
        ['setup', 'succeeded'],
        ['pricing', 'succeeded'],
        ['refused', 'succeeded'],
      ],
      stored: () => sim.naver.listDocuments(SERVICE),
      ids: ['pricing', 'refused', 'setup'],
    },
    {
      what: 'sends text files to NAVER by name and waits for them',
      provider: 'naver',
      flags: ['--id-from', 'name', '--content-type', 'text/plain'],
      cwd: plainNamedCorpus,
      reported: [
        ['setup', 'succeeded'],
        ['pricing', 'succeeded'],
      ],
      stored: () => sim.naver.listDocuments(SERVICE),
      ids: ['pricing', 'setup'],
    },
  ] as const)('$what', async ({ provider, flags, cwd, reported, stored, ids }) => {
    const { args, env } = providerArgs(provider, sim.url);
    const result = await runCli(['put', ...args, 'docs', ...flags, '--wait', '--min-delay', '10ms', '--json'], {
      env,
      cwd: cwd(),
    });
    expect(result.code, result.stderr).toBe(0);
    // In the order the files were read, each with its final status.
    expect(ndjson(result.stdout).map((line) => [line.id, line.status])).toEqual(reported);
    expect(
      stored()
        .map((doc) => doc.id)
        .sort(),
    ).toEqual(ids);
  });
});
