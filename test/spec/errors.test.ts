import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  DOCUMENT_INDEX_ERROR_CODES,
  DocumentIndexError,
  type DocumentIndexErrorCode,
  isDocumentIndexError,
  isRetryableCode,
  unsupportedError,
  validationError,
} from '../../src/index';

const SECRET = 'AKIA-SECRET-TOKEN-0123456789';
const TRANSIENT: DocumentIndexErrorCode[] = ['throttled', 'service_unavailable', 'internal', 'network', 'timeout'];

/** A cause shaped like an SDK error that carries the request, credentials included. */
function causeWithSecret() {
  const cause = new Error(`request failed with Authorization: Bearer ${SECRET}`);
  Object.assign(cause, { $request: { headers: { authorization: `Bearer ${SECRET}`, 'x-api-key': SECRET } } });
  return cause;
}

describe('DocumentIndexError', () => {
  it('has the fourteen codes of the contract', () => {
    expect([...DOCUMENT_INDEX_ERROR_CODES].sort()).toEqual(
      [
        'validation',
        'unauthorized',
        'forbidden',
        'not_found',
        'conflict',
        'throttled',
        'quota_exceeded',
        'service_unavailable',
        'internal',
        'network',
        'timeout',
        'aborted',
        'invalid_response',
        'unsupported',
      ].sort(),
    );
    expect(Object.isFrozen(DOCUMENT_INDEX_ERROR_CODES)).toBe(true);
  });

  it('is retryable by default exactly for the transient codes', () => {
    for (const code of DOCUMENT_INDEX_ERROR_CODES) {
      const expected = TRANSIENT.includes(code);
      expect(isRetryableCode(code)).toBe(expected);
      expect(new DocumentIndexError(code, 'x').retryable).toBe(expected);
    }
  });

  it('lets the caller override retryable and carries every detail', () => {
    const cause = new Error('inner');
    const error = new DocumentIndexError('throttled', 'slow down', {
      provider: 'kendra',
      retryable: false,
      httpStatus: 429,
      providerCode: 'ThrottlingException',
      requestId: 'req-1',
      retryAfterMs: 1500,
      field: 'indexId',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DocumentIndexError);
    expect(error.name).toBe('DocumentIndexError');
    expect(error.message).toBe('slow down');
    expect(error.retryable).toBe(false);
    expect(error.cause).toBe(cause);
    expect(error.toJSON()).toEqual({
      name: 'DocumentIndexError',
      code: 'throttled',
      message: 'slow down',
      provider: 'kendra',
      retryable: false,
      httpStatus: 429,
      providerCode: 'ThrottlingException',
      requestId: 'req-1',
      retryAfterMs: 1500,
      field: 'indexId',
    });
  });

  it('toJSON carries only the optional fields that are set', () => {
    expect(new DocumentIndexError('network', 'down').toJSON()).toEqual({
      name: 'DocumentIndexError',
      code: 'network',
      message: 'down',
      retryable: true,
    });
  });

  it('keeps a secret held by its cause out of message, JSON, String and util.inspect', () => {
    const error = new DocumentIndexError('unauthorized', 'The credentials were refused', {
      provider: 'naver',
      httpStatus: 401,
      cause: causeWithSecret(),
    });
    // The cause stays readable for debugging, but is not enumerable.
    expect((error.cause as Error).message).toContain(SECRET);
    expect(Object.keys(error)).not.toContain('cause');

    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(JSON.stringify({ wrapped: error })).not.toContain(SECRET);
    expect(String(error)).not.toContain(SECRET);
    expect(error.stack ?? '').not.toContain(SECRET);
    expect(JSON.stringify(error.toJSON())).not.toMatch(/cause|stack/);

    const shown = inspect(error, { depth: 10, showHidden: false });
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain('[cause]');
    // Still useful: the stack head and the details are printed.
    expect(shown).toContain('DocumentIndexError: The credentials were refused');
    expect(shown).toContain("code: 'unauthorized'");
    expect(shown).toContain('httpStatus: 401');
    expect(inspect({ nested: error }, { depth: 10 })).not.toContain(SECRET);
  });

  it('never echoes a secret in validation messages built from user input', () => {
    // validationError's message names the field and the problem, not the value.
    const error = validationError('apiKey', 'expected a string, got a number');
    expect(error.code).toBe('validation');
    expect(error.field).toBe('apiKey');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('Invalid apiKey: expected a string, got a number');
    expect(validationError('indexId', 'must not be empty', 'kendra').provider).toBe('kendra');
  });

  it('builds unsupported errors with and without a hint', () => {
    const plain = unsupportedError('kendra', 'listStatuses');
    expect(plain.code).toBe('unsupported');
    expect(plain.retryable).toBe(false);
    expect(plain.message).toBe('listStatuses is not supported by kendra');
    expect(unsupportedError('azure', 'deleteDocuments', 'use cancel()').message).toBe(
      'deleteDocuments is not supported by azure: use cancel()',
    );
  });

  it('isDocumentIndexError says no to look-alikes', () => {
    expect(isDocumentIndexError(new Error('x'))).toBe(false);
    expect(isDocumentIndexError({ name: 'DocumentIndexError', code: 'internal' })).toBe(false);
    expect(isDocumentIndexError(null)).toBe(false);
    expect(isDocumentIndexError(undefined)).toBe(false);
    expect(isDocumentIndexError('DocumentIndexError')).toBe(false);
    expect(isDocumentIndexError(new DocumentIndexError('internal', 'x'))).toBe(true);
    expect(DocumentIndexError.isInstance(new DocumentIndexError('internal', 'x'))).toBe(true);
    expect(DocumentIndexError.isInstance(new Error('x'))).toBe(false);
  });

  it('isDocumentIndexError recognises errors from another copy of the module, both ways', async () => {
    vi.resetModules();
    const copy = (await import('../../src/spec/errors')) as typeof import('../../src/spec/errors');
    // A genuinely separate class: instanceof alone would fail here.
    expect(copy.DocumentIndexError).not.toBe(DocumentIndexError);
    const foreign = new copy.DocumentIndexError('throttled', 'from the other copy');
    const local = new DocumentIndexError('throttled', 'from this copy');
    expect(foreign instanceof DocumentIndexError).toBe(false);
    expect(local instanceof copy.DocumentIndexError).toBe(false);

    expect(isDocumentIndexError(foreign)).toBe(true);
    expect(copy.isDocumentIndexError(local)).toBe(true);
    expect(DocumentIndexError.isInstance(foreign)).toBe(true);
    expect(copy.DocumentIndexError.isInstance(local)).toBe(true);
  });

  it('keeps any message, code and cause out of the other fields (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DOCUMENT_INDEX_ERROR_CODES), fc.string(), fc.string(), (code, message, secret) => {
        fc.pre(!message.includes('tok-'));
        const error = new DocumentIndexError(code, message, { cause: { token: `tok-${secret}-end` } });
        const json = error.toJSON();
        expect(json.code).toBe(code);
        expect(json.message).toBe(message);
        expect(JSON.stringify(json)).not.toContain(`tok-${JSON.stringify(secret).slice(1, -1)}-end`);
        expect(isDocumentIndexError(error)).toBe(true);
      }),
    );
  });
});
