import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The packed-package tests exercise the built package (CommonJS `require`, the
 * tarball). CI builds before testing; on a fresh clone `npm test` builds here once,
 * and rebuilds whenever a source file is newer than the build.
 */
export function buildIfStale(): void {
  const root = join(import.meta.dirname, '..', '..');
  const marker = join(root, 'dist', 'index.js');
  if (existsSync(marker) && newestMtime(join(root, 'src')) <= statSync(marker).mtimeMs) return;
  execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], {
    cwd: root,
    stdio: 'inherit',
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
