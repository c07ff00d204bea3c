/**
 * The simulators' answers and the adapters' requests held to an AWS model: one
 * answer against the operation it answers (success: its status and output
 * structure; error: an exception the operation lists, with its `httpError` and
 * its members), one request body against the operation's input.
 */
import type { SmithyFixture } from './fixtures';
import { checkShape, type ShapeProblem } from './smithy';
import type { WireAnswer } from './tap';

/** How a service's answers travel: its protocol, and the front-door errors it may send that no model defines. */
export interface AwsWireRules {
  protocol: 'awsJson1_1' | 'restJson1';
  /** Errors AWS's front door answers (bad keys, unknown operation...): name to HTTP status, from sources other than the model. */
  frontDoor: Readonly<Record<string, number>>;
  /** Statuses another official reading gives model exceptions (Kendra's API reference: 400), accepted besides `httpError`. */
  alternativeStatuses?: Readonly<Record<string, number>>;
}

/** Every way `answer` departs from the model of its operation. */
export function checkAwsAnswer(model: SmithyFixture, answer: WireAnswer, rules: AwsWireRules): ShapeProblem[] {
  const operation = model.operations[answer.operation];
  if (!operation) return [{ at: 'operation', problem: `the model has no operation ${answer.operation}` }];
  const contentType = rules.protocol === 'awsJson1_1' ? 'application/x-amz-json-1.1' : 'application/json';
  const problems: ShapeProblem[] = [];
  if (!(answer.headers.get('content-type') ?? '').startsWith(contentType)) {
    problems.push({ at: 'content-type', problem: `expected ${contentType}` });
  }
  if (!answer.headers.get('x-amzn-requestid')) problems.push({ at: 'x-amzn-requestid', problem: 'absent' });
  if (answer.status < 300) {
    const expected = operation.http?.code ?? 200;
    if (answer.status !== expected)
      problems.push({ at: 'status', problem: `${answer.status}, the model says ${expected}` });
    return [...problems, ...checkShape(model, operation.output, answer.body ?? {})];
  }
  const headerName = answer.headers.get('x-amzn-errortype')?.split(':')[0];
  const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as Record<string, unknown>;
  const typeName = typeof body.__type === 'string' ? body.__type.split('#').at(-1) : undefined;
  const name = headerName ?? typeName;
  if (name === undefined)
    return [...problems, { at: 'error', problem: 'no exception name in x-amzn-errortype or __type' }];
  if (headerName && typeName && headerName !== typeName) {
    problems.push({ at: '__type', problem: `${typeName} where x-amzn-errortype says ${headerName}` });
  }
  if (rules.protocol === 'restJson1' && '__type' in body)
    problems.push({ at: '__type', problem: 'not sent by restJson1' });
  const { __type: _, ...members } = body;
  const error = model.errors[name];
  if (!error) {
    const status = rules.frontDoor[name];
    if (status === undefined)
      return [...problems, { at: 'error', problem: `${name} is neither in the model nor a front-door error` }];
    if (answer.status !== status)
      problems.push({ at: 'status', problem: `${answer.status} for ${name}, expected ${status}` });
    for (const [key, value] of Object.entries(members)) {
      if (!/^[Mm]essage$/.test(key) || typeof value !== 'string')
        problems.push({ at: `body.${key}`, problem: 'unexpected' });
    }
    return problems;
  }
  if (!operation.errors.includes(name))
    problems.push({ at: 'error', problem: `${answer.operation} does not list ${name}` });
  const statuses = [error.httpError, rules.alternativeStatuses?.[name]].filter((status) => status !== undefined);
  if (!statuses.includes(answer.status)) {
    problems.push({ at: 'status', problem: `${answer.status} for ${name}, the model says ${error.httpError}` });
  }
  return [...problems, ...checkShape(model, { members: error.members }, members)];
}

/** Every way a request body departs from the model's input of `operation` (members bound to the path left out). */
export function checkAwsRequest(model: SmithyFixture, operation: string | undefined, body: unknown): ShapeProblem[] {
  const input = operation === undefined ? undefined : model.operations[operation]?.input;
  if (!input) return [{ at: 'operation', problem: `the model has no operation ${operation}` }];
  const members = Object.fromEntries(Object.entries(input.members).filter(([, member]) => !member.httpLabel));
  const required = (input.required ?? []).filter((name) => name in members);
  return checkShape(model, { members, required }, body ?? {});
}
