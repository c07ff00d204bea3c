/**
 * Figure 9: `putDocuments` reading an AsyncIterable of 100,000 generated
 * documents of 4 KB each into the Kendra simulator: how far the heap grows
 * while ingesting (sampled after forced GCs), documents per second. Needs
 * `--expose-gc`:
 *
 *   node --expose-gc --import tsx bench/figures/ingest-memory.ts
 *        BENCH_INGEST_DOCS (100000), BENCH_INGEST_DOC_BYTES (4096), BENCH_INGEST_GC_EVERY (5000 documents)
 */
import { createKendraIndex } from 'docindex/kendra';
import { envInt, type FigureResult, runFigureMain } from '../lib/figure';
import { startRemoteSimulator } from '../lib/remote-sim';
import { integer, mb, ms } from '../lib/stats';
import { AWS_CREDENTIALS, AWS_REGION, docId, KENDRA_INDEX_ID } from '../lib/targets';

const TARGET_GROWTH_BYTES = 32 * 1024 * 1024;

export async function run(): Promise<FigureResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (bench/run.ts does): the heap is sampled after forced GCs');
  const started = performance.now();
  const documents = envInt('BENCH_INGEST_DOCS', 100_000);
  const docBytes = envInt('BENCH_INGEST_DOC_BYTES', 4096);
  const gcEvery = envInt('BENCH_INGEST_GC_EVERY', 5000);

  // The simulator (and the documents it stores) lives in a child process, so this
  // process's heap holds only the client, the source and what the call keeps.
  const sim = await startRemoteSimulator();
  const client = createKendraIndex({
    indexId: KENDRA_INDEX_ID,
    region: AWS_REGION,
    endpoint: sim.url,
    credentials: AWS_CREDENTIALS,
  });
  const filler = 'lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
  /** A fresh 4 KB string per document, as a source reading files would produce. */
  const body = (i: number) => `${i} `.padEnd(docBytes, filler);

  // Warm-up: module loading, JIT and the SDK's first request are not growth.
  await client.putDocuments(Array.from({ length: 200 }, (_, i) => ({ id: `warm-${i}`, content: body(i) })));
  await sim.call(['log', 'clear']);

  gc();
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peakAfterGc = baseline;
  let peakRaw = baseline;
  const samples: number[] = [];
  let generated = 0;

  async function* source() {
    for (let i = 0; i < documents; i++) {
      generated++;
      if (generated % gcEvery === 0) {
        peakRaw = Math.max(peakRaw, process.memoryUsage().heapUsed);
        gc?.();
        const used = process.memoryUsage().heapUsed;
        samples.push(used - baseline);
        peakAfterGc = Math.max(peakAfterGc, used);
        // The simulator logs every request body; its process is not measured, but keep it small.
        await sim.call(['log', 'clear']);
      }
      yield { id: docId(i), content: body(i), contentType: 'text/plain' };
    }
  }

  const ingestStarted = performance.now();
  const cpu0 = process.cpuUsage();
  let result: Awaited<ReturnType<typeof client.putDocuments>>;
  try {
    result = await client.putDocuments(source(), { concurrency: 8 });
  } finally {
    await sim.close();
  }
  const ingestMs = performance.now() - ingestStarted;
  const cpu = process.cpuUsage(cpu0);
  gc();
  const retained = process.memoryUsage().heapUsed - baseline;
  if (result.items.length !== documents || result.errors.length !== 0) {
    throw new Error(`accepted ${result.items.length} of ${documents} documents, ${result.errors.length} errors`);
  }

  const growth = peakAfterGc - baseline;
  const met = growth <= TARGET_GROWTH_BYTES;
  const requests = Math.ceil(documents / 10);
  return {
    id: 'ingest-memory',
    title: `Figure 9: putDocuments of ${integer(documents)} generated ${integer(docBytes)}-byte documents from an AsyncIterable`,
    method: [
      `An async generator yields ${integer(documents)} documents of ${integer(docBytes)} bytes each (a fresh string per`,
      'document); `putDocuments` reads it into the Kendra simulator, which runs in a child process (so this heap holds only the',
      'client, the source and what the call keeps: every accepted document in the returned batch). After a warm-up put and',
      `two forced GCs the heap is measured (baseline); every ${integer(gcEvery)} documents read, \`gc()\` is forced and`,
      '`process.memoryUsage().heapUsed` sampled. Peak growth is the largest sample minus the baseline: the content of the',
      `documents in flight (concurrency 8, 10 per BatchPutDocument, ${integer(requests)} requests), the ids seen so far`,
      '(a repeated id is refused) and the accepted statuses. The source is never held whole.',
    ].join(' '),
    parameters: {
      BENCH_INGEST_DOCS: documents,
      BENCH_INGEST_DOC_BYTES: docBytes,
      BENCH_INGEST_GC_EVERY: gcEvery,
    },
    tables: [
      {
        columns: ['documents', 'content read', 'requests', 'wall', 'documents / s', 'client CPU'],
        rows: [
          [
            integer(documents),
            mb(documents * docBytes),
            integer(requests),
            ms(ingestMs, 0),
            integer(documents / (ingestMs / 1000)),
            ms((cpu.user + cpu.system) / 1000, 0),
          ],
        ],
      },
      {
        columns: [
          'peak growth after GC',
          'growth after the call, result held (GC)',
          'peak heapUsed growth without forcing GC',
        ],
        rows: [[mb(growth), mb(retained), mb(peakRaw - baseline)]],
      },
    ],
    targets: [
      {
        label: 'peak heap growth while ingesting 100,000 x 4 KB from an AsyncIterable (after GC)',
        target: `<= ${mb(TARGET_GROWTH_BYTES)}`,
        actual: mb(growth),
        met,
        ...(met ? {} : { note: `missed by ${mb(growth - TARGET_GROWTH_BYTES)}` }),
      },
    ],
    notes: [
      `The ${mb(documents * docBytes)} of content read would be the growth if the source were held; what remains is per-document`,
      'bookkeeping that the result itself needs (an accepted status per document).',
    ],
    elapsedMs: performance.now() - started,
  };
}

await runFigureMain(import.meta.url, run);
