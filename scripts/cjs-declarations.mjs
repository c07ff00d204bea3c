// After the build: the CommonJS declarations (dist/*.d.cts) read msw's types as ESM.
// msw ships ESM only, and under node16/nodenext resolution TypeScript refuses a
// CommonJS file's import of an ESM-only package (TS1479) unless the import says
// which mode to resolve it in. tsup's declaration bundler drops that attribute from
// the source, so it is added here. test/package/consumer-types.test.ts compiles a
// CommonJS node16 project against the result.
import { readdir, readFile, writeFile } from 'node:fs/promises';

const ESM_ONLY = ['msw'];

for (const name of await readdir('dist')) {
  if (!name.endsWith('.d.cts')) continue;
  const path = `dist/${name}`;
  const text = await readFile(path, 'utf8');
  let fixed = text;
  for (const pkg of ESM_ONLY) {
    const plain = new RegExp(`^import (?:type )?(\\{[^}]*\\}) from '${pkg}';$`, 'gm');
    fixed = fixed.replace(plain, `import type $1 from '${pkg}' with { 'resolution-mode': 'import' };`);
  }
  if (fixed !== text) await writeFile(path, fixed);
}
