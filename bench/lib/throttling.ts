/**
 * How figure 7 reads a throttled run, shared with the rate limiter's fake-clock tests
 * so that both hold the limiter to one definition. An outcome is `[at, accepted]`
 * per request as the service saw it (ms on the service's clock).
 */
export type Outcome = readonly [at: number, accepted: boolean];

/**
 * How long after `from` (ms) a 1 s window first had fewer than 5% throttled answers
 * and at least 90% of `quota` accepted, before `until` and the last outcome;
 * undefined if never.
 */
export function settledAfter(
  outcomes: readonly Outcome[],
  from: number,
  until: number,
  quota: number,
): number | undefined {
  const end = Math.min(until, outcomes.at(-1)?.[0] ?? from);
  for (let t = from; t + 1000 <= end; t += 100) {
    const window = outcomes.filter(([when]) => when >= t && when < t + 1000);
    const accepted = window.filter(([, ok]) => ok).length;
    if (accepted >= 0.9 * quota && window.length - accepted < 0.05 * window.length) return t - from;
  }
  return undefined;
}

/**
 * The throttled answers of the first wave: requests that reached the service within
 * `roundTripMs` of its first throttled answer, sent before any client could know of
 * it. Every client that starts at full concurrency with no knowledge of the quota
 * sends them alike; how many there are is timing (on loopback 2 to 6 for one arm).
 */
export function firstWave(outcomes: readonly Outcome[], roundTripMs: number): number {
  const first = outcomes.find(([, accepted]) => !accepted)?.[0];
  if (first === undefined) return 0;
  return outcomes.filter(([at, accepted]) => !accepted && at < first + roundTripMs).length;
}

/** Throttled answers after the first wave: those the client's limiter (or retry mode) could have avoided. */
export function throttledAfterFirstWave(outcomes: readonly Outcome[], roundTripMs: number): number {
  return outcomes.filter(([, accepted]) => !accepted).length - firstWave(outcomes, roundTripMs);
}
