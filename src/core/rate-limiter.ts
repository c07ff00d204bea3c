/**
 * One request rate limiter per client: every request of the client (each chunk of
 * every concurrent call, each poll, each page) asks it before it goes on the wire.
 *
 * `'adaptive'` sends at full speed until the provider throttles. Then:
 *
 * - **Discovery.** Nothing is known about the quota but that it is spent: sends
 *   pause briefly (for the provider's Retry-After when it sent one), then resume one
 *   at a time, one more in flight every 50 ms, until the next throttled answer. Too
 *   few paid for in between to measure: pause twice as long and count on. What was
 *   paid for before the first throttled answer shows the provider's burst, and so
 *   whether the pause could have filled its bucket (then the reading is low).
 * - **Measuring the quota.** A throttled answer means the provider's budget was
 *   empty at that moment. Between two such moments every request it accepted was
 *   paid for by budget refilled in between, so the requests sent between two
 *   throttled answers and not throttled, over the time between them, is the
 *   provider's refill rate (to one request; counted by send, as a request in flight
 *   when the budget ran out was paid before, unless its answer comes back throttled
 *   after all: then discovery counts again). The AWS SDK's adaptive mode instead
 *   cuts its measured send rate by a fixed factor, which takes many throttled rounds
 *   to approach a quota and then undershoots it.
 * - **Sending.** Requests are paced evenly just under the measured rate (the first
 *   one a whole interval after the throttled answer: the budget is empty then). The
 *   rate then grows along a cubic curve (as CUBIC and the AWS SDK do): flat near the
 *   measured rate, so a quota that holds costs one throttled request per probe, and
 *   doubling once well above it, so a quota that rose is found within seconds. Probes
 *   grow rarer while measurements agree (to about one per 5 s, as rare as the AWS
 *   SDK's at 50 to 200 requests/s), frequent again when they change, and for 30 s
 *   after the quota changed no rarer than one per 2.5 s. Discovery's reading is
 *   probed rarely from the start, unless it may be low: then by doubling straight
 *   away. A throttled answer below the measured rate means the quota fell: the rate
 *   is cut by a factor until the next measurement.
 * - **Concurrency.** Every request in flight is the client's own, so being throttled
 *   below the measured rate also halves how many may be in flight at once (growing
 *   back by one per round trip), and discovery starts from one: a limiter that only
 *   spaces sends out would still let every request in flight hit an empty budget
 *   together, and some services limit concurrency rather than rate.
 * - **Recovery.** When the rate has grown far beyond the last measurement without a
 *   throttled answer while nothing waits, the limiter switches itself off again.
 *   Throttled again within a measurement's span of the previous throttled answer, it
 *   paces to what was paid for in between at once, without a new discovery.
 *
 * Until it is first throttled (and again after it recovers) the limiter costs a
 * counter and a promise reaction per request: no timer, no wait, and a clock read
 * only for a request sent with none of the client's in flight (for discovery). A
 * wait is not an attempt, honours the request's signal (the call's abort and
 * deadline), and leaves no timer behind.
 */
import type { PipelineStage } from './pipeline';
import { MAX_TIMER_MS } from './sleep';
import type { Reporter } from './telemetry/reporter';
import { reportThrottle } from './telemetry/stage';

/** What the limiter reads time from and waits with; tests pass a fake. */
export interface LimiterClock {
  /** Milliseconds, monotonic. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the limiter is doing, for tests and benchmarks. */
export interface LimiterState {
  /** False while the limiter lets every request through at once. */
  readonly limited: boolean;
  /** Requests per second it paces to now (Infinity: not pacing). */
  readonly rate: number;
  /** Requests it lets be in flight at once (Infinity: no limit). */
  readonly window: number;
  /** The quota as last measured, requests per second (0 before any measurement). */
  readonly measured: number;
  /** Requests waiting for their turn. */
  readonly waiting: number;
  /** Throttled answers seen. */
  readonly throttled: number;
}

/** A client's rate limiter. */
export interface RateLimiter {
  /**
   * Sends `send(arg)` when the limiter allows, and learns from how it settles
   * (a rejection with `code: 'throttled'`, and its `retryAfterMs`, is throttling).
   * Rejects with `signal.reason` if the signal aborts while the request waits.
   * `waited` is told how long (ms) a request that had to wait waited, before it is sent.
   */
  run<A, T>(
    signal: AbortSignal | undefined,
    send: (arg: A) => Promise<T>,
    arg: A,
    waited?: (ms: number) => void,
  ): Promise<T>;
  state(): LimiterState;
}

// The adaptive limiter's constants (tuned on a fake-clock token bucket over rates of
// 5 to 500 requests/s, bursts of 2 to 50, round trips of 1 to 200 ms).
/** Pause after the first throttled answer when it carries no Retry-After (ms). */
const DISCOVERY_PAUSE_MS = 100;
/** Paced rate right after a measurement, as a fraction below it. */
const MARGIN = 0.03;
/** Factor the rate is cut by when throttling goes on below the measured rate. */
const BETA = 0.7;
/** A cut never goes below this fraction of the rate that was just throttled. */
const KEEP = 0.9;
/**
 * Cubic growth (per s^3, relative to the measured rate): after a change, and at its
 * slowest while measurements agree (each agreeing one halves it, so the probes of a
 * quota that holds spread out from about one per second to about one per five).
 */
const FAST_GROWTH = 0.1;
const SLOW_GROWTH = 0.003;
/** The limiter steps aside when its rate reaches this multiple of the last measurement. */
const RECOVER_FACTOR = 4;
/** Shortest span between two throttled answers a measurement uses (ms). */
const MIN_SPAN_MS = 250;
/**
 * Longest span a measurement may use (ms): older throttled answers say little about
 * the quota now. Longer than the time between two probes of a quota that holds (at
 * SLOW_GROWTH the curve is back at the measured rate after 2.2 s and 1.2 times above
 * it after 6.2 s, then doubles): a probe found with no measurement behind it was cut
 * by a factor, far below the quota, and the doubling back overshot it (at 20/s with a
 * burst of 5, six throttled answers in a row every 17 s).
 */
const MAX_SPAN_MS = 10_000;
/**
 * A measurement that differs from the one before by more than this fraction means the
 * quota changed; for {@link CHANGE_MEMORY_MS} after, probes are never rarer than
 * {@link CHANGED_GROWTH} makes them (about one per 2.5 s), since a quota that changed
 * (shared with other clients, or raised and lowered by hand) tends to change again:
 * a quota that rose back is then found within about 3 s rather than 7.
 */
const CHANGED = 0.25;
const CHANGE_MEMORY_MS = 30_000;
const CHANGED_GROWTH = 0.05;
/** Discovery's reading is taken as the quota when the burst seen before it is at least this multiple of what its pause refilled. */
const BURST_SAFETY = 1.5;
/**
 * How far under discovery's reading it paces: one request of the reading's count,
 * at least {@link MARGIN} and at most this. The reading counts whole requests
 * (figure 7's: 13 in 0.26 s, so one request is 8%); one request high and paced only
 * 3% under, it was throttled again within a second or two when round trips varied
 * by a few milliseconds. A margin over 5% cost the sweep more wall time than it saved.
 */
const DISCOVERY_MARGIN = 0.05;
/** When probing, the rate doubles this often (ms). */
const PROBE_DOUBLING_MS = 500;
/** Lowest rate the adaptive mode paces to (requests per second); a fixed `requestsPerSecond` is kept as given. */
const MIN_RATE = 0.5;

const SYSTEM_CLOCK: LimiterClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How far above the last measurement (a fraction) the rate may grow on the cubic curve before it probes by doubling. */
const RISEN = 0.2;
/** Throttled answers kept to measure from, at least {@link MARK_SPACING_MS} apart (so they cover 5 s or more). */
const HISTORY = 50;
const MARK_SPACING_MS = 100;
/** The shortest span discovery measures over (ms). */
const DISCOVERY_SPAN_MS = 50;
/** Discovery measures once this many requests were paid for since the first throttled answers; until then it pauses longer. */
const DISCOVERY_COUNT = 4;
/**
 * Discovery pauses at most this long between requests (ms) while the provider
 * accepts nothing at all: requests then fail after their attempts within seconds
 * rather than queue for minutes.
 */
const MAX_DISCOVERY_PAUSE_MS = 2_000;
/** In discovery, one more request may be in flight per step (ms). */
const DISCOVERY_STEP_MS = 50;

interface Ticket {
  /** The rate epoch the request was sent in: an answer to a request sent before the last cut says nothing new. */
  readonly epoch: number;
  /** Counted in the window (sent while limited). */
  readonly counted: boolean;
  released: boolean;
}

interface Waiter {
  resolve(ticket: Ticket): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort(): void;
}

/**
 * A throttled answer (the last of a cluster less than {@link MARK_SPACING_MS} long):
 * when, and how many requests sent by then were not throttled.
 */
interface Mark {
  /** When the cluster began. */
  readonly first: number;
  at: number;
  paid: number;
}

/** Creates the limiter for one client. */
export function createRateLimiter(
  setting: 'adaptive' | { readonly requestsPerSecond: number },
  options: {
    clock?: LimiterClock;
    /** Longest pause a Retry-After can impose (ms; default 20 s, the retry policy's default cap). */
    maxHoldMs?: number;
  } = {},
): RateLimiter {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const maxHoldMs = options.maxHoldMs ?? 20_000;
  const fixedRate = setting === 'adaptive' ? undefined : setting.requestsPerSecond;

  // Always kept: requests sent, throttled answers, requests in flight sent while not limited.
  let sent = 0;
  let throttledCount = 0;
  /**
   * Requests sent so far that the provider paid for from its budget: all but the
   * throttled ones. Counted by send, not by answer: a request in flight when the
   * budget ran out was paid before it ran out (a throttled one is answered at once),
   * so counting answers credits the next measurement with up to a window of requests
   * it did not pay for (figure 7's 50/s quota read as 51.9, then 53.2).
   */
  const paid = () => sent - throttledCount;
  let freeInFlight = 0;
  // While limited (always, for a fixed rate):
  let limited = fixedRate !== undefined;
  let discovering = false;
  let probing = false;
  let epoch = 0;
  let inFlight = 0;
  let window = Infinity;
  /** The window at which discovery gives up and switches off (the concurrency it found). */
  let freeWindow = Infinity;
  let nextAt = -Infinity;
  let holdUntil = -Infinity;
  // The cubic curve: rate(t) = measured * (1 + growth * (t - cutAt - k)^3), t in seconds.
  let measured = 0;
  /** The measurement the rate was last settled from (0: none, or a cut by a factor). */
  let lastReading = 0;
  let growth = FAST_GROWTH;
  /** The last measurement that was not rough (0: none), and when one last differed from the one before by more than {@link CHANGED}. */
  let reference = 0;
  let changedAt = -Infinity;
  /** While free: when the latest request sent with none of the client's in flight went, and how many had been paid for before it. */
  let freeSince = 0;
  let freePaid = 0;
  let k = 0;
  let cutAt = 0;
  const marks: Mark[] = [];
  /** The first throttled answer of a discovery, and how long it pauses now. */
  let discovery: Mark | undefined;
  let discoveryPauseMs = 0;
  /** The epoch the last discovery began in: requests sent before it were not counted by it. */
  let discoveryEpoch = 0;
  /** Late refusals made discovery count again from a later start: its reading is probed up, not trusted. */
  let restarted = false;
  /**
   * The cluster of throttled answers discovery closed on and the epoch it settled in,
   * while answers to requests sent before may still correct it; and the limiter's
   * memory of readings (reference, lastReading, changedAt) as it was before.
   */
  let closedOn: Mark | undefined;
  let closedEpoch = -1;
  let beforeClosing: [number, number, number] = [0, 0, 0];
  let resumeAt = 0;
  const queue: Waiter[] = [];
  let timer: unknown;
  let timerAt = Infinity;

  const rateAt = (now: number): number => {
    if (fixedRate !== undefined) return fixedRate;
    if (!limited || discovering) return Infinity;
    // After discovery the measurement is rough (a short count, or a burst that
    // capped what the pause could refill): double every PROBE_DOUBLING_MS until the
    // next throttled answer measures it properly.
    if (probing) return measured * 2 ** ((now - cutAt) / PROBE_DOUBLING_MS);
    // The cubic curve, until it is well above the last measurement without a
    // throttled answer: the quota has risen, so probe on by doubling.
    const t = (now - cutAt) / 1000 - k;
    const risen = Math.cbrt(RISEN / growth);
    if (t <= risen) return measured * (1 + growth * t * t * t);
    return measured * (1 + RISEN) * 2 ** (((t - risen) * 1000) / PROBE_DOUBLING_MS);
  };

  const switchOff = (): void => {
    limited = false;
    discovering = false;
    window = Infinity;
    freeWindow = Infinity;
    nextAt = -Infinity;
    epoch++;
  };

  /** 0 when a request may go now, else how long until one may (Infinity: until one in flight settles). */
  const admission = (now: number): number => {
    if (now < holdUntil) return holdUntil - now;
    holdUntil = -Infinity;
    if (!limited) return 0;
    if (discovering) {
      // One request at a time after the pause, one more every step: enough to
      // drain what the pause refilled however long the round trip, without a burst of
      // throttled answers. Back at twice the concurrency it was throttled at without
      // another throttled answer, the throttling has passed.
      const steps = Math.floor((now - resumeAt) / DISCOVERY_STEP_MS);
      window = 1 + Math.max(0, steps);
      if (window >= 2 * freeWindow) {
        switchOff();
        return 0;
      }
      if (inFlight >= window) return steps < 0 ? resumeAt - now : resumeAt + (steps + 1) * DISCOVERY_STEP_MS - now;
    }
    if (inFlight >= window) return Infinity;
    return now < nextAt ? nextAt - now : 0;
  };

  /**
   * A request sent while free with none of the client's in flight: a stretch of
   * traffic starts (after idle time, when the provider's bucket refilled), and
   * discovery reads the provider's burst from what is paid for from now on.
   */
  const startCounting = (now: number): void => {
    freeSince = now;
    freePaid = paid();
  };

  const newTicket = (counted: boolean): Ticket => ({ epoch, counted, released: false });

  const take = (now: number): Ticket => {
    if (!limited && freeInFlight === 0) startCounting(now);
    sent++;
    if (!limited) {
      freeInFlight++;
      return newTicket(false);
    }
    const rate = rateAt(now);
    // Far above the last measurement without a throttled answer, and nobody waiting:
    // the limiter no longer binds, so it steps aside. (While requests wait, it keeps
    // growing instead: a measurement that read low is corrected by the next one.)
    if (fixedRate === undefined && !discovering && rate >= RECOVER_FACTOR * measured && queue.length === 0) {
      switchOff();
      freeInFlight++;
      return newTicket(false);
    }
    if (Number.isFinite(rate)) {
      if (fixedRate !== undefined) {
        // The caller's own rate is a ceiling: each request at least an interval after the last, however late.
        nextAt = Math.max(now, nextAt) + 1000 / rate;
      } else {
        // An even pace just under the measured quota: a request sent late by less than an interval (a timer
        // that fired late) keeps the schedule, so the rate holds; after a longer pause the schedule starts
        // again from now, so idle time is never saved up into a burst.
        const interval = 1000 / Math.max(rate, MIN_RATE);
        nextAt = (now - nextAt < interval ? nextAt : now) + interval;
      }
    }
    inFlight++;
    return newTicket(true);
  };

  const disarm = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    timerAt = Infinity;
  };

  const arm = (at: number, now: number): void => {
    if (timer !== undefined && timerAt <= at) return;
    disarm();
    timerAt = at;
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        timerAt = Infinity;
        pump();
      },
      Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(at - now))),
    );
  };

  /** Lets waiting requests go, first come first served, while the limiter allows. */
  const pump = (): void => {
    while (queue.length > 0) {
      const now = clock.now();
      const wait = admission(now);
      if (wait > 0) {
        if (Number.isFinite(wait)) arm(now + wait, now);
        else disarm();
        return;
      }
      const waiter = queue.shift() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(take(now));
    }
    disarm();
  };

  const release = (ticket: Ticket): void => {
    if (ticket.released) return;
    ticket.released = true;
    if (ticket.counted) inFlight--;
    else freeInFlight--;
  };

  /**
   * The quota measured between the most recent throttled answer at least
   * `minSpanMs` old and now, in requests per second; undefined when there is none.
   */
  const measure = (now: number): number | undefined => {
    for (let i = marks.length - 1; i >= 0; i--) {
      const mark = marks[i] as Mark;
      const span = now - mark.at;
      if (span > MAX_SPAN_MS) return undefined;
      if (span >= MIN_SPAN_MS) return ((paid() - mark.paid) * 1000) / span;
    }
    return undefined;
  };

  /**
   * Paces just under `quota` from now on, then probes above it along the cubic curve.
   * `reading` is the measurement behind it (none for a cut by a factor): probes grow
   * rarer while readings agree. (Compared with the rate settled at instead, a reading
   * held up by the clamp in `cut` never agreed with the next, true one, and a quota
   * that held was probed twice every two and a half seconds.)
   */
  const settleAt = (
    quota: number,
    now: number,
    reading = 0,
    /** Discovery's reading, exact or rough (see `cut`); none: any other. */
    kind?: 'rough' | 'exact',
    margin = MARGIN,
  ): void => {
    const target = Math.max(MIN_RATE, quota);
    if (kind !== 'rough' && reading > 0) {
      if (reference > 0 && Math.abs(reading - reference) > CHANGED * reference) changedAt = now;
      reference = reading;
    }
    const slowest = now - changedAt < CHANGE_MEMORY_MS ? CHANGED_GROWTH : SLOW_GROWTH;
    // (No reading, or none before it, never agrees: |0 - x| < 0.1 x is false, as is |y - 0| < 0.)
    // An exact reading is probed rarely from the start (unless the quota just changed).
    if (kind === 'exact') growth = slowest;
    else growth = Math.abs(reading - lastReading) < 0.1 * lastReading ? Math.max(slowest, growth / 2) : FAST_GROWTH;
    lastReading = reading;
    measured = target;
    k = Math.cbrt(margin / growth);
    cutAt = now;
    discovering = false;
    probing = false;
    epoch++;
    // The provider's budget is empty now: the next request waits a whole interval.
    nextAt = now + 1000 / Math.max(MIN_RATE, target * (1 - margin));
  };

  /**
   * Settles discovery's reading: `count` requests paid for over `span` ms since its
   * first throttled answer `first`.
   */
  const settleDiscovery = (first: Mark, count: number, span: number, now: number): void => {
    const reading = (count * 1000) / span;
    // The budget was empty at both ends, so this is the quota, unless the pause was
    // long enough for the provider's bucket to fill up and stop refilling: then it
    // reads low, and is probed up by doubling. The requests paid for before the
    // first throttled answer, less what the quota refilled meanwhile, were the
    // bucket's content when the client started, at most its capacity; when that is
    // more than the pause refilled (with a margin: the reading stands in for the
    // quota), the bucket never filled, and the reading is probed rarely from the
    // start (figure 7: probing it by doubling and then every 2.5 s cost four
    // throttled answers more in a 6 s sweep, 10 against the AWS SDK limiter's 6),
    // paced under it by its precision (a request in its count).
    const sinceFree = (first.at - freeSince) / 1000;
    const burst = first.paid - freePaid - reading * sinceFree;
    if (!restarted && burst >= BURST_SAFETY * reading * (discoveryPauseMs / 1000))
      settleAt(reading, now, reading, 'exact', Math.min(DISCOVERY_MARGIN, Math.max(MARGIN, 1 / count)));
    else {
      settleAt(reading, now, reading, 'rough');
      probing = true;
    }
  };

  /**
   * A throttled answer, after discovery settled, to a request sent before: discovery
   * counted it as paid for (by send), so it read high by one. Answers come back out
   * of order when the client is slow to read a refusal (a cold error path, a busy
   * event loop): figure 7's first run read 15 requests where 13 were paid for, 60
   * requests/s for a quota of 50, and paid six throttled answers more for it. Settles
   * again on the count of the closing cluster as it stands now.
   */
  const recountDiscovery = (now: number): void => {
    const first = discovery as Mark;
    const end = closedOn as Mark;
    // As if the first settling had not been: the corrected reading replaces it.
    [reference, lastReading, changedAt] = beforeClosing;
    settleDiscovery(first, end.paid - first.paid, end.at - first.at, now);
    closedEpoch = epoch;
  };

  /** A throttled answer to a request sent after the last change of rate: the rate is still too high. */
  const cut = (now: number): void => {
    if (discovering) {
      const first = discovery as Mark;
      const count = paid() - first.paid;
      const span = now - first.at;
      if (count >= DISCOVERY_COUNT && span >= DISCOVERY_SPAN_MS) {
        beforeClosing = [reference, lastReading, changedAt];
        settleDiscovery(first, count, span, now);
        closedOn = marks[marks.length - 1];
        closedEpoch = epoch;
      } else {
        // Too few paid for to measure: pause longer and count again. (Not capped at
        // maxHoldMs: that bounds what a provider's Retry-After imposes, while this pause
        // is the limiter's own pacing; capped at a retry policy's 5 ms, the bucket never
        // refilled in between and discovery cost a throttled answer every few ms.)
        discoveryPauseMs = Math.min(2 * discoveryPauseMs, MAX_DISCOVERY_PAUSE_MS);
        holdUntil = Math.max(holdUntil, now + discoveryPauseMs);
        resumeAt = holdUntil;
        epoch++;
      }
      return;
    }
    const current = rateAt(now);
    const quota = measure(now);
    // Throttled while probing above the measured rate: the rate was too high. Throttled
    // at or below it: the quota fell, or requests in flight together hit it, so fewer
    // may be in flight too (half as many, growing back by one per round trip).
    if (current <= measured) window = Math.max(1, Math.min(window, inFlight + 1) / 2);
    // A measurement below the rate just throttled is trusted, though never far below
    // it (one across a quota that rose, or across idle time, reads low); one at or
    // above it means the quota fell since: cut by a factor until a fresh one.
    if (quota !== undefined && quota < current) settleAt(Math.max(quota, KEEP * current), now, quota);
    else settleAt(BETA * current, now);
  };

  const onThrottled = (ticket: Ticket, retryAfterMs: unknown): void => {
    const now = clock.now();
    throttledCount++;
    // A cluster of throttled answers (requests that went out together) is one mark, at
    // its last answer: requests in flight until then were paid before the budget ran out.
    const last = marks[marks.length - 1];
    if (last && now - last.first < MARK_SPACING_MS) {
      last.at = now;
      last.paid = paid();
    } else {
      marks.push({ first: now, at: now, paid: paid() });
      if (marks.length > HISTORY) marks.shift();
    }
    // A late refusal of a request sent before discovery began makes discovery count again, but from nothing and
    // from now, never from below: after a burst of sixty whose refusals straggled in over a busy event loop, the
    // count sank far below zero, never reached DISCOVERY_COUNT, and discovery sent three requests per two-second
    // pause against a quota of 40 per second for tens of seconds (fake-clock test: 27-51 s for a 10 s sweep). The
    // reading taken from the later start is probed up, not trusted: what the burst showed no longer bounds it.
    if (discovering && ticket.epoch < discoveryEpoch) {
      const first = discovery as Mark;
      if (paid() < first.paid) {
        first.paid = paid();
        first.at = now;
        restarted = true;
      }
    }
    const hold = typeof retryAfterMs === 'number' && retryAfterMs > 0 ? Math.min(retryAfterMs, maxHoldMs) : 0;
    if (hold > 0) holdUntil = Math.max(holdUntil, now + hold);
    if (fixedRate !== undefined) return;
    const recent = limited ? undefined : measure(now);
    if (recent !== undefined) {
      // Throttled again soon after the limiter stepped aside: the requests paid for since
      // the previous throttled one measure the quota already, so pace to it at once
      // rather than pause everything and rediscover it (a client that can send only
      // a little faster than its quota would otherwise pause once per second).
      limited = true;
      window = Infinity;
      settleAt(recent, now, recent);
    } else if (!limited) {
      // The first throttled answer: pause, then send one at a time until the next one measures the quota.
      limited = true;
      discovering = true;
      // The mark just made: the rest of its cluster moves it on, so discovery counts from the cluster's last answer.
      discovery = marks[marks.length - 1];
      discoveryPauseMs = hold || DISCOVERY_PAUSE_MS;
      epoch++;
      discoveryEpoch = epoch;
      restarted = false;
      window = 1;
      freeWindow = Math.max(2, freeInFlight + 1);
      nextAt = -Infinity;
      holdUntil = Math.max(holdUntil, now + discoveryPauseMs);
      resumeAt = holdUntil;
    } else if (ticket.epoch === epoch) {
      cut(now);
    } else if (closedEpoch === epoch && marks[marks.length - 1] === closedOn && ticket.epoch < epoch) {
      recountDiscovery(now);
    }
  };

  const onAccepted = (ticket: Ticket): void => {
    if (ticket.counted && !discovering && Number.isFinite(window)) window += 1 / window;
  };

  const settle = (ticket: Ticket, ok: boolean, error?: unknown): void => {
    const wasCounted = ticket.counted && !ticket.released;
    release(ticket);
    if (ok) onAccepted(ticket);
    else if ((error as { code?: unknown } | null)?.code === 'throttled') {
      onThrottled(ticket, (error as { retryAfterMs?: unknown }).retryAfterMs);
    }
    if (wasCounted || queue.length > 0) pump();
  };

  // The path of every request while the limiter is off: no clock, no closure per request.
  const freeTicket: Ticket = { epoch: -1, counted: false, released: false };
  const freeDone = <T>(value: T): T => {
    freeInFlight--;
    return value;
  };
  const freeFailed = (error: unknown): never => {
    freeInFlight--;
    if ((error as { code?: unknown } | null)?.code === 'throttled') {
      onThrottled(freeTicket, (error as { retryAfterMs?: unknown }).retryAfterMs);
    }
    if (queue.length > 0) pump();
    throw error;
  };

  const launch = <A, T>(ticket: Ticket, signal: AbortSignal | undefined, send: (arg: A) => Promise<T>, arg: A) => {
    // A request abandoned on abort must not hold its place in the window for good
    // (something underneath may never settle it).
    const onAbort = ticket.counted
      ? () => {
          if (ticket.released) return;
          release(ticket);
          pump();
        }
      : undefined;
    if (onAbort) signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    };
    return call(send, arg).then(
      (value) => {
        done();
        settle(ticket, true);
        return value;
      },
      (error: unknown) => {
        done();
        settle(ticket, false, error);
        throw error;
      },
    );
  };

  const wait = (signal: AbortSignal | undefined): Promise<Ticket> =>
    new Promise<Ticket>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = queue.indexOf(waiter);
          if (at !== -1) queue.splice(at, 1);
          reject(signal?.reason);
          pump();
        },
      };
      queue.push(waiter);
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      pump();
    });

  return {
    run(signal, send, arg, waited) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (!limited && queue.length === 0 && holdUntil === -Infinity) {
        if (freeInFlight === 0) startCounting(clock.now());
        sent++;
        freeInFlight++;
        return call(send, arg).then(freeDone, freeFailed);
      }
      if (queue.length === 0) {
        const now = clock.now();
        if (admission(now) === 0) return launch(take(now), signal, send, arg);
      }
      const askedAt = waited ? clock.now() : 0;
      return wait(signal).then((ticket) => {
        if (signal?.aborted) {
          release(ticket);
          pump();
          throw signal.reason;
        }
        waited?.(clock.now() - askedAt);
        return launch(ticket, signal, send, arg);
      });
    },
    state: () => ({
      limited,
      rate: rateAt(clock.now()),
      window,
      measured,
      waiting: queue.length,
      throttled: throttledCount,
    }),
  };
}

/**
 * The pipeline stage that sends every attempt of a client through its limiter.
 * A request the limiter held back is reported (`onThrottle` with `waitedMs`, and a
 * warning) when someone listens.
 */
export function rateLimitStage(limiter: RateLimiter, reporter?: Reporter): PipelineStage {
  return {
    name: 'rate-limit',
    attempt(context, next) {
      if (!reporter?.listening) return limiter.run(context.signal, next, context);
      const { provider, operation, attempt, documents } = context;
      return limiter.run(context.signal, next, context, (waitedMs) =>
        reportThrottle(reporter, { provider, operation, attempt, documents, waitedMs }),
      );
    },
  };
}

/** `send(arg)`, with a synchronous throw turned into a rejection. */
function call<A, T>(send: (arg: A) => Promise<T>, arg: A): Promise<T> {
  try {
    return send(arg);
  } catch (error) {
    return Promise.reject(error);
  }
}
