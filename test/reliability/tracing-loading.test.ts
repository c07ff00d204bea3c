/**
 * `@opentelemetry/api` is loaded only once a tracer provider is registered, and a
 * client created before the registration traces from then on; checked in a fresh
 * Node process, where nothing else could have loaded it.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/tracing-late.ts', import.meta.url));

it('loads nothing of OpenTelemetry until a tracer provider is registered, then traces the same client', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', FIXTURE]);
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    beforeRegistration: string[];
    afterRegistration: number;
    spans: string[];
  };
  expect(result.beforeRegistration).toEqual([]);
  // The check can see the package: once the application imports it, it is there.
  expect(result.afterRegistration).toBeGreaterThan(0);
  expect(result.spans.toSorted()).toEqual(['docindex.getStatuses', 'kendra BatchGetDocumentStatus']);
}, 30_000);
