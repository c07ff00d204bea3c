import type { BuildOptions, BuildResult } from 'esbuild';

/** The esbuild options that bundle a docindex handler for AWS Lambda (ESM, Node 22). */
export declare const lambdaBuildOptions: BuildOptions & {
  entryPoints: string[];
  outfile: string;
  mainFields: string[];
  banner: { js: string };
};

/** Bundles with `lambdaBuildOptions`, plus any overrides. */
export declare function bundleHandler<T extends BuildOptions>(overrides?: T): Promise<BuildResult<BuildOptions & T>>;
