import { describe } from '../../core/validate';
import { validationError } from '../../spec/errors';

/**
 * Checks a caller's own SDK client passed as `client` (anything with a `send`
 * method), and that none of the options that only configure a client docindex
 * creates (`region`, `credentials`, `endpoint`, ...) is set beside it: they would
 * be silently ignored. Returns the client.
 */
export function requirePassedClient<Client>(
  options: Record<string, unknown>,
  typeName: string,
  clientOnlyOptions: readonly string[],
): Client {
  const { client } = options;
  if (typeof client !== 'object' || client === null || typeof (client as { send?: unknown }).send !== 'function') {
    throw validationError('client', `expected a ${typeName}, got ${describe(client)}`);
  }
  for (const field of clientOnlyOptions) {
    if (options[field] !== undefined) {
      throw validationError(
        field,
        'configure your own `client` directly; this option only applies to the client docindex creates',
      );
    }
  }
  return client as Client;
}
