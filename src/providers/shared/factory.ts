import { isDocumentIndexError, withProvider } from '../../spec/errors';
import type { ProviderName } from '../../spec/status';

/**
 * Runs a factory's body, naming `provider` on the `validation` error any option
 * check throws, so that the checks themselves need not be told which provider
 * they run for.
 */
export function inFactory<T>(provider: ProviderName, build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw isDocumentIndexError(error) ? withProvider(error, provider) : error;
  }
}
