/**
 * `npm pack` runs scripts/check-dist.mjs first (prepack): a clone that was not
 * built must not pack into a tarball without its dist/ files.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const script = join(root, 'scripts/check-dist.mjs');
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Runs the check on a copy of the package.json with `files` in its dist/; its exit code and stderr. */
function checkWith(files: readonly string[]): { status: number; stderr: string } {
  const folder = mkdtempSync(join(tmpdir(), 'docindex-check-dist-'));
  folders.push(folder);
  cpSync(join(root, 'package.json'), join(folder, 'package.json'));
  mkdirSync(join(folder, 'dist'));
  for (const file of files) writeFileSync(join(folder, 'dist', file), '');
  try {
    execFileSync(process.execPath, [script, folder], { stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stderr: '' };
  } catch (error) {
    const failed = error as { status: number; stderr: Buffer };
    return { status: failed.status, stderr: failed.stderr.toString() };
  }
}

describe('prepack (scripts/check-dist.mjs)', () => {
  it('refuses to pack an unbuilt clone, and says to build', () => {
    const { status, stderr } = checkWith([]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/files are missing \(\.\/dist\/index\.cjs.*run `npm run build` first/);
  });

  it('refuses when one file the exports name is missing (the bin)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const all = new Set<string>(['index.cjs', 'index.js', 'index.d.cts', 'index.d.ts']);
    const walk = (value: unknown): void => {
      if (typeof value === 'string') all.add(value.replace('./dist/', ''));
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(pkg.exports);
    all.delete('./package.json');
    const { status, stderr } = checkWith([...all].filter((file) => file !== 'cli.js'));
    expect(status).toBe(1);
    expect(stderr).toContain('1 of the package');
    expect(stderr).toContain('./dist/cli.js');
    expect(checkWith([...all, 'cli.js']).status).toBe(0);
  });
});
