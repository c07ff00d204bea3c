import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { naverClient, SERVICE_ID } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** The raw path of the last NAVER request, split into its segments. */
function lastPathSegments(): string[] {
  const entries = sim.log.filter({ provider: 'naver' });
  const url = entries[entries.length - 1]?.url ?? '';
  return new URL(url).pathname.split('/');
}

/** True when `id` has no lone surrogates (encodeURIComponent refuses those). */
function isWellFormed(id: string): boolean {
  try {
    encodeURIComponent(id);
    return true;
  } catch {
    return false;
  }
}

/** Ids the adapter accepts: well-formed Unicode, 1-1024 characters, not `.` or `..`. */
const validId = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 40 })
  .filter((id) => id !== '.' && id !== '..' && isWellFormed(id));

describe('NAVER path encoding', () => {
  it.each(['a/b', 'a?b', 'a#b', '../x', '%41', '%2F', 'a b', 'a+b', '..x', '.hidden', 'ü/ß', '😀'])(
    'sends %j as one segment that decodes back to itself',
    async (id) => {
      sim.naver.putDocument(SERVICE_ID, { id, status: 'DONE' });
      const status = await naverClient(sim).getStatus(id);
      expect(status).toMatchObject({ id, status: 'succeeded' });
      const segments = lastPathSegments();
      expect(segments).toHaveLength(8);
      expect(segments.slice(0, 6)).toEqual(['', 'api', 'v1', 'svc', SERVICE_ID, 'doc']);
      expect(decodeURIComponent(segments[6] ?? '')).toBe(id);
      expect(segments[7]).toBe('status');
    },
  );

  it('does not decode %41 into A', async () => {
    sim.naver.putDocument(SERVICE_ID, { id: 'A', status: 'DONE' });
    expect((await naverClient(sim).getStatus('%41')).status).toBe('not_found');
    expect(lastPathSegments()[6]).toBe('%2541');
  });

  it('encodes the serviceId as one segment too', async () => {
    sim.naver.putDocument('team/svc?1', { id: 'doc', status: 'DONE' });
    const status = await naverClient(sim, { serviceId: 'team/svc?1' }).getStatus('doc');
    expect(status.status).toBe('succeeded');
    expect(lastPathSegments()[4]).toBe('team%2Fsvc%3F1');
  });

  it('keeps a path prefix of baseUrl', async () => {
    sim.naver.putDocument(SERVICE_ID, { id: 'doc', status: 'DONE' });
    const sent: string[] = [];
    const client = naverClient(sim, {
      baseUrl: `${sim.url}/proxy/naver/`,
      // A stand-in for a reverse proxy that strips its prefix before forwarding.
      fetch: (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        sent.push(url);
        return fetch(new Request(url.replace('/proxy/naver', ''), input instanceof Request ? input : init));
      },
    });
    expect((await client.getStatus('doc')).status).toBe('succeeded');
    expect(sent).toEqual([`${sim.url}/proxy/naver/api/v1/svc/${SERVICE_ID}/doc/doc/status`]);
  });

  it('round-trips arbitrary ids as exactly one segment (property)', async () => {
    const client = naverClient(sim);
    await fc.assert(
      fc.asyncProperty(validId, async (id) => {
        sim.naver.putDocument(SERVICE_ID, { id, status: 'PARTIAL' });
        const status = await client.getStatus(id);
        expect(status).toMatchObject({ id, status: 'partial' });
        const segments = lastPathSegments();
        expect(segments).toHaveLength(8);
        expect(decodeURIComponent(segments[6] ?? '')).toBe(id);
        sim.naver.removeDocument(SERVICE_ID, id);
      }),
      { numRuns: 60 },
    );
  });

  it('deletes arbitrary ids through one segment (property)', async () => {
    const client = naverClient(sim);
    await fc.assert(
      fc.asyncProperty(validId, async (id) => {
        sim.naver.putDocument(SERVICE_ID, { id, status: 'DONE' });
        const result = await client.deleteDocuments([id]);
        expect(result.items).toMatchObject([{ id, status: 'deleted' }]);
        expect(sim.naver.getDocument(SERVICE_ID, id)?.deleted).toBe(true);
        sim.naver.removeDocument(SERVICE_ID, id);
      }),
      { numRuns: 30 },
    );
  });
});
