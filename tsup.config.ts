import { defineConfig } from 'tsup';

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
 * ones they use. zod is not among them: the few schema functions the Azure and
 * NAVER adapters use are bundled, tree-shaken, so that importing an entry does not
 * load all of zod at cold start (about 60 ms on a serverless cold start).
 */
const peers = [/^@aws-sdk\//, /^@smithy\//, /^@azure\//, 'msw', /^msw\//];

export default defineConfig([
  {
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    target: 'node22',
    platform: 'node',
    splitting: true,
    treeshake: true,
    external: [...peers, 'ky'],
    noExternal: [/^zod/],
  },
  {
    entry,
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node22',
    platform: 'node',
    treeshake: true,
    external: peers,
    // ky 2 ships ESM only. Bundling it into the CommonJS build keeps
    // `require('docindex/naver')` working without relying on require(esm).
    noExternal: ['ky', /^zod/],
  },
]);
