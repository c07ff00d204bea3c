/**
 * NAVER Cloud RAG publishes no schema, only reference pages: a table of response
 * fields (name, type) and one example per route (`test/fixtures/official/naver/`).
 * This holds a body to both: every field it carries is in the page's table with
 * the page's type, and it carries every field the page's example carries.
 */
import type { NaverPage } from './fixtures';
import type { ShapeProblem } from './smithy';

type Field = NonNullable<NaverPage['response']>['fields'][number];

/** The step names of `data.step`, where the table writes `{stepName}`. */
const PLACEHOLDER = /\{[A-Za-z]+\}/g;

/** Every way `body` departs from the page's documented fields and example. */
export function checkNaverBody(page: NaverPage, body: unknown): ShapeProblem[] {
  const fields = page.response?.fields ?? [];
  const problems: ShapeProblem[] = [];
  const ours = paths(body);
  for (const [path, value] of ours) {
    const field = fieldOf(fields, path);
    if (!field) {
      if (!isListedKey(fields, path) && !underFreeObject(fields, path)) {
        problems.push({ at: path, problem: 'not a documented field' });
      }
      continue;
    }
    const problem = typeProblem(field, value);
    if (problem) problems.push({ at: path, problem });
  }
  const example = page.examples?.response?.body;
  const required = new Set([...paths(example).keys()].filter((path) => fieldOf(fields, path)).map(generalize));
  const present = new Set([...ours.keys()].map(generalize));
  for (const path of required) {
    // A step-level field is required of the steps the body has, not of steps it does not.
    if (path.includes('{') && ![...present].some((other) => other.startsWith(path.slice(0, path.indexOf('{')))))
      continue;
    if (!present.has(path)) problems.push({ at: path, problem: 'in the example but absent' });
  }
  return problems;
}

/** Every path of a JSON value (objects walked, arrays and scalars as leaves), with its value. */
function paths(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return into;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    into.set(path, child);
    paths(child, path, into);
  }
  return into;
}

function fieldOf(fields: readonly Field[], path: string): Field | undefined {
  return fields.find((field) => matches(field, path));
}

function matches(field: Field, path: string): boolean {
  const pattern = new RegExp(`^${field.name.replace(/\./g, '\\.').replace(PLACEHOLDER, '[^.]+')}$`);
  return pattern.test(path);
}

/** Whether `path` is one of the keys its parent's row lists (`data.step`: EXTRACT CHUNK EMBED INDEX DONE DELETE). */
function isListedKey(fields: readonly Field[], path: string): boolean {
  const at = path.lastIndexOf('.');
  return at > 0 && (fieldOf(fields, path.slice(0, at))?.keys?.includes(path.slice(at + 1)) ?? false);
}

/** Whether a documented ancestor of `path` is an Object with no documented members (free form, e.g. `info`). */
function underFreeObject(fields: readonly Field[], path: string): boolean {
  const parts = path.split('.');
  for (let end = parts.length - 1; end > 0; end--) {
    const ancestor = parts.slice(0, end).join('.');
    const field = fieldOf(fields, ancestor);
    if (!field) continue;
    const prefix = `${field.name}.`;
    return field.type === 'Object' && !fields.some((other) => other.name.startsWith(prefix)) && !field.keys;
  }
  return false;
}

/** `data.step.EXTRACT.isFailed` as `data.step.{stepName}.isFailed`. */
function generalize(path: string): string {
  return path.replace(/^data\.step\.[^.]+/, 'data.step.{stepName}');
}

function typeProblem(field: Field, value: unknown): string | undefined {
  switch (field.type) {
    case 'Integer':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : 'expected an Integer (a JSON number)';
    case 'String':
      if (typeof value !== 'string') return 'expected a String';
      return field.values && !field.values.includes(value) ? `not one of ${field.values.join(', ')}` : undefined;
    case 'Boolean':
      return typeof value === 'boolean' ? undefined : 'expected a Boolean';
    case 'Array':
      // The delete page's example carries `inserted: null` ("always null").
      return Array.isArray(value) || value === null ? undefined : 'expected an Array';
    case 'Object':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected an Object';
      if (field.keys) {
        const unknown = Object.keys(value).filter((key) => !field.keys?.includes(key));
        return unknown.length > 0 ? `keys not documented: ${unknown.join(', ')}` : undefined;
      }
      return undefined;
    default:
      return `the page's type ${field.type} is not known to this check`;
  }
}

/**
 * The envelope of an error answer. No page shows one; both envelopes' pages type
 * `code` / `status.code` Integer and `message` / `status.message` String.
 */
export function checkNaverErrorEnvelope(body: unknown): ShapeProblem[] {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const envelope = 'status' in record ? (record.status as Record<string, unknown>) : record;
  const problems: ShapeProblem[] = [];
  if (typeof envelope?.code !== 'number' || !Number.isInteger(envelope.code)) {
    problems.push({ at: 'code', problem: 'expected an Integer' });
  }
  if (typeof envelope?.message !== 'string') problems.push({ at: 'message', problem: 'expected a String' });
  return problems;
}
