/**
 * The longest delay `setTimeout` honours. Longer delays overflow a 32-bit signed
 * integer and Node fires them after 1 ms instead (with a TimeoutOverflowWarning).
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Waits `ms` milliseconds, or rejects with the signal's reason as soon as it aborts,
 * clearing the timer either way so nothing is left running.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    // Clamped: a huge `maxDelayMs` or Retry-After must mean "a long time", not 1 ms.
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles like `work`, or rejects with the signal's reason as soon as it aborts
 * (at once if it already has). Adapters pass the signal on, but not everything
 * underneath honours it (an AWS credential provider or a TokenCredential that
 * hangs, a caller's own client, a caller's document source): without this, such
 * work would hold an aborted or timed-out call open until it finished. The
 * abandoned work's outcome is observed and ignored.
 */
export function abandonOnAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      work.catch(() => {});
      reject(signal.reason);
      return;
    }
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
