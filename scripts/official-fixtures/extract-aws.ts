/**
 * Extracts, from an AWS Smithy JSON model, the facts docindex's Kendra and Bedrock
 * code is tested against, as the small JSON fixtures under `test/fixtures/official/aws/`.
 *
 *   npx tsx scripts/official-fixtures/extract-aws.ts <kendra|bedrock-agent> <model.json> \
 *     [--repo owner/name] [--path path/in/repo] [--commit sha] [--retrieved YYYY-MM-DD] \
 *     [--sdk @aws-sdk/client-...@version] > test/fixtures/official/aws/<service>.json
 *
 * The model is a Smithy JSON AST (2.0, or 1.0 with `smithy.api#enum`), e.g.
 * `codegen/sdk-codegen/aws-models/kendra.json` of aws/aws-sdk-js-v3 or
 * `models/kendra/service/2019-02-03/kendra-2019-02-03.json` of aws/api-models-aws.
 * The flags only fill the fixture's `source`: the script reads nothing but the model
 * file, uses no clock and no network, and prints the same bytes for the same input.
 *
 * What it keeps, starting from the operations of the service's config below and
 * following every member target recursively (except the `stopAt` shapes):
 * operations (HTTP binding, input/output members, errors, examples), enums (every
 * value), shapes (type, members, length/pattern/range and the other constraint
 * traits), errors (fault, HTTP status, members), a `constraints` summary of the ids
 * and limits the code validates, and from documentation only the short sentences and
 * list items that state a limit or a rule (see `documentationFacts`). Any trait it
 * does not map is named under `otherTraits`, so nothing disappears silently.
 *
 * The output is printed the way the repository's formatter (Biome, 2 spaces, width
 * 120) prints JSON, so a regenerated fixture is checked in as printed.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface SmithyMember {
  target: string;
  traits?: Record<string, Json>;
}
interface SmithyShape {
  type: string;
  members?: Record<string, SmithyMember>;
  member?: SmithyMember;
  key?: SmithyMember;
  value?: SmithyMember;
  input?: { target: string };
  output?: { target: string };
  errors?: Array<{ target: string }>;
  operations?: Array<{ target: string }>;
  resources?: Array<{ target: string }>;
  version?: string;
  traits?: Record<string, Json>;
}
interface SmithyModel {
  smithy?: string;
  shapes: Record<string, SmithyShape>;
}

/** What to extract for one service. */
interface ServiceConfig {
  /** The Smithy namespace of the service's shapes. */
  namespace: string;
  /** The operations docindex calls, in the order the fixture lists them. */
  operations: readonly string[];
  /** Shapes recorded but not followed (docindex never sends or reads what lies below them), with the reason. */
  stopAt: Readonly<Record<string, string>>;
  /**
   * Shapes, or `Shape$member` members, summarised under `constraints` with the
   * members that use them. A name the model does not have is listed as `null`.
   */
  constraints: readonly string[];
}

export const SERVICES: Readonly<Record<string, ServiceConfig>> = {
  kendra: {
    namespace: 'com.amazonaws.kendra',
    operations: ['BatchGetDocumentStatus', 'BatchDeleteDocument', 'BatchPutDocument'],
    stopAt: {
      CustomDocumentEnrichmentConfiguration:
        'BatchPutDocument input docindex never sends (inline enrichment rules and Lambda hooks)',
      HierarchicalPrincipalList: 'Document.HierarchicalAccessControlList: nested principal lists docindex never sends',
    },
    constraints: [
      'IndexId',
      'DocumentId',
      'DataSourceId',
      'DataSourceSyncJobId',
      'DataSourceSyncJobExecutionId',
      'RoleArn',
      'S3BucketName',
      'S3ObjectKey',
      'DocumentAttributeKey',
      'DocumentAttributeStringValue',
      'DocumentAttributeStringListValue',
      'Title',
      'Blob',
      'String',
      'ErrorMessage',
      'AccessControlConfigurationId',
      'DocumentIdList',
      'DocumentInfoList',
      'DocumentList',
    ],
  },
  'bedrock-agent': {
    namespace: 'com.amazonaws.bedrockagent',
    operations: [
      'GetKnowledgeBaseDocuments',
      'DeleteKnowledgeBaseDocuments',
      'ListKnowledgeBaseDocuments',
      'IngestKnowledgeBaseDocuments',
    ],
    stopAt: {
      DocumentAccessControlList: 'DocumentMetadata.accessControlList: access control entries docindex never sends',
    },
    constraints: [
      'Id',
      'ClientToken',
      'MaxResults',
      'NextToken',
      'ListKnowledgeBaseDocumentsResponse$nextToken',
      'DocumentIdentifiers',
      'KnowledgeBaseDocuments',
      'CustomDocumentIdentifier$id',
      'S3BucketUri',
      'S3ObjectUri',
      'BucketOwnerAccountId',
      'ByteContentDoc$mimeType',
      'ByteContentBlob',
      'Data',
      'DocumentMetadata$inlineAttributes',
      'Key',
      'StringValue',
      'MetadataAttributeValue$stringListValue',
      'NumberValue',
    ],
  },
};

const PRELUDE = 'smithy.api#';

/** Traits whose value is copied as is, under the key given. */
const COPIED_TRAITS: Readonly<Record<string, string>> = {
  'smithy.api#length': 'length',
  'smithy.api#pattern': 'pattern',
  'smithy.api#range': 'range',
  'smithy.api#default': 'default',
  'smithy.api#timestampFormat': 'timestampFormat',
  'smithy.api#mediaType': 'mediaType',
  'smithy.api#jsonName': 'jsonName',
  'smithy.api#httpQuery': 'httpQuery',
  'smithy.api#httpHeader': 'httpHeader',
  'smithy.api#error': 'fault',
  'smithy.api#httpError': 'httpError',
  'smithy.api#paginated': 'paginated',
  'smithy.api#deprecated': 'deprecated',
};
/** Marker traits, written as `true`. */
const FLAG_TRAITS: Readonly<Record<string, string>> = {
  'smithy.api#required': 'required',
  'smithy.api#sensitive': 'sensitive',
  'smithy.api#idempotencyToken': 'idempotencyToken',
  'smithy.api#httpLabel': 'httpLabel',
  'smithy.api#httpPayload': 'httpPayload',
  'smithy.api#httpResponseCode': 'httpResponseCode',
  'smithy.api#streaming': 'streaming',
  'smithy.api#idempotent': 'idempotent',
  'smithy.api#readonly': 'readonly',
  'smithy.api#retryable': 'retryable',
  'smithy.api#clientOptional': 'clientOptional',
};
/** Traits handled elsewhere, or of no use to a wire test. */
const SKIPPED_TRAITS: ReadonlySet<string> = new Set([
  'smithy.api#documentation',
  'smithy.api#enumValue',
  'smithy.api#enum',
  'smithy.api#http',
  'smithy.api#examples',
  'smithy.api#input',
  'smithy.api#output',
  'smithy.api#tags',
]);

/** Sentences of documentation worth keeping: they state a number, a limit or a rule (a digit inside a name such as `S3` does not count). */
const FACT_PATTERN =
  /(?<![A-Za-z0-9])\d|\b(?:maximum|minimum|at most|at least|up to|no more than|limits?|must|only|cannot|can't|if|when|ignores?|ignored|supported|possible|defaults?|together)\b/i;

/** The type of a prelude shape, e.g. `smithy.api#String` is a string, `smithy.api#PrimitiveLong` a long. */
function preludeType(target: string): string {
  return target
    .slice(PRELUDE.length)
    .replace(/^Primitive/, '')
    .toLowerCase();
}

function fail(message: string): never {
  process.stderr.write(`extract-aws: ${message}\n`);
  process.exit(2);
}

/** Text of an HTML documentation string: entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:)])/g, '$1')
    .replace(/\( /g, '(')
    .trim();
}

/**
 * The facts a documentation string states: every list item (lists in these
 * models enumerate limits, accepted values or statuses), then every sentence
 * outside the lists that matches `FACT_PATTERN`. Short by construction: sentences
 * and items, never whole paragraphs.
 */
export function documentationFacts(html: string | undefined): string[] {
  if (!html) return [];
  const facts: string[] = [];
  const items: string[] = [];
  const outside = html.replace(/<li>([\s\S]*?)<\/li>/g, (_match, item: string) => {
    items.push(plainText(item));
    return ' ';
  });
  for (const sentence of plainText(outside.replace(/<\/?(?:ul|ol)>/g, ' ')).split(/(?<=[.!?:])\s+(?=[A-Z"'(])/)) {
    if (sentence !== '' && FACT_PATTERN.test(sentence)) facts.push(sentence);
  }
  for (const item of items) if (item !== '') facts.push(item);
  return facts;
}

class Extractor {
  private readonly shapes: Record<string, SmithyShape>;
  private readonly prefix: string;
  private readonly reached = new Set<string>();
  private readonly prelude = new Set<string>();
  private readonly usedBy = new Map<string, string[]>();

  private readonly modelVersion: string | null;

  constructor(
    model: SmithyModel,
    private readonly config: ServiceConfig,
  ) {
    this.shapes = model.shapes;
    this.modelVersion = model.smithy ?? null;
    this.prefix = `${config.namespace}#`;
  }

  private id(name: string): string {
    return name.includes('#') ? name : this.prefix + name;
  }

  /** A target as the fixture names it: the bare name in the service namespace, the full id otherwise. */
  private short(target: string): string {
    return target.startsWith(this.prefix) ? target.slice(this.prefix.length) : target;
  }

  private shape(name: string): SmithyShape {
    const shape = this.shapes[this.id(name)];
    if (!shape) fail(`the model has no shape ${this.id(name)}`);
    return shape;
  }

  private enumValues(shape: SmithyShape): Json[] | undefined {
    if (shape.type === 'enum' || shape.type === 'intEnum') {
      return Object.entries(shape.members ?? {}).map(
        ([name, member]) => member.traits?.['smithy.api#enumValue'] ?? name,
      );
    }
    const legacy = shape.traits?.['smithy.api#enum'];
    if (shape.type === 'string' && Array.isArray(legacy)) {
      return legacy.map((entry) => (entry as JsonObject).value ?? null);
    }
    return undefined;
  }

  /** Follows a target from `from` (a `Shape$member` id), recording who uses it. */
  private visit(target: string, from: string | undefined, queue: string[]): void {
    if (target.startsWith(PRELUDE)) {
      this.prelude.add(target);
    } else {
      queue.push(target);
    }
    if (from !== undefined) {
      const users = this.usedBy.get(target) ?? [];
      users.push(from);
      this.usedBy.set(target, users);
    }
  }

  /** Every shape the operations reach, in the order found; stops at `stopAt` shapes. */
  private walk(roots: readonly string[]): void {
    const queue = [...roots];
    while (queue.length > 0) {
      const target = queue.shift() as string;
      if (this.reached.has(target)) continue;
      this.reached.add(target);
      const shape = this.shapes[target];
      if (!shape) fail(`the model has no shape ${target}`);
      if (this.short(target) in this.config.stopAt || this.enumValues(shape)) continue;
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        this.visit(member.target, `${this.short(target)}$${name}`, queue);
      }
      for (const [name, member] of [
        ['member', shape.member],
        ['key', shape.key],
        ['value', shape.value],
      ] as const) {
        if (member) this.visit(member.target, `${this.short(target)}$${name}`, queue);
      }
    }
  }

  /** The traits of a shape or member in the fixture's vocabulary. */
  private traits(traits: Record<string, Json> | undefined): JsonObject {
    const result: JsonObject = {};
    const other: string[] = [];
    for (const [name, value] of Object.entries(traits ?? {})) {
      const copied = COPIED_TRAITS[name];
      const flag = FLAG_TRAITS[name];
      if (copied !== undefined) result[copied] = value;
      else if (flag !== undefined) result[flag] = true;
      else if (!SKIPPED_TRAITS.has(name)) other.push(name);
    }
    const facts = documentationFacts(traits?.['smithy.api#documentation'] as string | undefined);
    if (facts.length > 0) result.documentation = facts;
    if (other.length > 0) result.otherTraits = other.sort();
    return result;
  }

  private member(member: SmithyMember): JsonObject {
    return { target: this.short(member.target), ...this.traits(member.traits) };
  }

  private members(shape: SmithyShape): JsonObject {
    const result: JsonObject = {};
    for (const [name, member] of Object.entries(shape.members ?? {})) result[name] = this.member(member);
    return result;
  }

  private required(shape: SmithyShape): string[] {
    return Object.entries(shape.members ?? {})
      .filter(([, member]) => member.traits?.['smithy.api#required'] !== undefined)
      .map(([name]) => name);
  }

  private structure(name: string): JsonObject {
    const shape = this.shape(name);
    const entry: JsonObject = { shape: this.short(this.id(name)), members: this.members(shape) };
    const required = this.required(shape);
    if (required.length > 0) entry.required = required;
    return entry;
  }

  private describeShape(name: string, shape: SmithyShape): JsonObject {
    const { documentation, ...traits } = this.traits(shape.traits);
    const entry: JsonObject = { type: shape.type, ...traits };
    if (shape.type === 'structure' || shape.type === 'union') {
      entry.members = this.members(shape);
      const required = this.required(shape);
      if (required.length > 0) entry.required = required;
    }
    if (shape.member) entry.member = this.member(shape.member);
    if (shape.key) entry.key = this.member(shape.key);
    if (shape.value) entry.value = this.member(shape.value);
    if (documentation !== undefined) entry.documentation = documentation;
    const stop = this.config.stopAt[name];
    if (stop !== undefined) entry.notFollowed = stop;
    return entry;
  }

  private service(): [string, SmithyShape] {
    const services = Object.entries(this.shapes).filter(
      ([id, shape]) => shape.type === 'service' && id.startsWith(this.prefix),
    );
    if (services.length !== 1) fail(`expected one service shape in ${this.config.namespace}, found ${services.length}`);
    return services[0] as [string, SmithyShape];
  }

  run(source: JsonObject): JsonObject {
    const [serviceId, service] = this.service();
    const traits = service.traits ?? {};
    const protocol = ['aws.protocols#awsJson1_0', 'aws.protocols#awsJson1_1', 'aws.protocols#restJson1'].find(
      (name) => name in traits,
    );
    const serviceEntry: JsonObject = {
      shape: this.short(serviceId),
      version: service.version ?? null,
      protocol: protocol?.slice('aws.protocols#'.length) ?? null,
      sigv4SigningName: ((traits['aws.auth#sigv4'] as JsonObject | undefined)?.name as string | undefined) ?? null,
      endpointPrefix:
        ((traits['aws.api#service'] as JsonObject | undefined)?.endpointPrefix as string | undefined) ?? null,
      sdkId: ((traits['aws.api#service'] as JsonObject | undefined)?.sdkId as string | undefined) ?? null,
    };

    const operations: JsonObject = {};
    const examples: JsonObject = {};
    const errorUsers = new Map<string, string[]>();
    const roots: string[] = [];
    const ioShapes = new Set<string>();
    for (const name of this.config.operations) {
      const operation = this.shape(name);
      if (operation.type !== 'operation') fail(`${name} is not an operation`);
      const input = operation.input?.target;
      const output = operation.output?.target;
      const entry: JsonObject = {};
      const opTraits = operation.traits ?? {};
      const http = opTraits['smithy.api#http'] as JsonObject | undefined;
      if (http) entry.http = { method: http.method ?? null, uri: http.uri ?? null, code: http.code ?? 200 };
      if (protocol === 'aws.protocols#awsJson1_0' || protocol === 'aws.protocols#awsJson1_1') {
        entry.xAmzTarget = `${this.short(serviceId)}.${name}`;
      }
      Object.assign(entry, this.traits(opTraits));
      entry.input = input && !input.startsWith(PRELUDE) ? this.structure(input) : (input ?? null);
      entry.output = output && !output.startsWith(PRELUDE) ? this.structure(output) : (output ?? null);
      entry.errors = (operation.errors ?? []).map((error) => this.short(error.target));
      examples[name] = opTraits['smithy.api#examples'] ?? [];
      operations[name] = entry;
      for (const io of [input, output]) {
        if (io && !io.startsWith(PRELUDE)) {
          ioShapes.add(io);
          roots.push(io);
        }
      }
      for (const error of operation.errors ?? []) {
        const users = errorUsers.get(error.target) ?? [];
        users.push(name);
        errorUsers.set(error.target, users);
        roots.push(error.target);
      }
    }
    this.walk(roots);

    const errors: JsonObject = {};
    for (const id of [...errorUsers.keys()].sort()) {
      const shape = this.shapes[id] as SmithyShape;
      const { documentation, fault, httpError, ...rest } = this.traits(shape.traits);
      const entry: JsonObject = { fault: fault ?? null, httpError: httpError ?? null, ...rest };
      entry.members = this.members(shape);
      if (documentation !== undefined) entry.documentation = documentation;
      entry.operations = errorUsers.get(id) ?? [];
      errors[this.short(id)] = entry;
    }

    const enums: JsonObject = {};
    const shapes: JsonObject = {};
    for (const id of [...this.reached].sort()) {
      if (ioShapes.has(id) || errorUsers.has(id)) continue;
      const shape = this.shapes[id] as SmithyShape;
      const values = this.enumValues(shape);
      if (values) enums[this.short(id)] = values;
      else shapes[this.short(id)] = this.describeShape(this.short(id), shape);
    }

    const constraints: JsonObject = {};
    for (const name of this.config.constraints) constraints[name] = this.constraint(name);

    const stoppedAt: JsonObject = {};
    for (const [name, reason] of Object.entries(this.config.stopAt)) {
      if (this.reached.has(this.id(name))) stoppedAt[name] = reason;
    }

    return {
      $comment:
        'Generated by scripts/official-fixtures/extract-aws.ts from the Smithy model named in `source`; regenerate, do not edit. See README.md.',
      source,
      semantics: [
        'length: characters (Unicode code points) of a string, bytes of a blob, entries of a list or map (Smithy length trait).',
        'pattern: an ECMA-262 regular expression; Smithy does not anchor it, so an unanchored pattern may match part of a value.',
        'A member without `required` may be absent; `documentation` keeps only sentences and list items that state a limit or a rule.',
        'examples: the smithy.api#examples trait of each operation, verbatim; an empty list where the model has none.',
      ],
      smithy: this.modelVersion,
      service: serviceEntry,
      operations,
      errors,
      enums,
      shapes,
      constraints,
      examples,
      stoppedAt,
      prelude: [...this.prelude].sort(),
    };
  }

  private constraint(name: string): Json {
    const [shapeName, memberName] = name.split('$') as [string, string | undefined];
    const id = this.id(shapeName);
    const shape = this.shapes[id];
    if (!shape) return null;
    if (memberName === undefined) {
      if (!this.reached.has(id)) return null;
      const { documentation: _documentation, ...traits } = this.traits(shape.traits);
      return { type: shape.type, ...traits, usedBy: [...new Set(this.usedBy.get(id) ?? [])].sort() };
    }
    const member = shape.members?.[memberName];
    if (!member) return null;
    const target = this.shapes[member.target];
    const { documentation: _targetDoc, ...targetTraits } = this.traits(target?.traits);
    const { documentation: _memberDoc, ...memberTraits } = this.traits(member.traits);
    return {
      target: this.short(member.target),
      type: target?.type ?? preludeType(member.target),
      ...targetTraits,
      ...memberTraits,
    };
  }
}

/** JSON printed as Biome prints it (objects expanded, arrays of scalars on one line when they fit in 120 columns). */
export function printJson(value: Json, width = 120): string {
  const print = (node: Json, indent: string, prefix: string, suffix: string): string => {
    if (node === null || typeof node !== 'object') return `${indent}${prefix}${JSON.stringify(node)}${suffix}`;
    const inner = `${indent}  `;
    if (Array.isArray(node)) {
      if (node.length === 0) return `${indent}${prefix}[]${suffix}`;
      if (node.every((item) => item === null || typeof item !== 'object')) {
        const flat = `${indent}${prefix}[${node.map((item) => JSON.stringify(item)).join(', ')}]${suffix}`;
        if (flat.length <= width) return flat;
      }
      const lines = node.map((item, i) => print(item, inner, '', i < node.length - 1 ? ',' : ''));
      return `${indent}${prefix}[\n${lines.join('\n')}\n${indent}]${suffix}`;
    }
    const entries = Object.entries(node);
    if (entries.length === 0) return `${indent}${prefix}{}${suffix}`;
    const lines = entries.map(([key, item], i) =>
      print(item, inner, `${JSON.stringify(key)}: `, i < entries.length - 1 ? ',' : ''),
    );
    return `${indent}${prefix}{\n${lines.join('\n')}\n${indent}}${suffix}`;
  };
  return `${print(value, '', '', '')}\n`;
}

function parseArguments(argv: readonly string[]): { service: string; file: string; source: JsonObject } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] as string;
    if (argument.startsWith('--')) {
      const value = argv[i + 1];
      if (value === undefined) fail(`${argument} needs a value`);
      flags[argument.slice(2)] = value;
      i++;
    } else {
      positional.push(argument);
    }
  }
  const [service, file] = positional;
  if (service === undefined || file === undefined || positional.length > 2) {
    fail(
      `usage: extract-aws.ts <${Object.keys(SERVICES).join('|')}> <model.json> [--repo R] [--path P] [--commit C] [--retrieved D] [--sdk S]`,
    );
  }
  for (const flag of Object.keys(flags)) {
    if (!['repo', 'path', 'commit', 'retrieved', 'sdk'].includes(flag)) fail(`unknown flag --${flag}`);
  }
  const source: JsonObject = {
    repo: flags.repo ?? null,
    path: flags.path ?? null,
    commit: flags.commit ?? null,
    retrieved: flags.retrieved ?? null,
    sdkCrossChecked: flags.sdk ?? null,
  };
  return { service, file, source };
}

function main(): void {
  const { service, file, source } = parseArguments(process.argv.slice(2));
  const config = SERVICES[service];
  if (!config) fail(`unknown service ${service}; expected one of ${Object.keys(SERVICES).join(', ')}`);
  let model: SmithyModel;
  try {
    model = JSON.parse(readFileSync(file, 'utf8')) as SmithyModel;
  } catch (error) {
    fail(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (typeof model.shapes !== 'object' || model.shapes === null) fail(`${file} is not a Smithy JSON model`);
  process.stdout.write(printJson(new Extractor(model, config).run(source)));
}

// Run only as a script, so that a test may import `documentationFacts` or `printJson`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
