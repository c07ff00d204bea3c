/**
 * The `docindex` bin as users run it: a child process of the built package
 * against the loopback simulator, without a terminal. Every command, every exit
 * code, NDJSON line by line, what goes to stdout and what to stderr, and bad input
 * (refused with one line and nothing sent).
 */
import { describe, expect, it } from 'vitest';
import { environmentVariables } from '../../src/cli/help';
import { shellQuote } from '../../src/cli/simulate/instructions';
import {
  BIN,
  DS,
  KB,
  KENDRA_INDEX,
  ndjson,
  providerArgs,
  runCli,
  SECRETS,
  SERVICE,
  TRANSLATION,
  useSimulator,
} from './support';

const sim = useSimulator();

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Each provider with three documents: one succeeded, one failed, one still at work. */
function seedAll(): Record<'kendra' | 'bedrock' | 'azure' | 'naver', { ok: string; failed: string; working: string }> {
  sim().kendra.putDocuments(KENDRA_INDEX, [
    { id: 'ok.pdf', status: 'INDEXED' },
    { id: 'bad.pdf', status: 'FAILED', failureCode: 'DocumentParseError', failureReason: 'Encrypted.' },
    { id: 'busy.pdf', status: 'PROCESSING' },
  ]);
  sim().bedrock.putDocuments(KB, DS, [
    { id: 'ok-1', status: 'INDEXED' },
    { id: 'bad-1', status: 'FAILED', statusReason: 'Unparseable.' },
    { id: 'busy-1', status: 'IN_PROGRESS' },
  ]);
  sim().azure.putDocuments(TRANSLATION, [
    { id: uuid(1), status: 'Succeeded' },
    { id: uuid(2), status: 'Failed', error: { code: 'InvalidRequest', message: 'Not UTF-8.' } },
    { id: uuid(3), status: 'Running' },
  ]);
  sim().naver.putDocuments(SERVICE, [
    { id: 'ok.html', status: 'DONE' },
    { id: 'bad.html', status: 'FAILED' },
    { id: 'busy.html', status: 'INDEXING' },
  ]);
  return {
    kendra: { ok: 'ok.pdf', failed: 'bad.pdf', working: 'busy.pdf' },
    bedrock: { ok: 'ok-1', failed: 'bad-1', working: 'busy-1' },
    azure: { ok: uuid(1), failed: uuid(2), working: uuid(3) },
    naver: { ok: 'ok.html', failed: 'bad.html', working: 'busy.html' },
  };
}

const PROVIDERS = ['kendra', 'bedrock', 'azure', 'naver'] as const;

/** Exactly one line, starting `docindex: `, that matches `pattern`. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^docindex: /);
  expect(lines[0]).toMatch(pattern);
}

describe('help and version', () => {
  it('docindex --help lists every command and every environment variable, on stdout, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const command of ['status', 'wait', 'list', 'delete', 'put', 'translation', 'cancel', 'simulate']) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    for (const variable of environmentVariables()) expect(stdout).toContain(variable);
    // Each variable stands apart from the description after it, the longest one too.
    for (const variable of environmentVariables()) expect(stdout, variable).not.toMatch(new RegExp(`${variable}[a-z]`));
    expect(environmentVariables()).toEqual(
      expect.arrayContaining(['DOCINDEX_PROVIDER', 'KENDRA_INDEX_ID', 'AZURE_TRANSLATOR_KEY', 'NAVER_RAG_API_KEY']),
    );
  });

  it('the README lists every environment variable too', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('## Testing your own code'));
    for (const variable of environmentVariables()) expect(section, variable).toContain(`\`${variable}\``);
  });

  it('each command has its own --help (exit 0); no command at all is a usage error with the help', async () => {
    for (const command of ['status', 'wait', 'list', 'delete', 'put', 'translation', 'cancel', 'simulate']) {
      const { code, stdout } = await runCli([command, '--help']);
      expect(code, command).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: docindex ${command}`));
    }
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Commands:');
  });

  it('--version prints the package version', async () => {
    const { version } = (await import('../../package.json')).default;
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });
});

describe('status', () => {
  it.each(PROVIDERS)('%s: NDJSON on stdout, one object per document, the summary on stderr', async (provider) => {
    const ids = seedAll()[provider];
    const { args, env } = providerArgs(provider, sim().url);
    const { code, stdout, stderr } = await runCli(['status', ...args, ids.ok, ids.working, '--json'], { env });
    expect(code, stderr).toBe(0);
    const lines = ndjson(stdout);
    expect(lines.map((line) => [line.id, line.status, line.provider])).toEqual([
      [ids.ok, 'succeeded', provider],
      [ids.working, 'processing', provider],
    ]);
    expect(lines[0]).toHaveProperty('providerStatus');
    expect(lines[0]).toHaveProperty('raw');
    expect(stderr).toMatch(/^2 documents in \d+:\d\d: processing 1 · succeeded 1\n$/);
  });

  it.each(['kendra', 'bedrock'] as const)(
    '%s: no region anywhere is exit 2 naming --region, not the library option',
    async (provider) => {
      const { args, env } = providerArgs(provider, sim().url);
      const at = args.indexOf('--region');
      const withoutRegion = [...args.slice(0, at), ...args.slice(at + 2)];
      // HOME is an empty folder: no AWS profile names a region either.
      const { code, stderr } = await runCli(['status', ...withoutRegion, 'doc-1'], { env });
      expect(code, stderr).toBe(2);
      expect(stderr).toBe(
        `docindex: ${provider}: no AWS region is configured: pass --region, or set AWS_REGION (or a region in the AWS profile)\n`,
      );
    },
  );

  it.each(PROVIDERS)('%s: exit 1 when a document failed or was not found', async (provider) => {
    const ids = seedAll()[provider];
    const { args, env } = providerArgs(provider, sim().url);
    const failed = await runCli(['status', ...args, ids.ok, ids.failed], { env });
    expect(failed.code, failed.stderr).toBe(1);
    const missing = provider === 'azure' ? uuid(99) : 'never-uploaded';
    const notFound = await runCli(['status', ...args, ids.ok, missing, '--json'], { env });
    expect(notFound.code, notFound.stderr).toBe(1);
    expect(ndjson(notFound.stdout).map((line) => line.status)).toEqual(['succeeded', 'not_found']);
  });

  it('without --json and off a terminal: one tab-separated line per document, nothing else on stdout', async () => {
    seedAll();
    const { args, env } = providerArgs('kendra', sim().url);
    const { code, stdout } = await runCli(['status', ...args, 'ok.pdf', 'bad.pdf'], { env });
    expect(code).toBe(1);
    expect(stdout).toBe('ok.pdf\tsucceeded\tINDEXED\t\nbad.pdf\tfailed\tFAILED\tDocumentParseError: Encrypted.\n');
  });

  it('reads ids from standard input with -, besides the arguments', async () => {
    seedAll();
    const { args, env } = providerArgs('naver', sim().url);
    const { code, stdout } = await runCli(['status', ...args, 'ok.html', '-', '--json'], {
      env,
      // Spaces around an id (an indented list, a column cut out with spaces) are not part of it.
      stdin: '  busy.html\t\r\n\n \nbad.html \n',
    });
    expect(code).toBe(1);
    expect(ndjson(stdout).map((line) => line.id)).toEqual(['ok.html', 'busy.html', 'bad.html']);
  });

  it("reads ids from docindex's own output piped in: plain lines by their first field, NDJSON by its id", async () => {
    seedAll();
    const { args, env } = providerArgs('naver', sim().url);
    const plain = await runCli(['status', ...args, 'ok.html', 'bad.html'], { env });
    const json = await runCli(['status', ...args, 'busy.html', '--json'], { env });
    const { stdout } = await runCli(['status', ...args, '-', '--json'], { env, stdin: plain.stdout + json.stdout });
    expect(ndjson(stdout).map((line) => [line.id, line.status])).toEqual([
      ['ok.html', 'succeeded'],
      ['bad.html', 'failed'],
      ['busy.html', expect.any(String)],
    ]);
  });

  it('takes its settings from the environment (DOCINDEX_PROVIDER and the provider variables)', async () => {
    seedAll();
    const env = {
      DOCINDEX_PROVIDER: 'naver',
      NAVER_RAG_BASE_URL: sim().url,
      NAVER_RAG_SERVICE_ID: SERVICE,
      NAVER_RAG_API_KEY: 'cli-test-naver-key',
    };
    const { code, stdout } = await runCli(['status', 'ok.html', '--json'], { env });
    expect(code).toBe(0);
    expect(ndjson(stdout)[0]).toMatchObject({ id: 'ok.html', status: 'succeeded' });
  });

  it('a document the provider refused lands in errors: an NDJSON line with `error`, exit 1', async () => {
    seedAll();
    sim().kendra.failStatusReads(['ok.pdf'], { errorCode: 'InvalidRequest', errorMessage: 'No.' });
    const { args, env } = providerArgs('kendra', sim().url);
    const { code, stdout } = await runCli(['status', ...args, 'ok.pdf', '--json'], { env });
    expect(code).toBe(1);
    const [line] = ndjson(stdout);
    expect(line).toMatchObject({ id: 'ok.pdf', provider: 'kendra', error: { providerCode: 'InvalidRequest' } });
    expect(line).not.toHaveProperty('status');
  });

  it('a call the provider refuses as a whole (bad key) is exit 1 with one line, stdout empty', async () => {
    seedAll();
    sim().naver.requireApiKey('the-right-key');
    const { args, env } = providerArgs('naver', sim().url);
    const { code, stdout, stderr } = await runCli(['status', ...args, 'ok.html', '--json'], { env });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expectOneLine(stderr, /naver: unauthorized/);
  });
});

describe('--quiet', () => {
  it('leaves stderr empty even with NO_COLOR and FORCE_COLOR both set (Node would warn about the pair)', async () => {
    const ids = seedAll().kendra;
    const { args, env } = providerArgs('kendra', sim().url);
    const { code, stdout, stderr } = await runCli(['status', ...args, ids.ok, '-q'], {
      env: { ...env, NO_COLOR: '1', FORCE_COLOR: '1' },
    });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^ok\.pdf\tsucceeded\tINDEXED/);
  });
});

describe('plain http:// to a host other than this machine (azure, naver: the key goes with every request)', () => {
  // 0.0.0.0 reaches the simulator on 127.0.0.1 (Linux), but is no loopback name: the factories refuse it.
  const elsewhere = () => sim().url.replace('127.0.0.1', '0.0.0.0');

  it.each(['azure', 'naver'] as const)('%s: refused, exit 2, naming the flag that allows it', async (provider) => {
    seedAll();
    const { args, env } = providerArgs(provider, elsewhere());
    const { code, stderr, stdout } = await runCli(['status', ...args, 'x'], { env });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^docindex: --endpoint: plain http:\/\/ would send the credential in cleartext/);
    expect(stderr).toContain('--allow-insecure-connection true');
    expect(sim().log.entries).toHaveLength(0);
  });

  it.each(['azure', 'naver'] as const)(
    '%s: sent with --allow-insecure-connection true (or its variable)',
    async (provider) => {
      const { ok } = seedAll()[provider];
      const { args, env } = providerArgs(provider, elsewhere());
      const byFlag = await runCli(['status', ...args, '--allow-insecure-connection', 'true', ok, '--json'], { env });
      expect(byFlag.code).toBe(0);
      expect(ndjson(byFlag.stdout)[0]).toMatchObject({ id: ok, status: 'succeeded' });
      const byEnv = await runCli(['status', ...args, ok, '--json'], {
        env: { ...env, DOCINDEX_ALLOW_INSECURE_CONNECTION: 'true' },
      });
      expect(byEnv.code).toBe(0);
      const bad = await runCli(['status', ...args, '--allow-insecure-connection=yes', ok], { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--allow-insecure-connection: expected true or false');
    },
  );

  it.each(['azure', 'naver'] as const)(
    '%s: --allow-insecure-connection given alone is a switch, and takes no id as its value',
    async (provider) => {
      const { ok } = seedAll()[provider];
      const { args, env } = providerArgs(provider, elsewhere());
      // It used to take the id as its value: "no document ids", or with two ids the first one lost.
      const bare = await runCli(['status', ...args, '--allow-insecure-connection', ok, '--json'], { env });
      expect(bare.stderr).toBe('1 document in 0:00: succeeded 1\n');
      expect(bare.code).toBe(0);
      expect(ndjson(bare.stdout)).toEqual([expect.objectContaining({ id: ok, status: 'succeeded' })]);
      const last = await runCli(['status', ...args, ok, '--json', '--allow-insecure-connection'], { env });
      expect(last.code).toBe(0);
      const off = await runCli(['status', ...args, '--allow-insecure-connection', 'false', ok], { env });
      expect(off.code).toBe(2);
      expect(off.stderr).toMatch(/would send the credential in cleartext/);
    },
  );
});

describe('wait', () => {
  it('polls until every document is done: exit 0, plain progress lines on stderr, the final NDJSON on stdout', async () => {
    sim().naver.putDocuments(SERVICE, [
      { id: 'a', status: { statuses: ['NONE', 'INDEXING', 'DONE'] } },
      { id: 'b', status: { statuses: ['INDEXING', 'DONE'] } },
    ]);
    const { args, env } = providerArgs('naver', sim().url);
    const { code, stdout, stderr } = await runCli(['wait', ...args, 'a', 'b', '--min-delay', '10ms', '--json'], {
      env,
    });
    expect(code, stderr).toBe(0);
    expect(ndjson(stdout).map((line) => [line.id, line.status])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded'],
    ]);
    const progress = stderr.split('\n').filter((line) => line.startsWith('waiting: '));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toMatch(/^waiting: 2\/2 done \(100%\) · succeeded 2 · \d+:\d\d elapsed$/);
    expect(stderr).toMatch(/\n2 documents in \d+:\d\d: succeeded 2\n$/);
  });

  it.each(['kendra', 'naver'] as const)(
    '--until deleted: after a delete, the documents gone (%s) end the wait at once with exit 0',
    async (provider) => {
      const { ok, failed } = seedAll()[provider];
      const { args, env } = providerArgs(provider, sim().url);
      expect((await runCli(['delete', ...args, ok, failed], { env })).code).toBe(0);
      // The default grace would hold a not_found for 30 s; waiting for deletes it is the end.
      const { code, stdout, stderr } = await runCli(
        ['wait', ...args, ok, failed, '--until', 'deleted', '--min-delay', '10ms', '--timeout', '5s', '--json'],
        { env },
      );
      expect(code, stderr).toBe(0);
      expect(ndjson(stdout).map((line) => line.status)).toEqual(
        provider === 'naver' ? ['deleted', 'deleted'] : ['not_found', 'not_found'],
      );
      // put --wait has nothing to wait for deletes on.
      expect((await runCli(['put', ...args, '--wait', '--until', 'deleted', 'x.txt'], { env })).code).toBe(2);
    },
  );

  it('exit 1 when a document ends failed', async () => {
    sim().kendra.putDocuments(KENDRA_INDEX, [
      { id: 'x', status: { statuses: ['PROCESSING', 'INDEXED'] } },
      { id: 'y', status: { statuses: ['PROCESSING', 'FAILED'] } },
    ]);
    const { args, env } = providerArgs('kendra', sim().url);
    const { code, stdout } = await runCli(['wait', ...args, 'x', 'y', '--min-delay', '10ms'], { env });
    expect(code).toBe(1);
    expect(stdout).toBe('x\tsucceeded\tINDEXED\t\ny\tfailed\tFAILED\t\n');
  });

  it('exit 3 on --timeout, with the last snapshot printed and one line saying so', async () => {
    sim().bedrock.putDocuments(KB, DS, [
      { id: 'done-1', status: 'INDEXED' },
      { id: 'stuck-1', status: 'IN_PROGRESS' },
    ]);
    const { args, env } = providerArgs('bedrock', sim().url);
    const { code, stdout, stderr } = await runCli(
      ['wait', ...args, 'done-1', 'stuck-1', '--timeout', '300ms', '--min-delay', '20ms', '--json'],
      { env },
    );
    expect(code).toBe(3);
    expect(ndjson(stdout).map((line) => [line.id, line.status])).toEqual([
      ['done-1', 'succeeded'],
      ['stuck-1', 'processing'],
    ]);
    expect(stderr).toMatch(/^docindex: timed out after 300ms: 1 of 2 documents not done$/m);
  });

  it('--until succeeded keeps polling a failed document until the timeout', async () => {
    sim().naver.putDocuments(SERVICE, [{ id: 'f', status: 'FAILED' }]);
    const { args, env } = providerArgs('naver', sim().url);
    const { code } = await runCli(
      ['wait', ...args, 'f', '--until', 'succeeded', '--timeout', '200ms', '--min-delay', '10ms'],
      {
        env,
      },
    );
    expect(code).toBe(3);
    expect(sim().log.count({ provider: 'naver' })).toBeGreaterThan(1);
  });

  it.each([
    ['Ctrl-C', 'SIGINT', 130],
    ['SIGTERM', 'SIGTERM', 143],
  ] as const)('%s stops waiting cleanly: exit %s, the last snapshot on stdout', async (_name, stop, exitCode) => {
    sim().kendra.putDocuments(KENDRA_INDEX, [{ id: 'forever', status: 'PROCESSING' }]);
    const { args, env } = providerArgs('kendra', sim().url);
    let sent = false;
    const { code, signal, stdout, stderr } = await runCli(['wait', ...args, 'forever', '--json'], {
      env,
      onStderr: (text, child) => {
        if (!sent && text.includes('waiting: ')) {
          sent = true;
          child.kill(stop);
        }
      },
    });
    expect(signal).toBeNull();
    expect(code).toBe(exitCode);
    expect(ndjson(stdout)).toEqual([expect.objectContaining({ id: 'forever', status: 'processing' })]);
    expect(stderr).toMatch(/^docindex: interrupted: 1 of 1 document not done$/m);
  });
});

describe('list', () => {
  it("a --page-size over the provider's own limit (Azure's 100) is said of the flag: exit 2, nothing sent", async () => {
    const { args, env } = providerArgs('azure', sim().url);
    const { code, stderr } = await runCli(['list', ...args, '--page-size', '500'], { env });
    expect(code).toBe(2);
    expectOneLine(stderr, /^docindex: azure: --page-size must be at least 1 and at most 100, got 500$/);
    expect(sim().log.count()).toBe(0);
  });

  it('every document page by page, filtered by status, as NDJSON', async () => {
    sim().bedrock.putDocuments(
      KB,
      DS,
      Array.from({ length: 7 }, (_, i) => ({ id: `doc-${i}`, status: i % 3 === 0 ? 'FAILED' : 'INDEXED' })),
    );
    const { args, env } = providerArgs('bedrock', sim().url);
    const all = await runCli(['list', ...args, '--page-size', '2', '--json'], { env });
    expect(all.code, all.stderr).toBe(0);
    expect(ndjson(all.stdout)).toHaveLength(7);
    expect(sim().log.count({ provider: 'bedrock', operation: 'ListKnowledgeBaseDocuments' })).toBe(4);
    const failed = await runCli(['list', ...args, '--status', 'failed', '--json'], { env });
    expect(ndjson(failed.stdout).map((line) => line.id)).toEqual(['doc-0', 'doc-3', 'doc-6']);
    expect(failed.stderr).toMatch(/^3 documents in \d+:\d\d: failed 3\n$/);
  });

  it('Azure lists with the statuses filter sent to the service', async () => {
    seedAll();
    const { args, env } = providerArgs('azure', sim().url);
    const { code, stdout } = await runCli(['list', ...args, '--status', 'processing', '--json'], { env });
    expect(code).toBe(0);
    expect(ndjson(stdout).map((line) => line.id)).toEqual([uuid(3)]);
  });

  it('a provider with no listing API is a usage error, nothing sent', async () => {
    const { args, env } = providerArgs('kendra', sim().url);
    const { code, stdout, stderr } = await runCli(['list', ...args], { env });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expectOneLine(stderr, /kendra: unsupported: /);
    expect(sim().log.count()).toBe(0);
  });

  it('a reader that goes away early (| head -1) ends the listing quietly, exit 0', async () => {
    sim().bedrock.putDocuments(
      KB,
      DS,
      Array.from({ length: 3000 }, (_, i) => ({ id: `doc-${i}`, status: 'INDEXED' })),
    );
    const { args, env } = providerArgs('bedrock', sim().url);
    const command = [process.execPath, BIN, 'list', ...args, '--json'].map(shellQuote).join(' ');
    const { stdout, stderr } = await runCli([], {
      env,
      prefix: ['bash', '-c', `${command} | head -1; echo "exit \${PIPESTATUS[0]}" >&2`, '--'],
      replaceCommand: true,
    });
    expect(JSON.parse(stdout)).toMatchObject({ provider: 'bedrock' });
    expect(stderr).toMatch(/^exit 0$/m);
    expect(stderr).not.toMatch(/EPIPE|Error/);
  });
});

describe('delete', () => {
  it('reports what the provider accepted (Kendra: deleting), exit 0', async () => {
    seedAll();
    const { args, env } = providerArgs('kendra', sim().url);
    const { code, stdout } = await runCli(['delete', ...args, 'ok.pdf', 'bad.pdf', '--json'], { env });
    expect(code).toBe(0);
    expect(ndjson(stdout).map((line) => [line.id, line.status])).toEqual([
      ['ok.pdf', 'deleting'],
      ['bad.pdf', 'deleting'],
    ]);
    expect(sim().log.count({ provider: 'kendra', operation: 'BatchDeleteDocument' })).toBe(1);
  });

  it('exit 1 when the provider refuses a document', async () => {
    seedAll();
    sim().kendra.failDeletes(['bad.pdf'], { errorCode: 'InvalidRequest' });
    const { args, env } = providerArgs('kendra', sim().url);
    const { code, stdout } = await runCli(['delete', ...args, 'ok.pdf', 'bad.pdf', '--json'], { env });
    expect(code).toBe(1);
    expect(ndjson(stdout).map((line) => (line.error ? 'error' : line.status))).toEqual(['deleting', 'error']);
  });

  it('Azure has no delete: a usage error, nothing sent', async () => {
    const { args, env } = providerArgs('azure', sim().url);
    const { code, stderr } = await runCli(['delete', ...args, uuid(1)], { env });
    expect(code).toBe(2);
    expectOneLine(stderr, /azure: unsupported: deleteDocuments/);
    // The library's hint, `use cancel()`, named a call the command line does not have; it has `docindex cancel`.
    expect(stderr).toContain('a translation is stopped whole: docindex cancel');
    expect(stderr).not.toContain('use cancel()');
    expect(sim().log.count()).toBe(0);
  });
});

describe('provider text on stderr', () => {
  it('is escaped: a control character or a newline in a provider message neither reaches the terminal nor breaks the line', async () => {
    sim().inject({
      provider: 'bedrock',
      fault: { type: 'error', kind: 'validation', message: 'bad \u001b[2J\u001b]0;pwned\u0007 input\nsecond line' },
    });
    const { args, env } = providerArgs('bedrock', sim().url);
    const { code, stderr } = await runCli(['status', ...args, 'x'], { env });
    expect(code).toBe(2);
    expectOneLine(stderr, /bad \\x1b\[2J\\x1b\]0;pwned\\x07 input\\x0asecond line/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must not be there
    expect(stderr).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
  });
});

describe('bad input: exit 2, one line naming what is wrong, nothing sent', () => {
  const kendra = () => providerArgs('kendra', sim().url);
  const cases: Array<[string, () => { args: string[]; env?: Record<string, string> }, RegExp]> = [
    ['an unknown flag', () => ({ args: ['status', ...kendra().args, '--bogus', 'x'] }), /unknown option --bogus/],
    [
      'a flag without its value',
      () => ({ args: ['status', 'x', ...kendra().args, '--index-id'] }),
      /--index-id needs a value/,
    ],
    ['an unknown command', () => ({ args: ['stats', 'x'] }), /unknown command "stats"/],
    [
      'no provider',
      () => ({ args: ['status', 'x'] }),
      /no provider: pass --provider kendra\|bedrock\|azure\|naver or set DOCINDEX_PROVIDER/,
    ],
    [
      'an unknown provider',
      () => ({ args: ['status', 'x', '--provider', 'solr'] }),
      /--provider: unknown provider "solr"/,
    ],
    [
      'a missing index id',
      () => ({ args: ['status', 'x', '--provider', 'kendra'] }),
      /kendra needs --index-id \(or set KENDRA_INDEX_ID\)/,
    ],
    [
      'a malformed index id',
      () => ({ args: ['status', 'x', '--provider', 'kendra', '--index-id', 'short', '--endpoint', sim().url] }),
      /^docindex: --index-id: /,
    ],
    [
      'a malformed index id from the environment',
      () => ({
        args: ['status', 'x', '--provider', 'kendra', '--endpoint', sim().url],
        env: { KENDRA_INDEX_ID: 'short' },
      }),
      /^docindex: KENDRA_INDEX_ID: /,
    ],
    [
      'a malformed document id',
      () => ({
        args: ['status', ...providerArgs('naver', sim().url).args, 'ok', '..'],
        env: providerArgs('naver', sim().url).env,
      }),
      /document id #2 "\.\.": /,
    ],
    [
      'a document id over the limit',
      () => ({ args: ['status', ...kendra().args, 'k'.repeat(2049)], env: kendra().env }),
      /document id #1 "k{77}\.\.\.": /,
    ],
    [
      'a missing key',
      () => ({ args: ['status', ...providerArgs('naver', sim().url).args, 'x'] }),
      /naver needs its API key: set NAVER_RAG_API_KEY/,
    ],
    [
      'a key passed as a flag',
      () => ({ args: ['status', ...providerArgs('naver', sim().url).args, 'x', '--api-key', 'hunter2'] }),
      /--api-key: keys are never taken from flags/,
    ],
    [
      'a flag of another provider',
      () => ({ args: ['status', ...providerArgs('naver', sim().url).args, 'x', '--index-id', KENDRA_INDEX] }),
      /--index-id is not a naver setting \(it is one of kendra\)/,
    ],
    ['no ids', () => ({ args: ['status', ...kendra().args] }), /no document ids: pass them as arguments, or - /],
    [
      'a bad duration',
      () => ({ args: ['wait', ...kendra().args, 'x', '--timeout', 'soon'] }),
      /--timeout: expected a duration/,
    ],
    [
      'a value flag given twice (only the last one applied)',
      () => ({ args: ['list', ...kendra().args, '--status', 'failed', '--status', 'pending'] }),
      /--status is given twice; give it once \(several statuses go in one, comma-separated/,
    ],
    [
      'a setting given twice',
      () => ({ args: ['status', ...kendra().args, 'x', '--index-id', KENDRA_INDEX] }),
      /--index-id is given twice; give it once$/,
    ],
    [
      'a bad --until',
      () => ({ args: ['wait', ...kendra().args, 'x', '--until', 'done'] }),
      /--until: expected one of terminal, succeeded, deleted/,
    ],
    [
      'a bad --status',
      () => ({ args: ['list', ...kendra().args, '--status', 'broken'] }),
      /--status: expected one of pending, /,
    ],
    [
      'a bad --concurrency',
      () => ({ args: ['status', ...kendra().args, 'x', '--concurrency', '0'] }),
      /--concurrency: expected a whole number from 1 to 256/,
    ],
    [
      'a missing file for put',
      () => ({ args: ['put', ...kendra().args, 'no/such/file.md'] }),
      /no\/such\/file\.md: no such file or folder/,
    ],
  ];

  it.each(cases)('%s', async (_name, make, pattern) => {
    const { args, env } = make();
    const { code, stdout, stderr } = await runCli(args, { env: env ?? kendra().env });
    expect(code, stderr).toBe(2);
    expect(stdout).toBe('');
    expectOneLine(stderr, pattern);
    expect(sim().log.count()).toBe(0);
  });
});

describe('put refuses what it cannot read, before anything is sent', () => {
  it('an unreadable file in a folder: exit 2, one line naming it', async () => {
    const { chmodSync, mkdirSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const cwd = mkdtempSync(join(tmpdir(), 'docindex-unreadable-'));
    mkdirSync(join(cwd, 'docs'));
    writeFileSync(join(cwd, 'docs', 'a.txt'), 'a');
    writeFileSync(join(cwd, 'docs', 'locked.txt'), 'secret');
    chmodSync(join(cwd, 'docs', 'locked.txt'), 0o000);
    // Root reads any file: drop the capabilities that let it (util-linux setpriv), so
    // the file's mode applies to the bin as it would to any other user.
    const prefix = process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search'] : [];
    const { args, env } = providerArgs('naver', sim().url);
    const { code, stdout, stderr } = await runCli(['put', ...args, 'docs'], { env, cwd, prefix });
    expect(code, stderr).toBe(2);
    expect(stdout).toBe('');
    expectOneLine(stderr, /^docindex: docs\/locked\.txt: permission denied$/);
    expect(sim().log.count()).toBe(0);
  });
});

describe('credentials', () => {
  it('never appear in any output: help, results, errors, refusals', async () => {
    seedAll();
    const outputs: string[] = [];
    const collect = async (args: string[], env: Record<string, string>) => {
      const { stdout, stderr } = await runCli(args, { env });
      outputs.push(stdout, stderr);
    };
    for (const provider of PROVIDERS) {
      const { args, env } = providerArgs(provider, sim().url);
      await collect(['status', ...args, 'x', '--help'], env);
      await collect(['status', ...args, provider === 'azure' ? uuid(1) : 'ok.pdf', '--json'], env);
      await collect(['status', ...args, provider === 'azure' ? uuid(1) : 'ok.pdf'], env);
      await collect(['status', ...args.slice(0, -1), 'bad id with \n newline', '..'], env);
    }
    sim().naver.requireApiKey('other');
    sim().azure.configure({ subscriptionKey: 'other' });
    sim().kendra.requireAuthorization();
    for (const provider of ['naver', 'azure'] as const) {
      const { args, env } = providerArgs(provider, sim().url);
      await collect(['wait', ...args, provider === 'azure' ? uuid(1) : 'ok.html', '--json'], env);
    }
    await collect(['wait', ...providerArgs('kendra', sim().url).args, 'ok.pdf'], {});
    const all = outputs.join('\n');
    expect(all).toContain('unauthorized');
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });
});
