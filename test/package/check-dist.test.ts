/**
 * `npm pack` runs scripts/check-dist.mjs first (prepack): a clone that was not
 * built must not pack into a tarball without its dist/ files.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * What package.json's main, module, types, bin and exports name in dist/, written
 * out here rather than read from it the way the script reads it (a fault in that walk
 * would be copied into the expectation). A new entry point goes here too.
 */
const DIST_FILES = [
  'cli.js',
  ...['index', 'kendra', 'bedrock', 'azure', 'naver', 'testing'].flatMap((entry) =>
    ['js', 'd.ts', 'cjs', 'd.cts'].map((extension) => `${entry}.${extension}`),
  ),
];

describe('prepack (scripts/check-dist.mjs)', () => {
  it('refuses to pack an unbuilt clone, and says to build', () => {
    const { status, stderr } = checkWith([]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/files are missing \(\.\/dist\/index\.cjs.*run `npm run build` first/);
  });

  it('refuses when one file the exports name is missing (the bin)', () => {
    const { status, stderr } = checkWith(DIST_FILES.filter((file) => file !== 'cli.js'));
    expect(status).toBe(1);
    expect(stderr).toContain('1 of the package');
    expect(stderr).toContain('./dist/cli.js');
    expect(checkWith(DIST_FILES).status).toBe(0);
  });

  it('refuses when any other one of them is missing, naming it', () => {
    for (const missing of DIST_FILES.filter((file) => file !== 'cli.js')) {
      const { status, stderr } = checkWith(DIST_FILES.filter((file) => file !== missing));
      expect(status, missing).toBe(1);
      expect(stderr, missing).toContain(`1 of the package's files are missing (./dist/${missing})`);
    }
  });
});
