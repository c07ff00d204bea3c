/**
 * The AWS SDK's adaptive rate limiter (`DefaultRateLimiter` of `@smithy/core`'s
 * retry submodule, as installed: node_modules/@smithy/core/dist-es/submodules/retry/
 * util-retry/DefaultRateLimiter.js), ported line for line onto a {@link LimiterClock}
 * so the rate limiter's tests can hold docindex's limiter against it on the same
 * fake-clock service. What the SDK does around it is kept too: a token before each
 * attempt, `updateClientSendingRate` after each answer, throttled or not.
 */
import type { LimiterClock, RateLimiter } from '../../src/core/rate-limiter';

const BETA = 0.7;
const MIN_CAPACITY = 1;
const MIN_FILL_RATE = 0.5;
const SCALE_CONSTANT = 0.4;
const SMOOTH = 0.8;

export function createAwsAdaptiveLimiter(clock: LimiterClock): RateLimiter {
  const seconds = () => clock.now() / 1000;
  let enabled = false;
  let availableTokens = 0;
  let lastMaxRate = 0;
  let measuredTxRate = 0;
  let requestCount = 0;
  let fillRate = MIN_FILL_RATE;
  let lastThrottleTime = seconds();
  let lastTimestamp = 0;
  let lastTxRateBucket = Math.floor(seconds());
  let maxCapacity = MIN_CAPACITY;
  let timeWindow = 0;
  let throttled = 0;

  const refill = () => {
    const timestamp = seconds();
    if (!lastTimestamp) {
      lastTimestamp = timestamp;
      return;
    }
    availableTokens = Math.min(maxCapacity, availableTokens + (timestamp - lastTimestamp) * fillRate);
    lastTimestamp = timestamp;
  };
  const acquire = async () => {
    if (!enabled) return;
    refill();
    while (availableTokens < 1) {
      const delay = ((1 - availableTokens) / fillRate) * 1000;
      // Node runs a timer after at least 1 ms, whole milliseconds (the SDK relies on it).
      await new Promise<void>((resolve) => clock.setTimeout(resolve, Math.max(1, Math.trunc(delay))));
      refill();
    }
    availableTokens -= 1;
  };
  const updateMeasuredRate = () => {
    const t = seconds();
    const timeBucket = Math.floor(t * 2) / 2;
    requestCount++;
    if (timeBucket > lastTxRateBucket) {
      const currentRate = requestCount / (timeBucket - lastTxRateBucket);
      measuredTxRate = currentRate * SMOOTH + measuredTxRate * (1 - SMOOTH);
      requestCount = 0;
      lastTxRateBucket = timeBucket;
    }
  };
  const calculateTimeWindow = () => {
    timeWindow = ((lastMaxRate * (1 - BETA)) / SCALE_CONSTANT) ** (1 / 3);
  };
  const update = (isThrottling: boolean) => {
    let calculatedRate: number;
    updateMeasuredRate();
    if (isThrottling) {
      throttled++;
      const rateToUse = !enabled ? measuredTxRate : Math.min(measuredTxRate, fillRate);
      lastMaxRate = rateToUse;
      calculateTimeWindow();
      lastThrottleTime = seconds();
      calculatedRate = rateToUse * BETA;
      enabled = true;
    } else {
      calculateTimeWindow();
      calculatedRate = SCALE_CONSTANT * (seconds() - lastThrottleTime - timeWindow) ** 3 + lastMaxRate;
    }
    const newRate = Math.min(calculatedRate, 2 * measuredTxRate);
    refill();
    fillRate = Math.max(newRate, MIN_FILL_RATE);
    maxCapacity = Math.max(newRate, MIN_CAPACITY);
    availableTokens = Math.min(availableTokens, maxCapacity);
  };

  return {
    async run(_signal, send, arg) {
      await acquire();
      try {
        const value = await send(arg);
        update(false);
        return value;
      } catch (error) {
        update((error as { code?: unknown }).code === 'throttled');
        throw error;
      }
    },
    state: () => ({
      limited: enabled,
      rate: enabled ? fillRate : Number.POSITIVE_INFINITY,
      window: Number.POSITIVE_INFINITY,
      measured: lastMaxRate,
      waiting: 0,
      throttled,
    }),
  };
}
