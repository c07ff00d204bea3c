/**
 * A small validator of JSON bodies against the OpenAPI 2.0 definitions of an
 * Azure fixture (`test/fixtures/official/azure/*.json`): objects (declared
 * properties only, required ones present), arrays, strings (enum, `date-time`,
 * `uuid`), integers and numbers (with their bounds), booleans; and the check of
 * one answer against the responses its operation declares.
 */
import type { OpenApiFixture, OpenApiSchema } from './fixtures';
import type { ShapeProblem } from './smithy';

/** Checks `value` against a definition (by name) or an inline schema. */
export function checkSchema(
  fixture: OpenApiFixture,
  schema: string | OpenApiSchema,
  value: unknown,
  at = 'body',
): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  walk(fixture, typeof schema === 'string' ? definition(fixture, schema) : schema, value, at, problems);
  return problems;
}

function definition(fixture: OpenApiFixture, name: string): OpenApiSchema {
  const found = fixture.schemas[name];
  if (!found) throw new Error(`${fixture.apiVersion}: no definition ${name}`);
  return found;
}

function walk(
  fixture: OpenApiFixture,
  schema: OpenApiSchema,
  value: unknown,
  at: string,
  problems: ShapeProblem[],
): void {
  if (schema.$ref) {
    walk(fixture, definition(fixture, schema.$ref.replace('#/definitions/', '')), value, at, problems);
    return;
  }
  const fail = (problem: string) => problems.push({ at, problem });
  if (schema.enum && !schema.enum.includes(value as string)) fail(`not one of ${schema.enum.join(', ')}`);
  switch (schema.type ?? (schema.properties ? 'object' : undefined)) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return void fail('expected an object');
      const record = value as Record<string, unknown>;
      for (const name of schema.required ?? []) {
        if (record[name] === undefined) problems.push({ at: `${at}.${name}`, problem: 'required property is absent' });
      }
      for (const [name, property] of Object.entries(record)) {
        const declared = schema.properties?.[name];
        if (!declared) problems.push({ at: `${at}.${name}`, problem: 'property not declared by the schema' });
        else if (property !== undefined) walk(fixture, declared, property, `${at}.${name}`, problems);
      }
      return;
    }
    case 'array':
      if (!Array.isArray(value)) return void fail('expected an array');
      value.forEach((item, i) => {
        if (schema.items) walk(fixture, schema.items, item, `${at}[${i}]`, problems);
      });
      return;
    case 'string':
      if (typeof value !== 'string') return void fail('expected a string');
      if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) fail('not a date-time');
      if (schema.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
        fail('not a uuid');
      }
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return void fail('expected an integer');
      checkBounds(schema, value, at, problems);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return void fail('expected a number');
      checkBounds(schema, value, at, problems);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('expected a boolean');
      return;
    default:
      return;
  }
}

function checkBounds(schema: OpenApiSchema, value: number, at: string, problems: ShapeProblem[]): void {
  if (schema.minimum !== undefined && value < schema.minimum) problems.push({ at, problem: `below ${schema.minimum}` });
  if (schema.maximum !== undefined && value > schema.maximum) problems.push({ at, problem: `above ${schema.maximum}` });
}

/** One answer of an Azure operation. */
export interface AzureAnswer {
  operation: string;
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * Every way `answer` departs from what its operation declares: a status it does
 * not declare (v1.1 lists its error statuses; 2024-05-01 has only `default`), a
 * body off the declared schema, a declared header missing (2024-05-01's
 * `x-ms-error-code` on errors; v1.1's `ETag` on status 200s, also in every
 * example; `Retry-After` is declared too but sent only when asked).
 */
export function checkAzureAnswer(fixture: OpenApiFixture, answer: AzureAnswer): ShapeProblem[] {
  const operation = fixture.operations[answer.operation];
  if (!operation) return [{ at: 'operation', problem: `the spec has no operation ${answer.operation}` }];
  const declared = operation.responses[String(answer.status)] ?? operation.responses.default;
  if (!declared) return [{ at: 'status', problem: `${answer.status} is not declared by ${answer.operation}` }];
  const problems: ShapeProblem[] = [];
  if (!(answer.headers.get('content-type') ?? '').startsWith('application/json')) {
    problems.push({ at: 'content-type', problem: 'expected application/json' });
  }
  for (const name of Object.keys(declared.headers ?? {})) {
    if (name.toLowerCase() === 'retry-after') continue;
    if (!answer.headers.has(name)) problems.push({ at: `header ${name}`, problem: 'declared but absent' });
  }
  if (declared.schema) problems.push(...checkSchema(fixture, declared.schema, answer.body));
  return problems;
}
