// The esbuild configuration that bundles a docindex handler for AWS Lambda
// (Node.js 22 runtime, ESM). Run it from the repository root:
//
//   npm run build && node examples/lambda/esbuild.config.mjs
//
// and deploy examples/lambda/dist/handler.mjs (handler: `handler.handler`).
// The tests bundle with exactly these options (test/examples/lambda.test.ts).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The options that work; reuse them, overriding only what is yours (entry point, outfile). */
export const lambdaBuildOptions = {
  entryPoints: [`${here}handler.ts`],
  outfile: `${here}dist/handler.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // The AWS SDK publishes its ESM build under "module"; without this esbuild picks the CJS one.
  mainFields: ['module', 'main'],
  // @azure/core-rest-pipeline (and some AWS SDK dependencies) call require() on Node
  // built-ins; an ESM bundle has no `require` unless we create one.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
};

/** Bundles with {@link lambdaBuildOptions}, plus any overrides. */
export function bundleHandler(overrides = {}) {
  return build({ ...lambdaBuildOptions, ...overrides });
}

// Run as a script: bundle the example handler.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await bundleHandler({ metafile: true });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  console.log(`bundled ${lambdaBuildOptions.outfile} (${Math.round(bytes / 1024)} KiB)`);
}
