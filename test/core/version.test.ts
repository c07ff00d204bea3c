/**
 * The version docindex names itself with (User-Agent, x-ms-useragent, span
 * attributes) is package.json's: src/core/version.ts is generated from it by
 * scripts/write-version.mjs on `npm version`, and this fails when someone bumps
 * one without the other.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCINDEX_USER_AGENT } from '../../src/core/telemetry/options';
import { VERSION } from '../../src/core/version';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

describe('version', () => {
  it('src/core/version.ts says the version package.json says', () => {
    expect(VERSION).toBe(pkg.version);
    expect(DOCINDEX_USER_AGENT).toBe(`docindex/${pkg.version}`);
  });

  it('scripts/write-version.mjs writes the file from package.json (as `npm version` runs it)', () => {
    const copy = mkdtempSync(join(tmpdir(), 'docindex-version-'));
    mkdirSync(join(copy, 'scripts'));
    mkdirSync(join(copy, 'src', 'core'), { recursive: true });
    cpSync(join(root, 'scripts', 'write-version.mjs'), join(copy, 'scripts', 'write-version.mjs'));
    cpSync(join(root, 'package.json'), join(copy, 'package.json'));
    execFileSync(process.execPath, [join(copy, 'scripts', 'write-version.mjs')]);
    // Run on the repository's own package.json, the script reproduces the committed file byte for byte.
    expect(readFileSync(join(copy, 'src', 'core', 'version.ts'), 'utf8')).toBe(
      readFileSync(join(root, 'src', 'core', 'version.ts'), 'utf8'),
    );
  });
});
