import { expect } from 'vitest';
import { type DocumentIndexError, isDocumentIndexError } from '../../../src/spec/errors';
import type { ProviderName } from '../../../src/spec/status';

/**
 * What `build` (a factory call) throws, checked to be a factory-time `validation`
 * error of `provider` whose message, JSON and stack hold none of `secrets`.
 */
export function factoryRefusal(
  build: () => unknown,
  provider: ProviderName,
  secrets: readonly string[],
): DocumentIndexError {
  let thrown: unknown;
  try {
    build();
  } catch (error) {
    thrown = error;
  }
  if (!isDocumentIndexError(thrown)) throw new Error(`expected a DocumentIndexError, got ${String(thrown)}`);
  expect(thrown).toMatchObject({ code: 'validation', provider, retryable: false });
  for (const text of [thrown.message, JSON.stringify(thrown), String(thrown.stack)]) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
  return thrown;
}
