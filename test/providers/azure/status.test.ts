import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { azureClient, docId, rejection, seedDocs, TRANSLATION } from './fixtures';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
});

const requests = (operation: string) => sim.log.count({ provider: 'azure', operation });

describe('one document (the documents list filtered by its id)', () => {
  it('reads progress, updatedAt, failure (inner error preferred) and keeps the raw object', async () => {
    sim.azure.putDocument(TRANSLATION, {
      id: docId(1),
      status: 'Failed',
      progress: 0.25,
      lastActionDateTimeUtc: '2024-06-01T10:20:30Z',
      error: {
        code: 'InvalidRequest',
        message: 'Request is invalid.',
        target: 'Document',
        innerError: { code: 'TargetFileAlreadyExists', message: 'Target document file already exists.' },
      },
    });
    const item = await azureClient(sim).getStatus({ id: docId(1) });
    expect(item).toMatchObject({
      provider: 'azure',
      id: docId(1),
      status: 'failed',
      providerStatus: 'Failed',
      terminal: true,
      progress: 0.25,
      updatedAt: new Date('2024-06-01T10:20:30Z'),
      failure: { code: 'TargetFileAlreadyExists', message: 'Target document file already exists.' },
    });
    expect(item.raw).toMatchObject({ id: docId(1), status: 'Failed', to: 'fr', characterCharged: 0 });
    expect(requests('getDocumentsStatus')).toBe(1);
    expect(requests('getDocumentStatus')).toBe(0);
  });

  it('falls back to the outer error code, and reads innererror spelled in lower case', async () => {
    sim.azure.putDocuments(TRANSLATION, [
      { id: docId(1), status: 'ValidationFailed', error: { code: 'InvalidArgument', message: 'Bad glossary.' } },
      {
        id: docId(2),
        status: 'Failed',
        error: { code: 'InternalServerError', message: 'x', innererror: { code: 'Inner', message: 'y' } } as never,
      },
    ]);
    const batch = await azureClient(sim).getStatuses([docId(1), docId(2)]);
    expect(batch.items.map((item) => item.failure)).toEqual([
      { code: 'InvalidArgument', message: 'Bad glossary.' },
      { code: 'Inner', message: 'y' },
    ]);
  });

  it('reads a document the translation does not hold as not_found', async () => {
    const item = await azureClient(sim).getStatus(docId(5));
    expect(item).toMatchObject({ id: docId(5), status: 'not_found', providerStatus: '', terminal: true });
  });

  it('rejects with not_found when the translation does not exist', async () => {
    const client = azureClient(sim);
    sim.azure.removeTranslation(TRANSLATION);
    const error = await rejection(client.getStatus(docId(1)));
    expect(error).toMatchObject({ code: 'not_found', httpStatus: 404, providerCode: 'ResourceNotFound' });
    expect(error.message).toBe(
      'Azure answered HTTP 404 ResourceNotFound: no translation with this id (or no such route) at this endpoint',
    );
  });
});

describe('many documents (documents list filtered by ids)', () => {
  it('asks for 10 ids per request and reads ids the service did not return as not_found', async () => {
    const known = seedDocs(sim, 12);
    const asked = [...known, docId(50), docId(51)];
    const batch = await azureClient(sim).getStatuses(asked);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual([
      ...known.map((id) => [id, 'succeeded']),
      [docId(50), 'not_found'],
      [docId(51), 'not_found'],
    ]);
    const idsPerRequest = sim.log.entries.map((entry) => new URL(entry.url).searchParams.get('ids')?.split(',').length);
    expect(idsPerRequest).toEqual([10, 4]);
  });

  it('matches ids case-insensitively and reports the id as the caller wrote it', async () => {
    const lower = 'abcdef00-0000-4000-8000-0000000000aa';
    sim.azure.putDocument(TRANSLATION, { id: lower, status: 'Succeeded' });
    const upper = lower.toUpperCase();
    const batch = await azureClient(sim).getStatuses([upper]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual([[upper, 'succeeded']]);
  });

  it('matches ids in any mix: as written, in another case, and missing, in one lookup', async () => {
    const exact = 'abcdef00-0000-4000-8000-0000000000aa';
    const upperOnWire = 'ABCDEF00-0000-4000-8000-0000000000BB';
    sim.azure.putDocument(TRANSLATION, { id: exact, status: 'Succeeded' });
    sim.azure.putDocument(TRANSLATION, { id: upperOnWire, status: 'Running' });
    const missing = 'abcdef00-0000-4000-8000-0000000000cc';
    const batch = await azureClient(sim).getStatuses([exact, upperOnWire.toLowerCase(), missing]);
    expect(batch.items.map((item) => [item.id, item.status])).toEqual([
      [exact, 'succeeded'],
      [upperOnWire.toLowerCase(), 'processing'],
      [missing, 'not_found'],
    ]);
  });

  it('gives every ref the status of its own document, whatever the order of the answer (property)', async () => {
    // Answers in the order asked and in its reverse are read by position, any
    // other by id: both must agree with a lookup by id (case-insensitive).
    const statuses = ['NotStarted', 'Running', 'Succeeded', 'Failed'] as const;
    const mapped = { NotStarted: 'pending', Running: 'processing', Succeeded: 'succeeded', Failed: 'failed' };
    const client = azureClient(sim);
    // Hex letters in every id, so that an upper-case answer differs from the ref.
    const idOf = (n: number) => `abcdef${String(n).padStart(2, '0')}-0000-4000-8000-00000000000a`;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.constantFrom(...statuses), { minLength: 16, maxLength: 16 }),
        fc.constantFrom('seeded order', 'reverse', 'shuffled'),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.boolean(),
        async (asked, statusOf, order, seed, upperOnWire) => {
          sim.reset();
          sim.azure.putTranslation(TRANSLATION);
          // Most asked ids exist (one by one, so the list's newest-first order is the reverse of this).
          const seeded = asked.filter((n) => n % 5 !== 4);
          for (const n of seeded) {
            const id = idOf(n);
            sim.azure.putDocument(TRANSLATION, {
              id: upperOnWire ? id.toUpperCase() : id,
              status: statusOf[n] as (typeof statuses)[number],
            });
          }
          const refs =
            order === 'seeded order'
              ? asked
              : order === 'reverse'
                ? [...asked].reverse()
                : [...asked].sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
          const batch = await client.getStatuses(refs.map(idOf));
          expect(batch.errors).toEqual([]);
          expect(batch.items.map((item) => [item.id, item.status])).toEqual(
            refs.map((n) => [
              idOf(n),
              seeded.includes(n) ? mapped[statusOf[n] as (typeof statuses)[number]] : 'not_found',
            ]),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('follows next links within one lookup', async () => {
    const ids = seedDocs(sim, 10);
    sim.azure.configure({ defaultPageSize: 4 });
    const batch = await azureClient(sim, { apiVersion: 'v1.1' }).getStatuses(ids);
    expect(batch.items.every((item) => item.status === 'succeeded')).toBe(true);
    expect(requests('getDocumentsStatus')).toBe(3);
  });

  it('rejects the whole call with not_found when the translation does not exist', async () => {
    const client = azureClient(sim);
    sim.azure.removeTranslation(TRANSLATION);
    const error = await rejection(
      client.getStatuses(
        Array.from({ length: 40 }, (_, i) => docId(i)),
        { concurrency: 1 },
      ),
    );
    expect(error).toMatchObject({ code: 'not_found', provider: 'azure', providerCode: 'ResourceNotFound' });
    expect(requests('getDocumentsStatus')).toBe(1);
    expect((await rejection(client.waitFor([docId(1)], { minDelayMs: 1 }))).code).toBe('not_found');
  });
});

describe('errors from the Azure error body', () => {
  const table = [
    ['throttled', 'throttled', 429, true],
    ['server_error', 'internal', 500, true],
    ['service_unavailable', 'service_unavailable', 503, true],
    ['quota_exceeded', 'quota_exceeded', 403, false],
  ] as const;

  it.each(table)(
    '%s -> %s (HTTP %i) lands in errors after retries when it persists',
    async (kind, code, status, retryable) => {
      seedDocs(sim, 1);
      sim.inject({ provider: 'azure', fault: { type: 'error', kind }, times: Number.POSITIVE_INFINITY });
      const batch = await azureClient(sim).getStatuses([docId(1)]);
      expect(batch.errors[0]?.error).toMatchObject({ code, httpStatus: status, retryable, provider: 'azure' });
      expect(batch.errors[0]?.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(requests('getDocumentsStatus')).toBe(retryable ? 3 : 1);
    },
  );

  it('400 InvalidRequest is validation and rejects the call', async () => {
    seedDocs(sim, 1);
    sim.inject({ provider: 'azure', fault: { type: 'error', kind: 'validation' } });
    const error = await rejection(azureClient(sim).getStatuses([docId(1)]));
    expect(error).toMatchObject({ code: 'validation', httpStatus: 400, providerCode: 'InvalidRequest' });
  });

  it('keeps Retry-After on the error, and the pipeline underneath does not retry', async () => {
    seedDocs(sim, 1);
    sim.inject({
      provider: 'azure',
      fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 2 },
      times: Number.POSITIVE_INFINITY,
    });
    const batch = await azureClient(sim, { retry: { maxAttempts: 1 } }).getStatuses([docId(1)]);
    expect(batch.errors[0]?.error).toMatchObject({ code: 'throttled', retryAfterMs: 2000 });
    expect(requests('getDocumentsStatus')).toBe(1);
  });

  it('retries throttling that carries no Retry-After', async () => {
    seedDocs(sim, 1);
    sim.inject({ provider: 'azure', fault: { type: 'error', kind: 'throttled' }, times: 2 });
    const item = await azureClient(sim).getStatus(docId(1));
    expect(item.status).toBe('succeeded');
    expect(requests('getDocumentsStatus')).toBe(3);
  });

  it('a dropped connection is a network error, retried', async () => {
    seedDocs(sim, 1);
    sim.inject({ provider: 'azure', fault: { type: 'reset' } });
    await expect(azureClient(sim).getStatuses([docId(1)])).resolves.toMatchObject({ errors: [] });
    expect(requests('getDocumentsStatus')).toBe(2);
    sim.inject({ provider: 'azure', fault: { type: 'reset' }, times: Number.POSITIVE_INFINITY });
    const batch = await azureClient(sim).getStatuses([docId(1)]);
    expect(batch.errors[0]?.error).toMatchObject({ code: 'network', retryable: true });
  });

  it.each(['malformed', 'truncated', 'wrong_shape'] as const)(
    '%s body -> invalid_response, not retried',
    async (type) => {
      seedDocs(sim, 1);
      sim.inject({ provider: 'azure', fault: { type } });
      const batch = await azureClient(sim).getStatuses([docId(1)]);
      expect(batch.errors[0]?.error).toMatchObject({ code: 'invalid_response', retryable: false });
      expect(requests('getDocumentsStatus')).toBe(1);
    },
  );

  it("waitFor waits at least a status answer's Retry-After before its next poll", async () => {
    sim.azure.putDocument(TRANSLATION, {
      id: docId(1),
      status: { statuses: ['NotStarted', 'Running', 'Succeeded'] },
    });
    sim.azure.configure({ retryAfterOnStatusSeconds: 0.2 });
    const polls: number[] = [];
    const client = azureClient(sim);
    const started = Date.now();
    const done = await client.waitFor([docId(1)], {
      minDelayMs: 1,
      maxDelayMs: 5_000,
      onProgress: () => polls.push(Date.now() - started),
    });
    expect(done.items[0]?.status).toBe('succeeded');
    expect(requests('getDocumentsStatus')).toBe(3);
    // Without the header the backoff alone would be 1-2 ms between polls.
    const gaps = polls.slice(1).map((at, i) => at - (polls[i] ?? 0));
    expect(gaps).toHaveLength(2);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(195);
  });

  it('a Retry-After on a successful status GET does not slow a single read', async () => {
    seedDocs(sim, 1);
    sim.azure.configure({ retryAfterOnStatusSeconds: 30 });
    const started = Date.now();
    await expect(azureClient(sim).getStatus(docId(1))).resolves.toMatchObject({ status: 'succeeded' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(requests('getDocumentsStatus')).toBe(1);
  });
});

describe('deleteDocuments', () => {
  it('is unsupported, points at cancel(), and sends nothing', async () => {
    const error = await rejection(azureClient(sim).deleteDocuments([docId(1)]));
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain('cancel()');
    expect(sim.log.entries).toHaveLength(0);
  });
});
