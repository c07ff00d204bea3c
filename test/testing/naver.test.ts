import ky, { HTTPError, isNetworkError, type KyInstance } from 'ky';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';

/**
 * Wire fidelity of the NAVER Cloud RAG simulator, checked with a bare ky client
 * (no docindex code between the test and the wire).
 */

const SERVICE = 'svc-1';
const KEY = 'test-key';
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;

let sim: RunningSimulator;
let api: KyInstance;

beforeAll(async () => {
  sim = await startSimulator();
  api = ky.create({
    baseUrl: `${sim.url}/api/v1/svc/${SERVICE}/`,
    retry: 0,
    throwHttpErrors: false,
    headers: { authorization: `Bearer ${KEY}` },
  });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => {
  vi.useRealTimers();
});

interface WireStep {
  isFailed: boolean;
  startedAt: string;
  finishedAt: string;
  info: unknown;
}

/** The status route's body, as far as these tests read it (error bodies share the `code`). */
interface StatusBody {
  code: number;
  message: string;
  data: {
    serviceId: string;
    docid: string;
    orgid: string;
    step: Record<string, WireStep>;
    status: string;
    updatedAt: string;
  };
}

/** GET the status route of an (already encoded) doc id segment. */
async function getStatus(segment: string): Promise<{ status: number; body: StatusBody; headers: Headers }> {
  const response = await api.get(`doc/${segment}/status`);
  return { status: response.status, body: await response.json<StatusBody>(), headers: response.headers };
}

describe('NAVER simulator: status route', () => {
  it("answers in exactly the seed example's shape", async () => {
    sim.naver.putDocument(SERVICE, { id: '12345', orgid: 'naver:media-ai-understanding.txt', status: 'DONE' });
    const { status, body, headers } = await getStatus('12345');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(body)).toEqual(['code', 'message', 'data']);
    expect(body.code).toBe(20000);
    expect(body.message).toBe('Success');
    expect(Object.keys(body.data)).toEqual(['serviceId', 'docid', 'orgid', 'step', 'status', 'updatedAt']);
    expect(body.data).toMatchObject({
      serviceId: SERVICE,
      docid: '12345',
      orgid: 'naver:media-ai-understanding.txt',
      status: 'DONE',
    });
    expect(body.data.updatedAt).toMatch(TIMESTAMP);
    expect(Object.keys(body.data.step)).toEqual(['EXTRACT', 'CHUNK', 'EMBED', 'INDEX', 'DONE']);
    for (const step of Object.values(body.data.step)) {
      expect(Object.keys(step)).toEqual(['isFailed', 'startedAt', 'finishedAt', 'info']);
      expect(step.isFailed).toBe(false);
      expect(step.startedAt).toMatch(TIMESTAMP);
      expect(step.finishedAt).toMatch(TIMESTAMP);
      expect(Date.parse(step.finishedAt)).toBeGreaterThanOrEqual(Date.parse(step.startedAt));
      expect(step.info).toEqual({});
    }
    expect(Date.parse(body.data.updatedAt)).toBeGreaterThanOrEqual(Date.parse(body.data.step.DONE?.finishedAt ?? ''));
    // Inspecting the same document renders the same data and does not count as a read.
    expect(sim.naver.statusData(SERVICE, '12345')).toEqual(body.data);
    expect(sim.naver.getDocument(SERVICE, '12345')?.statusReads).toBe(1);
  });

  it('reports steps consistent with each status', async () => {
    sim.naver
      .putDocument(SERVICE, { id: 'none', status: 'NONE' })
      .putDocument(SERVICE, { id: 'indexing', status: 'INDEXING', completedSteps: 3 })
      .putDocument(SERVICE, {
        id: 'failed',
        status: 'FAILED',
        failedStep: 'INDEX',
        failureInfo: { message: 'x' },
      })
      .putDocument(SERVICE, { id: 'partial', status: 'PARTIAL' })
      .putDocument(SERVICE, { id: 'deleted', status: 'DELETED' });
    const steps = async (id: string) => (await getStatus(id)).body.data.step;

    expect(await steps('none')).toEqual({});
    expect(Object.keys(await steps('indexing'))).toEqual(['EXTRACT', 'CHUNK', 'EMBED']);
    const failed = await steps('failed');
    expect(Object.keys(failed)).toEqual(['EXTRACT', 'CHUNK', 'EMBED', 'INDEX']);
    expect(Object.values(failed).map((step) => step.isFailed)).toEqual([false, false, false, true]);
    expect(failed.INDEX?.info).toEqual({ message: 'x' });
    expect(Object.keys(await steps('partial'))).toEqual(['EXTRACT', 'CHUNK', 'EMBED', 'INDEX', 'DONE']);
    expect(Object.keys(await steps('deleted'))).toEqual(['EXTRACT', 'CHUNK', 'EMBED', 'INDEX', 'DONE', 'DELETE']);
  });

  it('advances a timeline one status per read and stays on the last', async () => {
    sim.naver.putDocument(SERVICE, { id: 'd', status: { statuses: ['NONE', 'INDEXING', 'FAILED'] } });
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await getStatus('d')).body.data.status);
    expect(seen).toEqual(['NONE', 'INDEXING', 'FAILED', 'FAILED']);
    expect(sim.naver.getDocument(SERVICE, 'd')).toMatchObject({ status: 'FAILED', statusReads: 4 });
  });

  it('advances a time-driven timeline as the clock moves', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-07-09T11:31:39Z'));
    sim.naver.putDocument(SERVICE, { id: 'd', status: { statuses: ['INDEXING', 'DONE'], advance: 1000 } });
    expect((await getStatus('d')).body.data.status).toBe('INDEXING');
    expect((await getStatus('d')).body.data.status).toBe('INDEXING');
    vi.setSystemTime(new Date('2025-07-09T11:31:40Z'));
    const { body } = await getStatus('d');
    expect(body.data.status).toBe('DONE');
    expect(body.data.step.EXTRACT?.startedAt).toBe('2025-07-09T11:31:39.000000+00:00');
  });

  it('serves an unknown raw status as given', async () => {
    sim.naver.putDocument(SERVICE, { id: 'd', status: 'REINDEXING' });
    expect((await getStatus('d')).body.data).toMatchObject({ status: 'REINDEXING', step: {} });
  });

  it('answers 404 with code 40400 for an unknown document, in the envelope tests choose', async () => {
    let answer = await getStatus('missing');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ code: 40400, message: 'Document not found' });

    sim.naver.setErrorEnvelope('status');
    answer = await getStatus('missing');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ status: { code: 40400, message: 'Document not found' } });
  });

  it('keeps documents of different services apart', async () => {
    sim.naver.putDocuments('other', [
      { id: 'd', status: 'DONE' },
      { id: 'e', status: 'NONE' },
    ]);
    expect((await getStatus('d')).status).toBe(404);
    expect(sim.naver.listDocuments('other').map((doc) => [doc.id, doc.status])).toEqual([
      ['d', 'DONE'],
      ['e', 'NONE'],
    ]);
    expect(sim.naver.listDocuments(SERVICE)).toEqual([]);
    expect(sim.naver.removeDocument('other', 'd')).toBe(true);
    expect(sim.naver.listDocuments().map((doc) => doc.id)).toEqual(['e']);
  });
});

describe('NAVER simulator: path segments', () => {
  it('decodes the docId segment exactly once', async () => {
    sim.naver
      .putDocument(SERVICE, { id: 'a/b', status: 'DONE' })
      .putDocument(SERVICE, { id: '%41', status: 'PARTIAL' })
      .putDocument(SERVICE, { id: '../x', status: 'INDEXING' });
    expect((await getStatus('a%2Fb')).body.data).toMatchObject({ docid: 'a/b', status: 'DONE' });
    expect((await getStatus('%2541')).body.data).toMatchObject({ docid: '%41', status: 'PARTIAL' });
    expect((await getStatus('%41')).status).toBe(404);
    expect((await getStatus('..%2Fx')).body.data).toMatchObject({ docid: '../x', status: 'INDEXING' });
    // Unencoded, `a/b` is a different route altogether.
    expect((await getStatus('a/b')).status).toBe(404);
  });

  it('refuses malformed percent-encoding with 400', async () => {
    const { status, body } = await getStatus('%E0%A4%A');
    expect(status).toBe(400);
    expect(body).toEqual({ code: 40000, message: 'Malformed path segment' });
  });

  it('answers routes it does not implement with 404 in the NAVER envelope', async () => {
    const response = await api.get('doc/x');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ status: { code: 40400, message: 'No such API route' } });
    expect(sim.log.entries.map((entry) => entry.operation)).toEqual(['unsupportedRoute']);
  });
});

describe('NAVER simulator: delete and add', () => {
  it("deletes a document with the delete page's documented answer, then reads DELETED", async () => {
    sim.naver.putDocument(SERVICE, { id: 'a/b', status: 'DONE' });
    const response = await api.delete('doc/a%2Fb');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: { code: 200, message: '' },
      result: { inserted: null, deleted: ['a/b'], updated: null },
    });
    const { body } = await getStatus('a%2Fb');
    expect(body.data.status).toBe('DELETED');
    expect(body.data.step.DELETE).toMatchObject({ isFailed: false });

    const again = await api.delete('doc/a%2Fb');
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ status: { code: 40400, message: 'Document not found' } });
  });

  it('adds a document that then indexes through the add timeline', async () => {
    sim.naver.setAddTimeline({ statuses: ['INDEXING', 'DONE'] });
    const response = await api.post('doc/new-1', { json: { body: 'hello', title: 'Hi' } });
    expect(response.status).toBe(200);
    // The document routes' answer is not documented: the file routes' documented form.
    expect(await response.json()).toEqual({
      status: { code: 200, message: '' },
      result: { inserted: ['new-1'], deleted: null, updated: null },
    });
    expect((await getStatus('new-1')).body.data.status).toBe('INDEXING');
    expect((await getStatus('new-1')).body.data.status).toBe('DONE');
    expect(sim.naver.getWrittenDocument(SERVICE, 'new-1')).toMatchObject({ title: 'Hi', bodyLength: 5 });
    expect((await api.post('doc/new-1', { json: { body: 'again' } })).status).toBe(409);

    const generated = await (await api.post('doc', { json: { body: 'x' } })).json<{ result: { inserted: string[] } }>();
    expect(sim.naver.getDocument(SERVICE, generated.result.inserted[0] as string)?.status).toBe('INDEXING');
  });

  it('checks the documented body and the add-by-id id rule, and replaces with PUT', async () => {
    expect((await api.post('doc/a', { json: {} })).status).toBe(400);
    expect((await api.post('doc/a', { json: { body: 7 } })).status).toBe(400);
    expect((await api.post('doc/a', { json: { body: 'x', extra: 'no' } })).status).toBe(400);
    expect((await api.post('doc/a', { json: { body: 'x', created_at: 'yesterday' } })).status).toBe(400);
    expect((await api.post('doc/a%2Fb', { json: { body: 'x' } })).status).toBe(400);
    // The by-id and replace examples also send "id", which the field table does not list.
    expect((await api.post('doc/a', { json: { id: 'a', body: 'x', extra: { team: 'q' } } })).status).toBe(200);
    expect((await api.put('doc/missing', { json: { body: 'x' } })).status).toBe(404);
    const replaced = await api.put('doc/a', { json: { body: 'new body' } });
    expect(await replaced.json()).toEqual({
      status: { code: 200, message: '' },
      result: { inserted: null, deleted: null, updated: ['a'] },
    });
    expect(sim.naver.getWrittenDocument(SERVICE, 'a')).toMatchObject({ route: 'replace', bodyStart: 'new body' });
    sim.naver.configureWrites({ addExisting: 'replace', replaceMissing: 'create' });
    expect((await api.post('doc/a', { json: { body: 'third' } })).status).toBe(200);
    expect((await api.put('doc/fresh', { json: { body: 'x' } })).status).toBe(200);
  });
});

describe('NAVER simulator: auth', () => {
  it('requires a bearer token, and the configured key when one is set', async () => {
    sim.naver.putDocument(SERVICE, { id: 'd', status: 'DONE' });
    const bare = ky.create({ retry: 0, throwHttpErrors: false });
    const url = `${sim.url}/api/v1/svc/${SERVICE}/doc/d/status`;

    let response = await bare.get(url);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 40100, message: 'Unauthorized' });
    expect((await bare.get(url, { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await api.get(`doc/d/status`)).status).toBe(200);

    sim.naver.requireApiKey('the-right-key');
    expect((await api.get(`doc/d/status`)).status).toBe(401);
    response = await bare.get(url, { headers: { authorization: 'Bearer the-right-key' } });
    expect(response.status).toBe(200);

    sim.reset();
    sim.naver.putDocument(SERVICE, { id: 'd', status: 'DONE' });
    expect((await api.get(`doc/d/status`)).status).toBe(200);
  });
});

describe('NAVER simulator: faults as ky sees them', () => {
  it.each([
    ['throttled', 429, 42900],
    ['unauthorized', 401, 40100],
    ['forbidden', 403, 40300],
    ['not_found', 404, 40400],
    ['validation', 400, 40000],
    ['server_error', 500, 50000],
    ['service_unavailable', 503, 50300],
  ] as const)('renders %s as HTTP %i with code %i in both envelopes', async (kind, httpStatus, code) => {
    sim.naver.putDocument(SERVICE, { id: 'd', status: 'DONE' });
    sim.inject({ provider: 'naver', operation: 'getDocumentStatus', fault: { type: 'error', kind } });
    const status = await getStatus('d');
    expect(status.status).toBe(httpStatus);
    expect(status.body).toMatchObject({ code });

    sim.inject({ provider: 'naver', operation: 'deleteDocument', fault: { type: 'error', kind } });
    const deleted = await api.delete('doc/d');
    expect(deleted.status).toBe(httpStatus);
    expect(await deleted.json()).toMatchObject({ status: { code } });
  });

  it('sends Retry-After with throttling when asked, and ky surfaces it as an HTTPError', async () => {
    sim.inject({ provider: 'naver', fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 7 } });
    const error = await ky
      .get(`${sim.url}/api/v1/svc/${SERVICE}/doc/d/status`, {
        retry: 0,
        headers: { authorization: `Bearer ${KEY}` },
      })
      .json()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(HTTPError);
    const httpError = error as HTTPError;
    expect(httpError.response.status).toBe(429);
    expect(httpError.response.headers.get('retry-after')).toBe('7');
    expect(httpError.data).toEqual({ code: 42900, message: 'Too many requests' });
  });

  it('drops the connection on a reset fault (a ky NetworkError)', async () => {
    sim.inject({ provider: 'naver', fault: { type: 'reset' } });
    const error = await api.get('doc/d/status').catch((thrown: unknown) => thrown);
    expect(isNetworkError(error)).toBe(true);
    expect(sim.log.entries.map((entry) => entry.outcome)).toEqual(['reset']);
  });

  it('logs every request with its operation', async () => {
    sim.naver.putDocument(SERVICE, { id: 'd', status: 'DONE' });
    await getStatus('d');
    await api.delete('doc/d');
    await api.post('doc/e', { json: {} });
    expect(sim.log.filter({ provider: 'naver' }).map((entry) => [entry.method, entry.operation])).toEqual([
      ['GET', 'getDocumentStatus'],
      ['DELETE', 'deleteDocument'],
      ['POST', 'addDocument'],
    ]);
  });
});
