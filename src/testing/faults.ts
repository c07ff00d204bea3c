import type { KnownProviderName as ProviderName } from '../providers/registry';
import type { ProviderErrorKind } from './types';

/**
 * What can go wrong with one request. Error kinds are rendered in each provider's
 * own wire shape (Kendra throttling is an HTTP 400 with `ThrottlingException`,
 * Azure's a 429 with `RequestRateTooHigh`, ...); the rest are transport faults.
 */
export type Fault =
  | { type: 'error'; kind: ProviderErrorKind; retryAfterSeconds?: number; status?: number; message?: string }
  /** The connection is dropped without an answer. */
  | { type: 'reset' }
  /** The answer is held back this long, then sent as usual. */
  | { type: 'latency'; ms: number }
  /** HTTP 200 with a body that is not JSON. */
  | { type: 'malformed' }
  /** The usual answer, cut off halfway through the body. */
  | { type: 'truncated' }
  /** HTTP 200 with valid JSON of the wrong shape. */
  | { type: 'wrong_shape'; body?: unknown }
  /**
   * A load balancer or proxy in front of the provider answers instead of it: HTTP
   * `status` (default 502) with an HTML page (default), an empty body, or a JSON
   * error body cut off halfway. No provider error shape, no request id.
   */
  | { type: 'gateway'; status?: number; body?: 'html' | 'empty' | 'truncated' };

/** A fault queued with `sim.inject(rule)`: which requests it hits, what happens to them, how many times. */
export interface FaultRule {
  provider: ProviderName;
  /** Only this operation (e.g. `BatchGetDocumentStatus`, `getDocumentsStatus`); any when absent. */
  operation?: string | undefined;
  fault: Fault;
  /** How many matching requests fail this way (default 1; `Infinity` for always). */
  times?: number | undefined;
}

/** A token bucket set with `sim.rateLimit(rule)`: requests beyond it are answered in the provider's throttling shape. */
export interface RateLimitRule {
  provider: ProviderName;
  operation?: string | undefined;
  /** Requests allowed in a burst. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
  /** Retry-After sent with the throttling answer, when set. */
  retryAfterSeconds?: number | undefined;
}

interface ActiveRule extends FaultRule {
  remaining: number;
}

interface Bucket extends RateLimitRule {
  tokens: number;
  refilledAt: number;
}

/** Faults queued for upcoming requests, and token-bucket rate limits. */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private buckets: Bucket[] = [];

  /** The next `times` matching requests fail with `fault`; rules apply in the order added. */
  inject(rule: FaultRule): this {
    this.rules.push({ ...rule, remaining: rule.times ?? 1 });
    return this;
  }

  /** Throttles requests beyond a token bucket's rate. */
  rateLimit(rule: RateLimitRule, now: number = Date.now()): this {
    this.buckets.push({ ...rule, tokens: rule.capacity, refilledAt: now });
    return this;
  }

  /**
   * Consumes and returns the fault for this request, if any. A latency fault still
   * lets the rate limits apply (a slow service can be throttled too): a request
   * beyond a bucket is answered throttled at once, as services answer throttling.
   */
  take(provider: ProviderName, operation: string, now: number = Date.now()): Fault | undefined {
    const rule = this.rules.find((r) => r.provider === provider && (r.operation ?? operation) === operation);
    if (rule) {
      rule.remaining--;
      if (rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
      if (rule.fault.type !== 'latency') return rule.fault;
    }
    return this.throttle(provider, operation, now) ?? rule?.fault;
  }

  /** The throttling answer when a rate limit of this request's provider has no token left; takes a token otherwise. */
  private throttle(provider: ProviderName, operation: string, now: number): Fault | undefined {
    for (const bucket of this.buckets) {
      if (bucket.provider !== provider || (bucket.operation ?? operation) !== operation) continue;
      const elapsed = Math.max(0, now - bucket.refilledAt) / 1000;
      bucket.tokens = Math.min(bucket.capacity, bucket.tokens + elapsed * bucket.refillPerSecond);
      bucket.refilledAt = now;
      if (bucket.tokens < 1) {
        return { type: 'error', kind: 'throttled', retryAfterSeconds: bucket.retryAfterSeconds };
      }
      bucket.tokens -= 1;
    }
    return undefined;
  }

  /** Faults still queued (for assertions that everything injected was used). */
  pending(): number {
    return this.rules.reduce((sum, rule) => sum + (Number.isFinite(rule.remaining) ? rule.remaining : 1), 0);
  }

  /** Drops every queued fault and rate limit. */
  clear(): void {
    this.rules = [];
    this.buckets = [];
  }
}
