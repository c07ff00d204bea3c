import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The repository root: examples run from here, as `npx tsx examples/...` would. */
export const root = join(import.meta.dirname, '..', '..');

/** What a finished example printed, and how it exited. */
export interface ExampleRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Variables that would switch an example from the simulator to a real service
 * (or hand it real credentials): never passed to the child.
 */
const REAL_SERVICE_VARIABLE = /^(KENDRA_|BEDROCK_|AZURE_|NAVER_|AWS_|DOCINDEX_PROVIDER$|DOCUMENT_IDS$)/;

/** Runs `examples/<file>` in a fresh Node process through the tsx loader, as a user would. */
export function runExample(file: string, timeoutMs = 60_000): Promise<ExampleRun> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !REAL_SERVICE_VARIABLE.test(name)));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join('examples', file)],
      { cwd: root, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
