/**
 * Calls the application's hooks and logger on behalf of one client, so that
 * nothing they do can break a call: a hook that throws, or returns a promise that
 * rejects, is reported once (per client and hook) and ignored after that; a
 * logger that throws is reported once as a process warning. Events and lines are
 * built only for a hook or a level that is set.
 */
import type { ClientHooks, ClientLogger } from '../../spec/observability';

type HookName = keyof ClientHooks;
type HookEvent<Name extends HookName> = Parameters<NonNullable<ClientHooks[Name]>>[0];

/** One client's hooks and logger, called safely. */
export interface Reporter {
  /** Whether there is anything to report to: a hook or a logger. */
  readonly listening: boolean;
  /** Calls the hook, if set, with the event `build` makes. */
  hook<Name extends HookName>(name: Name, build: () => HookEvent<Name>): void;
  /** Writes the line `build` makes, prefixed `[docindex] `, if the logger has this level. */
  log(level: keyof ClientLogger, build: () => string): void;
}

/** `hooks` and `logger` as validated by the client's options. */
export function createReporter(hooks: ClientHooks | undefined, logger: ClientLogger | undefined): Reporter {
  const reported = new Set<string>();

  /** Reports a failure of the application's own code, once per key: to the logger, else as a process warning. */
  const reportOnce = (key: string, what: string, error: unknown): void => {
    if (reported.has(key)) return;
    reported.add(key);
    const message = `[docindex] ${what} threw (${thrownText(error)}); the call went on, and later errors of it are ignored`;
    const write = key === 'logger' ? undefined : (logger?.error ?? logger?.warn);
    try {
      if (write) return void write.call(logger, message);
    } catch {
      // A logger that throws cannot say so itself.
    }
    (globalThis as { process?: { emitWarning?(message: string, type: string): void } }).process?.emitWarning?.(
      message,
      'DocIndexWarning',
    );
  };

  const has = (value: object | undefined, keys: string[]) =>
    keys.some((key) => typeof (value as Record<string, unknown> | undefined)?.[key] === 'function');

  return {
    // A logger's methods may live on its prototype (pino, winston): looked up by name.
    listening: has(hooks, ['onRequest', 'onResponse', 'onRetry', 'onThrottle']) || has(logger, ['debug', 'warn']),
    hook(name, build) {
      const hook = hooks?.[name] as ((event: unknown) => unknown) | undefined;
      if (typeof hook !== 'function') return;
      const fail = (error: unknown) => reportOnce(name, `the ${name} hook`, error);
      try {
        const returned = hook.call(hooks, build());
        if (typeof (returned as PromiseLike<unknown> | undefined)?.then === 'function') {
          (returned as PromiseLike<unknown>).then(undefined, fail);
        }
      } catch (error) {
        fail(error);
      }
    },
    log(level, build) {
      const write = logger?.[level];
      if (typeof write !== 'function') return;
      try {
        write.call(logger, `[docindex] ${build()}`);
      } catch (error) {
        reportOnce('logger', `the logger's ${level} method`, error);
      }
    },
  };
}

/** What a hook or logger threw, in a few words; never throws itself (a `message` getter may). */
function thrownText(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  } catch {
    return 'an error whose message cannot be read';
  }
}
