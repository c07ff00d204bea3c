/**
 * Hooks and the logger, for every adapter against its simulator: each request
 * the simulator saw is one `onRequest` and one `onResponse` with the fields of
 * that request, a throttled attempt is one `onThrottle` and one `onRetry`, a
 * failed one an `onRetry`, each request one `debug` line and each retry and
 * throttling one `warn`; a hook that throws or rejects never breaks a call and is
 * reported once per client and hook.
 */
import { describe, expect, it } from 'vitest';
import type {
  ClientHooks,
  ClientLogger,
  RequestHookEvent,
  ResponseHookEvent,
  RetryHookEvent,
  ThrottleHookEvent,
} from '../../src/index';
import type { RunningSimulator } from '../../src/testing/index';
import type { LoggedRequest } from '../../src/testing/request-log';
import { type ConformanceTarget, textDocument } from '../conformance/harness';
import { FAST_RETRY, idsOf, simulatorPerFile, TARGETS } from './support';

let sim: RunningSimulator;
simulatorPerFile((started) => {
  sim = started;
});

/** Every event and log line of one client, in the order they came. */
function recorder() {
  const events = {
    requests: [] as RequestHookEvent[],
    responses: [] as ResponseHookEvent[],
    retries: [] as RetryHookEvent[],
    throttles: [] as ThrottleHookEvent[],
    lines: [] as Array<{ level: keyof ClientLogger; message: string }>,
  };
  const hooks: ClientHooks = {
    onRequest: (event) => events.requests.push(event),
    onResponse: (event) => events.responses.push(event),
    onRetry: (event) => events.retries.push(event),
    onThrottle: (event) => events.throttles.push(event),
  };
  const line = (level: keyof ClientLogger) => (message: string) => events.lines.push({ level, message });
  const logger: ClientLogger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
  const linesAt = (level: keyof ClientLogger) => events.lines.filter((entry) => entry.level === level);
  return { events, hooks, logger, linesAt };
}

/** A URL as the simulator logs it (parsed and serialised). */
const normalized = (url: string) => new URL(url).href;

/** `(method, url)` of requests, sorted: concurrent chunks reach the hooks and the simulator in any order. */
const sortedExchanges = (entries: ReadonlyArray<{ method: string; url: string }>) =>
  entries.map((entry) => `${entry.method} ${normalized(entry.url)}`).sort();

function seedDone(target: ConformanceTarget, count: number) {
  return target.seed(
    sim,
    idsOf(target, count).map((id) => ({ id, statuses: [target.rawDone] })),
  );
}

describe.each(TARGETS)('hooks and logger: $name', ({ target }) => {
  const { provider } = target;
  const statusOperation = target.operations.status;
  const logged = (): LoggedRequest[] => sim.log.filter({ provider });

  it('onRequest and onResponse for each request, with its method, URL, status, duration and request id', async () => {
    const count = target.batchLimit + 1;
    const refs = seedDone(target, count);
    const { events, hooks, logger, linesAt } = recorder();
    const client = target.createClient(sim, { retry: FAST_RETRY, hooks, logger });

    const batch = await client.getStatuses(refs);
    expect(batch.errors).toEqual([]);

    const seen = logged();
    expect(seen.length).toBeGreaterThan(1);
    expect(events.requests).toHaveLength(seen.length);
    expect(events.responses).toHaveLength(seen.length);
    expect(sortedExchanges(events.requests)).toEqual(sortedExchanges(seen));
    expect(sortedExchanges(events.responses)).toEqual(sortedExchanges(seen));
    for (const event of events.requests) {
      expect(event).toEqual({
        provider,
        operation: statusOperation,
        attempt: 1,
        documents: expect.any(Number),
        method: expect.stringMatching(/^(GET|POST)$/),
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
      });
    }
    // Every document was in exactly one request.
    expect(events.requests.reduce((sum, event) => sum + event.documents, 0)).toBe(count);
    for (const event of events.responses) {
      expect(event.httpStatus).toBe(200);
      expect(Number.isFinite(event.durationMs)).toBe(true);
      expect(event.durationMs).toBeGreaterThanOrEqual(0);
      expect(event.provider).toBe(provider);
      expect(event.operation).toBe(statusOperation);
      if (provider === 'naver') expect(event.requestId).toBeUndefined();
      else expect(event.requestId).toMatch(/^[\w-]{8,}$/);
    }
    expect(events.retries).toEqual([]);
    expect(events.throttles).toEqual([]);
    // One debug line per request, naming it; nothing at warn.
    expect(linesAt('debug')).toHaveLength(seen.length);
    for (const { message } of linesAt('debug')) {
      expect(message).toMatch(new RegExp(`^\\[docindex\\] ${provider} ${statusOperation} attempt 1: (GET|POST) http`));
      expect(message).toContain('-> 200 in ');
    }
    expect(linesAt('warn')).toEqual([]);
  });

  it('a throttled attempt: onResponse with its status, onThrottle, onRetry with the error and delay, warnings', async () => {
    const refs = seedDone(target, 1);
    sim.inject({ provider, operation: statusOperation, fault: { type: 'error', kind: 'throttled' }, times: 1 });
    const { events, hooks, logger, linesAt } = recorder();
    const client = target.createClient(sim, { retry: FAST_RETRY, hooks, logger });

    const batch = await client.getStatuses(refs);
    expect(batch.items.map((item) => item.status)).toEqual(['succeeded']);

    const [first, second] = logged();
    expect(logged()).toHaveLength(2);
    expect(events.requests.map((event) => event.attempt)).toEqual([1, 2]);
    expect(events.responses.map((event) => [event.attempt, event.httpStatus])).toEqual([
      [1, first?.outcome],
      [2, second?.outcome],
    ]);
    const throttledResponse = events.responses[0] as ResponseHookEvent;
    expect(throttledResponse.httpStatus).toBeGreaterThanOrEqual(400);

    // Both events name the throttled attempt and its request.
    const firstAttempt = {
      provider,
      operation: statusOperation,
      attempt: 1,
      documents: 1,
      method: throttledResponse.method,
      url: throttledResponse.url,
    };
    // The provider's throttling first; then the retry may be held by the client's
    // adaptive rate limiter (its pause after a throttled answer), reported as a wait.
    const [throttle, ...held] = events.throttles as [ThrottleHookEvent, ...ThrottleHookEvent[]];
    expect(held.length).toBeLessThanOrEqual(1);
    for (const wait of held) {
      expect(wait).toEqual({
        ...firstAttempt,
        method: undefined,
        url: undefined,
        attempt: 2,
        waitedMs: expect.any(Number),
      });
    }
    expect(throttle).toMatchObject({ ...firstAttempt, httpStatus: throttledResponse.httpStatus });
    expect(throttle.error?.code).toBe('throttled');
    expect(throttle.waitedMs).toBeUndefined();
    // The request id the hook saw is the one the error carries: both read the provider's answer.
    expect(throttle.requestId).toBe(throttledResponse.requestId);
    expect(throttle.error?.requestId).toBe(throttledResponse.requestId);

    expect(events.retries).toHaveLength(1);
    const retry = events.retries[0] as RetryHookEvent;
    expect(retry).toMatchObject(firstAttempt);
    expect(retry.error).toBe(throttle.error);
    expect(retry.delayMs).toBeGreaterThanOrEqual(FAST_RETRY.minDelayMs ?? 0);
    expect(retry.delayMs).toBeLessThanOrEqual(FAST_RETRY.maxDelayMs ?? Number.POSITIVE_INFINITY);

    // The limiter's own wait (if it held the retry) is logged at debug: the provider's throttling is the warning.
    const warnings = linesAt('warn').map(({ message }) => message);
    const limiterLines = linesAt('debug').filter(({ message }) => message.endsWith("for the client's rate limiter"));
    expect(limiterLines).toHaveLength(held.length);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      new RegExp(`^\\[docindex\\] ${provider} ${statusOperation} attempt 1 was throttled by the provider \\(HTTP \\d+`),
    );
    expect(warnings[1]).toMatch(
      new RegExp(
        `^\\[docindex\\] ${provider} ${statusOperation} attempt 1 failed \\(throttled, .*retrying in [\\d.]+ ms$`,
      ),
    );
    expect(linesAt('debug')).toHaveLength(2 + held.length);
  });

  it("a request the client's rate limiter held back: onThrottle with waitedMs, before it is sent, and a warning", async () => {
    // Three requests at once against a fixed 100 requests/s: the second and third wait their turn.
    const perRequest = target.batchLimit;
    const refs = seedDone(target, perRequest * 3);
    const { events, hooks, logger, linesAt } = recorder();
    const client = target.createClient(sim, {
      retry: FAST_RETRY,
      hooks,
      logger,
      rateLimit: { requestsPerSecond: 100 },
    });

    const batch = await client.getStatuses(refs);
    expect(batch.errors).toEqual([]);

    expect(logged()).toHaveLength(3);
    expect(events.throttles).toHaveLength(2);
    for (const throttle of events.throttles) {
      expect(throttle).toEqual({
        provider,
        operation: statusOperation,
        attempt: 1,
        documents: perRequest,
        waitedMs: expect.any(Number),
      });
      expect(throttle.waitedMs).toBeGreaterThan(0);
    }
    // Reported before sending: each wait comes before its request's onRequest.
    expect(events.requests).toHaveLength(3);
    // The client pacing its own requests is expected, not a warning: those lines are at debug.
    expect(linesAt('warn')).toEqual([]);
    const waits = linesAt('debug')
      .map(({ message }) => message)
      .filter((message) => message.includes('rate limiter'));
    expect(waits).toHaveLength(2);
    for (const warning of waits) {
      expect(warning).toMatch(
        new RegExp(
          `^\\[docindex\\] ${provider} ${statusOperation} attempt 1 waited [\\d.]+ ms for the client's rate limiter$`,
        ),
      );
    }
  });

  it.runIf(target.put)('putDocuments: onRequest and onResponse for each put request, with its request id', async () => {
    const put = target.put as NonNullable<typeof target.put>;
    const docs = Array.from({ length: put.batchLimit + 1 }, (_, i) => textDocument(put.makeId(i)));
    const { events, hooks } = recorder();
    const client = target.createClient(sim, { retry: FAST_RETRY, hooks });

    const batch = await client.putDocuments(docs);
    expect(batch.errors).toEqual([]);

    const seen = logged().filter((entry) => entry.operation === put.operation);
    expect(seen).toHaveLength(2);
    expect(events.requests.filter((event) => event.operation === put.operation)).toHaveLength(2);
    const responses = events.responses.filter((event) => event.operation === put.operation);
    expect(sortedExchanges(responses)).toEqual(sortedExchanges(seen));
    for (const event of responses) {
      expect(event.httpStatus).toBeGreaterThanOrEqual(200);
      expect(event.httpStatus).toBeLessThan(300);
      if (provider !== 'naver') expect(event.requestId).toMatch(/^[\w-]{8,}$/);
    }
  });

  it('a server error: onRetry for each failed attempt, no onThrottle; the last failure is not retried', async () => {
    const refs = seedDone(target, 1);
    sim.inject({ provider, operation: statusOperation, fault: { type: 'error', kind: 'server_error' }, times: 3 });
    const { events, hooks, logger, linesAt } = recorder();
    const client = target.createClient(sim, { retry: FAST_RETRY, hooks, logger });

    const batch = await client.getStatuses(refs);
    expect(batch.errors.map(({ error }) => error.code)).toEqual(['internal']);
    expect(events.requests.map((event) => event.attempt)).toEqual([1, 2, 3]);
    expect(events.responses.map((event) => event.httpStatus)).toEqual(logged().map((entry) => entry.outcome));
    expect(events.retries.map((event) => [event.attempt, event.error.code])).toEqual([
      [1, 'internal'],
      [2, 'internal'],
    ]);
    expect(events.throttles).toEqual([]);
    expect(linesAt('warn')).toHaveLength(2);
  });

  it('a dropped connection: onRequest without onResponse, the retry still names the request', async () => {
    const refs = seedDone(target, 1);
    sim.inject({ provider, operation: statusOperation, fault: { type: 'reset' }, times: 1 });
    const { events, hooks, logger, linesAt } = recorder();
    const client = target.createClient(sim, { retry: FAST_RETRY, hooks, logger });

    await client.getStatuses(refs);
    expect(events.requests.map((event) => event.attempt)).toEqual([1, 2]);
    expect(events.responses.map((event) => event.attempt)).toEqual([2]);
    expect(events.retries).toHaveLength(1);
    expect(events.retries[0]).toMatchObject({
      attempt: 1,
      method: events.requests[0]?.method,
      url: events.requests[0]?.url,
    });
    expect(events.retries[0]?.error.code).toBe('network');
    // The request that got no answer is still one debug line.
    expect(linesAt('debug').map(({ message }) => message)[0]).toMatch(/-> no response after [\d.]+ ms \(network: /);
  });

  it('a hook that throws never breaks a call; each failing hook is reported once to logger.error', async () => {
    const refs = seedDone(target, 2);
    sim.inject({ provider, operation: statusOperation, fault: { type: 'error', kind: 'throttled' }, times: 1 });
    const { logger, linesAt } = recorder();
    const calls: string[] = [];
    const throwing = (name: string) => () => {
      calls.push(name);
      throw new Error(`${name} is broken`);
    };
    const client = target.createClient(sim, {
      retry: FAST_RETRY,
      logger,
      hooks: {
        onRequest: throwing('onRequest'),
        onResponse: throwing('onResponse'),
        onRetry: throwing('onRetry'),
        onThrottle: throwing('onThrottle'),
      },
    });

    const first = await client.getStatuses(refs);
    const second = await client.getStatuses(refs);
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(2);
    // The hooks kept being called; each one's failure was reported once.
    expect(calls.filter((name) => name === 'onRequest').length).toBe(sim.log.count({ provider }));
    const errors = linesAt('error').map(({ message }) => message);
    expect(errors).toHaveLength(4);
    for (const name of ['onRequest', 'onResponse', 'onRetry', 'onThrottle']) {
      expect(
        errors.filter((message) => message.includes(`the ${name} hook threw (Error: ${name} is broken)`)),
      ).toHaveLength(1);
    }
  });

  it('a hook that returns a rejected promise is reported once, and nothing is left unhandled', async () => {
    const refs = seedDone(target, 1);
    const { logger, linesAt } = recorder();
    const client = target.createClient(sim, {
      retry: FAST_RETRY,
      logger,
      hooks: { onResponse: async () => Promise.reject(new Error('async hook failed')) },
    });
    await client.getStatuses(refs);
    await client.getStatuses(refs);
    // The rejection is reported when it settles, a microtask later.
    await new Promise((resolve) => setImmediate(resolve));
    expect(linesAt('error').map(({ message }) => message)).toEqual([
      expect.stringContaining('the onResponse hook threw (Error: async hook failed)'),
    ]);
  });
});
