/**
 * The pieces of the telemetry stage on their own: URL redaction (examples and
 * properties), option checks, the reporter that keeps hooks and loggers from
 * breaking calls, and the stage's pass-through when nothing listens.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttemptContext } from '../../src/core/pipeline';
import { DOCINDEX_USER_AGENT, resolveUserAgent, validateHooks, validateLogger } from '../../src/core/telemetry/options';
import { REDACTED, redactUrl } from '../../src/core/telemetry/redact-url';
import { createReporter } from '../../src/core/telemetry/reporter';
import { createTelemetryStage } from '../../src/core/telemetry/stage';
import { VERSION } from '../../src/core/version';
import { isDocumentIndexError } from '../../src/index';

describe('redactUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/'],
    [
      'https://x.cognitiveservices.azure.com/translator/document/batches/b/documents?api-version=2024-05-01&ids=a,b&top=10',
      'https://x.cognitiveservices.azure.com/translator/document/batches/b/documents?api-version=2024-05-01&ids=a,b&top=10',
    ],
    ['https://x.example/docs?$top=5&$skipToken=opaque', 'https://x.example/docs?$top=5&$skipToken=REDACTED'],
    [
      'https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=abc%2Bdef&se=2030',
      'https://acct.blob.core.windows.net/c?sv=REDACTED&sig=REDACTED&se=REDACTED',
    ],
    ['https://fn.azurewebsites.net/api/x?code=functionkey', 'https://fn.azurewebsites.net/api/x?code=REDACTED'],
    [
      'https://s3.amazonaws.com/b/k?X-Amz-Credential=AKID%2F20250101&X-Amz-Signature=deadbeef',
      'https://s3.amazonaws.com/b/k?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED',
    ],
    ['https://user:p%40ss@proxy.example:8443/path?x=1', 'https://REDACTED:REDACTED@proxy.example:8443/path?x=REDACTED'],
    ['https://token@host.example/a@b', 'https://REDACTED:REDACTED@host.example/a@b'],
    ['https://host.example/path@segment', 'https://host.example/path@segment'],
    ['https://host.example/p#access_token=secret', 'https://host.example/p'],
    ['https://host.example/p?secretonly', 'https://host.example/p?REDACTED'],
    ['https://host.example/p?API-VERSION=1&Ids=x', 'https://host.example/p?API-VERSION=1&Ids=x'],
    ['https://host.example/p?a=1&&b=2', 'https://host.example/p?a=REDACTED&&b=REDACTED'],
    ['https://host.example/p?', 'https://host.example/p?'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  const token = fc.stringMatching(/^[A-Za-z0-9%+/=._~-]{12,40}$/);
  /** User info as a URL carries it: no `/`, `@`, `:` unencoded. */
  const userInfo = fc.stringMatching(/^[A-Za-z0-9%._~-]{12,40}$/);
  const name = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,15}$/).filter((n) => !KEPT.has(n.toLowerCase()));
  const KEPT = new Set(['api-version', 'ids', 'statuses', 'top', 'skip', 'maxpagesize']);
  const base = fc.constantFrom('https://host.example', 'http://127.0.0.1:9000', 'https://a.b.example:8443');
  const path = fc
    .array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/), { maxLength: 4 })
    .map((parts) => `/${parts.join('/')}`);

  it('no query value, user info or fragment it does not keep survives (property)', () => {
    fc.assert(
      fc.property(
        base,
        path,
        userInfo,
        fc.array(fc.tuple(name, token), { minLength: 1, maxLength: 5 }),
        (origin, p, password, pairs) => {
          const secrets = pairs.map(([, value]) => `S3CR3T${value}`);
          const query = pairs.map(([key], i) => `${key}=${secrets[i]}`).join('&');
          const user = `user${password}`;
          const url = `${origin.replace('://', `://${user}:S3CR3T${password}@`)}${p}?${query}#frag${secrets[0]}`;
          const redacted = redactUrl(url);
          for (const secret of [...secrets, `S3CR3T${password}`, user]) expect(redacted).not.toContain(secret);
          for (const [key] of pairs) expect(redacted).toContain(`${key}=${REDACTED}`);
          expect(redacted).toContain(`@${new URL(origin).host}${p}?`);
        },
      ),
    );
  });

  it('is the identity on a URL without user info, query or fragment, and idempotent (property)', () => {
    fc.assert(
      fc.property(base, path, fc.option(fc.array(fc.tuple(name, token), { maxLength: 4 })), (origin, p, pairs) => {
        const plain = `${origin}${p}`;
        expect(redactUrl(plain)).toBe(plain);
        const url = pairs ? `${plain}?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}` : plain;
        expect(redactUrl(redactUrl(url))).toBe(redactUrl(url));
      }),
    );
  });

  it('keeps the parameters docindex sends, value and all (property)', () => {
    fc.assert(
      fc.property(
        base,
        fc.constantFrom('api-version', 'ids', 'statuses', '$top', '$maxpagesize', 'skip'),
        token,
        (origin, key, value) => {
          expect(redactUrl(`${origin}/d?${key}=${value}`)).toBe(`${origin}/d?${key}=${value}`);
        },
      ),
    );
  });
});

describe('options', () => {
  const field = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(isDocumentIndexError(error) && error.code).toBe('validation');
      return (error as { field?: string }).field;
    }
    throw new Error('expected a validation error');
  };

  it('hooks: functions only, and no key that is not a hook', () => {
    expect(validateHooks(undefined)).toBeUndefined();
    const hooks = { onRequest() {}, onRetry: undefined };
    expect(validateHooks(hooks)).toBe(hooks);
    expect(field(() => validateHooks(() => {}))).toBe('hooks');
    expect(field(() => validateHooks({ onResponse: 'log' }))).toBe('hooks.onResponse');
    expect(field(() => validateHooks({ onReqest() {} }))).toBe('hooks.onReqest');
  });

  it('logger: console works; at least one level, each a function', () => {
    expect(validateLogger(console)).toBe(console);
    expect(validateLogger({ warn() {} })).toBeDefined();
    expect(field(() => validateLogger({}))).toBe('logger');
    expect(field(() => validateLogger({ log() {} }))).toBe('logger');
    expect(field(() => validateLogger({ debug: 1 }))).toBe('logger.debug');
    expect(field(() => validateLogger('console'))).toBe('logger');
  });

  it("userAgent: docindex's token first, then the application's; printable ASCII only", () => {
    expect(DOCINDEX_USER_AGENT).toBe(`docindex/${VERSION}`);
    expect(resolveUserAgent(undefined)).toBe(`docindex/${VERSION}`);
    expect(resolveUserAgent('my-app/2.1 (+https://example.com)')).toBe(
      `docindex/${VERSION} my-app/2.1 (+https://example.com)`,
    );
    for (const bad of ['', ' lead', 'trail ', 'line\nbreak', 'nul\u0000', 'é/1', 'x'.repeat(257), 42]) {
      expect(field(() => resolveUserAgent(bad))).toBe('userAgent');
    }
  });
});

describe('the reporter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('without a logger, a hook that throws becomes one process warning per hook', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const reporter = createReporter(
      {
        onRequest() {
          throw new Error('boom');
        },
      },
      undefined,
    );
    for (let i = 0; i < 3; i++) reporter.hook('onRequest', () => ({}) as never);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('the onRequest hook threw (Error: boom)');
  });

  it('a logger that throws is ignored after one process warning, and never breaks the caller', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const reporter = createReporter(undefined, {
      warn() {
        throw new TypeError('logger down');
      },
    });
    expect(() => {
      reporter.log('warn', () => 'a');
      reporter.log('warn', () => 'b');
    }).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain("the logger's warn method threw (TypeError: logger down)");
  });

  it('a hook or logger throwing an error whose message cannot be read still never breaks the caller', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const unreadable = () => {
      const error = new Error('x');
      Object.defineProperty(error, 'message', {
        get() {
          throw new Error('getter');
        },
      });
      return error;
    };
    const reporter = createReporter(
      {
        onRequest() {
          throw unreadable();
        },
      },
      {
        warn() {
          throw unreadable();
        },
      },
    );
    expect(() => reporter.hook('onRequest', () => ({}) as never)).not.toThrow();
    expect(() => reporter.log('warn', () => 'a')).not.toThrow();
    // The hook's failure goes to the logger, which throws too: both end as process warnings.
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
      expect.stringContaining('the onRequest hook threw (an error whose message cannot be read)'),
      expect.stringContaining("the logger's warn method threw (an error whose message cannot be read)"),
    ]);
  });

  it("finds a logger's methods on its prototype (a class-based logger)", () => {
    class Logger {
      lines: string[] = [];
      debug(message: string) {
        this.lines.push(message);
      }
    }
    const logger = new Logger();
    const reporter = createReporter(undefined, logger);
    expect(reporter.listening).toBe(true);
    reporter.log('debug', () => 'x');
    expect(logger.lines).toEqual(['[docindex] x']);
  });

  it('calls hooks and logger methods as methods (a logger that uses `this` works)', () => {
    const lines: string[] = [];
    const logger = {
      prefix: 'app',
      info(this: { prefix: string }, message: string) {
        lines.push(`${this.prefix} ${message}`);
      },
    };
    createReporter(undefined, logger).log('info', () => 'hello');
    expect(lines).toEqual(['app [docindex] hello']);
  });
});

describe('the telemetry stage', () => {
  const context: AttemptContext = { attempt: 1, chunkToken: 't', operation: 'op', provider: 'kendra', documents: 1 };

  it('with nothing listening, passes the attempt through untouched: no observer, no copy', async () => {
    const stage = createTelemetryStage(createReporter(undefined, undefined));
    let seen: AttemptContext | undefined;
    await stage.attempt?.(context, async (inner) => {
      seen = inner;
    });
    expect(seen).toBe(context);
    expect(seen?.observer).toBeUndefined();
  });

  it('with a hook, gives the attempt an observer', async () => {
    const stage = createTelemetryStage(createReporter({ onResponse() {} }, undefined));
    let seen: AttemptContext | undefined;
    await stage.attempt?.(context, async (inner) => {
      seen = inner;
    });
    expect(seen).not.toBe(context);
    expect(seen?.observer).toBeDefined();
  });
});
