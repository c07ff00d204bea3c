import { readdir, readFile, writeFile } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['plugins']>[number];

/**
 * esbuild writes an entry's imports of our shared chunks before its SDK import, so
 * a user's bundler places the docindex core between SDK modules, where it
 * compresses worse: 1.3 KB more gzip for docindex/kendra, 0.65 KB for
 * docindex/bedrock (bench/bundle-size.ts). A bare import of the SDK on the first
 * line puts the SDK first. Evaluation order does not matter: the shared chunks
 * have no side effects. Moving the import in the source does not help; esbuild
 * orders chunk imports first regardless.
 */
const sdkFirst: Plugin = {
  name: 'sdk-first',
  renderChunk(code, info) {
    if (this.format !== 'esm' || !info.entryPoint) return;
    const sdk = /^import [^;]* from ["'](@aws-sdk\/client-[\w-]+)["'];?$/m.exec(code)?.[1];
    if (!sdk) return;
    if (typeof info.map === 'string') {
      // One line added on top: every mapping moves down one generated line.
      const map = JSON.parse(info.map) as { mappings: string };
      map.mappings = `;${map.mappings}`;
      info.map = JSON.stringify(map);
    }
    return { code: `import '${sdk}';\n${code}` };
  },
};

/**
 * With `treeshake`, tsup runs each chunk through rollup, whose output already ends
 * with a `//# sourceMappingURL` comment, and then appends its own: every file
 * ended with the same comment twice. After each build (ESM `.js`, CommonJS `.cjs`)
 * this keeps the last one. test/package/source-maps.test.ts checks the result.
 */
const oneSourceMapComment = (extension: '.js' | '.cjs') => async () => {
  for (const name of await readdir('dist')) {
    if (!name.endsWith(extension)) continue;
    const path = `dist/${name}`;
    const code = await readFile(path, 'utf8');
    const kept = code.replace(/(?:\/\/# sourceMappingURL=\S+\n)+(\/\/# sourceMappingURL=\S+\n?)$/, '$1');
    if (kept !== code) await writeFile(path, kept);
  }
};

/** One entry per subpath export; each provider entry pulls in only its own SDK. */
const entry = {
  index: 'src/index.ts',
  kendra: 'src/providers/kendra/index.ts',
  bedrock: 'src/providers/bedrock/index.ts',
  azure: 'src/providers/azure/index.ts',
  naver: 'src/providers/naver/index.ts',
  testing: 'src/testing/index.ts',
};

/**
 * Peer SDKs stay external: the user installs (and their bundler includes) only the
 * ones they use. `@opentelemetry/api` too: it is imported only when the
 * application traces (src/core/telemetry/tracing.ts). zod is not among them: the few schema functions the Azure and
 * NAVER adapters use are bundled, tree-shaken, so that importing an entry does not
 * load all of zod at cold start (about 60 ms on a serverless cold start).
 */
const peers = [/^@aws-sdk\//, /^@smithy\//, /^@azure\//, '@opentelemetry/api', 'msw', /^msw\//];

export default defineConfig([
  {
    // The `docindex` bin is ESM only and built here, with the entries, so that its
    // dynamic imports of a provider (`import('../providers/kendra/index')`) load
    // that entry's own file, `dist/kendra.js`, instead of a copy of it.
    entry: { ...entry, cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: { entry },
    sourcemap: true,
    target: 'node22',
    platform: 'node',
    splitting: true,
    treeshake: true,
    external: [...peers, 'ky'],
    noExternal: [/^zod/],
    plugins: [sdkFirst],
    onSuccess: oneSourceMapComment('.js'),
  },
  {
    entry,
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node22',
    platform: 'node',
    // One copy of the core for every CommonJS entry, as in the ESM build: without
    // shared chunks each .cjs entry bundles its own DocumentIndexError, and an error
    // from require('docindex/kendra') is not `instanceof` require('docindex')'s
    // class. tsup calls CJS splitting experimental; test/package/packed-package.test.ts
    // checks the class identity from fresh processes, and the source maps were
    // checked to point at the right lines.
    splitting: true,
    treeshake: true,
    external: peers,
    // ky 2 ships ESM only. Bundling it into the CommonJS build keeps
    // `require('docindex/naver')` working without relying on require(esm).
    noExternal: ['ky', /^zod/],
    onSuccess: oneSourceMapComment('.cjs'),
  },
]);
