/**
 * Seeing what a client does: hooks on every request, response, retry and
 * throttling; a logger (`console` works); your own User-Agent token after
 * docindex's; and OpenTelemetry spans when a tracer provider is registered.
 *
 * Runs against the docindex simulator, which throttles the first request, so
 * that a retry shows. OpenTelemetry is optional: with `@opentelemetry/api`,
 * `@opentelemetry/sdk-trace-base` and `@opentelemetry/context-async-hooks`
 * installed (in an application, usually `@opentelemetry/sdk-node` instead), the
 * spans are printed at the end; without them, the rest runs the same.
 *
 *   npm run build && npx tsx examples/observability.ts
 */
import type { ClientHooks, ClientLogger } from 'docindex';
import { createKendraIndex } from 'docindex/kendra';
import { startSimulator } from 'docindex/testing';

const indexId = '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab';
const tracing = await startTracing();

const sim = await startSimulator();
const ids = Array.from({ length: 12 }, (_, i) => `report-${String(i + 1).padStart(2, '0')}.pdf`);
for (const id of ids) sim.kendra.putDocument(indexId, { id, status: 'INDEXED' });
sim.inject({ provider: 'kendra', fault: { type: 'error', kind: 'throttled', retryAfterSeconds: 0.05 }, times: 1 });

// Hooks get structured events: send them to your metrics, or keep the request ids for support.
const hooks: ClientHooks = {
  onRequest: (e) =>
    console.log(`request:  ${e.operation} attempt ${e.attempt}, ${e.documents} ids, ${e.method} ${e.url}`),
  onResponse: (e) =>
    console.log(`response: ${e.operation} attempt ${e.attempt}, HTTP ${e.httpStatus} (request id ${e.requestId})`),
  onThrottle: (e) =>
    console.log(
      e.waitedMs === undefined
        ? `throttle: ${e.operation} attempt ${e.attempt}, Retry-After ${e.retryAfterMs} ms`
        : `rate limiter: ${e.operation} attempt ${e.attempt} waited ${Math.round(e.waitedMs)} ms`,
    ),
  onRetry: (e) =>
    console.log(`retry:    ${e.operation} attempt ${e.attempt} failed with ${e.error.code}, next in ${e.delayMs} ms`),
};
// Any console-like logger: retries and throttling at warn, each request at debug.
const logger: ClientLogger = { warn: (line) => console.log(`log warn: ${line}`) };

const index = createKendraIndex({
  indexId,
  region: 'us-east-1',
  endpoint: sim.url,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'simulated-secret' },
  retry: { minDelayMs: 20 },
  userAgent: 'observability-example/1.0',
  hooks,
  logger,
});

try {
  const { items } = await index.getStatuses(ids);
  console.log(`statuses: ${items.length} documents, ${items.filter((d) => d.status === 'succeeded').length} succeeded`);
  console.log(`user agent sent: ${sim.log.entries[0]?.headers['user-agent']?.split(' ').slice(-2).join(' ')}`);

  // A hook that throws never breaks the call; it is reported once, through the logger's error.
  const fragile = createKendraIndex({
    indexId,
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'simulated-secret' },
    hooks: {
      onResponse() {
        throw new Error('metrics backend is down');
      },
    },
    logger: { error: (line) => console.log(`log error: ${line}`) },
  });
  await fragile.getStatuses(ids.slice(0, 2));
  const still = await fragile.getStatus(ids[0] as string);
  console.log(`fragile hook: the calls went on (${still.id} ${still.status})`);

  await tracing?.print();
} finally {
  await sim.close();
}

/**
 * Registers an in-memory tracer provider when the OpenTelemetry packages are
 * installed; `print()` writes each call span with its attempts below it.
 */
async function startTracing() {
  try {
    const api = await import('@opentelemetry/api');
    const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
    const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import(
      '@opentelemetry/sdk-trace-base'
    );
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    api.trace.setGlobalTracerProvider(provider);
    return {
      async print() {
        await provider.forceFlush();
        const spans = exporter.getFinishedSpans();
        for (const call of spans.filter((span) => span.name.startsWith('docindex.'))) {
          const a = call.attributes;
          const outcome = a['docindex.status'] ?? `${a['docindex.items']} items, ${a['docindex.errors']} errors`;
          const ids = a['docindex.documents'] === 1 ? '1 id' : `${a['docindex.documents']} ids`;
          console.log(`span: ${call.name} (${ids}: ${outcome})`);
          const attempts = spans.filter((span) => span.parentSpanContext?.spanId === call.spanContext().spanId);
          for (const attempt of attempts) {
            const b = attempt.attributes;
            const failure = b['error.type'] ? `, ${b['error.type']}` : '';
            console.log(
              `span:   ${attempt.name} attempt ${b['docindex.attempt']}: ${b['http.request.method']} ${b['http.response.status_code']}${failure}`,
            );
          }
        }
      },
    };
  } catch {
    console.log('tracing: OpenTelemetry is not installed, no spans');
    return undefined;
  }
}
