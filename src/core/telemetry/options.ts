/**
 * The `hooks`, `logger` and `userAgent` options every factory takes, checked
 * before anything is sent: a misspelt hook is a `validation` error, not a hook
 * that silently never runs.
 */
import { validationError } from '../../spec/errors';
import type { ClientHooks, ClientLogger } from '../../spec/observability';
import type { ProviderName } from '../../spec/status';
import { optionalFunction, requireObject } from '../validate';
import { VERSION } from '../version';

const HOOKS = ['onRequest', 'onResponse', 'onRetry', 'onThrottle'];
const LEVELS = ['debug', 'info', 'warn', 'error'];

/** `hooks`: an object of the four hook functions, each optional; any other key is refused. */
export function validateHooks(value: unknown, provider?: ProviderName): ClientHooks | undefined {
  if (value === undefined) return undefined;
  for (const [name, hook] of Object.entries(requireObject(value, 'hooks', provider))) {
    if (!HOOKS.includes(name))
      throw validationError(`hooks.${name}`, `not a hook; expected ${HOOKS.join(', ')}`, provider);
    optionalFunction(hook, `hooks.${name}`, provider);
  }
  return value as ClientHooks;
}

/**
 * `logger`: anything console-like with at least one of `debug`, `info`, `warn`,
 * `error` as a function (its other members, such as console's own, are left alone).
 */
export function validateLogger(value: unknown, provider?: ProviderName): ClientLogger | undefined {
  if (value === undefined) return undefined;
  const logger = requireObject(value, 'logger', provider);
  for (const level of LEVELS) optionalFunction(logger[level], `logger.${level}`, provider);
  if (!LEVELS.some((level) => logger[level] !== undefined)) {
    throw validationError('logger', `expected at least one of ${LEVELS.join(', ')} as a function`, provider);
  }
  return value as ClientLogger;
}

/** docindex's own product token, first in every User-Agent it sends. */
export const DOCINDEX_USER_AGENT = `docindex/${VERSION}`;

/**
 * `userAgent`, the application's own product token(s), e.g. `my-app/2.1`: at most
 * 256 printable ASCII characters without leading or trailing spaces (a header
 * value must not carry control characters). Returns the whole User-Agent
 * docindex adds: `docindex/<version>`, then the application's.
 */
export function resolveUserAgent(value: unknown, provider?: ProviderName): string {
  if (value === undefined) return DOCINDEX_USER_AGENT;
  if (typeof value !== 'string' || value.length > 256 || !/^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(value)) {
    throw validationError('userAgent', 'expected 1 to 256 printable ASCII characters, e.g. my-app/1.0', provider);
  }
  return `${DOCINDEX_USER_AGENT} ${value}`;
}
