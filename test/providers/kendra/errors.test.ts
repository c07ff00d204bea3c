import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isDocumentIndexError } from '../../../src/index';
import { classifyKendraError, createKendraIndex } from '../../../src/providers/kendra/index';
import { type ProviderErrorKind, type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { CREDENTIALS, INDEX_ID, kendraIndex, rejection } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const UUID = /^[0-9a-f-]{36}$/;

/**
 * Kendra's statuses in the two readings: the Smithy model's `httpError`
 * (ThrottlingException 429, AccessDeniedException 403, ResourceNotFoundException
 * 404) and the API reference's (400 for all three). The adapter classifies by the
 * exception name, so both give the same codes; only `httpStatus` differs.
 */
const STATUSES = {
  model: { ThrottlingException: 429, AccessDeniedException: 403, ResourceNotFoundException: 404 },
  reference: { ThrottlingException: 400, AccessDeniedException: 400, ResourceNotFoundException: 400 },
} as const;

describe.each(['model', 'reference'] as const)(
  'errors over the wire at the %s statuses, classified by exception name',
  (statuses) => {
    const statusOf = (name: string, otherwise: number) =>
      (STATUSES[statuses] as Record<string, number>)[name] ?? otherwise;
    beforeEach(() => {
      sim.kendra.setErrorStatuses(statuses);
    });

    it.each<[ProviderErrorKind, string, string, number]>([
      ['throttled', 'throttled', 'ThrottlingException', 0],
      ['quota_exceeded', 'quota_exceeded', 'ServiceQuotaExceededException', 402],
      ['server_error', 'internal', 'InternalServerException', 500],
      ['service_unavailable', 'service_unavailable', 'ServiceUnavailableException', 503],
    ])('a chunk failing with %s lands in errors as %s', async (kind, code, providerCode, httpStatus) => {
      sim.inject({ provider: 'kendra', fault: { type: 'error', kind }, times: Number.POSITIVE_INFINITY });
      const batch = await kendraIndex(sim, { retry: { maxAttempts: 1 } }).getStatuses(['a', 'b']);
      expect(batch.items).toEqual([]);
      expect(batch.errors.map((e) => e.id)).toEqual(['a', 'b']);
      expect(batch.errors[0]?.error).toMatchObject({
        code,
        providerCode,
        httpStatus: statusOf(providerCode, httpStatus),
        provider: 'kendra',
      });
      expect(batch.errors[0]?.error.requestId).toMatch(UUID);
    });

    it.each<[ProviderErrorKind, string, string]>([
      ['unauthorized', 'unauthorized', 'UnrecognizedClientException'],
      ['forbidden', 'forbidden', 'AccessDeniedException'],
      ['validation', 'validation', 'ValidationException'],
      ['not_found', 'not_found', 'ResourceNotFoundException'],
    ])('%s rejects the whole call as %s', async (kind, code, providerCode) => {
      sim.inject({ provider: 'kendra', fault: { type: 'error', kind }, times: Number.POSITIVE_INFINITY });
      const ids = Array.from({ length: 30 }, (_, i) => `doc-${i}`);
      const error = await rejection(kendraIndex(sim, { concurrency: 1 }).getStatuses(ids));
      expect(error).toMatchObject({ code, providerCode, httpStatus: statusOf(providerCode, 400), retryable: false });
      expect(sim.log.count({ provider: 'kendra' })).toBe(1);
    });

    it('an index that does not exist rejects with not_found and the request id', async () => {
      sim.kendra.removeIndex(INDEX_ID);
      const error = await rejection(kendraIndex(sim).getStatus('a'));
      expect(error).toMatchObject({
        code: 'not_found',
        providerCode: 'ResourceNotFoundException',
        httpStatus: statusOf('ResourceNotFoundException', 400),
      });
      expect(error.requestId).toBe(sim.kendra.requests[0]?.requestId);
    });

    it('reads Retry-After from a throttling answer, and leaves retryAfterMs unset without one', async () => {
      sim.inject({ provider: 'kendra', fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 2 } });
      sim.inject({ provider: 'kendra', fault: { type: 'error', kind: 'throttled' } });
      const index = kendraIndex(sim, { retry: { maxAttempts: 1 } });
      const withHeader = (await index.getStatuses(['a'])).errors[0]?.error;
      const without = (await index.getStatuses(['a'])).errors[0]?.error;
      expect(withHeader).toMatchObject({
        code: 'throttled',
        httpStatus: statusOf('ThrottlingException', 400),
        retryAfterMs: 2000,
      });
      expect(without?.code).toBe('throttled');
      expect(without?.retryAfterMs).toBeUndefined();
    });
  },
);

describe('errors over the wire', () => {
  it('a dropped connection and a refused connection are network errors', async () => {
    sim.inject({ provider: 'kendra', fault: { type: 'reset' }, times: Number.POSITIVE_INFINITY });
    const reset = (await kendraIndex(sim, { retry: { maxAttempts: 1 } }).getStatuses(['a'])).errors[0]?.error;
    expect(reset).toMatchObject({ code: 'network', retryable: true });

    const refused = createKendraIndex({
      indexId: INDEX_ID,
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: CREDENTIALS,
      retry: { maxAttempts: 1 },
    });
    expect((await refused.getStatuses(['a'])).errors[0]?.error.code).toBe('network');
  });

  it('never puts credentials in messages, JSON or inspection output', async () => {
    // What AWS says about a bad signature quotes the string that was signed.
    const leaky = `The request signature we calculated does not match. Credential=${CREDENTIALS.accessKeyId} ${CREDENTIALS.secretAccessKey}`;
    const kinds: ProviderErrorKind[] = ['unauthorized', 'forbidden', 'throttled', 'server_error', 'validation'];
    for (const kind of kinds) {
      sim.inject({ provider: 'kendra', fault: { type: 'error', kind, message: leaky } });
      let error: unknown;
      try {
        const batch = await kendraIndex(sim, { retry: { maxAttempts: 1 } }).getStatuses(['a']);
        error = batch.errors[0]?.error;
      } catch (thrown) {
        error = thrown;
      }
      expect(isDocumentIndexError(error)).toBe(true);
      const outputs = [
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: 5 }),
        (error as Error).stack ?? '',
      ];
      for (const output of outputs) {
        expect(output).not.toContain(CREDENTIALS.secretAccessKey);
        expect(output).not.toContain(CREDENTIALS.accessKeyId);
        expect(output).not.toContain('AWS4-HMAC-SHA256');
      }
    }
  });
});

describe('the request as sent is gone from what a failure keeps', () => {
  // The SDK's exception keeps the raw response, whose body is the socket's message,
  // which holds the request as sent: signature, access key id and session token.
  it.each<ProviderErrorKind>(['forbidden', 'throttled', 'server_error'])(
    '%s: not in the cause, even inspected with depth: null and showHidden',
    async (kind) => {
      const credentials = { ...CREDENTIALS, sessionToken: 'session-token-DO-NOT-LEAK-456' };
      sim.inject({ provider: 'kendra', fault: { type: 'error', kind } });
      const error = await rejection(kendraIndex(sim, { credentials, retry: { maxAttempts: 1 } }).getStatus('a'));
      expect(error.cause).toBeDefined();
      const text = inspect(error.cause, { depth: null, showHidden: true });
      for (const secret of [credentials.sessionToken, credentials.accessKeyId, 'AWS4-HMAC-SHA256']) {
        expect(text).not.toContain(secret);
      }
    },
  );
});

describe('classifyKendraError', () => {
  const awsError = (name: string, httpStatusCode?: number, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error('provider text'), { name, $metadata: { httpStatusCode, requestId: 'req-1' }, ...extra });

  it.each([
    ['ThrottlingException', 400, 'throttled'],
    ['AccessDeniedException', 400, 'forbidden'],
    ['ResourceNotFoundException', 400, 'not_found'],
    ['ValidationException', 400, 'validation'],
    ['ConflictException', 400, 'conflict'],
    ['ServiceQuotaExceededException', 402, 'quota_exceeded'],
    ['InternalServerException', 500, 'internal'],
    ['ServiceUnavailableException', 503, 'service_unavailable'],
    ['UnrecognizedClientException', 400, 'unauthorized'],
    ['InvalidSignatureException', 400, 'unauthorized'],
    ['ExpiredTokenException', 400, 'unauthorized'],
    ['SomethingNewException', 429, 'throttled'],
    ['SomethingNewException', 502, 'service_unavailable'],
    ['SomethingNewException', 400, 'validation'],
  ])('%s (HTTP %i) is %s', (name, status, code) => {
    const error = classifyKendraError(awsError(name, status));
    expect(error).toMatchObject({
      code,
      provider: 'kendra',
      httpStatus: status,
      providerCode: name,
      requestId: 'req-1',
    });
    expect(error.message).not.toContain('provider text');
  });

  it('classifies SDK-side failures', () => {
    expect(classifyKendraError(Object.assign(new Error('x'), { name: 'CredentialsProviderError' })).code).toBe(
      'unauthorized',
    );
    expect(classifyKendraError(new Error('Region is missing'))).toMatchObject({ code: 'validation', field: 'region' });
    expect(classifyKendraError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })).code).toBe('network');
    expect(classifyKendraError(Object.assign(new Error('t'), { name: 'TimeoutError' })).code).toBe('network');
    expect(
      classifyKendraError(Object.assign(new SyntaxError('bad json'), { $metadata: { httpStatusCode: 200 } })).code,
    ).toBe('invalid_response');
    const unknown = classifyKendraError(new TypeError('boom'));
    expect(unknown).toMatchObject({ code: 'internal', retryable: false });
  });

  it('never throws and always returns a kendra DocumentIndexError (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const error = classifyKendraError(value);
        expect(isDocumentIndexError(error)).toBe(true);
        expect(error.provider).toBe('kendra');
      }),
    );
  });
});
