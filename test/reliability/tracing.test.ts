/**
 * OpenTelemetry spans, for every adapter against its simulator, read back with
 * the SDK's in-memory exporter: one INTERNAL span per client call
 * (`docindex.getStatuses`, ...) with its document counts, one CLIENT child span
 * per attempt with the HTTP semantic-convention attributes, errors recorded with
 * their code.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { VERSION } from '../../src/core/version';
import { createAzureTranslationIndex } from '../../src/providers/azure/index';
import type { RunningSimulator } from '../../src/testing/index';
import { textDocument } from '../conformance/harness';
import { FAST_RETRY, idsOf, simulatorPerFile, TARGETS } from './support';

let sim: RunningSimulator;
simulatorPerFile((started) => {
  sim = started;
});

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

const spans = () => exporter.getFinishedSpans();
const named = (name: string) => spans().filter((span) => span.name === name);
const childrenOf = (parent: ReadableSpan) =>
  spans().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
const only = (list: ReadableSpan[]): ReadableSpan => {
  expect(list).toHaveLength(1);
  return list[0] as ReadableSpan;
};

describe.each(TARGETS)('spans: $name', ({ target }) => {
  const { provider: providerName } = target;
  const operation = target.operations.status;
  const seedDone = (count: number) =>
    target.seed(
      sim,
      idsOf(target, count).map((id) => ({ id, statuses: [target.rawDone] })),
    );

  it('one call span with its document counts, one child CLIENT span per request with the HTTP attributes', async () => {
    const count = target.batchLimit + 1;
    const refs = seedDone(count);
    const client = target.createClient(sim, { retry: FAST_RETRY });
    await client.getStatuses([...refs, refs[0] as string]);

    const call = only(named('docindex.getStatuses'));
    expect(call.kind).toBe(SpanKind.INTERNAL);
    expect(call.instrumentationScope).toMatchObject({ name: 'docindex', version: VERSION });
    expect(call.attributes).toEqual({
      'docindex.provider': providerName,
      'docindex.documents': count,
      'docindex.items': count,
      'docindex.errors': 0,
    });
    expect(call.status.code).toBe(SpanStatusCode.UNSET);

    const requests = sim.log.filter({ provider: providerName });
    const attempts = childrenOf(call);
    expect(attempts).toHaveLength(requests.length);
    expect(attempts.map((span) => span.attributes['url.full']).sort()).toEqual(
      requests.map((request) => request.url).sort(),
    );
    for (const span of attempts) {
      expect(span.name).toBe(`${providerName} ${operation}`);
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.spanContext().traceId).toBe(call.spanContext().traceId);
      expect(span.attributes).toMatchObject({
        'http.request.method': expect.stringMatching(/^(GET|POST)$/),
        'server.address': '127.0.0.1',
        'server.port': Number(new URL(sim.url).port),
        'http.response.status_code': 200,
        'docindex.provider': providerName,
        'docindex.operation': operation,
        'docindex.attempt': 1,
        'docindex.documents': expect.any(Number),
      });
      expect(span.attributes['http.request.resend_count']).toBeUndefined();
      if (providerName !== 'naver') expect(span.attributes['docindex.request_id']).toEqual(expect.any(String));
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
    }
  });

  it('a throttled attempt is a failed span with error.type, the exception and the status; the retry is the next span', async () => {
    const refs = seedDone(1);
    sim.inject({ provider: providerName, operation, fault: { type: 'error', kind: 'throttled' }, times: 1 });
    const client = target.createClient(sim, { retry: FAST_RETRY });
    await client.getStatuses(refs);

    const call = only(named('docindex.getStatuses'));
    expect(call.attributes['docindex.documents']).toBe(1);
    const [throttled, retried] = childrenOf(call).sort(
      (a, b) => Number(a.attributes['docindex.attempt']) - Number(b.attributes['docindex.attempt']),
    );
    expect(childrenOf(call)).toHaveLength(2);
    expect(throttled?.attributes).toMatchObject({
      'docindex.attempt': 1,
      'error.type': 'throttled',
      'docindex.error.code': 'throttled',
      'docindex.error.retryable': true,
      'http.response.status_code': sim.log.entries[0]?.outcome,
    });
    expect(throttled?.status.code).toBe(SpanStatusCode.ERROR);
    expect(throttled?.events.map((event) => event.name)).toEqual(['exception']);
    // The SDK names an exception by its `code` where it has one: ours.
    expect(throttled?.events[0]?.attributes?.['exception.type']).toBe('throttled');
    expect(retried?.attributes).toMatchObject({
      'docindex.attempt': 2,
      'http.request.resend_count': 1,
      'http.response.status_code': 200,
    });
    expect(retried?.status.code).toBe(SpanStatusCode.UNSET);
    expect(call.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('a call that rejects ends its span as failed, with the code', async () => {
    const refs = seedDone(1);
    sim.inject({
      provider: providerName,
      fault: { type: 'error', kind: 'unauthorized' },
      times: Number.POSITIVE_INFINITY,
    });
    const client = target.createClient(sim, { retry: FAST_RETRY });
    await expect(client.getStatuses(refs)).rejects.toMatchObject({ code: 'unauthorized' });

    const call = only(named('docindex.getStatuses'));
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.attributes).toMatchObject({ 'error.type': 'unauthorized', 'docindex.error.code': 'unauthorized' });
    expect(call.events.map((event) => event.name)).toEqual(['exception']);
    const attempt = only(childrenOf(call));
    expect(attempt.attributes).toMatchObject({
      'error.type': 'unauthorized',
      'http.response.status_code': expect.any(Number),
    });
  });

  it.each([
    ['timeout', () => ({ timeoutMs: 30 })],
    ['aborted', () => ({ signal: AbortSignal.timeout(30) })],
  ] as const)('an attempt cut short by the call ending (%s) says why, as the call does', async (code, optionsOf) => {
    const options = optionsOf();
    const refs = seedDone(1);
    sim.inject({ provider: providerName, fault: { type: 'latency', ms: 1_000 }, times: 1 });
    const client = target.createClient(sim, { retry: FAST_RETRY });
    await expect(client.getStatuses(refs, options)).rejects.toMatchObject({ code });
    // The call rejects as it ends; its attempt's span ends once the transport has let go of the request.
    await vi.waitFor(() => expect(childrenOf(only(named('docindex.getStatuses')))).toHaveLength(1));
    const attempt = only(childrenOf(only(named('docindex.getStatuses'))));
    expect(attempt.attributes).toMatchObject({ 'error.type': code, 'docindex.error.code': code });
  });

  it('a call rejected by validation is a failed span with no request under it', async () => {
    const client = target.createClient(sim, { retry: FAST_RETRY });
    await expect(client.getStatuses([null as never])).rejects.toMatchObject({ code: 'validation' });
    const call = only(named('docindex.getStatuses'));
    expect(call.attributes['docindex.error.code']).toBe('validation');
    expect(childrenOf(call)).toEqual([]);
    expect(sim.log.count()).toBe(0);
  });

  it('getStatus and deleteDocuments are calls too', async () => {
    const refs = seedDone(2);
    const client = target.createClient(sim, { retry: FAST_RETRY });
    await client.getStatus(refs[0] as string);
    expect(only(named('docindex.getStatus')).attributes).toMatchObject({
      'docindex.documents': 1,
      'docindex.status': 'succeeded',
    });
    expect(childrenOf(only(named('docindex.getStatus')))).toHaveLength(1);
    if (target.operations.delete) {
      await client.deleteDocuments(refs);
      expect(only(named('docindex.deleteDocuments')).attributes).toMatchObject({
        'docindex.documents': 2,
        'docindex.items': 2,
      });
    } else {
      await expect(client.deleteDocuments(refs)).rejects.toMatchObject({ code: 'unsupported' });
      expect(only(named('docindex.deleteDocuments')).attributes['docindex.error.code']).toBe('unsupported');
    }
  });

  it('waitFor is one span over every poll', async () => {
    const refs = target.seed(
      sim,
      idsOf(target, 2).map((id) => ({ id, statuses: [target.rawInProgress, target.rawDone] })),
    );
    const client = target.createClient(sim, { retry: FAST_RETRY });
    await client.waitFor(refs, { minDelayMs: 1, maxDelayMs: 2 });
    const call = only(named('docindex.waitFor'));
    expect(call.attributes).toMatchObject({ 'docindex.documents': 2, 'docindex.items': 2, 'docindex.errors': 0 });
    expect(childrenOf(call).length).toBe(sim.log.count({ provider: providerName }));
    expect(childrenOf(call).length).toBeGreaterThanOrEqual(2);
  });

  it.runIf(target.put !== undefined)(
    'putDocuments is a call span with its document count: an array at once, an iterable once read',
    async () => {
      const put = target.put as NonNullable<typeof target.put>;
      const docs = Array.from({ length: put.batchLimit + 1 }, (_, i) => textDocument(put.makeId(i)));
      const client = target.createClient(sim, { retry: FAST_RETRY });
      await client.putDocuments(docs);
      async function* read() {
        yield* docs.slice(0, 2);
      }
      await client.putDocuments(read());
      // A call that ends before anything is read keeps an array's count all the same.
      await client.putDocuments(docs, { timeoutMs: 0 }).catch(() => undefined);
      expect(named('docindex.putDocuments').map((span) => span.attributes)).toEqual([
        expect.objectContaining({ 'docindex.documents': docs.length, 'docindex.items': docs.length }),
        expect.objectContaining({ 'docindex.documents': 2, 'docindex.items': 2, 'docindex.errors': 0 }),
        expect.objectContaining({ 'docindex.documents': docs.length, 'error.type': 'timeout' }),
      ]);
    },
  );

  it.runIf(target.operations.list !== undefined)('each listStatuses page is a span of its own', async () => {
    seedDone(3);
    const client = target.createClient(sim, { retry: FAST_RETRY });
    const pages = [];
    for await (const page of client.listStatuses().byPage({ maxPageSize: 2 })) pages.push(page);
    const pageSpans = named('docindex.listStatuses');
    expect(pageSpans).toHaveLength(pages.length);
    expect(pageSpans.map((span) => span.attributes['docindex.items'])).toEqual(pages.map((page) => page.length));
    for (const span of pageSpans) expect(childrenOf(span)).toHaveLength(1);
  });
});

describe('spans of provider-specific calls', () => {
  it("Azure's getTranslation and cancel are calls of their own", async () => {
    const translationId = '2f7a4ef4-1d8c-4a4c-9ad5-7c6b1a3e5f10';
    sim.azure.putTranslation(translationId);
    const client = createAzureTranslationIndex({
      endpoint: sim.url,
      translationId,
      credential: 'key',
      retry: FAST_RETRY,
    });
    await client.getTranslation();
    await client.cancel();
    const get = only(named('docindex.getTranslation'));
    expect(only(childrenOf(get)).attributes).toMatchObject({
      'docindex.operation': 'getTranslationStatus',
      'http.request.method': 'GET',
    });
    const cancel = only(named('docindex.cancel'));
    expect(only(childrenOf(cancel)).attributes).toMatchObject({
      'docindex.operation': 'cancelTranslation',
      'http.request.method': 'DELETE',
    });
  });

  it('nests under the application span that is active when the call is made', async () => {
    const [target] = TARGETS;
    if (!target) throw new Error('no target');
    const refs = target.target.seed(sim, [{ id: target.target.makeId(0), statuses: [target.target.rawDone] }]);
    const client = target.target.createClient(sim, { retry: FAST_RETRY });
    await trace.getTracer('app').startActiveSpan('app.job', async (span) => {
      await client.getStatuses(refs);
      span.end();
    });
    const app = only(named('app.job'));
    const call = only(named('docindex.getStatuses'));
    expect(call.parentSpanContext?.spanId).toBe(app.spanContext().spanId);
  });
});

describe('without a registered tracer provider', () => {
  it('records nothing', async () => {
    trace.disable();
    try {
      const [target] = TARGETS;
      if (!target) throw new Error('no target');
      const refs = target.target.seed(sim, [{ id: target.target.makeId(0), statuses: [target.target.rawDone] }]);
      await target.target.createClient(sim, { retry: FAST_RETRY }).getStatuses(refs);
      expect(spans()).toEqual([]);
    } finally {
      trace.setGlobalTracerProvider(provider);
    }
  });
});
