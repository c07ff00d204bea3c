/**
 * A small validator of JSON bodies against the Smithy shapes of an AWS fixture
 * (`test/fixtures/official/aws/*.json`): structures (members, required, no
 * undeclared member), lists and maps (length in entries), strings (length in
 * code points, pattern), enums, numbers (range), booleans, blobs (base64, length
 * in decoded bytes) and timestamps in the protocol's JSON form. A `length` or
 * `pattern` on a member is checked besides the one on the shape it targets (the
 * two models never set both on one value). It is what the simulators' answers
 * and the adapters' requests are held to.
 */
import type { SmithyFixture, SmithyMember, SmithyShape, SmithyStructure } from './fixtures';

/** One place where a value departs from the model. */
export interface ShapeProblem {
  at: string;
  problem: string;
}

/** Checks `value` against a shape name (or an operation's inline input/output structure). */
export function checkShape(
  model: SmithyFixture,
  target: string | SmithyStructure,
  value: unknown,
  at = 'body',
): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  if (typeof target === 'string') checkTarget(model, target, value, at, problems);
  else checkStructure(model, target.members, target.required ?? [], value, at, problems);
  return problems;
}

function checkTarget(model: SmithyFixture, target: string, value: unknown, at: string, problems: ShapeProblem[]): void {
  const fail = (problem: string) => problems.push({ at, problem });
  if (target === 'smithy.api#String') {
    if (typeof value !== 'string') fail('expected a string');
    return;
  }
  if (target === 'smithy.api#Boolean') {
    if (typeof value !== 'boolean') fail('expected a boolean');
    return;
  }
  const values = model.enums[target];
  if (values) {
    if (typeof value !== 'string' || !values.includes(value)) fail(`expected one of the enum ${target}`);
    return;
  }
  // Shapes the extractor recorded but did not follow (nothing docindex reads lies below them).
  if (target in model.stoppedAt) return;
  const shape = model.shapes[target];
  if (!shape) {
    fail(`the model has no shape ${target}`);
    return;
  }
  checkShapeValue(model, shape, value, at, problems);
}

function checkShapeValue(
  model: SmithyFixture,
  shape: SmithyShape,
  value: unknown,
  at: string,
  problems: ShapeProblem[],
): void {
  const fail = (problem: string) => problems.push({ at, problem });
  switch (shape.type) {
    case 'structure':
      checkStructure(model, shape.members ?? {}, shape.required ?? [], value, at, problems);
      return;
    case 'list':
      if (!Array.isArray(value)) return void fail('expected a list');
      checkLength(shape, value.length, 'entries', at, problems);
      value.forEach((item, i) => {
        checkTarget(model, shape.member?.target ?? '', item, `${at}[${i}]`, problems);
      });
      return;
    case 'map': {
      if (!isRecord(value)) return void fail('expected a map (a JSON object)');
      const { key, value: entry } = shape as MapShape;
      const entries = Object.entries(value);
      checkLength(shape, entries.length, 'entries', at, problems);
      for (const [name, item] of entries) {
        checkTarget(model, key?.target ?? 'smithy.api#String', name, `${at}{${name}}`, problems);
        if (item === null) problems.push({ at: `${at}.${name}`, problem: 'null in a map (no sparse trait)' });
        else checkTarget(model, entry?.target ?? '', item, `${at}.${name}`, problems);
      }
      return;
    }
    case 'string':
      if (typeof value !== 'string') return void fail('expected a string');
      checkString(shape, value, at, problems);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return void fail('expected an integer');
      checkRange(shape, value, at, problems);
      return;
    case 'float':
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) return void fail('expected a number');
      checkRange(shape, value, at, problems);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('expected a boolean');
      return;
    case 'blob':
      // JSON protocols send blobs base64 encoded; a blob's length counts its bytes.
      if (!isBase64(value)) return void fail('expected base64 text');
      checkLength(shape, base64Bytes(value), 'bytes', at, problems);
      return;
    case 'timestamp':
      checkTimestamp(shape, value, at, problems);
      return;
    default:
      fail(`the validator does not know shape type ${shape.type}`);
  }
}

function checkStructure(
  model: SmithyFixture,
  members: Record<string, SmithyMember>,
  required: readonly string[],
  value: unknown,
  at: string,
  problems: ShapeProblem[],
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ at, problem: 'expected a structure (a JSON object)' });
    return;
  }
  const record = value as Record<string, unknown>;
  for (const name of required) {
    if (record[name] === undefined) problems.push({ at: `${at}.${name}`, problem: 'required member is absent' });
  }
  for (const [name, member] of Object.entries(record)) {
    const declared = members[name];
    if (!declared) {
      problems.push({ at: `${at}.${name}`, problem: 'not a member of the structure' });
      continue;
    }
    // A JSON null is an absent member for every AWS JSON protocol; the simulators should not send one.
    if (member === null) {
      problems.push({ at: `${at}.${name}`, problem: 'null instead of an absent member' });
      continue;
    }
    const memberAt = `${at}.${name}`;
    checkTarget(model, declared.target, member, memberAt, problems);
    checkMemberTraits(model, declared, member, memberAt, problems);
  }
}

/**
 * The member's own `length` and `pattern`, measured as the targeted shape's type
 * says (code points of a string, entries of a list or map, bytes of a blob). A
 * value of the wrong type was reported by `checkTarget` and is not measured.
 */
function checkMemberTraits(
  model: SmithyFixture,
  member: SmithyMember,
  value: unknown,
  at: string,
  problems: ShapeProblem[],
): void {
  if (member.length === undefined && member.pattern === undefined) return;
  const type = targetType(model, member.target);
  if ((type === 'string' || type === 'enum') && typeof value === 'string') checkString(member, value, at, problems);
  else if (type === 'list' && Array.isArray(value)) checkLength(member, value.length, 'entries', at, problems);
  else if (type === 'map' && isRecord(value)) checkLength(member, Object.keys(value).length, 'entries', at, problems);
  else if (type === 'blob' && isBase64(value)) checkLength(member, base64Bytes(value), 'bytes', at, problems);
}

/** The Smithy type of a target: a prelude shape, an enum, or a shape of the fixture. */
function targetType(model: SmithyFixture, target: string): string | undefined {
  if (target.startsWith('smithy.api#')) return target.slice('smithy.api#'.length).toLowerCase();
  if (model.enums[target]) return 'enum';
  return model.shapes[target]?.type;
}

/** A map shape as the extractor writes it (`key` and `value` members besides the fixture type's fields). */
type MapShape = SmithyShape & { key?: { target: string }; value?: { target: string } };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBase64(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}

/** How many bytes base64 text decodes to (6 bits a character, padding left out). */
function base64Bytes(text: string): number {
  return Math.floor((text.replace(/=+$/, '').length * 6) / 8);
}

function checkString(
  constraints: { length?: { min?: number; max?: number }; pattern?: string },
  value: string,
  at: string,
  problems: ShapeProblem[],
): void {
  checkLength(constraints, [...value].length, 'characters', at, problems);
  if (constraints.pattern !== undefined && !smithyPattern(constraints.pattern).test(value)) {
    problems.push({ at, problem: `does not match the pattern ${constraints.pattern}` });
  }
}

function checkLength(
  constraints: { length?: { min?: number; max?: number } },
  length: number,
  unit: string,
  at: string,
  problems: ShapeProblem[],
): void {
  const { min, max } = constraints.length ?? {};
  if (min !== undefined && length < min) problems.push({ at, problem: `fewer than ${min} ${unit}` });
  if (max !== undefined && length > max) problems.push({ at, problem: `more than ${max} ${unit}` });
}

function checkRange(shape: SmithyShape, value: number, at: string, problems: ShapeProblem[]): void {
  const { min, max } = shape.range ?? {};
  if (min !== undefined && value < min) problems.push({ at, problem: `below ${min}` });
  if (max !== undefined && value > max) problems.push({ at, problem: `above ${max}` });
}

/**
 * Timestamps in JSON bodies: epoch seconds (a number) unless the shape says
 * `timestampFormat: date-time` (an RFC 3339 string), as both AWS JSON protocols send them.
 */
function checkTimestamp(shape: SmithyShape, value: unknown, at: string, problems: ShapeProblem[]): void {
  if (shape.timestampFormat === 'date-time') {
    const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;
    if (typeof value !== 'string' || !rfc3339.test(value))
      problems.push({ at, problem: 'expected an RFC 3339 date-time' });
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ at, problem: 'expected epoch seconds' });
}

/**
 * A Smithy pattern as a RegExp: ECMA-262, not anchored by Smithy (an unanchored
 * pattern may match part of a value), with the `u` flag for `\p{...}` classes.
 */
export function smithyPattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

/** Whether a string satisfies a constraint of the fixture's `constraints` table (length and pattern). */
export function satisfies(constraint: SmithyShape, value: string): boolean {
  const problems: ShapeProblem[] = [];
  checkString(constraint, value, 'value', problems);
  return problems.length === 0;
}
