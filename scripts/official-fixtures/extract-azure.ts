/**
 * Regenerates `test/fixtures/official/azure/<version>.json` from Microsoft's own
 * OpenAPI (Swagger 2.0) description of Azure AI Document Translation (batch)
 * and its `examples/` folder, as stored in `Azure/azure-rest-api-specs`.
 *
 *   npx tsx scripts/official-fixtures/extract-azure.ts <version> <spec.json> <examplesDir> \
 *     [--other-spec <commit>=<spec.json>]... > test/fixtures/official/azure/<version>.json
 *
 * `<version>` is a key of SOURCES below (`2024-05-01` or `v1.1`). `<examplesDir>`
 * holds the example files the spec references (`./examples/<name>.json`) under
 * their own names, and older stored versions of them under
 * `other-versions/<commit>/<name>.json`. `--other-spec` names another stored
 * version of the same spec file; the fixture then records how it differs.
 *
 * Deterministic: the output depends only on the files read and SOURCES (no clock,
 * no network). Spec objects (definitions, parameters, example files) are copied
 * verbatim (JSON.parse order, so example `responses` keys come out in ascending
 * status order); everything else is our own summary of them. Provenance (paths,
 * commits) cannot be read from the files, so it lives in SOURCES: update it when
 * refreshing. Node built-ins only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface FileSource {
  /** Path in the repository. */
  path: string;
  commit: string;
  note?: string;
}

interface VersionSources {
  repo: string;
  spec: FileSource;
  /** Provenance of each example file, by file name (as the spec references it). */
  examples: Record<string, FileSource>;
  /** Older stored versions of example files: `other-versions/<commit>/<name>` -> where it came from. */
  otherExampleVersions: Record<string, FileSource>;
  /** Other stored versions of the spec file, by commit, with what we know of their order. */
  otherSpecs: Record<string, FileSource>;
  /** What we could establish about which stored version is newer (not readable from the files). */
  versionOrder?: string;
}

const REPO = 'Azure/azure-rest-api-specs';
const STABLE_2024 = 'specification/translation/data-plane/Azure.AI.DocumentTranslation/stable/2024-05-01';
const TSP_EXAMPLES_2024 = 'specification/translation/Azure.AI.DocumentTranslation/examples/2024-05-01';
const STABLE_V11 = 'specification/cognitiveservices/data-plane/TranslatorText/stable/v1.1';

const SOURCES: Readonly<Record<string, VersionSources>> = {
  '2024-05-01': {
    repo: REPO,
    spec: { path: `${STABLE_2024}/openapi.json`, commit: '8e3d1188a0a09b93a18ba84d78164a44d846e3b0' },
    examples: {
      'batch.json': { path: `${STABLE_2024}/examples/batch.json`, commit: 'c8dfc4b726d031c9302775415ad346bbbc881105' },
      'cancel.json': {
        path: `${STABLE_2024}/examples/cancel.json`,
        commit: '73fac04288d05d60f4991a322897c4bf0f1161bc',
      },
      'document.json': {
        path: `${TSP_EXAMPLES_2024}/document.json`,
        commit: '73fac04288d05d60f4991a322897c4bf0f1161bc',
        note: 'The spec references ./examples/document.json, but no such file is stored in the stable examples folder; this is the TypeSpec project copy (same commit as the stable cancel.json and documents.json).',
      },
      'documents.json': {
        path: `${STABLE_2024}/examples/documents.json`,
        commit: '73fac04288d05d60f4991a322897c4bf0f1161bc',
      },
      'format.json': {
        path: `${STABLE_2024}/examples/format.json`,
        commit: 'ffd62b7101c9369b19e8b8cd3c7d85d1a9fd747a',
      },
      'operation.json': {
        path: `${TSP_EXAMPLES_2024}/operation.json`,
        commit: '73fac04288d05d60f4991a322897c4bf0f1161bc',
        note: 'The spec references ./examples/operation.json, but no such file is stored in the stable examples folder; this is the TypeSpec project copy (same commit as the stable cancel.json and documents.json).',
      },
    },
    otherExampleVersions: {
      'other-versions/5372b7613bd5c951645ca694561b2034e084ebad/documents.json': {
        path: `${TSP_EXAMPLES_2024}/documents.json`,
        commit: '5372b7613bd5c951645ca694561b2034e084ebad',
      },
      'other-versions/5372b7613bd5c951645ca694561b2034e084ebad/format.json': {
        path: `${STABLE_2024}/examples/format.json`,
        commit: '5372b7613bd5c951645ca694561b2034e084ebad',
      },
      'other-versions/4ab95eb8492f0d66939ef2347f41dc8807b92820/batch.json': {
        path: `${STABLE_2024}/examples/batch.json`,
        commit: '4ab95eb8492f0d66939ef2347f41dc8807b92820',
      },
    },
    otherSpecs: {
      '00874be62d1b63bf91a217287743feaaa6bf5a65': {
        path: `${STABLE_2024}/openapi.json`,
        commit: '00874be62d1b63bf91a217287743feaaa6bf5a65',
      },
    },
    versionOrder:
      '8e3d1188 is taken as the newer of the two stored openapi.json versions: the file index lists it as the stored commit of the path; its content matches the TypeSpec source at 1b2decbe (routes.tsp: @query("top"), @query("skip"), @query("maxpagesize"), @query("orderby"), @header("Operation-Location")), while 00874be6 matches routes.tsp at 00874be6 (@query("$top"), @query("$orderBy"), header `location`); and both of Microsoft\'s generated JS clients (@azure-rest/ai-translation-document 1.0.0, @azure/ai-translation-document 1.0.0) send the un-prefixed names. The stored files carry no dates.',
  },
  'v1.1': {
    repo: REPO,
    spec: { path: `${STABLE_V11}/TranslatorBatch.json`, commit: 'b2f7419737799f321a271e9327d0b18417eed538' },
    examples: {
      'batch.json': { path: `${STABLE_V11}/examples/batch.json`, commit: '04c2cb7bb78946cf2fce656ee0ccff69bec99f5b' },
      'cancel.json': { path: `${STABLE_V11}/examples/cancel.json`, commit: 'dfe8e908308dea52656a6c6317281997de26fe58' },
      'document.json': {
        path: `${STABLE_V11}/examples/document.json`,
        commit: 'acdc2ec0821760902c4bc612e2e96a13b921df46',
      },
      'documents.json': {
        path: `${STABLE_V11}/examples/documents.json`,
        commit: 'c084c6861cb13e1d02cba80610a8772691e08bec',
      },
      'format.json': { path: `${STABLE_V11}/examples/format.json`, commit: '4c0959c220823a4e013c4254984e4b02bb9722ac' },
      'operation.json': {
        path: `${STABLE_V11}/examples/operation.json`,
        commit: '833ca33906784d1aa7d25e82c6ed92ecf19973b9',
      },
    },
    otherExampleVersions: {
      'other-versions/833ca33906784d1aa7d25e82c6ed92ecf19973b9/documents.json': {
        path: `${STABLE_V11}/examples/documents.json`,
        commit: '833ca33906784d1aa7d25e82c6ed92ecf19973b9',
      },
      'other-versions/833ca33906784d1aa7d25e82c6ed92ecf19973b9/document.json': {
        path: `${STABLE_V11}/examples/document.json`,
        commit: '833ca33906784d1aa7d25e82c6ed92ecf19973b9',
      },
    },
    otherSpecs: {},
    versionOrder:
      'The file index lists b2f74197 as the stored commit of TranslatorBatch.json and of none other; another stored version (05013d37, 68357 characters) additionally declares TranslationStatus.@failedDocumentStatusLink and was not transcribed in full, so it is not compared here.',
  },
};

/** Our names for the operations docindex uses, and the operationId suffixes that identify them in either spec. */
const OPERATIONS: ReadonlyArray<readonly [name: string, operationId: RegExp]> = [
  ['getDocumentsStatus', /_GetDocumentsStatus$/],
  ['getDocumentStatus', /_GetDocumentStatus$/],
  ['getTranslationStatus', /_GetTranslationStatus$/],
  ['cancelTranslation', /_CancelTranslation$/],
  ['startTranslation', /_StartTranslation$/],
  ['getSupportedDocumentFormats', /_GetSupported(Document)?Formats$/],
];

/** Definitions kept even when no kept operation reaches them (the two error envelopes). */
const EXTRA_SCHEMA_ROOTS = ['TranslationErrorResponse', 'Azure.Core.Foundations.ErrorResponse'];

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function main(argv: string[]): void {
  const [version, specFile, examplesDir, ...rest] = argv;
  if (version === undefined || specFile === undefined || examplesDir === undefined) {
    fail('usage: extract-azure.ts <version> <spec.json> <examplesDir> [--other-spec <commit>=<spec.json>]...');
  }
  const sources = SOURCES[version];
  if (!sources) fail(`unknown version ${version}; known: ${Object.keys(SOURCES).join(', ')}`);
  const otherSpecFiles = parseOtherSpecs(rest);

  const spec = readJson(specFile);
  const info = asObject(spec.info, 'info');
  if (info.version !== version) fail(`${specFile} is info.version ${String(info.version)}, not ${version}`);

  const operations = extractOperations(spec);
  const schemas = reachableSchemas(spec, operations);
  const exampleFiles = referencedExamples(operations);

  const examples: JsonObject = {};
  for (const file of exampleFiles) {
    const source = sources.examples[file];
    if (!source) fail(`no provenance for example ${file} in SOURCES['${version}'].examples`);
    const content = readJson(join(examplesDir, file));
    examples[file] = {
      source: fileSource(source),
      operations: operationsUsing(operations, file),
      checks: checkExample(spec, operations, file, content),
      content,
    };
  }

  const otherExamples: JsonObject = {};
  for (const file of listOtherVersions(examplesDir)) {
    const source = sources.otherExampleVersions[file];
    if (!source) fail(`no provenance for ${file} in SOURCES['${version}'].otherExampleVersions`);
    const content = readJson(join(examplesDir, file));
    otherExamples[file] = {
      source: fileSource(source),
      operations: operationsUsing(operations, basename(file)),
      checks: checkExample(spec, operations, basename(file), content),
      content,
    };
  }

  const otherSpecs: JsonObject = {};
  for (const [commit, file] of otherSpecFiles) {
    const source = sources.otherSpecs[commit];
    if (!source) fail(`no provenance for spec commit ${commit} in SOURCES['${version}'].otherSpecs`);
    const other = readJson(file);
    const otherOperations = extractOperations(other);
    otherSpecs[commit] = {
      source: fileSource(source),
      differencesFromPrimary: diffSpecs(spec, operations, other, otherOperations),
    };
  }

  const fixture: JsonObject = {
    $comment:
      'Generated by scripts/official-fixtures/extract-azure.ts from Microsoft material in Azure/azure-rest-api-specs; do not edit by hand (see README.md in this folder).',
    apiVersion: version,
    source: {
      repo: sources.repo,
      spec: fileSource(sources.spec),
      ...(sources.versionOrder === undefined ? {} : { versionOrder: sources.versionOrder }),
    },
    service: extractService(spec),
    operations: Object.fromEntries(operations.map((operation) => [operation.name, operation.summary])),
    schemas,
    examples,
    otherStoredVersions: { examples: otherExamples, specs: otherSpecs },
  };
  process.stdout.write(`${formatJson(fixture)}\n`);
}

// ---------------------------------------------------------------------------
// Operations

interface ExtractedOperation {
  name: string;
  /** The raw operation object of the spec. */
  raw: JsonObject;
  /** Our summary of it, as written to the fixture. */
  summary: JsonObject;
}

function extractOperations(spec: JsonObject): ExtractedOperation[] {
  const paths = asObject(spec.paths, 'paths');
  const found = new Map<string, ExtractedOperation>();
  for (const [path, item] of Object.entries(paths)) {
    const pathItem = asObject(item, `paths.${path}`);
    for (const method of METHODS) {
      const value = pathItem[method];
      if (value === undefined) continue;
      const raw = asObject(value, `paths.${path}.${method}`);
      const operationId = String(raw.operationId);
      const match = OPERATIONS.find(([, pattern]) => pattern.test(operationId));
      if (!match) continue;
      const [name] = match;
      if (found.has(name)) fail(`two operations match ${name}`);
      found.set(name, { name, raw, summary: summarizeOperation(spec, method, path, raw) });
    }
  }
  // Fixed order (OPERATIONS), whatever the spec's path order.
  return OPERATIONS.flatMap(([name]) => {
    const operation = found.get(name);
    return operation ? [operation] : [];
  });
}

function summarizeOperation(spec: JsonObject, method: string, path: string, raw: JsonObject): JsonObject {
  const host = asObject(spec['x-ms-parameterized-host'] ?? {}, 'x-ms-parameterized-host');
  const hostTemplate = typeof host.hostTemplate === 'string' ? host.hostTemplate : '';
  const out: JsonObject = {
    operationId: raw.operationId ?? null,
    method: method.toUpperCase(),
    path,
    url: `${hostTemplate}${path}`,
  };
  copyIfPresent(raw, out, ['summary', 'description', 'consumes', 'produces']);
  out.parameters = asArray(raw.parameters ?? [], 'parameters').map((parameter) => summarizeParameter(spec, parameter));
  out.responses = Object.fromEntries(
    Object.entries(asObject(raw.responses, 'responses')).map(([status, response]) => [
      status,
      summarizeResponse(asObject(response, `responses.${status}`)),
    ]),
  );
  copyIfPresent(raw, out, ['x-ms-pageable', 'x-ms-long-running-operation', 'x-ms-long-running-operation-options']);
  out.examples = Object.values(asObject(raw['x-ms-examples'] ?? {}, 'x-ms-examples')).map((example) =>
    exampleFileName(example),
  );
  return out;
}

/** A parameter with its `$ref` resolved (the resolved fields verbatim, plus `ref` naming where they came from). */
function summarizeParameter(spec: JsonObject, parameter: Json): JsonObject {
  const value = asObject(parameter, 'parameter');
  const ref = value.$ref;
  if (typeof ref !== 'string') return { ...value };
  const name = refName(ref, '#/parameters/');
  const resolved = asObject(asObject(spec.parameters, 'parameters')[name], `parameters.${name}`);
  return { ref: name, ...resolved };
}

function summarizeResponse(response: JsonObject): JsonObject {
  const out: JsonObject = {};
  copyIfPresent(response, out, ['description']);
  const schema = response.schema;
  if (schema !== undefined) {
    const ref = asObject(schema, 'schema').$ref;
    out.schema = typeof ref === 'string' ? refName(ref, '#/definitions/') : schema;
  }
  copyIfPresent(response, out, ['headers', 'x-ms-error-response']);
  const inline = response.examples;
  if (inline !== undefined) {
    // Swagger 2.0 inline response examples: `{ mime: value }`; v1.1 gives the JSON as a string.
    out.inlineExamples = Object.fromEntries(
      Object.entries(asObject(inline, 'examples')).map(([mime, example]) => [
        mime,
        typeof example === 'string'
          ? { raw: example, parsed: parseJsonText(example, `inline example ${mime}`) }
          : example,
      ]),
    );
  }
  return out;
}

function extractService(spec: JsonObject): JsonObject {
  const out: JsonObject = {};
  copyIfPresent(spec, out, ['swagger', 'info', 'x-ms-parameterized-host', 'consumes', 'produces', 'security']);
  copyIfPresent(spec, out, ['securityDefinitions']);
  return out;
}

function referencedExamples(operations: ExtractedOperation[]): string[] {
  const files = new Set<string>();
  for (const operation of operations) {
    for (const file of asArray(operation.summary.examples ?? [], 'examples')) files.add(String(file));
  }
  return [...files].sort();
}

function operationsUsing(operations: ExtractedOperation[], file: string): Json[] {
  return operations
    .filter((operation) => asArray(operation.summary.examples ?? [], 'examples').includes(file))
    .map((operation) => operation.name);
}

function exampleFileName(example: Json): string {
  const ref = asObject(example, 'x-ms-examples entry').$ref;
  if (typeof ref !== 'string') fail('an x-ms-examples entry has no $ref');
  return basename(ref);
}

// ---------------------------------------------------------------------------
// Schemas

/** Every definition the kept operations reach through `$ref` (plus the error envelopes), verbatim, in spec order. */
function reachableSchemas(spec: JsonObject, operations: ExtractedOperation[]): JsonObject {
  const definitions = asObject(spec.definitions, 'definitions');
  const wanted = new Set<string>();
  const visit = (value: Json | undefined): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/definitions/')) {
          const name = refName(inner, '#/definitions/');
          if (!wanted.has(name)) {
            wanted.add(name);
            visit(definitions[name]);
          }
        } else {
          visit(inner);
        }
      }
    }
  };
  for (const operation of operations) {
    visit(operation.raw.responses);
    for (const parameter of asArray(operation.raw.parameters ?? [], 'parameters')) {
      const ref = asObject(parameter, 'parameter').$ref;
      visit(
        typeof ref === 'string'
          ? asObject(spec.parameters, 'parameters')[refName(ref, '#/parameters/')]
          : (parameter as Json),
      );
    }
  }
  for (const root of EXTRA_SCHEMA_ROOTS) {
    if (definitions[root] !== undefined && !wanted.has(root)) {
      wanted.add(root);
      visit(definitions[root]);
    }
  }
  return Object.fromEntries(Object.entries(definitions).filter(([name]) => wanted.has(name)));
}

// ---------------------------------------------------------------------------
// Example checks: does each example response body match the schema it illustrates?

interface Problem {
  at: string;
  problem: string;
}

function checkExample(spec: JsonObject, operations: ExtractedOperation[], file: string, content: JsonObject): Json {
  const users = operations.filter((operation) => asArray(operation.summary.examples ?? [], 'examples').includes(file));
  const out: JsonObject = {};
  const responses = asObject(content.responses ?? {}, `${file} responses`);
  for (const operation of users) {
    const declared = asObject(operation.raw.responses, 'responses');
    const perStatus: JsonObject = {};
    for (const [status, response] of Object.entries(responses)) {
      const declaredResponse = declared[status] ?? declared.default;
      const body = asObject(response, `${file} responses.${status}`).body;
      if (declaredResponse === undefined) {
        perStatus[status] = [{ at: '', problem: 'status code not declared by the operation' }];
        continue;
      }
      const schema = asObject(declaredResponse, 'response').schema;
      if (schema === undefined) {
        perStatus[status] =
          body === undefined ? [] : [{ at: 'body', problem: 'operation declares no body for this status' }];
        continue;
      }
      const problems: Problem[] = [];
      if (body === undefined) problems.push({ at: 'body', problem: 'missing' });
      else checkValue(spec, schema, body, 'body', problems, 0);
      perStatus[status] = problems.map((problem) => ({ at: problem.at, problem: problem.problem }));
    }
    out[operation.name] = { parameters: checkExampleParameters(spec, operation, content), responses: perStatus };
  }
  return out;
}

/**
 * Example parameters the operation does not declare (by wire name, among its own,
 * host and security parameters), and declared ones whose example value has the
 * wrong JSON type.
 */
function checkExampleParameters(spec: JsonObject, operation: ExtractedOperation, content: JsonObject): Json[] {
  const declared = new Map<string, JsonObject>();
  for (const parameter of asArray(operation.summary.parameters, 'parameters')) {
    const value = asObject(parameter, 'parameter');
    declared.set(String(value.name), value);
  }
  const host = asObject(spec['x-ms-parameterized-host'] ?? {}, 'x-ms-parameterized-host');
  for (const parameter of asArray(host.parameters ?? [], 'host parameters')) {
    const value = asObject(parameter, 'host parameter');
    declared.set(String(value.name), value);
  }
  for (const definition of Object.values(asObject(spec.securityDefinitions ?? {}, 'securityDefinitions'))) {
    const value = asObject(definition, 'security definition');
    if (value.in === 'header')
      declared.set(String(value.name), { name: value.name ?? null, in: 'header', type: 'string' });
  }
  const problems: Json[] = [];
  for (const [name, value] of Object.entries(asObject(content.parameters ?? {}, 'example parameters'))) {
    const parameter = declared.get(name);
    if (!parameter) {
      problems.push({ parameter: name, problem: 'not a parameter of the operation' });
      continue;
    }
    const type = parameter.type;
    const matches =
      type === undefined ||
      (type === 'array' && Array.isArray(value)) ||
      (type === 'string' && typeof value === 'string') ||
      ((type === 'integer' || type === 'number') && typeof value === 'number') ||
      (type === 'boolean' && typeof value === 'boolean');
    if (!matches)
      problems.push({ parameter: name, problem: `declared ${String(type)}, example gives ${describeJson(value)}` });
  }
  return problems;
}

function checkValue(spec: JsonObject, schemaValue: Json, value: Json, at: string, problems: Problem[], depth: number) {
  if (depth > 12) return;
  const schema = resolveSchema(spec, schemaValue);
  const type = schema.type;
  if (type === 'object' || schema.properties !== undefined) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ at, problem: `expected an object, got ${describeJson(value)}` });
      return;
    }
    const properties = asObject(schema.properties ?? {}, 'properties');
    for (const name of asArray(schema.required ?? [], 'required')) {
      if (!(String(name) in value)) problems.push({ at, problem: `required property "${String(name)}" is absent` });
    }
    for (const [key, inner] of Object.entries(value)) {
      const propertySchema = properties[key];
      if (propertySchema === undefined) {
        problems.push({ at: `${at}.${key}`, problem: 'property not declared by the schema' });
      } else {
        checkValue(spec, propertySchema, inner, `${at}.${key}`, problems, depth + 1);
      }
    }
    return;
  }
  if (type === 'array') {
    if (!Array.isArray(value)) {
      problems.push({ at, problem: `expected an array, got ${describeJson(value)}` });
      return;
    }
    value.forEach((item, index) => {
      if (schema.items !== undefined) checkValue(spec, schema.items, item, `${at}[${index}]`, problems, depth + 1);
    });
    return;
  }
  if (type === 'string') {
    if (typeof value !== 'string') problems.push({ at, problem: `expected a string, got ${describeJson(value)}` });
    else if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
      problems.push({ at, problem: `"${value}" is not in the enum` });
    }
    return;
  }
  if (type === 'integer' || type === 'number') {
    if (typeof value !== 'number') problems.push({ at, problem: `expected a number, got ${describeJson(value)}` });
    else if (type === 'integer' && !Number.isInteger(value)) problems.push({ at, problem: 'expected an integer' });
    else {
      if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push({ at, problem: 'below minimum' });
      if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push({ at, problem: 'above maximum' });
    }
    return;
  }
  if (type === 'boolean' && typeof value !== 'boolean') {
    problems.push({ at, problem: `expected a boolean, got ${describeJson(value)}` });
  }
}

function resolveSchema(spec: JsonObject, schemaValue: Json): JsonObject {
  let schema = asObject(schemaValue, 'schema');
  for (let hops = 0; typeof schema.$ref === 'string' && hops < 10; hops++) {
    const name = refName(schema.$ref, '#/definitions/');
    schema = asObject(asObject(spec.definitions, 'definitions')[name], `definitions.${name}`);
  }
  return schema;
}

function describeJson(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

// ---------------------------------------------------------------------------
// Differences between two stored versions of one spec

function diffSpecs(
  primary: JsonObject,
  primaryOperations: ExtractedOperation[],
  other: JsonObject,
  otherOperations: ExtractedOperation[],
): Json[] {
  const differences: Json[] = [];
  const otherByName = new Map(otherOperations.map((operation) => [operation.name, operation]));
  for (const operation of primaryOperations) {
    const counterpart = otherByName.get(operation.name);
    if (!counterpart) {
      differences.push({ operation: operation.name, difference: 'absent from the other version' });
      continue;
    }
    const parameters = (summary: JsonObject) =>
      asArray(summary.parameters, 'parameters').map((parameter) => asObject(parameter, 'parameter'));
    const key = (parameter: JsonObject) => `${String(parameter.in)}:${String(parameter.name)}`;
    const mine = new Map(parameters(operation.summary).map((parameter) => [key(parameter), parameter]));
    const theirs = new Map(parameters(counterpart.summary).map((parameter) => [key(parameter), parameter]));
    for (const [name, parameter] of mine) {
      if (!theirs.has(name)) {
        differences.push({ operation: operation.name, parameter: name, primary: parameter, other: null });
      } else if (formatJson(parameter) !== formatJson(theirs.get(name) ?? null)) {
        differences.push({
          operation: operation.name,
          parameter: name,
          primary: parameter,
          other: theirs.get(name) ?? null,
        });
      }
    }
    for (const [name, parameter] of theirs) {
      if (!mine.has(name))
        differences.push({ operation: operation.name, parameter: name, primary: null, other: parameter });
    }
    const responses = (summary: JsonObject) => asObject(summary.responses, 'responses');
    const mineResponses = responses(operation.summary);
    const theirResponses = responses(counterpart.summary);
    for (const status of new Set([...Object.keys(mineResponses), ...Object.keys(theirResponses)])) {
      const a = mineResponses[status] ?? null;
      const b = theirResponses[status] ?? null;
      if (formatJson(a) !== formatJson(b)) {
        differences.push({ operation: operation.name, response: status, primary: a, other: b });
      }
    }
    for (const extension of ['x-ms-pageable', 'x-ms-long-running-operation', 'x-ms-long-running-operation-options']) {
      const a = operation.raw[extension] ?? null;
      const b = counterpart.raw[extension] ?? null;
      if (formatJson(a) !== formatJson(b)) {
        differences.push({ operation: operation.name, extension, primary: a, other: b });
      }
    }
  }
  const primarySchemas = reachableSchemas(primary, primaryOperations);
  const otherDefinitions = asObject(other.definitions, 'definitions');
  for (const [name, schema] of Object.entries(primarySchemas)) {
    const counterpart = otherDefinitions[name] ?? null;
    if (formatJson(schema) !== formatJson(counterpart)) {
      differences.push({ schema: name, primary: schema, other: counterpart });
    }
  }
  const hostA = primary['x-ms-parameterized-host'] ?? null;
  const hostB = other['x-ms-parameterized-host'] ?? null;
  if (formatJson(hostA) !== formatJson(hostB)) differences.push({ host: true, primary: hostA, other: hostB });
  return differences;
}

// ---------------------------------------------------------------------------
// Output: JSON laid out the way the repository's formatter (Biome) lays it out,
// so `biome check` accepts generated fixtures as they are: objects always
// expanded one member per line, arrays of scalars on one line when they fit
// in 120 columns, every other non-empty array one element per line.

const LINE_WIDTH = 120;

function formatJson(value: Json, indent = '', prefixLength = 0): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => item === null || typeof item !== 'object')) {
      const flat = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
      // prefixLength: what precedes the value on its line; +1 for a trailing comma.
      if (indent.length + prefixLength + flat.length + 1 <= LINE_WIDTH) return flat;
    }
    return `[\n${value.map((item) => `${inner}${formatJson(item, inner, 0)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries
    .map(([key, item]) => {
      const head = `${JSON.stringify(key)}: `;
      return `${inner}${head}${formatJson(item, inner, head.length)}`;
    })
    .join(',\n')}\n${indent}}`;
}

// ---------------------------------------------------------------------------
// Small helpers

function parseOtherSpecs(args: string[]): Array<[commit: string, file: string]> {
  const out: Array<[string, string]> = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const value = args[index + 1];
    if (arg !== '--other-spec' || value === undefined) fail(`unexpected argument ${String(arg)}`);
    const separator = value.indexOf('=');
    if (separator <= 0) fail(`--other-spec takes <commit>=<spec.json>, got ${value}`);
    out.push([value.slice(0, separator), value.slice(separator + 1)]);
    index++;
  }
  return out;
}

/** `other-versions/<commit>/<name>.json` files under the examples folder, sorted. */
function listOtherVersions(examplesDir: string): string[] {
  const root = join(examplesDir, 'other-versions');
  let commits: string[];
  try {
    commits = readdirSync(root).sort();
  } catch {
    return [];
  }
  return commits.flatMap((commit) =>
    readdirSync(join(root, commit))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => `other-versions/${commit}/${name}`),
  );
}

function fileSource(source: FileSource): JsonObject {
  const out: JsonObject = { path: source.path, commit: source.commit };
  if (source.note !== undefined) out.note = source.note;
  return out;
}

function copyIfPresent(from: JsonObject, to: JsonObject, keys: readonly string[]): void {
  for (const key of keys) {
    const value = from[key];
    if (value !== undefined) to[key] = value;
  }
}

function refName(ref: string, prefix: string): string {
  if (!ref.startsWith(prefix)) fail(`unsupported $ref ${ref}`);
  return ref.slice(prefix.length);
}

function readJson(file: string): JsonObject {
  return asObject(parseJsonText(readFileSync(file, 'utf8'), file), file);
}

function parseJsonText(text: string, what: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    fail(`${what} is not JSON: ${(error as Error).message}`);
  }
}

function asObject(value: Json | undefined, what: string): JsonObject {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    fail(`${what}: expected an object`);
  }
  return value;
}

function asArray(value: Json | undefined, what: string): Json[] {
  if (!Array.isArray(value)) fail(`${what}: expected an array`);
  return value;
}

function fail(message: string): never {
  process.stderr.write(`extract-azure: ${message}\n`);
  process.exit(2);
}

main(process.argv.slice(2));
