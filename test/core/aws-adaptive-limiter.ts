/**
 * The AWS SDK's adaptive rate limiter itself (`DefaultRateLimiter` of `@smithy/core`'s
 * retry submodule, the class `retryMode: 'adaptive'` uses), run on a
 * {@link LimiterClock} so the rate limiter's tests can hold docindex's limiter
 * against it on the same fake-clock service. Only its two clock hooks are replaced:
 * the time it reads (`getCurrentTimeInSeconds`) and the timer it waits on
 * (`DefaultRateLimiter.setTimeoutFn`, static, so one AWS limiter runs at a time).
 * What the SDK does around it is kept too: a token before each attempt,
 * `updateClientSendingRate` after each answer, throttled or not.
 */
import { DefaultRateLimiter } from '@smithy/core/retry';
import type { LimiterClock, RateLimiter } from '../../src/core/rate-limiter';

/** The fields `state()` reads; private in the SDK's types. */
interface LimiterFields {
  enabled: boolean;
  fillRate: number;
  lastMaxRate: number;
}

// Typed by its public methods: the SDK's types make the clock hook private.
const Base = DefaultRateLimiter as unknown as new () => Pick<
  DefaultRateLimiter,
  'getSendToken' | 'updateClientSendingRate'
>;

export function createAwsAdaptiveLimiter(clock: LimiterClock): RateLimiter {
  class OnClock extends Base {
    getCurrentTimeInSeconds() {
      return clock.now() / 1000;
    }
  }
  // Node runs a timer after at least 1 ms, whole milliseconds (the SDK relies on it).
  (DefaultRateLimiter as unknown as { setTimeoutFn: (fn: () => void, ms: number) => unknown }).setTimeoutFn = (
    fn,
    ms,
  ) => clock.setTimeout(fn, Math.max(1, Math.trunc(ms)));
  const limiter = new OnClock();
  const fields = limiter as unknown as LimiterFields;
  let throttled = 0;

  return {
    async run(_signal, send, arg) {
      await limiter.getSendToken();
      try {
        const value = await send(arg);
        limiter.updateClientSendingRate({});
        return value;
      } catch (error) {
        const throttling = (error as { code?: unknown }).code === 'throttled';
        if (throttling) throttled++;
        limiter.updateClientSendingRate(throttling ? { errorType: 'THROTTLING' } : {});
        throw error;
      }
    },
    state: () => ({
      limited: fields.enabled,
      rate: fields.enabled ? fields.fillRate : Number.POSITIVE_INFINITY,
      window: Number.POSITIVE_INFINITY,
      measured: fields.lastMaxRate,
      waiting: 0,
      throttled,
    }),
  };
}
