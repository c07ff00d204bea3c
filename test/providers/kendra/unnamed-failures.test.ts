/**
 * A `FailedDocuments` entry without `Id` (the Smithy model leaves every member of
 * BatchPutDocumentResponseFailedDocument and BatchDeleteDocumentResponseFailedDocument
 * optional): a document was refused, but not which. None of the documents it may be
 * is reported accepted; over the real SDK transport, against the simulator's wire.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { batchOutcome } from '../../../src/providers/kendra/wire';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import kendraModel from '../../fixtures/official/aws/kendra.json';
import { kendraIndex } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** The next Kendra answer is `body` (HTTP 200). */
const answer = (body: unknown) => sim.inject({ provider: 'kendra', fault: { type: 'wrong_shape', body } });

const outcome = (batch: { items: { id: string }[]; errors: { id: string; error: { message: string } }[] }) => [
  batch.items.map((item) => item.id),
  batch.errors.map(({ id }) => id),
];

describe('FailedDocuments entries without an Id', () => {
  it('the model leaves Id optional on both failed-document shapes', () => {
    const shapes = (kendraModel as { shapes: Record<string, { required?: string[]; members?: object }> }).shapes;
    for (const name of ['BatchPutDocumentResponseFailedDocument', 'BatchDeleteDocumentResponseFailedDocument']) {
      const shape = Object.entries(shapes).find(([key]) => key.endsWith(`#${name}`) || key === name)?.[1];
      expect(shape, name).toBeDefined();
      expect(shape?.members).toHaveProperty('Id');
      expect(shape?.required ?? []).not.toContain('Id');
    }
  });

  it('put of one document: the unnamed refusal is that document, with its code and message', async () => {
    answer({ FailedDocuments: [{ ErrorCode: 'InvalidRequest', ErrorMessage: 'Document too large' }] });
    const batch = await kendraIndex(sim).putDocuments([{ id: 'only', content: 'x' }]);
    expect(batch.items).toEqual([]);
    expect(batch.errors[0]?.error).toMatchObject({
      code: 'validation',
      providerCode: 'InvalidRequest',
      message: 'Amazon Kendra could not add the document (InvalidRequest): Document too large',
    });
  });

  it('put of three, one named and one not: the named one has its error, the two others may be the unnamed one', async () => {
    answer({
      FailedDocuments: [
        { Id: 'b', ErrorCode: 'InvalidRequest', ErrorMessage: 'Bad attribute' },
        { ErrorCode: 'InternalError', ErrorMessage: 'Try again' },
      ],
    });
    const batch = await kendraIndex(sim).putDocuments(['a', 'b', 'c'].map((id) => ({ id, content: id })));
    expect(outcome(batch)).toEqual([[], ['a', 'b', 'c']]);
    const [a, b, c] = batch.errors.map(({ error }) => error);
    expect(b?.message).toBe('Amazon Kendra could not add the document (InvalidRequest): Bad attribute');
    expect(a?.message).toBe(
      'Amazon Kendra could not add 1 of the 2 documents it did not name (InternalError), and did not say which: this one may be among them',
    );
    expect(c).toBe(a);
    expect(a).toMatchObject({ code: 'internal', providerCode: 'InternalError', retryable: false });
  });

  it('delete: the same rule; an entry with no ErrorCode either says so', async () => {
    answer({ FailedDocuments: [{ ErrorCode: 'InvalidRequest' }] });
    const batch = await kendraIndex(sim).deleteDocuments(['a', 'b']);
    expect(outcome(batch)).toEqual([[], ['a', 'b']]);
    expect(batch.errors[0]?.error.message).toMatch(/^Amazon Kendra could not delete 1 of the 2 documents/);
    answer({ FailedDocuments: [{}] });
    const bare = await kendraIndex(sim).deleteDocuments(['a', 'b']);
    expect(bare.errors[0]?.error.message).toContain('documents it did not name (no error code)');
  });

  it('entries that all carry an Id leave every other document accepted (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        fc.nat(3),
        (ids, refusedMask, unnamed) => {
          const named = ids.filter((_, i) => refusedMask[i]);
          const failed = [
            ...named.map((Id) => ({ Id, ErrorCode: 'InvalidRequest' })),
            ...Array.from({ length: unnamed }, () => ({ ErrorCode: 'InternalError' })),
          ];
          const result = batchOutcome('add', ids, failed, undefined, (id) => ({
            provider: 'kendra' as const,
            id,
            status: 'pending' as const,
            providerStatus: '',
            terminal: false,
            raw: undefined,
          }));
          // Every id exactly once.
          expect([...result.items.map((i) => i.id), ...result.errors.map((e) => e.id)].sort()).toEqual([...ids].sort());
          const left = ids.filter((id) => !named.includes(id));
          // Accepted only when no refusal may be about it.
          expect(result.items.map((i) => i.id)).toEqual(unnamed > 0 ? [] : left);
        },
      ),
    );
  });
});
