/**
 * How many promises a status call of one request makes, adapter included: each is
 * an async step that the call's answer waits on, and over a network those steps
 * cost several times their CPU in memory (BENCHMARKS.md, figure 1). A client that
 * whose call sends one request settles it in the batch call's own step (no step of
 * the chunk's around it). This fails when a step creeps back in.
 */
import { createHook } from 'node:async_hooks';
import { expect, it } from 'vitest';
import { createDocumentIndexClient } from '../../src/index';
import { MemoryAdapter } from './memory-adapter';

async function promisesOf(call: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === 'PROMISE') count++;
    },
  });
  hook.enable();
  await call();
  hook.disable();
  return count;
}

it('a status call of one request makes no more promises than its steps need', async () => {
  const adapter = new MemoryAdapter(10);
  for (const id of ['a', 'b']) adapter.docs.set(id, ['succeeded']);
  const client = createDocumentIndexClient(adapter, {});
  await client.getStatuses(['a', 'b']);
  const count = await promisesOf(() => client.getStatuses(['a', 'b']));
  // 14 when the chunk was settled in a step of its own.
  expect(count).toBeLessThanOrEqual(12);
});
