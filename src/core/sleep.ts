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
