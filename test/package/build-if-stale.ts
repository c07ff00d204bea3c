import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const lock = join(root, 'node_modules', '.cache', 'docindex-build.lock');
const LOCK_STALE_MS = 5 * 60_000;

/**
 * Tests that exercise the built package (the packed tarball, the examples, the
 * Lambda bundle) call this first. CI builds before testing; on a fresh clone
 * `npm test` builds here once, and rebuilds whenever a source file (or the tsup
 * config) is newer than the build. Test files run in parallel workers, so a lock
 * folder makes sure only one of them runs tsup while the others wait for its
 * result.
 */
export function buildIfStale(): void {
  if (isFresh()) return;
  mkdirSync(join(lock, '..'), { recursive: true });
  // Waiters re-check only once they hold the lock: mid-build, dist/ is half written.
  while (!tryLock()) pause(200);
  try {
    if (isFresh()) return;
    // What `npm run build` runs, tsup then the CommonJS declarations' fix (scripts/cjs-declarations.mjs), but not
    // its `rm -rf dist`: other workers may be reading dist/ (tsup overwrites every file it writes).
    for (const script of [
      join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js'),
      'scripts/cjs-declarations.mjs',
    ]) {
      execFileSync(process.execPath, [script], { cwd: root, stdio: 'inherit' });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isFresh(): boolean {
  const marker = join(root, 'dist', 'testing.cjs');
  // The build config and the declarations' fix shape dist/ as much as the sources do.
  const newest = Math.max(
    newestMtime(join(root, 'src')),
    statSync(join(root, 'tsup.config.ts')).mtimeMs,
    statSync(join(root, 'scripts', 'cjs-declarations.mjs')).mtimeMs,
  );
  return existsSync(marker) && newest <= statSync(marker).mtimeMs;
}

function tryLock(): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    // A lock left by a killed run must not block every later run.
    const taken = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
    if (taken !== undefined && Date.now() - taken > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
