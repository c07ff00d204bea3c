/**
 * Bundle size per entry: a tiny app importing one factory, bundled the way a
 * serverless user would (esbuild, ESM, node platform, minified), then gzipped.
 * Compared with the same app over the raw SDK, and checked against the budgets of
 * issue 9. Also checks that no entry's bundle contains another provider's SDK.
 *
 *   tsx bench/bundle-size.ts            print the table (JSON with --json)
 *   tsx bench/bundle-size.ts --check    exit 1 when a budget is exceeded
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const root = join(import.meta.dirname, '..');

interface App {
  name: string;
  source: string;
  /** Input paths that must not appear in the bundle. */
  banned: RegExp[];
}

const OTHER = {
  kendra: /client-kendra/,
  bedrock: /client-bedrock-agent/,
  azure: /@azure\//,
  ky: /node_modules\/ky\//,
  msw: /node_modules\/msw\//,
};

const apps: App[] = [
  {
    name: 'docindex (core)',
    source: `import { isTerminal, createDocumentIndexClient } from 'docindex'; export { isTerminal, createDocumentIndexClient };`,
    banned: [OTHER.kendra, OTHER.bedrock, OTHER.azure, OTHER.ky, OTHER.msw],
  },
  {
    name: 'docindex/kendra',
    source: `import { createKendraIndex } from 'docindex/kendra'; export const make = createKendraIndex;`,
    banned: [OTHER.bedrock, OTHER.azure, OTHER.ky, OTHER.msw],
  },
  {
    name: 'raw @aws-sdk/client-kendra',
    source: `import { KendraClient, BatchGetDocumentStatusCommand, BatchDeleteDocumentCommand } from '@aws-sdk/client-kendra'; export { KendraClient, BatchGetDocumentStatusCommand, BatchDeleteDocumentCommand };`,
    banned: [],
  },
  {
    name: 'docindex/bedrock',
    source: `import { createBedrockIndex } from 'docindex/bedrock'; export const make = createBedrockIndex;`,
    banned: [OTHER.kendra, OTHER.azure, OTHER.ky, OTHER.msw],
  },
  {
    name: 'raw @aws-sdk/client-bedrock-agent',
    source: `import { BedrockAgentClient, GetKnowledgeBaseDocumentsCommand, DeleteKnowledgeBaseDocumentsCommand, ListKnowledgeBaseDocumentsCommand } from '@aws-sdk/client-bedrock-agent'; export { BedrockAgentClient, GetKnowledgeBaseDocumentsCommand, DeleteKnowledgeBaseDocumentsCommand, ListKnowledgeBaseDocumentsCommand };`,
    banned: [],
  },
  {
    name: 'docindex/azure',
    source: `import { createAzureTranslationIndex } from 'docindex/azure'; export const make = createAzureTranslationIndex;`,
    banned: [OTHER.kendra, OTHER.bedrock, OTHER.ky, OTHER.msw],
  },
  {
    name: 'raw @azure/core-rest-pipeline',
    source: `import { createPipelineFromOptions, createDefaultHttpClient, createPipelineRequest } from '@azure/core-rest-pipeline'; export { createPipelineFromOptions, createDefaultHttpClient, createPipelineRequest };`,
    banned: [],
  },
  {
    name: 'docindex/naver',
    source: `import { createNaverRagIndex } from 'docindex/naver'; export const make = createNaverRagIndex;`,
    banned: [OTHER.kendra, OTHER.bedrock, OTHER.azure, OTHER.msw],
  },
  {
    name: 'raw ky',
    source: `import ky from 'ky'; export default ky;`,
    banned: [],
  },
];

export interface SizeRow {
  name: string;
  minifiedBytes: number;
  gzipBytes: number;
  foreignInputs: string[];
}

/** Bundles one app from the built package (`dist/`), as an npm user would get it. */
async function measure(app: App): Promise<SizeRow> {
  const result = await build({
    stdin: { contents: app.source, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    name: app.name,
    minifiedBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    foreignInputs: inputsMatching(result.metafile, app.banned),
  };
}

function inputsMatching(metafile: Metafile, banned: RegExp[]): string[] {
  return Object.keys(metafile.inputs).filter((input) => banned.some((pattern) => pattern.test(input)));
}

/** The budgets of issue 9, in gzip bytes. */
export function checkBudgets(rows: SizeRow[]): string[] {
  const size = (name: string) => rows.find((row) => row.name === name)?.gzipBytes ?? Number.NaN;
  const problems: string[] = [];
  const budget = (label: string, actual: number, limit: number) => {
    if (!(actual <= limit)) problems.push(`${label}: ${kb(actual)} > budget ${kb(limit)}`);
  };
  budget('docindex (core)', size('docindex (core)'), 8 * 1024);
  budget('docindex/naver', size('docindex/naver'), 20 * 1024);
  budget('docindex/kendra over raw client', size('docindex/kendra') - size('raw @aws-sdk/client-kendra'), 5 * 1024);
  budget(
    'docindex/bedrock over raw client',
    size('docindex/bedrock') - size('raw @aws-sdk/client-bedrock-agent'),
    5 * 1024,
  );
  for (const row of rows) {
    if (row.foreignInputs.length > 0) problems.push(`${row.name} bundles another provider: ${row.foreignInputs[0]}`);
  }
  return problems;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export async function measureAll(): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  for (const app of apps) rows.push(await measure(app));
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measureAll();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else {
    for (const row of rows) console.log(`${row.name.padEnd(36)} ${kb(row.minifiedBytes).padStart(10)} min ${kb(row.gzipBytes).padStart(10)} gzip`);
  }
  const problems = checkBudgets(rows);
  for (const problem of problems) console.error(`budget exceeded: ${problem}`);
  if (process.argv.includes('--check') && problems.length > 0) process.exit(1);
}
