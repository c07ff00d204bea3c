/**
 * The `hooks`, `logger` and `userAgent` options every factory takes, checked
 * before anything is sent: a misspelt hook is a `validation` error, not a hook
 * that silently never runs.
 */
import { validationError } from '../../spec/errors';
import type { ClientHooks, ClientLogger } from '../../spec/observability';
import type { ProviderName } from '../../spec/status';
import { describe, requireObject } from '../validate';
import { VERSION } from '../version';

const HOOK_NAMES = [
  'onRequest',
  'onResponse',
  'onRetry',
  'onThrottle',
] as const satisfies readonly (keyof ClientHooks)[];
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const satisfies readonly (keyof ClientLogger)[];

/** `hooks`: an object of the four hook functions, each optional; any other key is refused. */
export function validateHooks(value: unknown, provider?: ProviderName): ClientHooks | undefined {
  if (value === undefined) return undefined;
  const hooks = requireObject(value, 'hooks', provider);
  for (const [name, hook] of Object.entries(hooks)) {
    if (!(HOOK_NAMES as readonly string[]).includes(name)) {
      throw validationError(`hooks.${name}`, `not a hook; expected one of ${HOOK_NAMES.join(', ')}`, provider);
    }
    if (hook !== undefined && typeof hook !== 'function') {
      throw validationError(`hooks.${name}`, `expected a function, got ${describe(hook)}`, provider);
    }
  }
  return hooks as ClientHooks;
}

/**
 * `logger`: anything console-like with at least one of `debug`, `info`, `warn`,
 * `error` as a function (other members, such as console's own, are left alone).
 */
export function validateLogger(value: unknown, provider?: ProviderName): ClientLogger | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationError('logger', `expected an object such as console, got ${describe(value)}`, provider);
  }
  const logger = value as Record<string, unknown>;
  let methods = 0;
  for (const level of LOG_LEVELS) {
    const method = logger[level];
    if (method === undefined) continue;
    if (typeof method !== 'function') {
      throw validationError(`logger.${level}`, `expected a function, got ${describe(method)}`, provider);
    }
    methods++;
  }
  if (methods === 0) {
    throw validationError('logger', `expected at least one of ${LOG_LEVELS.join(', ')} as a function`, provider);
  }
  return value as ClientLogger;
}

/** docindex's own product token, first in every User-Agent it sends. */
export const DOCINDEX_USER_AGENT = `docindex/${VERSION}`;

/** Printable ASCII (a header value must not carry control characters), no leading or trailing space. */
const USER_AGENT_RULE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * `userAgent`, the application's own product token(s), e.g. `my-app/2.1`: a
 * string of at most 256 printable ASCII characters (a header value must not
 * carry control characters). Returns the whole User-Agent docindex adds:
 * `docindex/<version>` then the application's.
 */
export function resolveUserAgent(value: unknown, provider?: ProviderName): string {
  if (value === undefined) return DOCINDEX_USER_AGENT;
  if (typeof value !== 'string') {
    throw validationError('userAgent', `expected a string, got ${describe(value)}`, provider);
  }
  if (value.length > 256 || !USER_AGENT_RULE.test(value)) {
    throw validationError(
      'userAgent',
      'expected 1 to 256 printable ASCII characters, without leading or trailing spaces, e.g. my-app/1.0',
      provider,
    );
  }
  return `${DOCINDEX_USER_AGENT} ${value}`;
}
