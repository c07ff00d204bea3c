/**
 * Calls the application's hooks and logger on behalf of one client, so that
 * nothing they do can break a call: a hook that throws, or returns a promise that
 * rejects, is reported once (per client and hook) and ignored after that; a
 * logger that throws is reported once as a process warning.
 */
import type { ClientHooks, ClientLogger } from '../../spec/observability';

/** The name of a hook. */
export type HookName = keyof ClientHooks;
/** The event a hook takes. */
export type HookEvent<Name extends HookName> = Parameters<NonNullable<ClientHooks[Name]>>[0];
/** A logger method. */
export type LogLevel = keyof ClientLogger;

/** One client's hooks and logger, called safely. */
export interface Reporter {
  /** Whether there is anything to report to: a hook or a logger. */
  readonly listening: boolean;
  /** Whether the hook is set (events are only built for hooks that are). */
  has(hook: HookName): boolean;
  /** Whether the logger has this level. */
  logs(level: LogLevel): boolean;
  hook<Name extends HookName>(name: Name, event: HookEvent<Name>): void;
  log(level: LogLevel, message: string): void;
}

/** `hooks` and `logger` as validated by the client's options. */
export function createReporter(hooks: ClientHooks | undefined, logger: ClientLogger | undefined): Reporter {
  const reported = new Set<string>();
  const listening = hasAny(hooks) || hasAny(logger);

  /** Reports a failure of the application's own code, once per key. */
  const reportOnce = (key: string, message: string): void => {
    if (reported.has(key)) return;
    reported.add(key);
    const write = logger?.error ?? logger?.warn;
    if (write && key !== 'logger') {
      try {
        write.call(logger, message);
        return;
      } catch {
        // A logger that throws cannot report that it does; fall through to a process warning.
      }
    }
    processWarning(message);
  };

  const hookFailed = (name: HookName, error: unknown): void =>
    reportOnce(
      name,
      `[docindex] the ${name} hook threw (${describeFailure(error)}); the call went on, and later errors of this hook are ignored`,
    );

  return {
    listening,
    has: (name) => typeof hooks?.[name] === 'function',
    logs: (level) => typeof logger?.[level] === 'function',
    hook(name, event) {
      const hook = hooks?.[name] as ((this: ClientHooks, event: HookEvent<typeof name>) => unknown) | undefined;
      if (!hook) return;
      try {
        const returned = hook.call(hooks as ClientHooks, event);
        if (isThenable(returned)) returned.then(undefined, (error: unknown) => hookFailed(name, error));
      } catch (error) {
        hookFailed(name, error);
      }
    },
    log(level, message) {
      const write = logger?.[level];
      if (!write) return;
      try {
        write.call(logger, message);
      } catch (error) {
        reportOnce(
          'logger',
          `[docindex] the logger's ${level} method threw (${describeFailure(error)}); later errors of the logger are ignored`,
        );
      }
    },
  };
}

function hasAny(value: object | undefined): boolean {
  if (value === undefined) return false;
  for (const key of ['onRequest', 'onResponse', 'onRetry', 'onThrottle', 'debug', 'info', 'warn', 'error']) {
    if (typeof (value as Record<string, unknown>)[key] === 'function') return true;
  }
  return false;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** The error's class and message (what the application's own code threw, not ours). */
function describeFailure(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : typeof error;
}

/** A warning Node prints once to stderr (silenced with `--no-warnings`), where the runtime has one. */
function processWarning(message: string): void {
  const runtime = (globalThis as { process?: { emitWarning?: (message: string, type: string) => void } }).process;
  if (typeof runtime?.emitWarning === 'function') runtime.emitWarning(message, 'DocIndexWarning');
}
