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
  // The AWS SDK publishes its ESM build under "module"; without this esbuild picks its CJS
  // build, which works only with the banner below and is about 40% larger.
  mainFields: ['module', 'main'],
  // @azure/core-rest-pipeline's dependencies (and the AWS SDK's CJS build) call require()
  // on Node built-ins; an ESM bundle has no `require` unless we create one. Without it the
  // build passes, and loading the handler fails: `Dynamic require of "net" is not supported`.
  // ESM only (`import.meta`): bundleHandler leaves it out of a `format: 'cjs'` bundle.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
};

/** Bundles with {@link lambdaBuildOptions}, plus any overrides; a CommonJS bundle gets no banner. */
export function bundleHandler(overrides = {}) {
  const options = { ...lambdaBuildOptions, ...overrides };
  if (options.format === 'cjs' && !('banner' in overrides)) delete options.banner;
  return build(options);
}

// Run as a script: bundle the example handler.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await bundleHandler({ metafile: true });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  console.log(`bundled ${lambdaBuildOptions.outfile} (${Math.round(bytes / 1024)} KiB)`);
}
