/**
 * Cross-checks an AWS fixture of `test/fixtures/official/aws/` against the
 * installed AWS SDK package generated from the same service model:
 *
 *   npx tsx scripts/official-fixtures/crosscheck-aws-sdk.ts kendra test/fixtures/official/aws/kendra.json
 *   npx tsx scripts/official-fixtures/crosscheck-aws-sdk.ts bedrock-agent test/fixtures/official/aws/bedrock-agent.json
 *
 * It compares what the SDK carries of the model: structure members and which are
 * required, member HTTP bindings and idempotency tokens, error faults and HTTP
 * statuses, operations' HTTP bindings (`dist-es/schemas/schemas_0.js`), enum values
 * (`dist-es/models/enums.js`), and whether each documentation fact of the fixture
 * still appears in the SDK's doc comments (`dist-types/models/*.d.ts`, `dist-types/commands/*.d.ts`). It cannot
 * check length, pattern or range: the SDK does not carry them.
 *
 * It prints one line per difference and exits 1 when there is any: a difference
 * means the SDK was generated from another version of the model than the fixture,
 * so refresh the fixture or record the drift (see README.md). The schema arrays it
 * reads are the SDK's internal format (`@smithy/core` schemas); when they change
 * shape, this script says so and exits 2.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { plainText } from './extract-aws';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const PACKAGES: Readonly<Record<string, string>> = {
  kendra: '@aws-sdk/client-kendra',
  'bedrock-agent': '@aws-sdk/client-bedrock-agent',
};

/** `translateTraits` of `@smithy/core/schema`: the bit of each member trait in a numeric trait indicator. */
const TRAIT_BITS: readonly string[] = [
  'httpLabel',
  'idempotent',
  'idempotencyToken',
  'sensitive',
  'httpPayload',
  'httpResponseCode',
  'httpQueryParams',
];

function fail(message: string): never {
  process.stderr.write(`crosscheck-aws-sdk: ${message}\n`);
  process.exit(2);
}

function traitsOf(indicator: unknown): Record<string, unknown> {
  if (typeof indicator === 'object' && indicator !== null) return indicator as Record<string, unknown>;
  const traits: Record<string, unknown> = {};
  TRAIT_BITS.forEach((name, bit) => {
    if ((((indicator as number) | 0) >> bit) & 1) traits[name] = 1;
  });
  return traits;
}

async function main(): Promise<void> {
  const [service, fixturePath] = process.argv.slice(2);
  const packageName = service === undefined ? undefined : PACKAGES[service];
  if (packageName === undefined || fixturePath === undefined) {
    fail(`usage: crosscheck-aws-sdk.ts <${Object.keys(PACKAGES).join('|')}> <fixture.json>`);
  }
  const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as JsonObject;
  const require = createRequire(join(process.cwd(), 'package.json'));
  let root: string;
  try {
    root = dirname(require.resolve(`${packageName}/package.json`));
  } catch {
    fail(`${packageName} is not installed here (run from a checkout with node_modules)`);
  }
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const schemas = (await import(pathToFileURL(join(root, 'dist-es/schemas/schemas_0.js')).href)) as Record<
    string,
    unknown
  >;
  const enumsModule = (await import(pathToFileURL(join(root, 'dist-es/models/enums.js')).href)) as Record<
    string,
    unknown
  >;
  // The doc comments of the models and commands as one text, normalised as the extractor normalises documentation.
  const docs = plainText(
    ['dist-types/models', 'dist-types/commands']
      .flatMap((dir) =>
        readdirSync(join(root, dir))
          .filter((file) => file.endsWith('.d.ts'))
          .sort()
          .map((file) => readFileSync(join(root, dir, file), 'utf8')),
      )
      .join('\n')
      .replace(/^\s*\/?\*+\/?/gm, ' ')
      .replace(/@public/g, ' '),
  );
  const differences: string[] = [];
  const differ = (text: string) => differences.push(text);

  const schema = (name: string): unknown[] | undefined => {
    const value = schemas[`${name}$`];
    return Array.isArray(value) ? value : undefined;
  };

  const checkStructure = (name: string, entry: JsonObject) => {
    const sdk = schema(name);
    if (!sdk) return differ(`${name}: not in the SDK's schemas`);
    if (sdk[0] !== 3 && sdk[0] !== -3 && sdk[0] !== 4) fail(`${name}$ is not a structure schema: ${String(sdk[0])}`);
    const names = sdk[4] as string[];
    const memberSchemas = sdk[5] as unknown[];
    const members = (entry.members ?? {}) as Record<string, JsonObject>;
    const ours = Object.keys(members);
    for (const member of ours) if (!names.includes(member)) differ(`${name}.${member}: not in the SDK`);
    for (const member of names) if (!ours.includes(member)) differ(`${name}.${member}: only in the SDK`);
    // The SDK lists required members first and ends the schema with their count.
    const requiredCount = typeof sdk[6] === 'number' ? sdk[6] : 0;
    const sdkRequired = names.slice(0, requiredCount).sort();
    const required = ours.filter((member) => members[member]?.required === true).sort();
    if (sdk[0] !== -3 && sdkRequired.join() !== required.join()) {
      differ(`${name}: required ${JSON.stringify(required)} in the fixture, ${JSON.stringify(sdkRequired)} in the SDK`);
    }
    names.forEach((member, i) => {
      const ourMember = members[member];
      if (!ourMember) return;
      const memberSchema = memberSchemas[i];
      const traits = Array.isArray(memberSchema) ? traitsOf(memberSchema[1]) : {};
      for (const trait of ['httpLabel', 'idempotencyToken', 'httpPayload']) {
        const inFixture = ourMember[trait] === true;
        const inSdk = traits[trait] !== undefined;
        if (inFixture !== inSdk)
          differ(`${name}.${member}: ${trait} is ${inFixture} in the fixture, ${inSdk} in the SDK`);
      }
      for (const trait of ['httpQuery', 'httpHeader']) {
        if ((ourMember[trait] ?? undefined) !== (traits[trait] ?? undefined)) {
          differ(
            `${name}.${member}: ${trait} ${String(ourMember[trait])} in the fixture, ${String(traits[trait])} in the SDK`,
          );
        }
      }
    });
  };

  const operations = fixture.operations as Record<string, JsonObject>;
  for (const [name, operation] of Object.entries(operations)) {
    const sdk = schema(name);
    if (sdk?.[0] !== 9) {
      differ(`${name}: no operation schema in the SDK`);
      continue;
    }
    const http = (traitsOf(sdk[3]) as { http?: unknown[] }).http;
    const ours = operation.http as JsonObject | undefined;
    const theirs = http ? { method: http[0], uri: http[1], code: http[2] } : undefined;
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
      differ(`${name}: http ${JSON.stringify(ours)} in the fixture, ${JSON.stringify(theirs)} in the SDK`);
    }
    for (const io of ['input', 'output'] as const) {
      const entry = operation[io] as JsonObject | null;
      if (entry && typeof entry.shape === 'string') checkStructure(entry.shape, entry);
    }
  }
  for (const [name, error] of Object.entries(fixture.errors as Record<string, JsonObject>)) {
    checkStructure(name, error);
    const sdk = schema(name);
    const traits = sdk ? traitsOf(sdk[3]) : {};
    if (sdk && (traits.error !== error.fault || traits.httpError !== error.httpError)) {
      differ(
        `${name}: ${String(error.fault)} ${String(error.httpError)} in the fixture, ${String(traits.error)} ${String(traits.httpError)} in the SDK`,
      );
    }
  }
  for (const [name, shape] of Object.entries(fixture.shapes as Record<string, JsonObject>)) {
    if ((shape.type === 'structure' || shape.type === 'union') && shape.notFollowed === undefined) {
      checkStructure(name, shape);
    }
  }
  for (const [name, values] of Object.entries(fixture.enums as Record<string, string[]>)) {
    const sdk = enumsModule[name];
    if (typeof sdk !== 'object' || sdk === null) {
      differ(`enum ${name}: not in the SDK`);
      continue;
    }
    const theirs = Object.values(sdk as Record<string, string>).sort();
    const ours = [...values].sort();
    if (theirs.join() !== ours.join()) {
      differ(`enum ${name}: ${JSON.stringify(ours)} in the fixture, ${JSON.stringify(theirs)} in the SDK`);
    }
  }
  const facts = new Set<string>();
  const collect = (node: Json) => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'documentation' && Array.isArray(value)) for (const fact of value) facts.add(String(fact));
        else collect(value);
      }
    }
  };
  collect({ operations: fixture.operations, errors: fixture.errors, shapes: fixture.shapes } as JsonObject);
  for (const fact of [...facts].sort()) {
    if (!docs.includes(fact)) differ(`documentation no longer in the SDK's doc comments: ${JSON.stringify(fact)}`);
  }

  process.stdout.write(`${packageName}@${version} against ${fixturePath}: ${differences.length} difference(s)\n`);
  for (const difference of differences) process.stdout.write(`  ${difference}\n`);
  process.exitCode = differences.length > 0 ? 1 : 0;
}

await main();
