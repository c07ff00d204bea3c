/**
 * `docindex simulate` as a person uses it: started in one process, its printed
 * command lines run as printed (`npx docindex` being this bin) from another, then
 * stopped with Ctrl-C. And seed files: served as given, refused with one line
 * naming the place when wrong.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scopeInstructions } from '../../src/cli/simulate/instructions';
import { startSimulator } from '../../src/testing/index';
import { buildIfStale } from '../package/build-if-stale';
import { BIN, baseEnv, ndjson, root, runCli, runShell } from './support';

const dir = mkdtempSync(join(tmpdir(), 'docindex-simulate-'));
const running = new Set<ChildProcess>();

beforeAll(() => buildIfStale(), 180_000);
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** A running `simulate`: its URL (once printed), what it wrote, and how it ended. */
async function startSimulate(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'simulate', '--port', '0', ...args], {
    cwd: root,
    env: baseEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout)?.[1];
      if (line) resolve(line);
    });
    exited.then((code) => reject(new Error(`simulate exited ${code}: ${stderr}`)));
  });
  // The instructions are written right after the URL; wait until they are all there.
  while (!stderr.includes('Requests:')) await new Promise((resolve) => setTimeout(resolve, 10));
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

describe('docindex simulate', () => {
  it('prints its URL on stdout and, per provider, a wait command that works as printed; Ctrl-C stops it (exit 0)', async () => {
    const sim = await startSimulate([]);
    const { stdout, stderr } = sim.output();
    expect(stdout).toBe(`${sim.url}\n`);
    const commands = stderr.split('\n').filter((line) => line.includes('npx docindex wait '));
    expect(commands.map((line) => /--provider (\w+)/.exec(line)?.[1])).toEqual(['kendra', 'bedrock', 'azure', 'naver']);
    for (const line of commands) {
      expect(line).toContain(`--endpoint ${sim.url}`);
      const result = await runShell(`${line} --min-delay 10ms --max-delay 20ms --json`);
      // Each sample has one document that ends failed (and one that ends partial in bedrock and naver).
      expect(result.code, result.stderr).toBe(1);
      const statuses = ndjson(result.stdout).map((document) => document.status);
      expect(statuses.length).toBeGreaterThanOrEqual(5);
      expect(statuses).toContain('failed');
      expect(statuses.every((status) => ['succeeded', 'failed', 'partial'].includes(status as string))).toBe(true);
    }
    // The environment variant works too, and the requests were logged, one line each.
    const exported = stderr.split('\n').find((line) => line.includes('export DOCINDEX_PROVIDER=naver')) ?? '';
    const statusLine = stderr.split('\n')[stderr.split('\n').indexOf(exported) + 1] ?? '';
    const viaEnv = await runShell(`${exported.replace(/^\s*or: /, '')}; ${statusLine} --json`);
    expect(viaEnv.code, viaEnv.stderr).toBe(1);
    expect(ndjson(viaEnv.stdout)).toHaveLength(5);
    expect(sim.output().stderr).toMatch(/^\d\d:\d\d:\d\d naver getDocumentStatus 200$/m);

    sim.child.kill('SIGINT');
    expect(await sim.exited).toBe(0);
    expect(sim.output().stderr).toMatch(/simulator stopped\n$/);
  });

  it('serves a seed file: its scopes, documents, timelines and failures', async () => {
    const file = join(dir, 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({
        kendra: [
          {
            indexId: 'abcdefab-0000-4000-8000-000000000000',
            documents: [
              { id: 'x.pdf', statuses: ['PROCESSING', 'INDEXED'] },
              { id: 'y.pdf', statuses: ['FAILED'], failure: { code: 'DocumentParseError', message: 'Broken.' } },
            ],
          },
        ],
        // One knowledge base, two data sources: one of S3 documents, one of custom ones.
        bedrock: [
          {
            knowledgeBaseId: 'KB12345678',
            dataSourceId: 'DSS3000000',
            documents: [{ id: 's3://bucket/a.pdf', statuses: ['INDEXED'] }],
          },
          {
            knowledgeBaseId: 'KB12345678',
            dataSourceId: 'DSCUSTOM00',
            documents: [{ id: 'a', statuses: ['INDEXED'] }],
          },
        ],
        naver: { serviceId: 'svc', documents: [{ id: 'n1', statuses: ['INDEXING', 'DONE'], advance: 1 }] },
      }),
    );
    const sim = await startSimulate(['--seed', file]);
    expect(sim.output().stderr).toContain('kendra: index abcdefab-0000-4000-8000-000000000000, 2 documents');
    expect(sim.output().stderr).toContain('bedrock: knowledge-base KB12345678, data-source DSS3000000, 1 document');
    expect(sim.output().stderr).toContain('bedrock: knowledge-base KB12345678, data-source DSCUSTOM00, 1 document');
    const aws = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
    const kendraArgs = ['--provider', 'kendra', '--endpoint', sim.url, '--region', 'us-east-1'];
    const result = await runCli(
      ['status', ...kendraArgs, '--index-id', 'abcdefab-0000-4000-8000-000000000000', 'x.pdf', 'y.pdf', '--json'],
      { env: aws },
    );
    expect(
      ndjson(result.stdout).map((line) => [line.status, (line.failure as { code?: string } | undefined)?.code]),
    ).toEqual([
      ['processing', undefined],
      ['failed', 'DocumentParseError'],
    ]);
    const naver = await runCli(
      ['status', '--provider', 'naver', '--endpoint', sim.url, '--service-id', 'svc', 'n1', '--json'],
      {
        env: { NAVER_RAG_API_KEY: 'test' },
      },
    );
    expect(ndjson(naver.stdout)[0]).toMatchObject({ status: 'succeeded' }); // advance: 1 ms
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['not JSON', '{"kendra": [', /seed\.json: not JSON \(/],
    [
      'an unknown provider',
      '{"solr": []}',
      /seed\.json: "solr" is no provider \(a seed's keys are kendra, bedrock, azure, naver\)$/m,
    ],
    ['a missing field', '{"naver": {"documents": []}}', /seed\.json: naver\.serviceId: /],
    [
      'an unknown raw status',
      '{"naver": {"serviceId": "s", "documents": [{"id": "a", "statuses": ["DONE", "DONNE"]}]}}',
      /seed\.json: naver\.documents\[0\]\.statuses\[1\]: "DONNE" is not a naver status \(expected one of NONE, /,
    ],
    [
      'a malformed index id',
      '{"kendra": [{"indexId": "short", "documents": []}]}',
      /seed\.json: kendra\[0\]\.indexId: /,
    ],
    [
      'a document id the adapter refuses',
      '{"azure": {"translationId": "6b1f0c52-6a0e-4c59-9b8e-0f3a1d2c4b5e", "documents": [{"id": "not-a-uuid", "statuses": ["Running"]}]}}',
      /seed\.json: azure\.documents\[0\]\.id: /,
    ],
    [
      'a NAVER failure at no step',
      '{"naver": {"serviceId": "s", "documents": [{"id": "a", "statuses": ["FAILED"], "failure": {"code": "OOPS"}}]}}',
      /seed\.json: naver\.documents\[0\]\.failure\.code: expected the step that failed: EXTRACT, CHUNK, EMBED, INDEX/,
    ],
    [
      'an unknown document field',
      '{"naver": {"serviceId": "s", "documents": [{"id": "a", "statuses": ["DONE"], "state": 1}]}}',
      /naver\.documents\[0\]: Unrecognized key: "state"/,
    ],
    [
      'S3 and custom documents in one Bedrock data source',
      '{"bedrock": [{"knowledgeBaseId": "KB12345678", "dataSourceId": "DS12345678", "documents": [{"id": "s3://bucket/a.pdf", "statuses": ["INDEXED"]}, {"id": "notes-01", "statuses": ["INDEXED"]}]}]}',
      /^docindex: \S+\/seed\.json: bedrock\[0\]\.documents\[1\]\.id: a data source holds either S3 documents \(s3:\/\/\.\.\.\) or custom ones, and documents\[0\] is an S3 one\n$/,
    ],
    [
      'a document id twice in one index',
      '{"kendra": [{"indexId": "0123abcd-0123-4abc-8123-0123456789ab", "documents": [{"id": "a.pdf", "statuses": ["INDEXED"]}, {"id": "b.pdf", "statuses": ["INDEXED"]}, {"id": "a.pdf", "statuses": ["FAILED"]}]}]}',
      /^docindex: \S+\/seed\.json: kendra\[0\]\.documents\[2\]\.id: repeats the id of documents\[0\]\n$/,
    ],
    [
      'a document id twice in a scope written as an object',
      '{"naver": {"serviceId": "s", "documents": [{"id": "a", "statuses": ["DONE"]}, {"id": "a", "statuses": ["DONE"]}]}}',
      /^docindex: \S+\/seed\.json: naver\.documents\[1\]\.id: repeats the id of documents\[0\]\n$/,
    ],
    [
      'one Kendra index twice',
      '{"kendra": [{"indexId": "0123abcd-0123-4abc-8123-0123456789ab", "documents": [{"id": "a.pdf", "statuses": ["INDEXED"]}]}, {"indexId": "0123abcd-0123-4abc-8123-0123456789ab", "documents": [{"id": "b.pdf", "statuses": ["INDEXED"]}]}]}',
      /^docindex: \S+\/seed\.json: kendra\[1\]\.indexId: repeats the indexId of kendra\[0\]\n$/,
    ],
    [
      'one Bedrock data source twice',
      '{"bedrock": [{"knowledgeBaseId": "KB12345678", "dataSourceId": "DS12345678", "documents": []}, {"knowledgeBaseId": "KB12345678", "dataSourceId": "DSOTHER000", "documents": []}, {"knowledgeBaseId": "KB12345678", "dataSourceId": "DS12345678", "documents": []}]}',
      /^docindex: \S+\/seed\.json: bedrock\[2\]\.dataSourceId: repeats the knowledgeBaseId and dataSourceId of bedrock\[0\]\n$/,
    ],
    [
      'one Azure translation twice',
      '{"azure": [{"translationId": "6b1f0c52-6a0e-4c59-9b8e-0f3a1d2c4b5e", "documents": []}, {"translationId": "6b1f0c52-6a0e-4c59-9b8e-0f3a1d2c4b5e", "documents": []}]}',
      /^docindex: \S+\/seed\.json: azure\[1\]\.translationId: repeats the translationId of azure\[0\]\n$/,
    ],
  ];

  it.each(bad)('a seed file with %s: exit 2, one line naming the place', async (_name, content, pattern) => {
    const file = join(dir, 'seed.json');
    writeFileSync(file, content);
    const { code, stdout, stderr } = await runCli(['simulate', '--port', '0', '--seed', file], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(pattern);
  });

  it('an id with control characters is shown escaped, with a note, never raw on the terminal', () => {
    const documents = [{ id: 'ctl\u001b[31mRED\u0007bell', statuses: ['INDEXED'] }];
    const lines = scopeInstructions('kendra', 'http://127.0.0.1:4599', {
      scope: { indexId: '0123abcd-0123-4abc-8123-0123456789ab' },
      documents,
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must not be printed
    expect(lines.join('\n')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(lines.join('\n')).toContain('ctl\\x1b[31mRED\\x07bell');
    expect(lines.at(-1)).toMatch(/control characters, shown escaped: these lines do not run as printed/);
    const plain = scopeInstructions('kendra', 'http://127.0.0.1:4599', {
      scope: { indexId: '0123abcd-0123-4abc-8123-0123456789ab' },
      documents: [{ id: 'a.pdf', statuses: ['INDEXED'] }],
    });
    expect(plain.join('\n')).not.toContain('control characters');
  });

  it('the AWS CLI commands name Kendra documents by DocumentId, and the shell reads each word back as printed', () => {
    const url = 'http://127.0.0.1:4599';
    const indexId = '0123abcd-0123-4abc-8123-0123456789ab';
    const documents = ['a.pdf', 'my report.pdf', "it's $HOME.pdf"].map((id) => ({ id, statuses: ['INDEXED'] }));
    // The words the AWS CLI would get: `aws` swapped for printf, the line otherwise run as printed.
    const awsWords = (lines: string[]) => {
      const line = lines.find((text) => text.startsWith('  AWS CLI: ')) ?? '';
      const script = line.replace(/^ {2}AWS CLI: /, '').replace(' aws ', " printf '%s\\n' ");
      return execFileSync('sh', ['-c', script], { encoding: 'utf8' }).trimEnd().split('\n');
    };
    const tail = ['--endpoint-url', url, '--region', 'us-east-1'];
    expect(awsWords(scopeInstructions('kendra', url, { scope: { indexId }, documents }))).toEqual([
      ...['kendra', 'batch-get-document-status', '--index-id', indexId, '--document-info-list'],
      ...['DocumentId=a.pdf', 'DocumentId="my report.pdf"', 'DocumentId="it\'s $HOME.pdf"'],
      ...tail,
    ]);
    // A comma would split the value into a list, a quote end it: AWS CLI shorthand quoting, inside the shell word.
    const odd = ['a,b.pdf', 'say "hi"\\.pdf'].map((id) => ({ id, statuses: ['INDEXED'] }));
    expect(awsWords(scopeInstructions('kendra', url, { scope: { indexId }, documents: odd })).slice(5, 7)).toEqual([
      'DocumentId="a,b.pdf"',
      'DocumentId="say \\"hi\\"\\\\.pdf"',
    ]);
    // At most as many ids as the docindex lines name (BatchGetDocumentStatus takes 10); the note follows the command.
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `d${i}`, statuses: ['INDEXED'] }));
    const manyLine = scopeInstructions('kendra', url, { scope: { indexId }, documents: many }).find((text) =>
      text.startsWith('  AWS CLI: '),
    );
    expect(manyLine).toMatch(/ DocumentId=d7 --endpoint-url \S+ --region us-east-1 {2}\(and 4 more ids\)$/);
    expect(manyLine).not.toContain('DocumentId=d8');
    const scope = { knowledgeBaseId: 'KB12345678', dataSourceId: 'DS12345678' };
    expect(awsWords(scopeInstructions('bedrock', url, { scope, documents }))).toEqual([
      ...['bedrock-agent', 'list-knowledge-base-documents'],
      ...['--knowledge-base-id', 'KB12345678', '--data-source-id', 'DS12345678'],
      ...tail,
    ]);
  });

  it('its help gives its own exit codes: Ctrl-C and SIGTERM stop it with 0', async () => {
    const { code, stdout } = await runCli(['simulate', '--help']);
    expect(code).toBe(0);
    const codes = stdout.slice(stdout.indexOf('Exit codes:'));
    expect(codes).toMatch(/^ {2}0 {4}stopped by Ctrl-C or SIGTERM/m);
    expect(codes).not.toMatch(/^ {2}(1|3|130) /m);
  });

  it('a port in use is a usage error that says how to get a free one', async () => {
    const taken = await startSimulator();
    try {
      const port = new URL(taken.url).port;
      const { code, stderr } = await runCli(['simulate', '--port', port]);
      expect(code).toBe(2);
      expect(stderr).toBe(`docindex: --port ${port} is in use (--port 0 takes any free port)\n`);
    } finally {
      await taken.close();
    }
  });
});
