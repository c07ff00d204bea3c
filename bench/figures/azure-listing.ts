/**
 * Figure 3: listing 100,000 Azure documents through `listStatuses` in pages of
 * 100: documents per second (a first listing, left alone), and how far the heap
 * grows while listing (a second listing, sampled after forced GCs, which would
 * count against the rate if it were taken from the same pass). Needs `--expose-gc`:
 *
 *   node --expose-gc --import tsx bench/figures/azure-listing.ts
 *        BENCH_LIST_DOCS (100000), BENCH_LIST_PAGE_SIZE (100), BENCH_LIST_GC_EVERY (10 pages)
 */
import { createAzureTranslationIndex } from 'docindex/azure';
import { envInt, type FigureResult, runFigureMain } from '../lib/figure';
import { startRemoteSimulator } from '../lib/remote-sim';
import { integer, mb, ms } from '../lib/stats';
import { AZURE_KEY, AZURE_TRANSLATION_ID, azureDocId } from '../lib/targets';

const TARGET_GROWTH_BYTES = 16 * 1024 * 1024;
/** End to end, the simulator's work included: the client waits for each page before asking the next. */
const TARGET_DOCS_PER_SECOND = 20_000;
const SEED_BATCH = 10_000;

export async function run(): Promise<FigureResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (bench/run.ts does): the heap is sampled after forced GCs');
  const started = performance.now();
  const documents = envInt('BENCH_LIST_DOCS', 100_000);
  const pageSize = envInt('BENCH_LIST_PAGE_SIZE', 100);
  const gcEvery = envInt('BENCH_LIST_GC_EVERY', 10);

  // The simulator (and its 100k stored documents) lives in a child process, so this
  // process's heap holds only the client and what the listing keeps alive.
  const sim = await startRemoteSimulator();
  const seedStarted = performance.now();
  await sim.call(['azure', 'putTranslation'], AZURE_TRANSLATION_ID);
  for (let start = 0; start < documents; start += SEED_BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(documents, start + SEED_BATCH); i++) {
      batch.push({ id: azureDocId(i), status: i % 7 === 0 ? 'Running' : 'Succeeded' });
    }
    await sim.call(['azure', 'putDocuments'], AZURE_TRANSLATION_ID, batch);
  }
  const seedMs = performance.now() - seedStarted;

  const client = createAzureTranslationIndex({
    endpoint: sim.url,
    translationId: AZURE_TRANSLATION_ID,
    credential: AZURE_KEY,
  });
  // Warm-up: one short listing, so module loading and JIT are not counted in either pass.
  for await (const _page of client.listStatuses().byPage({ maxPageSize: pageSize })) break;

  let listed = 0;
  let pages = 0;
  const listStarted = performance.now();
  const listCpu0 = process.cpuUsage();
  try {
    for await (const page of client.listStatuses().byPage({ maxPageSize: pageSize })) {
      listed += page.length;
      pages++;
    }
  } catch (error) {
    await sim.close();
    throw error;
  }
  const listMs = performance.now() - listStarted;
  const cpu = process.cpuUsage(listCpu0);

  gc();
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peakAfterGc = baseline;
  let peakRaw = baseline;
  let sampled = 0;
  let sampledPages = 0;
  const samples: number[] = [];
  try {
    for await (const page of client.listStatuses().byPage({ maxPageSize: pageSize })) {
      sampled += page.length;
      sampledPages++;
      peakRaw = Math.max(peakRaw, process.memoryUsage().heapUsed);
      if (sampledPages % gcEvery === 0) {
        gc();
        const used = process.memoryUsage().heapUsed;
        samples.push(used - baseline);
        peakAfterGc = Math.max(peakAfterGc, used);
      }
    }
  } finally {
    await sim.close();
  }
  gc();
  const endGrowth = process.memoryUsage().heapUsed - baseline;
  if (listed !== documents || sampled !== documents) {
    throw new Error(`listed ${listed} and ${sampled} of ${documents} documents`);
  }

  const growth = peakAfterGc - baseline;
  const met = growth <= TARGET_GROWTH_BYTES;
  const rate = listed / (listMs / 1000);
  const rateMet = rate >= TARGET_DOCS_PER_SECOND;
  const firstHalf = samples.slice(0, Math.floor(samples.length / 2));
  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

  return {
    id: 'azure-listing',
    title: `Figure 3: listing ${integer(documents)} Azure documents in pages of ${pageSize}`,
    method: [
      `${integer(documents)} documents are seeded into one translation of the Azure simulator, which runs in a child process`,
      "(so this process's heap holds only the client). After a warm-up, `listStatuses().byPage({ maxPageSize })` walks",
      "every page, following `nextLink`, untouched: documents per second, the simulator's own work included (the client",
      'waits for each page before asking the next). A second listing measures memory: after two forced GCs the heap is',
      `measured (baseline), then \`gc()\` is forced every ${gcEvery} pages and \`process.memoryUsage().heapUsed\` sampled. Peak`,
      'growth is the largest sample minus the baseline: memory retained by the listing, which must not grow with the',
      'number of documents.',
    ].join(' '),
    parameters: { BENCH_LIST_DOCS: documents, BENCH_LIST_PAGE_SIZE: pageSize, BENCH_LIST_GC_EVERY: gcEvery },
    tables: [
      {
        columns: ['documents', 'pages', 'listing wall', 'documents / s', 'client CPU', 'seeding (not timed)'],
        rows: [
          [
            integer(listed),
            integer(pages),
            ms(listMs, 0),
            integer(rate),
            ms((cpu.user + cpu.system) / 1000, 0),
            ms(seedMs, 0),
          ],
        ],
      },
      {
        columns: [
          'peak growth after GC',
          'mean growth, first half of samples',
          'mean growth, second half',
          'growth after the listing (GC)',
          'peak heapUsed growth without forcing GC',
        ],
        rows: [[mb(growth), mb(mean(firstHalf)), mb(mean(secondHalf)), mb(endGrowth), mb(peakRaw - baseline)]],
      },
    ],
    targets: [
      {
        label: 'documents listed per second, end to end',
        target: `>= ${integer(TARGET_DOCS_PER_SECOND)}`,
        actual: integer(rate),
        met: rateMet,
        ...(rateMet ? {} : { note: `missed by ${integer(TARGET_DOCS_PER_SECOND - rate)} documents per second` }),
      },
      {
        label: 'peak heap growth while listing (after GC)',
        target: `<= ${mb(TARGET_GROWTH_BYTES)}`,
        actual: mb(growth),
        met,
        ...(met ? {} : { note: `missed by ${mb(growth - TARGET_GROWTH_BYTES)}` }),
      },
    ],
    notes: [
      'The last column (no forced GC) is garbage awaiting collection, shown only to tell it apart from retained memory.',
    ],
    elapsedMs: performance.now() - started,
  };
}

await runFigureMain(import.meta.url, run);
