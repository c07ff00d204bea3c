/**
 * Runs the real `docindex` bin (dist/cli.js, built when stale) as a child process,
 * with a clean environment: no variable of the developer's shell, a HOME with no
 * AWS profile, colour off unless a test asks for it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { shellQuote } from '../../src/cli/simulate/instructions';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';
import { buildIfStale } from '../package/build-if-stale';

export const root = join(import.meta.dirname, '..', '..');
export const BIN = join(root, 'dist', 'cli.js');
const HOME = mkdtempSync(join(tmpdir(), 'docindex-cli-home-'));

/** What a run of the bin left behind. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** How to run the bin. */
export interface CliRun {
  env?: Record<string, string | undefined>;
  stdin?: string;
  cwd?: string;
  /** Extra node flags, e.g. `--import` a tracer. */
  nodeArgs?: string[];
  /** A command to put in front (e.g. `setpriv ...`). */
  prefix?: string[];
  /** Run `prefix` alone, in the same environment (a shell pipeline that runs the bin itself). */
  replaceCommand?: boolean;
  timeoutMs?: number;
  /** Called with each stderr chunk; may signal the child. */
  onStderr?: (text: string, child: { kill(signal: NodeJS.Signals): void }) => void;
}

/** The environment every run starts from. */
export function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME, NO_COLOR: '1', LANG: 'C.UTF-8' };
}

/** Runs `node dist/cli.js ...args` and resolves once it exits. */
export function runCli(args: readonly string[], options: CliRun = {}): Promise<CliResult> {
  const env = { ...baseEnv(), ...options.env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const command = options.replaceCommand
    ? (options.prefix ?? [])
    : [...(options.prefix ?? []), process.execPath, ...(options.nodeArgs ?? []), BIN, ...args];
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: options.cwd ?? root,
    env: env as NodeJS.ProcessEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    options.onStderr?.(stderr, child);
  });
  child.stdin.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs a POSIX shell command line in the clean environment (`npx docindex` in it being this bin). */
export function runShell(line: string, options: CliRun = {}): Promise<CliResult> {
  const command = line.replaceAll('npx docindex', `${shellQuote(process.execPath)} ${shellQuote(BIN)}`);
  return runCli([], { ...options, prefix: ['sh', '-c', command], replaceCommand: true });
}

/**
 * The built bin and one simulator for a test file: built (when stale) and started
 * before the tests, emptied before each, closed after. Read `sim()` inside tests.
 */
export function useSimulator(): () => RunningSimulator {
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    buildIfStale();
    sim = await startSimulator();
  }, 180_000);
  afterAll(() => sim?.close());
  beforeEach(() => sim?.reset());
  return () => {
    if (!sim) throw new Error('the simulator is not running');
    return sim;
  };
}

/** Every stdout line parsed as JSON (throws on a line that is not). */
export function ndjson(stdout: string): Array<Record<string, unknown>> {
  expectEndsWithNewline(stdout);
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function expectEndsWithNewline(text: string): void {
  if (text !== '' && !text.endsWith('\n'))
    throw new Error(`output does not end with a newline: ${JSON.stringify(text)}`);
}

/** The placeholder credentials of each provider, and flags that reach the simulator at `url`. */
export function providerArgs(
  provider: 'kendra' | 'bedrock' | 'azure' | 'naver',
  url: string,
): { args: string[]; env: Record<string, string> } {
  switch (provider) {
    case 'kendra':
      return {
        args: ['--provider', 'kendra', '--endpoint', url, '--region', 'us-east-1', '--index-id', KENDRA_INDEX],
        env: { AWS_ACCESS_KEY_ID: 'AKIDCLITEST', AWS_SECRET_ACCESS_KEY: 'cli-test-aws-secret' },
      };
    case 'bedrock':
      return {
        args: [
          '--provider',
          'bedrock',
          '--endpoint',
          url,
          '--region',
          'us-east-1',
          '--knowledge-base-id',
          KB,
          '--data-source-id',
          DS,
        ],
        env: { AWS_ACCESS_KEY_ID: 'AKIDCLITEST', AWS_SECRET_ACCESS_KEY: 'cli-test-aws-secret' },
      };
    case 'azure':
      return {
        args: ['--provider', 'azure', '--endpoint', url, '--translation-id', TRANSLATION],
        env: { AZURE_TRANSLATOR_KEY: 'cli-test-azure-key' },
      };
    case 'naver':
      return {
        args: ['--provider', 'naver', '--endpoint', url, '--service-id', SERVICE],
        env: { NAVER_RAG_API_KEY: 'cli-test-naver-key' },
      };
  }
}

export const KENDRA_INDEX = '0123abcd-0123-4abc-8123-0123456789ab';
export const KB = 'KBCLITEST1';
export const DS = 'DSCLITEST1';
export const TRANSLATION = '6b1f0c52-6a0e-4c59-9b8e-0f3a1d2c4b5e';
export const SERVICE = 'cli-service';

/** The secrets `providerArgs` hands out: none may appear in any output. */
export const SECRETS = ['cli-test-aws-secret', 'cli-test-azure-key', 'cli-test-naver-key'];
