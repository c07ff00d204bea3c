/**
 * No timer is left running after an abort or a deadline, checked the strictest
 * way: in a fresh Node process that does nothing else. The fixture aborts every
 * adapter mid-retry-sleep (Retry-After 10 s) and mid-waitFor (10 s poll delay),
 * times one out mid-retry-sleep, closes its simulator and returns; the process
 * must then exit at once (a leaked 10 s timer would keep it alive for 10 s).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { TARGETS } from './support';

const FIXTURE = fileURLToPath(new URL('./fixtures/abort-then-exit.ts', import.meta.url));

interface Outcome {
  name: string;
  code: string;
  settleMs: number;
  totalMs: number;
}

it('settles every abort and deadline promptly and exits at once, with nothing left running', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let doneAt: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (doneAt === undefined && /^done$/m.test(stdout)) doneAt = performance.now();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const exitedAt = performance.now();

  expect(stderr).toBe('');
  expect(exitCode).toBe(0);
  expect(doneAt).toBeDefined();
  // The process ends as soon as its work is done; a library timer would hold it for seconds.
  expect(exitedAt - (doneAt ?? 0)).toBeLessThan(1500);

  const outcomes = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Outcome);
  expect(outcomes).toHaveLength(TARGETS.length * 3);
  for (const outcome of outcomes) {
    expect(outcome.code, outcome.name).toBe(outcome.name.includes('timeout') ? 'timeout' : 'aborted');
    // An abort settles within a few tens of ms; a 60 ms deadline a little after it fires.
    expect(outcome.settleMs, outcome.name).toBeLessThan(outcome.name.includes('timeout') ? 60 + 150 : 150);
  }
}, 30_000);
