/**
 * NAVER Cloud RAG against its own reference pages (`test/fixtures/official/naver/`):
 * the documented response examples, served over loopback to the real client;
 * every documented status value; and the two envelopes with every code form.
 */
import { describe, expect, it } from 'vitest';
import { createNaverRagIndex, NAVER_STATUS_TABLE } from '../../src/providers/naver/index';
import { naverDeletePage, naverStatusPage } from './fixtures';
import { checkNaverBody, checkNaverErrorEnvelope } from './naver-shapes';
import { stubPerFile } from './stub';
import { ERROR_KINDS, expectStatusTable, tappedSimulator } from './support';

const stub = stubPerFile();
const FAST_RETRY = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };
const client = () =>
  createNaverRagIndex({ serviceId: 'svc', apiKey: 'test-key', baseUrl: stub.current.url, retry: FAST_RETRY });

const statusExample = naverStatusPage.examples?.response?.body as { data: Record<string, unknown> };
const deleteExample = naverDeletePage.examples?.response?.body as Record<string, unknown>;

describe('NAVER: the documented examples through the real client', () => {
  it('reads the status example (code 20000) as succeeded with its five steps', async () => {
    stub.current.answer({ status: 200, body: statusExample });
    const status = await client().getStatus('12345');
    expect(status).toMatchObject({ id: '12345', status: 'succeeded', providerStatus: 'DONE', progress: 1 });
    expect(status.steps?.map((step) => step.name)).toEqual(['EXTRACT', 'CHUNK', 'EMBED', 'INDEX', 'DONE']);
    expect(status.updatedAt?.toISOString()).toBe('2025-07-09T11:31:39.897Z');
    expect(status.raw).toEqual(statusExample.data);
    expect(stub.current.requests).toHaveLength(1);
  });

  it('reads the delete example (status.code 200, a number) as deleted, in one request', async () => {
    stub.current.answer({ status: 200, body: deleteExample });
    const batch = await client().deleteDocuments(['12345']);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => [item.id, item.status, item.providerStatus])).toEqual([['12345', 'deleted', '']]);
    expect(batch.items[0]?.raw).toEqual(deleteExample);
    expect(stub.current.requests.map((request) => [request.method, request.url])).toEqual([
      ['DELETE', '/api/v1/svc/svc/doc/12345'],
    ]);
  });
});

/**
 * The pages show two envelopes and two code forms: the status route answers
 * `{code: 20000, message, data}`, the others `{status: {code: 200, message}, result}`,
 * both typed Integer. Each route accepts both envelopes with 3- and 5-digit codes,
 * as numbers or strings, since nothing but the examples pins which route uses which.
 */
describe('NAVER: both envelopes, 3- and 5-digit codes, numbers or strings', () => {
  const wrap = (envelope: 'code' | 'status', code: number | string, payload: unknown) =>
    envelope === 'code' ? { code, message: '', data: payload } : { status: { code, message: '' }, result: payload };
  const cases = (['code', 'status'] as const).flatMap((envelope) =>
    [200, '200', 20000, '20000'].map((code) => [envelope, code] as const),
  );

  it.each(cases)('a status answer in the %s envelope with code %j reads the document', async (envelope, code) => {
    stub.current.answer({ status: 200, body: wrap(envelope, code, statusExample.data) });
    expect((await client().getStatus('12345')).status).toBe('succeeded');
    expect(stub.current.requests).toHaveLength(1);
  });

  it.each(cases)('a delete answer in the %s envelope with code %j is an accepted delete', async (envelope, code) => {
    stub.current.answer({ status: 200, body: wrap(envelope, code, deleteExample.result) });
    const batch = await client().deleteDocuments(['12345']);
    expect(batch.items.map((item) => item.status)).toEqual(['deleted']);
    expect(stub.current.requests).toHaveLength(1);
  });

  it.each([404, '404', 40400, '40400'])('code %j on HTTP 200 reads not_found, on both routes', async (code) => {
    stub.current.answer({ status: 200, body: wrap('status', code, null) });
    expect((await client().getStatus('x')).status).toBe('not_found');
    expect((await client().deleteDocuments(['x'])).items.map((item) => item.status)).toEqual(['not_found']);
  });

  it.each([500, '50000', 503, '50300'])('code %j on HTTP 200 is a server failure, retried', async (code) => {
    stub.current.answer({ status: 200, body: wrap('code', code, null) });
    const batch = await client().getStatuses(['x']);
    expect(batch.errors.map(({ error }) => [error.retryable, error.providerCode])).toEqual([[true, String(code)]]);
    expect(stub.current.requests).toHaveLength(3);
  });

  it.each([2000, '2000000', 'OK', '', 200.5])(
    'a code of no documented form (%j) is invalid_response, not retried',
    async (code) => {
      stub.current.answer({ status: 200, body: wrap('status', code, deleteExample.result) });
      const batch = await client().deleteDocuments(['12345']);
      expect(batch.errors.map(({ error }) => error.code)).toEqual(['invalid_response']);
      expect(stub.current.requests).toHaveLength(1);
    },
  );
});

describe('NAVER: the documented status values', () => {
  const documented = naverStatusPage.response?.fields.find((field) => field.name === 'data.status')?.values ?? [];
  // The README's status table; a value the page documents and this table lacks fails here.
  const expected: Record<string, string> = {
    NONE: 'pending',
    INDEXING: 'processing',
    DONE: 'succeeded',
    PARTIAL: 'partial',
    FAILED: 'failed',
    DELETED: 'deleted',
  };

  it('the page documents six values, and our table maps exactly those as the README says', () => {
    expectStatusTable(NAVER_STATUS_TABLE, documented, expected);
  });

  it.each(documented)('%s in the documented example reads through the client as the table says', async (value) => {
    stub.current.answer({ status: 200, body: { ...statusExample, data: { ...statusExample.data, status: value } } });
    const status = await client().getStatus('12345');
    expect([status.status, status.providerStatus]).toEqual([expected[value], value]);
  });
});

describe('NAVER: what the examples send', () => {
  it.each([
    ['the status page', naverStatusPage, (c: ReturnType<typeof client>) => c.getStatus('12345')],
    ['the delete page', naverDeletePage, (c: ReturnType<typeof client>) => c.deleteDocuments(['12345'])],
  ] as const)('requests carry the headers of %s example', async (_, page, call) => {
    stub.current.answer({ status: 200, body: page.examples?.response?.body });
    await call(client());
    const [request] = stub.current.requests;
    const example = page.examples?.request;
    expect(request?.method).toBe(example?.method);
    expect(request?.url).toBe(new URL(example?.url ?? '').pathname.replace('%7BserviceId%7D', 'svc'));
    for (const [name, value] of Object.entries(example?.headers ?? {})) {
      expect(request?.headers[name.toLowerCase()]).toBe(value.replace('{apiKey}', 'test-key'));
    }
  });
});

describe('NAVER simulator: every answer held to the reference pages', () => {
  const tapped = tappedSimulator();
  const simClient = () =>
    createNaverRagIndex({ serviceId: 'svc', apiKey: 'test-key', baseUrl: tapped.sim.url, retry: { maxAttempts: 1 } });

  it('the checks see the documented examples themselves as valid', () => {
    expect(checkNaverBody(naverStatusPage, statusExample)).toEqual([]);
    expect(checkNaverBody(naverDeletePage, deleteExample)).toEqual([]);
    expect(checkNaverBody(naverStatusPage, { ...statusExample, code: '20000' })).not.toEqual([]);
  });

  it("status answers for every documented status, and the delete answer, carry the pages' fields", async () => {
    const statuses = ['NONE', 'INDEXING', 'FAILED', 'PARTIAL', 'DONE', 'DELETED'];
    tapped.sim.naver.putDocuments(
      'svc',
      statuses.map((status) => ({ id: status, status, failureInfo: { message: 'no' } })),
    );
    await simClient().getStatuses(statuses);
    tapped.sim.naver.putDocument('svc', { id: 'gone', status: 'DONE' });
    await simClient().deleteDocuments(['gone']);
    await simClient().getStatus('gone');
    expect(tapped.answers.map((answer) => answer.status)).toEqual(Array(statuses.length + 2).fill(200));
    for (const answer of tapped.answers) {
      const page = answer.operation === 'deleteDocument' ? naverDeletePage : naverStatusPage;
      expect([answer.url, checkNaverBody(page, answer.body)]).toEqual([answer.url, []]);
    }
  });

  it("a DONE document's steps are timed as in the example: DONE starts with CHUNK and ends last, updatedAt after it", async () => {
    type Steps = Record<string, { startedAt: string; finishedAt: string }>;
    const order = (data: { step: Steps; updatedAt: string }) => {
      const { CHUNK, INDEX, DONE } = data.step;
      return [
        DONE?.startedAt === CHUNK?.startedAt,
        (DONE?.finishedAt ?? '') > (INDEX?.finishedAt ?? ''),
        data.updatedAt > (DONE?.finishedAt ?? ''),
      ];
    };
    const example = order(statusExample.data as { step: Steps; updatedAt: string });
    expect(example).toEqual([true, true, true]);
    tapped.sim.naver.putDocument('svc', { id: 'done', status: 'DONE' });
    await simClient().getStatus('done');
    const [answer] = tapped.answers;
    expect(
      order(
        (answer?.body as { data: { step: Steps; updatedAt: string } } | undefined)?.data ?? { step: {}, updatedAt: '' },
      ),
    ).toEqual(example);
  });

  it('error answers (an unknown document, a second delete, no key, every injected kind) use a documented envelope', async () => {
    tapped.sim.naver.putDocument('svc', { id: 'd', status: 'DONE' });
    await simClient().getStatus('missing');
    await simClient().deleteDocuments(['d']);
    await simClient().deleteDocuments(['d']);
    await fetch(`${tapped.sim.url}/api/v1/svc/svc/doc/d/status`);
    for (const kind of ERROR_KINDS) {
      for (const operation of ['getDocumentStatus', 'deleteDocument']) {
        tapped.sim.inject({ provider: 'naver', operation, fault: { type: 'error', kind } });
      }
      await simClient()
        .getStatuses(['d'])
        .catch(() => undefined);
      await simClient()
        .deleteDocuments(['d'])
        .catch(() => undefined);
    }
    const errors = tapped.answers.filter((answer) => answer.status >= 400);
    expect(errors).toHaveLength(3 + 2 * ERROR_KINDS.length);
    for (const answer of errors) expect([answer.url, checkNaverErrorEnvelope(answer.body)]).toEqual([answer.url, []]);
  });
});
