import { PROVIDER_NAMES, type KnownProviderName as ProviderName } from '../providers/registry';
import { AzureSimulator } from './azure/simulator';
import { BedrockSimulator } from './bedrock/simulator';
import { type Fault, FaultInjector, type FaultRule, type RateLimitRule } from './faults';
import { KendraSimulator } from './kendra/simulator';
import { NaverSimulator } from './naver/simulator';
import { RequestLog } from './request-log';
import type { ProviderSimulator, SimEnv, SimRequest } from './types';

/** What the front ends do when a fault says the connection drops. */
export const RESET = Symbol('docindex.simulator.reset');
/** What `Simulator.handle` answers: a response, or {@link RESET} to drop the connection. */
export type SimulatorReply = Response | typeof RESET;

/**
 * All four providers behind one request handler. The msw handlers and the loopback
 * server are two thin front ends over `handle`, so both speak exactly the same
 * protocol and share documents, faults and the request log.
 */
export class Simulator {
  readonly kendra = new KendraSimulator();
  readonly bedrock = new BedrockSimulator();
  readonly azure = new AzureSimulator();
  readonly naver = new NaverSimulator();
  readonly faults = new FaultInjector();
  readonly log = new RequestLog();

  /** One simulator per registered provider (a registered provider without one here is a compile error). */
  private get providers(): readonly ProviderSimulator[] {
    return PROVIDER_NAMES.map((name) => this[name]);
  }

  /** Queues a fault for upcoming requests of one provider (and optionally one operation). */
  inject(rule: FaultRule): this {
    this.faults.inject(rule);
    return this;
  }

  /** Throttles one provider's requests beyond a token-bucket rate. */
  rateLimit(rule: RateLimitRule): this {
    this.faults.rateLimit(rule);
    return this;
  }

  /**
   * Resolves once no request has arrived for `quietMs` (or after `maxMs` at most).
   * A call that timed out or was aborted may already have put requests on the
   * wire; awaiting this before the next test's `reset()` lets them land in this
   * test's log instead of being counted, and using up faults, in the next one.
   */
  async settle(quietMs = 25, maxMs = 1000): Promise<void> {
    let seen = -1;
    for (let waited = 0; waited < maxMs; waited += quietMs) {
      if (this.log.entries.length === seen) return;
      seen = this.log.entries.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }

  /** Forgets documents, faults and the log. */
  reset(): void {
    for (const provider of this.providers) provider.reset();
    this.faults.clear();
    this.log.clear();
  }

  /** Answers one request, or returns undefined when no provider claims it. */
  async handle(request: Request, signal?: AbortSignal): Promise<SimulatorReply | undefined> {
    const sim = await toSimRequest(request);
    for (const provider of this.providers) {
      const operation = provider.operationOf(sim);
      if (operation === undefined) continue;
      const entry = this.log.add({
        provider: provider.provider,
        operation,
        method: sim.method,
        url: sim.url.toString(),
        headers: Object.fromEntries(sim.headers),
        body: sim.body,
        at: Date.now(),
      });
      const reply = await this.answer(provider, sim, operation, signal);
      entry.outcome = reply === RESET ? 'reset' : reply.status;
      return reply;
    }
    return undefined;
  }

  private async answer(
    provider: ProviderSimulator,
    request: SimRequest,
    operation: string,
    signal: AbortSignal | undefined,
  ): Promise<SimulatorReply> {
    const env: SimEnv = { faults: this.faults, log: this.log, origin: request.url.origin, now: () => Date.now() };
    let fault: Fault | undefined = this.faults.take(provider.provider, operation);
    if (fault?.type === 'latency') {
      await delay(fault.ms, signal);
      fault = undefined;
    }
    switch (fault?.type) {
      case 'reset':
        return RESET;
      case 'error':
        return provider.errorResponse(fault.kind, operation, fault, request);
      case 'malformed':
        return new Response('{"value": [ {"id": oops', { status: 200, headers: jsonHeaders(provider.provider) });
      case 'wrong_shape':
        return Response.json(fault.body ?? { unexpected: [1, 2, 3] }, {
          status: 200,
          headers: jsonHeaders(provider.provider),
        });
      case 'gateway':
        return gatewayResponse(fault.status ?? 502, fault.body ?? 'html');
      case 'truncated': {
        const full = await provider.handle(request, operation, env);
        const text = await full.text();
        const headers = new Headers(full.headers);
        headers.delete('content-length');
        return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: full.status, headers });
      }
      default:
        return provider.handle(request, operation, env);
    }
  }
}

/** What a proxy or load balancer answers in front of any provider (see the `gateway` fault). */
function gatewayResponse(status: number, body: 'html' | 'empty' | 'truncated'): Response {
  if (body === 'empty') return new Response(null, { status });
  if (body === 'truncated') {
    return new Response('{"message": "upstream connect error or disconn', {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }
  const title = `${status} ${GATEWAY_REASONS[status] ?? 'Error'}`;
  return new Response(`<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`, {
    status,
    headers: { 'content-type': 'text/html' },
  });
}

const GATEWAY_REASONS: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** Which provider's content type a synthetic body uses. */
function jsonHeaders(provider: ProviderName): HeadersInit {
  const headers: Record<string, string> = {
    'content-type': provider === 'kendra' ? 'application/x-amz-json-1.1' : 'application/json',
  };
  // AWS services put a request id on every answer, garbled ones included.
  if (provider === 'kendra' || provider === 'bedrock') headers['x-amzn-requestid'] = globalThis.crypto.randomUUID();
  return headers;
}

async function toSimRequest(request: Request): Promise<SimRequest> {
  const bodyText = request.body ? await request.text() : '';
  let body: unknown;
  if (bodyText !== '') {
    try {
      body = JSON.parse(bodyText);
    } catch {
      body = undefined;
    }
  }
  return { method: request.method.toUpperCase(), url: new URL(request.url), headers: request.headers, bodyText, body };
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** A fresh simulator with empty document tables. */
export function createSimulator(): Simulator {
  return new Simulator();
}
