/**
 * Every example, and the demo, runs to completion in a fresh Node process against
 * the simulator (no provider variables set) and prints what it should. The
 * examples import `docindex/*` like a user's code, which resolves through the
 * package's exports map to dist/, so dist/ is built first when it is stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../package/build-if-stale';
import { type ExampleRun, root, runExample } from './run-example';

beforeAll(() => buildIfStale(), 180_000);

/** Fails with the child's output, so a broken example says why. */
function expectSuccess(run: ExampleRun): string {
  expect(run.code, `exit code; stderr:\n${run.stderr}\nstdout:\n${run.stdout}`).toBe(0);
  return run.stdout;
}

describe.concurrent('examples against the simulator', () => {
  it('kendra.ts reads, waits, is refused a listing, deletes', { timeout: 60_000 }, async () => {
    const out = expectSuccess(await runExample('kendra.ts'));
    expect(out).toContain('settled: handbook.pdf succeeded (INDEXED)');
    expect(out).toContain('settled: pricing.pdf succeeded (UPDATED)');
    expect(out).toContain('settled: scan.pdf failed (FAILED) DocumentParseError: The PDF is encrypted.');
    expect(out).toContain('settled: never-uploaded.pdf not_found (NOT_FOUND)');
    expect(out).toContain('listStatuses: unsupported');
    expect(out).toContain('deleted: handbook.pdf deleting');
  });

  it('bedrock.ts lists page by page, waits, deletes', { timeout: 60_000 }, async () => {
    const out = expectSuccess(await runExample('bedrock.ts'));
    expect(out).toMatch(/page 1: 5 documents, more to come\npage 2: 5 documents, more to come\npage 3: 2 documents\n/);
    expect(out).toContain('listed: 12 documents');
    expect(out).toContain('settled: s3://acme-kb/guides/guide-05.pdf partial (PARTIALLY_INDEXED)');
    expect(out).toContain('settled: s3://acme-kb/guides/guide-09.pdf failed (FAILED) The file could not be parsed.');
    expect(out).toContain('succeeded: 10');
    expect(out).toContain('deleted: s3://acme-kb/guides/guide-01.pdf deleting (DELETING)');
    expect(out).toContain('progress: 12/12 done');
  });

  it('azure.ts reads the translation, pages, filters failed documents, is refused a delete', {
    timeout: 60_000,
  }, async () => {
    const out = expectSuccess(await runExample('azure.ts'));
    expect(out).toContain('translation: processing (Running), 25 documents');
    expect(out).toMatch(/page 1: 10 documents .*\npage 2: 10 documents .*\npage 3: 5 documents /);
    expect(out.match(/^failed: .* \(Failed\) InvalidRequest: The document is not UTF-8 encoded\.$/gm)).toHaveLength(3);
    expect(out).toContain('deleteDocuments: unsupported');
  });

  it('naver.ts reads one document with steps, waits for several, deletes', { timeout: 60_000 }, async () => {
    const out = expectSuccess(await runExample('naver.ts'));
    expect(out).toMatch(/^one: faq\/returns\.html \w+ \(\w+\), steps: /m);
    expect(out).toContain('settled: faq/returns.html succeeded (DONE)');
    expect(out).toContain('settled: faq/shipping.html partial (PARTIAL)');
    expect(out).toContain('settled: manual/setup.html failed (FAILED) failed at EMBED');
    expect(out).toContain('deleted: faq/returns.html deleted');
    expect(out).toContain('deleted: not-there.html not_found');
  });

  it('observability.ts shows hooks, log lines, the user agent and spans', { timeout: 60_000 }, async () => {
    const out = expectSuccess(await runExample('observability.ts'));
    expect(
      out.match(/^request: {2}BatchGetDocumentStatus attempt 1, \d+ ids, POST http:\/\/127\.0\.0\.1:\d+\/$/gm),
    ).toHaveLength(2);
    expect(out).toMatch(/^response: BatchGetDocumentStatus attempt 1, HTTP 429 \(request id [\w-]+\)$/m);
    expect(out).toContain('throttle: BatchGetDocumentStatus attempt 1, Retry-After 50 ms');
    expect(out).toMatch(
      /^log warn: \[docindex\] kendra BatchGetDocumentStatus attempt 1 was throttled by the provider/m,
    );
    expect(out).toContain('retry:    BatchGetDocumentStatus attempt 1 failed with throttled, next in 50 ms');
    expect(out).toMatch(/^request: {2}BatchGetDocumentStatus attempt 2, \d+ ids/m);
    expect(out).toContain('statuses: 12 documents, 12 succeeded');
    expect(out).toContain('user agent sent: docindex/');
    expect(out).toContain(' observability-example/1.0');
    expect(out.match(/^log error: .*the onResponse hook threw \(Error: metrics backend is down\)/gm)).toHaveLength(1);
    expect(out).toContain('fragile hook: the calls went on (report-01.pdf succeeded)');
    expect(out).toContain('span: docindex.getStatuses (12 ids: 12 items, 0 errors)');
    expect(out).toContain('span:   kendra BatchGetDocumentStatus attempt 1: POST 429, throttled');
    expect(out).toContain('span:   kendra BatchGetDocumentStatus attempt 2: POST 200');
    expect(out).toContain('span: docindex.getStatus (1 id: succeeded)');
  });

  it('neutral.ts runs one function against all four providers', { timeout: 60_000 }, async () => {
    const out = expectSuccess(await runExample('neutral.ts'));
    for (const provider of ['kendra', 'bedrock', 'azure', 'naver']) {
      expect(out).toContain(`${provider}: ready 1/3`);
      expect(out).toMatch(new RegExp(`^${provider}: \\S+ is failed \\(`, 'm'));
      expect(out).toMatch(new RegExp(`^${provider}: \\S+ is not_found \\(`, 'm'));
    }
  });

  it('ingest.ts puts a folder into each provider, waits with progress, and starts an Azure translation', {
    timeout: 60_000,
  }, async () => {
    const out = expectSuccess(await runExample('ingest.ts'));
    for (const provider of ['kendra', 'bedrock', 'naver']) {
      expect(out).toContain(`${provider}: put 5 documents: 5 accepted, 0 refused`);
      expect(out).toMatch(new RegExp(`^${provider}: progress 0/5 done \\(`, 'm'));
      expect(out).toContain(`${provider}: progress 5/5 done (succeeded 4, failed 1)`);
      expect(out).toContain(`${provider}: succeeded 4/5`);
      expect(out).toMatch(new RegExp(`^${provider}: guides-returns-html failed \\(FAILED\\)`, 'm'));
    }
    expect(out).toMatch(/^azure: started translation [0-9a-f-]{36} of 3 documents$/m);
    expect(out).toContain('azure: succeeded 2/3');
  });

  it('demo.ts runs the tour against all four and ends with a table per provider', { timeout: 90_000 }, async () => {
    const started = Date.now();
    const out = expectSuccess(await runExample('demo.ts', 90_000));
    expect(Date.now() - started).toBeLessThan(60_000);
    // Not a TTY here: plain progress lines, no carriage-return redraws or escape codes.
    expect(out).not.toContain('\r');
    expect(out).not.toContain('\u001b[');
    expect(out).toMatch(/^ {2}kendra {2}\[[#-]{24}\] +\d+\/40 done/m);
    // Trouble on the wire is survived: throttled, dropped and 429 answers are retried.
    expect(out).toMatch(/kendra[\s\S]*getStatuses\(40 ids\).*HTTP 429 x3/);
    expect(out).toMatch(/getStatuses\(36 ids\).*connection reset x1/);
    expect(out).toMatch(/getStatuses\(60 ids\).*HTTP 429 x1/);
    expect(out).toMatch(/getStatuses\(40 ids\).*HTTP 429 x\d+/);
    // Listing page by page where it exists, `unsupported` where it does not.
    expect(out).toMatch(/listStatuses page 3: 20 documents, last page\n.*listStatuses: 60 documents in 3 page\(s\)/);
    expect(out).toMatch(/listStatuses: unsupported here \(listStatuses is not supported by kendra/);
    expect(out).toMatch(/listStatuses: unsupported here \(listStatuses is not supported by naver/);
    expect(out).toMatch(/deleteDocuments: unsupported here \(deleteDocuments is not supported by azure/);
    expect(out).toMatch(/deleteDocuments\(6 ids\): 5 answered \(deleting x5\), 1 refused \(InvalidRequest x1\)/);
    expect(out).toMatch(/deleteDocuments\(5 ids\): 5 answered \(deleted x5\)/);
    // New documents put, a refusal accounted for, then waited for; Azure takes none.
    expect(out).toMatch(
      /putDocuments\(12 documents\): 11 answered \(pending x11\), 1 refused \(InvalidRequest x1\) \[2 requests/,
    );
    expect(out).toMatch(/putDocuments\(4 documents\): 4 answered \(pending x4\) \[1 request: HTTP 202 x1\]/);
    expect(out).toMatch(/putDocuments: unsupported here \(putDocuments is not supported by azure/);
    expect(out).toMatch(/putDocuments\(6 documents\): 6 answered \(pending x6\)/);
    expect(out).toContain('then putDocuments, after waitFor: 11 answered (succeeded x11)');

    // The closing tables: counts per IndexStatus with the raw values beside them.
    const tables = out.slice(out.indexOf('Where every document ended'));
    const row = (status: string, count: number, raw: string) => new RegExp(`^ {4}${status} +${count} {2}${raw}$`, 'm');
    expect(tables).toMatch(row('succeeded', 34, 'INDEXED x27, UPDATED x7'));
    expect(tables).toMatch(row('failed', 3, 'FAILED x2, UPDATE_FAILED x1'));
    expect(tables).toMatch(row('errors', 2, 'validation/InvalidRequest x2'));
    expect(tables).toMatch(row('partial', 4, 'METADATA_PARTIALLY_INDEXED x1, PARTIALLY_INDEXED x3'));
    expect(tables).toMatch(row('ignored', 1, 'IGNORED x1'));
    expect(tables).toMatch(row('succeeded', 55, 'Succeeded x55'));
    expect(tables).toMatch(row('failed', 5, 'Failed x4, ValidationFailed x1'));
    expect(tables).toMatch(row('succeeded', 32, 'DONE x32'));
    expect(tables).toMatch(row('partial', 4, 'PARTIAL x4'));
    for (const provider of [
      'kendra (40 documents)',
      'bedrock (36 documents)',
      'azure (60 documents)',
      'naver (40 documents)',
    ]) {
      expect(tables).toContain(provider);
    }
    // The demo takes about what README and its header say (generously: a busy machine is slower).
    const seconds = Number(/Done in (\d+\.\d) s\./.exec(out)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(2 * statedDemoSeconds().readme);
  });

  it('README and the demo header state the same running time', () => {
    const { readme, header } = statedDemoSeconds();
    expect(header).toBe(readme);
  });
});

/** The "about N seconds" README and the header of examples/demo.ts give for the demo. */
function statedDemoSeconds(): { readme: number; header: number } {
  const about = (text: string, what: string) => {
    const match = /about (\d+) seconds/.exec(text);
    if (!match) throw new Error(`${what} does not say how long the demo takes`);
    return Number(match[1]);
  };
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const demoSection = readme.slice(readme.indexOf('The demo (`examples/demo.ts`'));
  return {
    readme: about(demoSection.slice(0, 200), 'README'),
    header: about(readFileSync(join(root, 'examples', 'demo.ts'), 'utf8'), 'examples/demo.ts'),
  };
}
