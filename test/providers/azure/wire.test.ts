import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { azureDocumentListSchema, readDocumentList } from '../../../src/providers/azure/wire';
import { isDocumentIndexError } from '../../../src/spec/errors';
import { valuesFor } from '../shared/schema-values';

/** A value as a JSON body would bring it: only what survives a JSON round trip. */
function asJson(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function outcomeOf(body: unknown): { data: unknown } | { error: unknown } {
  try {
    return { data: readDocumentList(body) };
  } catch (error) {
    return { error };
  }
}

describe('readDocumentList', () => {
  it('accepts exactly the pages its schema accepts, and refuses the others as invalid_response (property)', () => {
    const seen = { accepted: 0, refused: 0 };
    const bodies = fc.oneof(valuesFor(azureDocumentListSchema), valuesFor(azureDocumentListSchema).map(asJson));
    fc.assert(
      fc.property(bodies, (body) => {
        const expected = z.safeParse(azureDocumentListSchema, body);
        const outcome = outcomeOf(body);
        if (expected.success) {
          // The page as received (zod's copy would drop what no schema names, e.g. a Date's own fields).
          expect('data' in outcome && outcome.data).toBe(body);
          seen.accepted++;
        } else {
          expect('error' in outcome && isDocumentIndexError(outcome.error) && outcome.error.code).toBe(
            'invalid_response',
          );
          seen.refused++;
        }
      }),
      { numRuns: 3000 },
    );
    expect(seen.accepted).toBeGreaterThan(300);
    expect(seen.refused).toBeGreaterThan(300);
  });

  it('hands back the page as received, other fields kept', () => {
    const page = {
      value: [{ id: '00000000-0000-4000-8000-000000000001', status: 'Succeeded', extra: { kept: true } }],
      nextLink: null,
      '@odata.context': 'kept too',
    };
    expect(readDocumentList(page)).toBe(page);
  });
});
