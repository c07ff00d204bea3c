/**
 * The AWS error classification the Kendra and Bedrock adapters share, on error
 * shapes the simulators cannot produce: SDK-side failures (no region, no
 * credentials), gateway answers without an AWS exception name, dropped
 * connections. Their provider-shaped exceptions are covered over the wire in
 * test/providers/{kendra,bedrock}.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDocumentIndexError } from '../../../src/index';
import { classifyBedrockError } from '../../../src/providers/bedrock/errors';
import { classifyKendraError } from '../../../src/providers/kendra/errors';

const classifiers = [
  ['kendra', classifyKendraError],
  ['bedrock', classifyBedrockError],
] as const;

/** A service exception as the smithy deserializer builds it. */
function serviceError(name: string, status: number, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`${name} from the service`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-123' },
    $response: { statusCode: status, headers },
  });
}

describe.each(classifiers)('%s: classifyAwsError', (provider, classify) => {
  it('classifies by exception name, whatever the HTTP status', () => {
    const error = classify(serviceError('ThrottlingException', 400, { 'Retry-After': '3' }));
    expect(error).toMatchObject({
      code: 'throttled',
      provider,
      retryable: true,
      httpStatus: 400,
      providerCode: 'ThrottlingException',
      requestId: 'req-123',
      retryAfterMs: 3000,
    });
  });

  it('falls back on the HTTP status for an exception name it does not know', () => {
    expect(classify(serviceError('SomethingNewException', 502)).code).toBe('service_unavailable');
    expect(classify(serviceError('SomethingNewException', 500)).code).toBe('internal');
    expect(classify(serviceError('SomethingNewException', 429)).code).toBe('throttled');
  });

  it('classifies a 5xx the SDK could not parse (a gateway page) by its status, retried; a 2xx as invalid_response', () => {
    const unparsed = (status: number) =>
      Object.assign(new SyntaxError('Unexpected token < in JSON'), {
        $metadata: { httpStatusCode: status },
        $response: { statusCode: status, headers: {} },
      });
    for (const [status, code] of [
      [502, 'service_unavailable'],
      [503, 'service_unavailable'],
      [504, 'service_unavailable'],
      [500, 'internal'],
    ] as const) {
      expect(classify(unparsed(status))).toMatchObject({
        code,
        retryable: true,
        httpStatus: status,
        providerCode: undefined,
      });
    }
    expect(classify(unparsed(200))).toMatchObject({ code: 'invalid_response', retryable: false });
  });

  it('classifies a 429, 408, 401 or 403 the SDK could not parse by its status; a 400 or 404 page stays invalid_response', () => {
    const unparsed = (status: number) =>
      Object.assign(new SyntaxError('Unexpected token < in JSON'), {
        $metadata: { httpStatusCode: status },
        $response: { statusCode: status, headers: { 'retry-after': '2' } },
      });
    for (const [status, code, retryable] of [
      [429, 'throttled', true],
      [408, 'timeout', true],
      [401, 'unauthorized', false],
      [403, 'forbidden', false],
      [400, 'invalid_response', false],
      [404, 'invalid_response', false],
    ] as const) {
      expect(classify(unparsed(status)), `HTTP ${status}`).toMatchObject({
        code,
        retryable,
        httpStatus: status,
        providerCode: undefined,
      });
    }
    expect(classify(unparsed(429)).retryAfterMs).toBe(2000);
  });

  it('reports missing credentials as unauthorized, without a providerCode (AWS never answered)', () => {
    const error = classify(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    expect(error.code).toBe('unauthorized');
    expect(error.providerCode).toBeUndefined();
    expect(error.retryable).toBe(false);
  });

  it('reports a missing region as a validation error on `region`', () => {
    const error = classify(new Error('Region is missing'));
    expect(error).toMatchObject({ code: 'validation', field: 'region', retryable: false });
  });

  it('reports dropped and refused connections as network errors, retried', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'UND_ERR_SOCKET']) {
      const error = classify(Object.assign(new Error('socket'), { code }));
      expect(error).toMatchObject({ code: 'network', retryable: true });
    }
  });

  it('names the code of a dropped or refused connection, and of a TLS failure', () => {
    const connection =
      provider === 'kendra' ? 'The connection to Amazon Kendra failed' : 'The connection to Bedrock failed';
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET']) {
      expect(classify(Object.assign(new Error('socket'), { code })).message).toBe(`${connection} (${code})`);
    }
    // fetch's shape: the socket's error is the cause.
    const fetchFailed = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(classify(fetchFailed).message).toBe(`${connection} (ECONNREFUSED)`);
    const tls = classify(Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }));
    expect(tls).toMatchObject({ code: 'network', retryable: false });
    expect(tls.message).toBe(
      `${connection} (DEPTH_ZERO_SELF_SIGNED_CERT: TLS failed; check the scheme and certificate)`,
    );
  });

  it('a reset the SDK renamed TimeoutError is a connection failure, not a timeout', () => {
    for (const code of ['ECONNRESET', 'EPIPE']) {
      const error = classify(Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code }));
      expect(error).toMatchObject({ code: 'network', retryable: true });
      expect(error.message).toMatch(new RegExp(`^The connection to .+ failed \\(${code}\\)$`));
      expect(error.message).not.toMatch(/timed out/i);
    }
  });

  it('a real timeout says it timed out, with its code when it has one', () => {
    const timeout =
      provider === 'kendra' ? 'The request to Amazon Kendra timed out' : 'The request to Bedrock timed out';
    const noCode = classify(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }));
    expect(noCode).toMatchObject({ code: 'network', retryable: true, message: timeout });
    for (const code of ['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']) {
      const error = classify(Object.assign(new Error('timed out'), { name: 'TimeoutError', code }));
      expect(error).toMatchObject({ code: 'network', retryable: true, message: `${timeout} (${code})` });
    }
    // AWS's own `RequestTimeout` answer: the service was reached, and said so.
    const answered = classify(serviceError('RequestTimeout', 408));
    expect(answered).toMatchObject({
      code: 'network',
      retryable: true,
      providerCode: 'RequestTimeout',
      httpStatus: 408,
    });
    expect(answered.message).toMatch(/timed out/);
  });

  it('never throws and never copies the SDK message, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (thrown) => {
        const error = classify(thrown);
        expect(isDocumentIndexError(error)).toBe(true);
        expect(error.provider).toBe(provider);
      }),
      { numRuns: 300 },
    );
    const error = classify(serviceError('InvalidSignatureException', 403));
    expect(error.message).not.toContain('from the service');
  });
});
