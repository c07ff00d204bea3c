#!/usr/bin/env node
/**
 * Run by `npm pack` and `npm publish` (prepack): refuses to pack when a file the
 * package's `bin`, `main`, `module`, `types` or `exports` point to is missing, so a
 * tarball is never made from a clone that was not built (it came out as three
 * files, its bin missing). It checks rather than builds: packing runs inside the
 * tests (test/package), next to other tests reading dist/, which a rebuild
 * (`rm -rf dist`) would pull away from under them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package folder: this script's parent, or the one given (tests).
const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every string in a (nested) exports / bin value. */
const targets = (value) =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(targets) : [];

const wanted = new Set([pkg.main, pkg.module, pkg.types, ...targets(pkg.bin), ...targets(pkg.exports)].filter(Boolean));
const missing = [...wanted].filter((path) => path !== './package.json' && !existsSync(join(root, path)));
if (missing.length > 0) {
  console.error(
    `prepack: ${missing.length} of the package's files are missing (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}): run \`npm run build\` first`,
  );
  process.exit(1);
}
