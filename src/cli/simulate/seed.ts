/**
 * The seed file of `docindex simulate --seed FILE`: documents per provider and
 * scope, each with the raw statuses it goes through. Checked in full before the
 * simulator starts; a mistake is one line naming the file and the place in it
 * (`kendra[0].documents[2].statuses[1]`).
 *
 * ```json
 * {
 *   "kendra": [{ "indexId": "0123abcd-0123-4abc-8123-0123456789ab", "documents": [
 *     { "id": "a.pdf", "statuses": ["PROCESSING", "INDEXED"] },
 *     { "id": "b.pdf", "statuses": ["PROCESSING", "FAILED"], "failure": { "code": "DocumentParseError", "message": "Encrypted" } }
 *   ] }],
 *   "naver": { "serviceId": "helpdesk", "documents": [{ "id": "faq.html", "statuses": ["INDEXING", "DONE"], "advance": 2000 }] }
 * }
 * ```
 */
import { readFile } from 'node:fs/promises';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { type KnownProviderName, PROVIDER_NAMES } from '../../providers/registry';
import { isDocumentIndexError } from '../../spec/errors';
import { UsageError } from '../exit';
import { PROVIDER_CLI } from '../providers/index';
import type { ResolvedSettings, SeedScope } from '../providers/types';

/** What a seed file holds, checked: every provider's scopes. */
export type Seed = Partial<Record<KnownProviderName, SeedScope[]>>;

const documentSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  statuses: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  advance: z.optional(z.union([z.literal('read'), z.int().check(z.positive())])),
  failure: z.optional(z.strictObject({ code: z.optional(z.string()), message: z.optional(z.string()) })),
});

function scopeSchema(fields: readonly string[]) {
  return z.array(
    z.strictObject({
      ...Object.fromEntries(fields.map((field) => [field, z.string()])),
      documents: z.array(documentSchema),
    }),
  );
}

const seedSchema = z.strictObject(
  Object.fromEntries(
    PROVIDER_NAMES.map((name) => [name, z.optional(scopeSchema(PROVIDER_CLI[name].simulator.scope))]),
  ) as Record<KnownProviderName, z.ZodMiniOptional<ReturnType<typeof scopeSchema>>>,
);

/** `kendra[0].documents[2].statuses` from a zod issue path. */
function place(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** A checked seed, and what could not be checked (a provider whose SDK is not installed). */
export interface CheckedSeed {
  readonly seed: Seed;
  readonly notes: readonly string[];
}

const ABORTED = AbortSignal.abort();

/**
 * Checks a parsed seed: its shape, that no scope and no id within a scope comes
 * twice, then each provider's own rules, taken from the adapter itself: the
 * factory checks the scope ids, a status call with an already-aborted signal
 * checks each document id (a call checks its input before it looks at the
 * signal, so it fails with `validation` or `aborted` and sends nothing), and the
 * status table lists the raw statuses. Throws a `UsageError` naming `file` and
 * the place in it.
 */
export async function checkSeed(value: unknown, file: string): Promise<CheckedSeed> {
  // A provider may hold one scope (an object) or several (an array); checked as an
  // array either way, and named as written (`naver.documents[0]`, `kendra[1].indexId`).
  const single = new Set<string>();
  const normalized =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value).map(([key, given]) => {
            if (typeof given !== 'object' || given === null || Array.isArray(given)) return [key, given];
            single.add(key);
            return [key, [given]];
          }),
        )
      : value;
  // zod/mini carries no messages of its own; the English ones load with the seed check only.
  z.config(en());
  const parsed = seedSchema.safeParse(normalized);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter((_key, i) => !(i === 1 && single.has(String(issue?.path[0]))));
    const where = path.length > 0 ? `${place(path)}: ` : '';
    // At the top, every key is a provider: a misspelt one is named as such, with the names it could be.
    if (issue?.code === 'unrecognized_keys' && path.length === 0) {
      const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
      throw new UsageError(`${file}: ${keys} is no provider (a seed's keys are ${PROVIDER_NAMES.join(', ')})`);
    }
    throw new UsageError(`${file}: ${where}${issue?.message ?? 'not a seed'}`);
  }
  const seed: Seed = {};
  const notes: string[] = [];
  for (const name of PROVIDER_NAMES) {
    const given = parsed.data[name];
    if (given === undefined) continue;
    const cli = PROVIDER_CLI[name];
    const statuses = await cli.simulator.statuses().catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      notes.push(`${name}: its SDK is not installed, so its part of ${file} was checked for shape only`);
      return undefined;
    });
    const scopes: SeedScope[] = [];
    for (const [s, entry] of (given as Array<Record<string, unknown>>).entries()) {
      const { documents, ...scope } = entry as { documents: SeedScope['documents'] } & Record<string, string>;
      const at = `${file}: ${single.has(name) ? name : `${name}[${s}]`}`;
      // The simulator keeps one set of documents per scope: a second entry would merge into the first.
      const fields = cli.simulator.scope;
      const same = scopes.findIndex((other) => fields.every((field) => other.scope[field] === scope[field]));
      if (same >= 0) {
        throw new UsageError(`${at}.${fields.at(-1)}: repeats the ${fields.join(' and ')} of ${name}[${same}]`);
      }
      const client =
        statuses && (await adapterCheck(at, () => cli.connect(placeholderSettings(name, { scope, documents }))));
      for (const [d, document] of documents.entries()) {
        const where = `${at}.documents[${d}]`;
        for (const [i, status] of document.statuses.entries()) {
          if (statuses && !statuses.includes(status)) {
            throw new UsageError(
              `${where}.statuses[${i}]: ${JSON.stringify(status)} is not a ${name} status (expected one of ${statuses.join(', ')})`,
            );
          }
        }
        // The simulator keeps one document per id: a second would silently replace the first.
        const first = documents.findIndex((other) => other.id === document.id);
        if (first < d) throw new UsageError(`${where}.id: repeats the id of documents[${first}]`);
        const problem = cli.simulator.checkDocument?.(document, documents.slice(0, d));
        if (problem) throw new UsageError(`${where}.${problem}`);
        if (client) {
          await adapterCheck(`${where}.id`, () => client.getStatuses([document.id], { signal: ABORTED }), 'aborted');
        }
      }
      scopes.push({ scope, documents });
    }
    seed[name] = scopes;
  }
  return { seed, notes };
}

/** Settings that reach the simulator for a scope: its ids, the pointer's flags and placeholder credentials. */
function placeholderSettings(name: KnownProviderName, seed: SeedScope): ResolvedSettings {
  const cli = PROVIDER_CLI[name];
  const url = 'http://127.0.0.1:1';
  const pointer = cli.simulator.point(url, seed);
  const endpoint = cli.settings.find((spec) => spec.endpoint)?.option ?? 'endpoint';
  return { values: { ...seed.scope, ...pointer.flags, [endpoint]: url }, secrets: pointer.credentials };
}

/**
 * Runs an adapter check; its `validation` error becomes a `UsageError` at `where`
 * (`...documents[2].id: ...`, or `...kendra.indexId: ...` with the error's field).
 * An error with the code `expected` is the check passing.
 */
async function adapterCheck<T>(where: string, check: () => Promise<T>, expected?: string): Promise<T | undefined> {
  try {
    return await check();
  } catch (error) {
    if (isDocumentIndexError(error) && error.code === expected) return undefined;
    if (!isDocumentIndexError(error) || error.code !== 'validation') throw error;
    const problem = error.message.replace(/^Invalid [^:]*:\s*/, '');
    const field = error.field && !/^refs\[/.test(error.field) ? `.${error.field}` : '';
    throw new UsageError(`${where}${field}: ${problem}`);
  }
}

/** Reads and checks a seed file. */
export async function loadSeed(path: string): Promise<CheckedSeed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not JSON (${(error as Error).message.split('\n')[0]})`);
  }
  return checkSeed(value, path);
}

/** The built-in sample: each provider's few documents. */
export function sampleSeed(): Seed {
  return Object.fromEntries(PROVIDER_NAMES.map((name) => [name, [PROVIDER_CLI[name].simulator.sample]]));
}
