// Writes src/core/version.ts from package.json's version. npm runs it on
// `npm version` (the "version" script), and test/core/version.test.ts fails when
// the two disagree, so the version docindex names on the wire is the published one.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
if (!/^[0-9A-Za-z.+-]+$/.test(version)) throw new Error(`unexpected version ${version}`);
const source = `// Generated from package.json by scripts/write-version.mjs (npm runs it on \`npm version\`); do not edit.

/** This package's version, as published: what docindex names itself with on the wire and in traces. */
export const VERSION = '${version}';
`;
writeFileSync(new URL('src/core/version.ts', root), source);
