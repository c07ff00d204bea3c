import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DocumentIndexError, isDocumentIndexError } from '../../../src/index';
import { type ProviderErrorKind, type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { API_KEY, naverClient, SERVICE_ID } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  sim.naver.putDocument(SERVICE_ID, { id: 'doc', status: 'DONE' });
});

const statusRequests = () => sim.log.count({ provider: 'naver', operation: 'getDocumentStatus' });

async function rejection(promise: Promise<unknown>): Promise<DocumentIndexError> {
  try {
    await promise;
  } catch (error) {
    if (isDocumentIndexError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('NAVER error mapping', () => {
  it.each([
    ['unauthorized', undefined, 401, 'unauthorized', '40100'],
    ['forbidden', undefined, 403, 'forbidden', '40300'],
    ['validation', undefined, 400, 'validation', '40000'],
    ['throttled', undefined, 429, 'throttled', '42900'],
    ['server_error', undefined, 500, 'internal', '50000'],
    ['service_unavailable', 502, 502, 'service_unavailable', '50300'],
    ['service_unavailable', undefined, 503, 'service_unavailable', '50300'],
    ['service_unavailable', 504, 504, 'service_unavailable', '50300'],
  ] as const)('%s (HTTP %s) -> %s', async (kind, status, httpStatus, code, providerCode) => {
    sim.inject({ provider: 'naver', fault: { type: 'error', kind: kind as ProviderErrorKind, status } });
    const error = await rejection(naverClient(sim, { retry: { maxAttempts: 1 } }).getStatus('doc'));
    expect(error).toMatchObject({ code, httpStatus, providerCode, provider: 'naver' });
  });

  it('reads the provider code from either envelope', async () => {
    const client = naverClient(sim, { retry: { maxAttempts: 1 } });
    for (const envelope of ['code', 'status'] as const) {
      sim.naver.setErrorEnvelope(envelope);
      sim.inject({ provider: 'naver', fault: { type: 'error', kind: 'throttled' } });
      expect(await rejection(client.getStatus('doc'))).toMatchObject({ code: 'throttled', providerCode: '42900' });
    }
  });

  it('maps an error code inside an HTTP 200 by the HTTP status it stands for', async () => {
    const client = naverClient(sim, { retry: { maxAttempts: 1 } });
    sim.inject({
      provider: 'naver',
      fault: { type: 'wrong_shape', body: { status: { code: '42900', message: 'slow' } } },
    });
    expect(await rejection(client.getStatus('doc'))).toMatchObject({ code: 'throttled', providerCode: '42900' });
    sim.inject({ provider: 'naver', fault: { type: 'wrong_shape', body: { code: 50000, message: 'boom' } } });
    expect(await rejection(client.getStatus('doc'))).toMatchObject({ code: 'internal', providerCode: '50000' });
  });

  it('keeps Retry-After as retryAfterMs and retries throttling until it succeeds', async () => {
    sim.inject({ provider: 'naver', fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 0.004 } });
    const error = await rejection(naverClient(sim, { retry: { maxAttempts: 1 } }).getStatus('doc'));
    expect(error.retryAfterMs).toBe(4);
    expect(error.retryable).toBe(true);

    sim.log.clear();
    sim.inject({ provider: 'naver', fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 0.002 }, times: 2 });
    expect((await naverClient(sim).getStatus('doc')).status).toBe('succeeded');
    expect(statusRequests()).toBe(3);
  });

  it('retries 5xx up to maxAttempts, then lands the document in errors', async () => {
    sim.naver.putDocument(SERVICE_ID, { id: 'other', status: 'DONE' });
    sim.inject({ provider: 'naver', fault: { type: 'error', kind: 'server_error' }, times: 3 });
    const result = await naverClient(sim, { concurrency: 1 }).getStatuses(['doc', 'other']);
    expect(result.items.map((item) => item.id)).toEqual(['other']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ id: 'doc', error: { code: 'internal', httpStatus: 500 } });
    expect(statusRequests()).toBe(4);
  });

  it('rejects the whole call on unauthorized and sends no further requests', async () => {
    const client = naverClient(sim, { concurrency: 1 });
    sim.naver.requireApiKey('another-key');
    const error = await rejection(client.getStatuses(['doc', 'b', 'c', 'd']));
    expect(error).toMatchObject({ code: 'unauthorized', httpStatus: 401, providerCode: '40100' });
    expect(statusRequests()).toBe(1);
  });

  it('rejects the whole call on forbidden', async () => {
    sim.inject({ provider: 'naver', fault: { type: 'error', kind: 'forbidden' } });
    const error = await rejection(naverClient(sim, { concurrency: 1 }).getStatuses(['doc', 'b']));
    expect(error.code).toBe('forbidden');
    expect(statusRequests()).toBe(1);
  });

  it('classifies a dropped connection as network and retries it', async () => {
    sim.inject({ provider: 'naver', fault: { type: 'reset' }, times: 3 });
    const error = await rejection(naverClient(sim).getStatus('doc'));
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(statusRequests()).toBe(3);

    sim.inject({ provider: 'naver', fault: { type: 'reset' } });
    expect((await naverClient(sim).getStatus('doc')).status).toBe('succeeded');
  });

  /** A fetch that counts the attempts the client makes (the server may never see one that timed out early). */
  function countingFetch() {
    const counter = {
      attempts: 0,
      fetch: (input: RequestInfo | URL, init?: RequestInit) => {
        counter.attempts++;
        return fetch(input, init);
      },
    };
    return counter;
  }

  it('times out an attempt after timeoutMs, retries it, and reports timeout', async () => {
    sim.inject({ provider: 'naver', fault: { type: 'latency', ms: 5000 }, times: 3 });
    const counter = countingFetch();
    const error = await rejection(naverClient(sim, { timeoutMs: 100, fetch: counter.fetch }).getStatus('doc'));
    expect(error).toMatchObject({ code: 'timeout', retryable: true, provider: 'naver' });
    expect(counter.attempts).toBe(3);
  });

  it('recovers when only the first attempt times out', async () => {
    sim.inject({ provider: 'naver', fault: { type: 'latency', ms: 5000 } });
    const counter = countingFetch();
    const status = await naverClient(sim, { timeoutMs: 100, fetch: counter.fetch }).getStatus('doc');
    expect(status.status).toBe('succeeded');
    expect(counter.attempts).toBe(2);
  });

  it.each([
    ['malformed JSON', { type: 'malformed' }],
    ['a truncated body', { type: 'truncated' }],
    ['an unknown envelope', { type: 'wrong_shape' }],
    [
      'data without a status',
      { type: 'wrong_shape', body: { code: 20000, message: 'Success', data: { docid: 'doc' } } },
    ],
    [
      'a step with a non-boolean isFailed',
      {
        type: 'wrong_shape',
        body: { code: 20000, message: 'Success', data: { status: 'DONE', step: { EXTRACT: { isFailed: 'no' } } } },
      },
    ],
  ] as const)('reports %s as invalid_response without retrying', async (_name, fault) => {
    sim.inject({ provider: 'naver', fault, times: 3 });
    const error = await rejection(naverClient(sim).getStatus('doc'));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    expect(statusRequests()).toBe(1);
  });

  it('tolerates fields it does not know', async () => {
    const body = {
      code: 20000,
      message: 'Success',
      traceId: 'abc',
      data: { status: 'INDEXING', newField: [1], step: { EXTRACT: { isFailed: false, extra: true } } },
    };
    sim.inject({ provider: 'naver', fault: { type: 'wrong_shape', body } });
    const status = await naverClient(sim).getStatus('doc');
    expect(status).toMatchObject({ status: 'processing', progress: 0, steps: [{ name: 'EXTRACT', failed: false }] });
  });

  it('turns an abort into aborted', async () => {
    sim.inject({ provider: 'naver', fault: { type: 'latency', ms: 5000 } });
    const controller = new AbortController();
    const pending = naverClient(sim).getStatus('doc', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await rejection(pending)).toMatchObject({ code: 'aborted' });
  });

  it('sends every request through the fetch option', async () => {
    const seen: string[] = [];
    const client = naverClient(sim, {
      fetch: (input, init) => {
        seen.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    });
    await client.getStatuses(['doc', 'x']);
    expect(seen).toHaveLength(2);
  });

  it('classifies a fetch that throws TypeError as network', async () => {
    const client = naverClient(sim, {
      retry: { maxAttempts: 2, minDelayMs: 1, maxDelayMs: 2 },
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    expect(await rejection(client.getStatus('doc'))).toMatchObject({ code: 'network', retryable: true });
  });
  it('classifies a socket error code as network, and anything else as a non-retryable internal error', async () => {
    const throwing = (error: unknown) =>
      naverClient(sim, {
        retry: { maxAttempts: 1 },
        fetch: async () => {
          throw error;
        },
      }).getStatus('doc');
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const networkError = await rejection(throwing(reset));
    expect(networkError).toMatchObject({ code: 'network', retryable: true });
    expect(networkError.cause).toMatchObject({ name: 'Error', message: 'socket hang up', code: 'ECONNRESET' });
    expect(networkError.cause).not.toBe(reset);
    expect(await rejection(throwing(new RangeError('bug')))).toMatchObject({ code: 'internal', retryable: false });
  });
});

describe('NAVER API key secrecy', () => {
  /** Everything a caller or a logger might print about an error, its cause chain included. */
  function everythingPrintable(error: DocumentIndexError): string {
    const parts = [
      error.message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 20, showHidden: true }),
    ];
    let cause: unknown = error.cause;
    for (let depth = 0; cause !== undefined && depth < 10; depth++) {
      parts.push(String(cause), inspect(cause, { depth: 20, showHidden: true }));
      try {
        parts.push(JSON.stringify(cause));
      } catch {}
      cause = (cause as { cause?: unknown }).cause;
    }
    return parts.join('\n');
  }

  it.each([
    ['unauthorized', { type: 'error', kind: 'unauthorized' }],
    ['throttled', { type: 'error', kind: 'throttled', retryAfterSeconds: 0 }],
    ['server error', { type: 'error', kind: 'server_error' }],
    ['reset', { type: 'reset' }],
    ['malformed', { type: 'malformed' }],
    ['timeout', { type: 'latency', ms: 5000 }],
  ] as const)('never shows the key after %s', async (_name, fault) => {
    sim.inject({ provider: 'naver', fault, times: 3 });
    const client = naverClient(sim, { timeoutMs: 100 });
    const error = await rejection(client.getStatus('doc'));
    expect(everythingPrintable(error)).not.toContain(API_KEY);
    expect(everythingPrintable(error)).not.toContain('Bearer');
  });

  it('never shows the key in batch errors or in the client', async () => {
    sim.inject({ provider: 'naver', fault: { type: 'reset' }, times: Number.POSITIVE_INFINITY });
    const client = naverClient(sim);
    const result = await client.getStatuses(['doc']);
    const [entry] = result.errors;
    if (!entry) throw new Error('expected an error entry');
    expect(everythingPrintable(entry.error)).not.toContain(API_KEY);
    expect(JSON.stringify(result)).not.toContain(API_KEY);
    expect(inspect(client, { depth: 20, showHidden: true })).not.toContain(API_KEY);
  });

  it('does not echo a bad apiKey in its validation error', async () => {
    const { createNaverRagIndex } = await import('../../../src/providers/naver/index');
    const bad = `${API_KEY}\r\nX-Injected: 1`;
    try {
      createNaverRagIndex({ serviceId: SERVICE_ID, apiKey: bad });
      expect.unreachable();
    } catch (error) {
      if (!isDocumentIndexError(error)) throw error;
      expect(error).toMatchObject({ code: 'validation', field: 'apiKey' });
      expect(everythingPrintable(error)).not.toContain(API_KEY);
    }
  });
});
