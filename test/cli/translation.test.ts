/**
 * `docindex translation` and `docindex cancel`: Azure's translation-level calls on
 * the command line, the built bin against the loopback simulator.
 */
import { describe, expect, it } from 'vitest';
import { ndjson, providerArgs, runCli, TRANSLATION, useSimulator } from './support';

const sim = useSimulator();

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function seed(statuses: readonly string[]): void {
  sim().azure.putDocuments(
    TRANSLATION,
    statuses.map((status, i) => ({
      id: uuid(i + 1),
      status,
      ...(status === 'Failed' && { error: { code: 'InvalidRequest', message: 'Not UTF-8.' } }),
    })),
  );
}

describe('docindex translation', () => {
  it('prints the translation as one plain line: status, Azure value, counts; exit 0 while it runs', async () => {
    seed(['Succeeded', 'Failed', 'Running', 'NotStarted']);
    const { args, env } = providerArgs('azure', sim().url);
    const { code, stdout, stderr } = await runCli(['translation', ...args], { env });
    expect(code, stderr).toBe(0);
    expect(stdout).toBe(
      `${TRANSLATION}\tprocessing\tRunning\t4 documents · succeeded 1 · failed 1 · running 1 · not started 1\n`,
    );
    expect(sim().log.count({ operation: 'getTranslationStatus' })).toBe(1);
  });

  it('--json writes the AzureTranslationStatus, dates as ISO strings, and nothing else on stdout', async () => {
    seed(['Succeeded', 'Succeeded']);
    const { args, env } = providerArgs('azure', sim().url);
    const { code, stdout } = await runCli(['translation', ...args, '--json'], { env });
    expect(code).toBe(0);
    const [line, ...rest] = ndjson(stdout);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      provider: 'azure',
      id: TRANSLATION,
      status: 'succeeded',
      providerStatus: 'Succeeded',
      terminal: true,
      summary: { total: 2, succeeded: 2, failed: 0, inProgress: 0, notStarted: 0, cancelled: 0 },
      raw: { status: 'Succeeded' },
    });
    expect(line?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('one document is "1 document"', async () => {
    seed(['Running']);
    const { args, env } = providerArgs('azure', sim().url);
    const { stdout } = await runCli(['translation', ...args], { env });
    expect(stdout).toBe(`${TRANSLATION}\tprocessing\tRunning\t1 document · running 1\n`);
  });

  it('a translation that failed is exit 1', async () => {
    seed(['Failed', 'Failed']);
    const { args, env } = providerArgs('azure', sim().url);
    const { code, stdout } = await runCli(['translation', ...args], { env });
    expect(code).toBe(1);
    expect(stdout).toContain('\tfailed\tFailed\t2 documents · failed 2');
  });
});

describe('docindex cancel', () => {
  it('cancels the translation: one DELETE, the answer on stdout, what it means on stderr, exit 0', async () => {
    seed(['Succeeded', 'Running', 'NotStarted']);
    const { args, env } = providerArgs('azure', sim().url);
    const { code, stdout, stderr } = await runCli(['cancel', ...args, '--json'], { env });
    expect(code, stderr).toBe(0);
    expect(sim().log.count({ operation: 'cancelTranslation' })).toBe(1);
    expect(sim().azure.getTranslation(TRANSLATION)?.cancelCount).toBe(1);
    const [line] = ndjson(stdout);
    expect(line).toMatchObject({ id: TRANSLATION, status: 'cancelling', providerStatus: 'Cancelling' });
    expect(stderr).toBe('cancel requested: documents not yet started are cancelled, running ones finish\n');
  });

  it('a translation Azure will not cancel (completed) is exit 2 with its message, sent once', async () => {
    seed(['Succeeded']);
    const { args, env } = providerArgs('azure', sim().url);
    const { code, stdout, stderr } = await runCli(['cancel', ...args], { env });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^docindex: azure: validation: Azure answered HTTP 400 InvalidRequest .*\(request id [^)]+\): Azure cancels only a translation that has not completed, failed or begun cancelling \(docindex translation shows its status\)\n$/,
    );
    expect(sim().log.count({ operation: 'cancelTranslation' })).toBe(1);
  });
});

describe('translation and cancel: refused before anything is sent', () => {
  it.each(['kendra', 'bedrock', 'naver'] as const)('%s has no translation: exit 2, one line', async (provider) => {
    const { args, env } = providerArgs(provider, sim().url);
    for (const command of ['translation', 'cancel']) {
      const { code, stderr } = await runCli([command, ...args], { env });
      expect(code, command).toBe(2);
      expect(stderr).toBe(`docindex: ${command} is for azure translations only: ${provider} has none\n`);
    }
    expect(sim().log.count()).toBe(0);
  });

  it('an argument (a document id, say) is a usage error: the translation is a setting', async () => {
    const { args, env } = providerArgs('azure', sim().url);
    const { code, stderr } = await runCli(['cancel', ...args, uuid(1)], { env });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^docindex: cancel takes no arguments: the translation is --translation-id/);
    expect(sim().log.count()).toBe(0);
  });

  it("Azure's delete hint names docindex cancel", async () => {
    const { args, env } = providerArgs('azure', sim().url);
    const { code, stderr } = await runCli(['delete', ...args, uuid(1)], { env });
    expect(code).toBe(2);
    expect(stderr).toContain('a translation is stopped whole: docindex cancel');
    expect(sim().log.count()).toBe(0);
  });
});
