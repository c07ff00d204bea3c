import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCallScope, withCallScope } from '../../src/core/call-scope';
import { MAX_TIMER_MS } from '../../src/core/sleep';
import { DocumentIndexError, isDocumentIndexError } from '../../src/index';

afterEach(() => {
  vi.useRealTimers();
});

describe('openCallScope', () => {
  it('times out with a `timeout` error after timeoutMs', async () => {
    vi.useFakeTimers();
    const scope = openCallScope({ timeoutMs: 100 }, 'kendra');
    await vi.advanceTimersByTimeAsync(99);
    expect(scope.signal.aborted).toBe(false);
    expect(() => scope.throwIfEnded()).not.toThrow();
    await vi.advanceTimersByTimeAsync(1);
    expect(scope.signal.aborted).toBe(true);
    const error = scope.endedError();
    // The call's deadline is spent: sending it again cannot succeed in time.
    expect(error).toMatchObject({ code: 'timeout', provider: 'kendra', retryable: false });
    expect(() => scope.throwIfEnded()).toThrow(error);
    scope.close();
    // close() after the end keeps the timeout as the reason.
    expect(scope.endedError().code).toBe('timeout');
  });

  it('turns a caller abort into `aborted` with the reason as cause', () => {
    const controller = new AbortController();
    const scope = openCallScope({ signal: controller.signal }, 'azure');
    const reason = new Error('user pressed stop');
    controller.abort(reason);
    expect(scope.signal.aborted).toBe(true);
    const error = scope.endedError();
    expect(error).toMatchObject({ code: 'aborted', provider: 'azure', retryable: false });
    expect(error.cause).toBe(reason);
    scope.close();
  });

  it('starts already ended when the caller signal is already aborted, arming no timer', () => {
    vi.useFakeTimers();
    const scope = openCallScope({ signal: AbortSignal.abort('gone'), timeoutMs: 1000 });
    expect(scope.signal.aborted).toBe(true);
    expect(scope.endedError()).toMatchObject({ code: 'aborted', cause: 'gone' });
    expect(vi.getTimerCount()).toBe(0);
    scope.close();
  });

  it('close() clears the timer, removes the listener and cancels what is in flight', () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const scope = openCallScope({ signal: controller.signal, timeoutMs: 5000 });
    expect(vi.getTimerCount()).toBe(1);
    expect(add).toHaveBeenCalledTimes(1);
    scope.close();
    expect(vi.getTimerCount()).toBe(0);
    expect(remove).toHaveBeenCalledWith('abort', add.mock.calls[0]?.[1]);
    // Requests still running see the scope's own signal abort.
    expect(scope.signal.aborted).toBe(true);
    expect(scope.endedError().code).toBe('aborted');
    // A later caller abort no longer reaches the closed scope.
    const reasonBefore = scope.signal.reason;
    controller.abort(new Error('late'));
    expect(scope.signal.reason).toBe(reasonBefore);
  });

  it('wraps a foreign abort reason of its own signal in `aborted`', () => {
    const scope = openCallScope({});
    expect(scope.signal.aborted).toBe(false);
    scope.close();
    expect(isDocumentIndexError(scope.endedError())).toBe(true);
  });

  it('arms no timer for a deadline beyond what setTimeout can hold', async () => {
    vi.useFakeTimers();
    const scope = openCallScope({ timeoutMs: MAX_TIMER_MS + 1 });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10);
    expect(scope.signal.aborted).toBe(false);
    scope.close();
  });
});

describe('withCallScope', () => {
  it('resolves with the body and leaves no timer running', async () => {
    vi.useFakeTimers();
    await expect(withCallScope({ timeoutMs: 1000 }, 'naver', async () => 42)).resolves.toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rethrows the body error untouched while the scope is live', async () => {
    const error = new DocumentIndexError('unauthorized', 'no');
    await expect(
      withCallScope({}, 'naver', async () => {
        throw error;
      }),
    ).rejects.toBe(error);
  });

  it('never runs the body when the signal is already aborted', async () => {
    const body = vi.fn(async () => 1);
    await expect(withCallScope({ signal: AbortSignal.abort() }, 'naver', body)).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(body).not.toHaveBeenCalled();
  });

  it('replaces whatever the body threw as the scope ended with `timeout`', async () => {
    vi.useFakeTimers();
    const done = withCallScope({ timeoutMs: 50 }, 'bedrock', (scope) => {
      return new Promise((_, reject) => {
        scope.signal.addEventListener('abort', () =>
          reject(new DOMException('The operation was aborted', 'AbortError')),
        );
      });
    });
    const settled = expect(done).rejects.toMatchObject({ code: 'timeout', provider: 'bedrock' });
    await vi.advanceTimersByTimeAsync(50);
    await settled;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('replaces whatever the body threw on a caller abort with `aborted`', async () => {
    const controller = new AbortController();
    const done = withCallScope({ signal: controller.signal }, 'bedrock', (scope) => {
      return new Promise((_, reject) => {
        scope.signal.addEventListener('abort', () => reject(new Error('socket closed')));
      });
    });
    controller.abort('because');
    await expect(done).rejects.toMatchObject({ code: 'aborted', cause: 'because' });
  });
});
