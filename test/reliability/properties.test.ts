/**
 * Property tests over every adapter and its simulator (real transport):
 * - random id lists (duplicates, empty, up to thousands for the batch providers)
 *   under random queued faults: a call either resolves with every unique id
 *   accounted for exactly once, or rejects with a DocumentIndexError that dooms
 *   the call; never more than maxAttempts requests per chunk;
 * - random JSON answers (arbitrary values, and each provider's real answer with
 *   random parts replaced or removed) never produce anything but a well-formed
 *   DocumentStatus or a DocumentIndexError.
 * numRuns are bounded and the seed fixed so the file runs in seconds, the same way every time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentIndexError } from '../../src/index';
import type { Fault } from '../../src/testing/faults';
import type { RunningSimulator } from '../../src/testing/index';
import type { ConformanceTarget } from '../conformance/harness';
import { expectAccounted, expectWellFormed, FAST_RETRY, rejection, simulatorPerFile, TARGETS } from './support';

const SEED = 20_250_701;
let sim: RunningSimulator;
simulatorPerFile((started) => {
  sim = started;
});

/** Faults a request may meet; auth failures included, since they must reject the call cleanly. */
const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.constantFrom<Fault>(
    { type: 'error', kind: 'throttled' },
    { type: 'error', kind: 'throttled', retryAfterSeconds: 0 },
    { type: 'error', kind: 'server_error' },
    { type: 'error', kind: 'service_unavailable' },
    { type: 'reset' },
    { type: 'malformed' },
    { type: 'truncated' },
    { type: 'wrong_shape' },
  ),
  fc.integer({ min: 0, max: 4 }).map((ms): Fault => ({ type: 'latency', ms })),
  {
    arbitrary: fc.constantFrom<Fault>({ type: 'error', kind: 'unauthorized' }, { type: 'error', kind: 'forbidden' }),
    weight: 1,
  },
);

/** Codes that may reject a whole batch call. */
const DOOMING = new Set(['unauthorized', 'forbidden', 'not_found', 'validation']);

describe.each(TARGETS)('properties: $name', ({ target }) => {
  const { provider } = target;
  const perRequest = target.batchLimit === 1;
  /** Id lists: indices into a pool, so duplicates are common; a few large lists for the batch providers. */
  const idLists = perRequest
    ? fc.array(fc.nat({ max: 29 }), { maxLength: 40 })
    : fc.oneof(
        { arbitrary: fc.array(fc.nat({ max: 59 }), { maxLength: 60 }), weight: 5 },
        { arbitrary: fc.array(fc.nat({ max: 2499 }), { minLength: 500, maxLength: 3000 }), weight: 1 },
      );

  it('accounts for every unique id exactly once under random faults', async () => {
    await fc.assert(
      fc.asyncProperty(
        idLists,
        fc.array(fc.record({ fault: faultArb, times: fc.integer({ min: 1, max: 3 }) }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        fc.constantFrom('getStatuses' as const, 'deleteDocuments' as const, 'waitFor' as const),
        async (indices, faults, concurrency, seedSome, method) => {
          sim.reset();
          const ids = indices.map((i) => target.makeId(i));
          const unique = [...new Set(ids)];
          // Half the runs know some documents; the others read as not_found.
          const refs = seedSome
            ? target.seed(
                sim,
                unique.map((id, i) => ({ id, statuses: [i % 3 === 0 ? 'UNHEARD_OF' : target.rawDone] })),
              )
            : unique;
          const refOf = new Map(unique.map((id, i) => [id, refs[i] ?? id]));
          for (const { fault, times } of faults) sim.inject({ provider, fault, times });
          const client = target.createClient(sim, { retry: FAST_RETRY, concurrency });
          const asked = ids.map((id) => refOf.get(id) ?? id);
          const run =
            method === 'deleteDocuments' && target.operations.delete
              ? client.deleteDocuments(asked)
              : method === 'waitFor'
                ? client.waitFor(asked, { minDelayMs: 0, maxDelayMs: 1, until: () => true })
                : client.getStatuses(asked);
          try {
            expectAccounted(await run, ids);
          } catch (error) {
            if (error instanceof Error && error.name === 'AssertionError') throw error;
            const failure = await rejection(Promise.reject(error));
            expect(DOOMING, failure.message).toContain(failure.code);
            // Requests other chunks had on the wire when the call was doomed may still
            // land; let them, so they count here and not in the next run.
            await sim.settle(15, 600);
          }
          if (method !== 'waitFor') {
            const chunks = Math.ceil(unique.length / target.batchLimit);
            expect(sim.log.count({ provider })).toBeLessThanOrEqual(chunks * (FAST_RETRY.maxAttempts ?? 3));
          }
        },
      ),
      { numRuns: perRequest ? 25 : 15, seed: SEED, endOnFailure: true },
    );
  });

  it('never turns a random JSON answer into anything but a DocumentStatus or a DocumentIndexError', async () => {
    const [id, other] = [target.makeId(1), target.makeId(2)];
    const templates = answerTemplates(target, id, other);
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(templates.one, templates.many).chain((template) => mutated(template)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), async (body, one) => {
        sim.reset();
        const [ref, otherRef] = target.seed(sim, [
          { id, statuses: [target.rawDone] },
          { id: other, statuses: [target.rawDone] },
        ]) as [string, string];
        sim.inject({ provider, fault: { type: 'wrong_shape', body }, times: 1 });
        // One attempt: the random body is the whole story.
        const client = target.createClient(sim, { retry: { maxAttempts: 1 } });
        try {
          if (one) expectWellFormed(await client.getStatus(ref), id);
          else {
            const batch = await client.getStatuses([ref, otherRef]);
            expectAccounted(batch, [id, other]);
            for (const { error } of batch.errors) expectOurs(error);
          }
        } catch (error) {
          if (error instanceof Error && error.name === 'AssertionError') throw error;
          expectOurs(await rejection(Promise.reject(error)));
        }
      }),
      { numRuns: 120, seed: SEED, endOnFailure: true },
    );
  });
});

/**
 * An error that says what happened: an HTTP 200 with JSON is never a network
 * failure, and no error may stem from our own code tripping over the answer (a
 * TypeError or RangeError caught and classified as `internal`).
 */
function expectOurs(error: DocumentIndexError): void {
  expect(error.code, error.message).not.toBe('network');
  const cause: unknown = error.cause;
  // The AWS SDKs' deserializers throw TypeErrors at unreadable answers: invalid_response is the right reading of those.
  const tripped =
    error.code !== 'invalid_response' &&
    cause instanceof Error &&
    ['TypeError', 'RangeError', 'ReferenceError'].includes(cause.name);
  expect(tripped, `${error.message}: ${String(cause)}`).toBe(false);
}

/** Each provider's real answer for a status request of `id` (`one`: getStatus, `many`: getStatuses). */
function answerTemplates(target: ConformanceTarget, id: string, other: string): { one: unknown; many: unknown } {
  switch (target.provider) {
    case 'kendra': {
      const body = {
        DocumentStatusList: [
          { DocumentId: id, DocumentStatus: 'FAILED', FailureCode: 'Code', FailureReason: 'Reason' },
        ],
        Errors: [{ DocumentId: other, DataSourceId: 'ds', ErrorCode: 'InternalError', ErrorMessage: 'try again' }],
      };
      return { one: body, many: body };
    }
    case 'bedrock': {
      const detail = (docId: string) => ({
        knowledgeBaseId: 'KB12345678',
        dataSourceId: 'DS12345678',
        status: 'FAILED',
        identifier: { dataSourceType: 'CUSTOM', custom: { id: docId } },
        statusReason: 'Reason',
        updatedAt: '2025-07-01T10:00:00Z',
      });
      return { one: { documentDetails: [detail(id)] }, many: { documentDetails: [detail(id), detail(other)] } };
    }
    case 'azure': {
      const document = (docId: string) => ({
        id: docId,
        path: 'https://example.blob.core.windows.net/target/a.docx',
        sourcePath: 'https://example.blob.core.windows.net/source/a.docx',
        createdDateTimeUtc: '2025-07-01T10:00:00Z',
        lastActionDateTimeUtc: '2025-07-01T10:05:00Z',
        status: 'Failed',
        to: 'fr',
        progress: 0.5,
        characterCharged: 10,
        error: { code: 'InvalidRequest', message: 'm', target: 'Document', innerError: { code: 'X', message: 'y' } },
      });
      return { one: document(id), many: { value: [document(id), document(other)] } };
    }
    case 'naver': {
      const step = { isFailed: false, startedAt: '2025-07-01T10:00:00.123456+00:00', finishedAt: null, info: {} };
      const body = {
        code: 20000,
        message: 'Success',
        data: {
          serviceId: 'conformance-svc',
          docid: id,
          status: 'FAILED',
          step: { EXTRACT: step, CHUNK: { ...step, isFailed: true, info: { message: 'bad chunk' } } },
          updatedAt: '2025-07-01T10:00:00.123456+00:00',
        },
      };
      return { one: body, many: body };
    }
  }
}

/** Every path (as keys) inside a JSON value, the root excluded. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** `template` with one to three parts replaced by random JSON (or removed). */
function mutated(template: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(template);
  const edit = fc.record({
    path: fc.constantFrom(...paths),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(null, '', -1, 1e308, 'NOT_A_STATUS', '../x', { unexpected: true }),
    ),
    remove: fc.boolean(),
  });
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const copy = structuredClone(template) as Record<string | number, unknown>;
    for (const { path, value, remove } of edits) {
      let parent: unknown = copy;
      for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | null)?.[key];
      if (typeof parent !== 'object' || parent === null) continue;
      const last = path.at(-1) as string | number;
      if (remove && !Array.isArray(parent)) delete (parent as Record<string | number, unknown>)[last];
      else (parent as Record<string | number, unknown>)[last] = value;
    }
    return copy;
  });
}

describe('drift the properties found', () => {
  it('kendra: a FailureCode or FailureReason that is not a string is left out of failure', async () => {
    const kendra = TARGETS.find(({ name }) => name === 'kendra')?.target as ConformanceTarget;
    const id = kendra.makeId(1);
    const [ref] = kendra.seed(sim, [{ id, statuses: ['FAILED'] }]);
    const body = {
      DocumentStatusList: [{ DocumentId: id, DocumentStatus: 'FAILED', FailureCode: 5, FailureReason: { x: 1 } }],
    };
    sim.inject({ provider: 'kendra', fault: { type: 'wrong_shape', body } });
    const item = await kendra.createClient(sim, { retry: FAST_RETRY }).getStatus(ref as string);
    expect(item.status).toBe('failed');
    expect(item.failure).toBeUndefined();
    expect(item.raw).toEqual(body.DocumentStatusList[0]);
  });
});
