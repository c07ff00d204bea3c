/**
 * The same adapter through the in-process front end: msw handlers over the
 * simulator, answering the real Bedrock agent host, with no endpoint override.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createBedrockIndex } from '../../../src/providers/bedrock/index';
import { createSimulator, createSimulatorHandlers } from '../../../src/testing/index';

const KB = 'KBMSW00001';
const DS = 'DSMSW00001';
const sim = createSimulator();
const server = setupServer(...createSimulatorHandlers(sim));

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());
beforeEach(() => sim.reset());

const index = () =>
  createBedrockIndex({
    knowledgeBaseId: KB,
    dataSourceId: DS,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' },
    retry: { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 },
  });

it('reads statuses from bedrock-agent.eu-west-1.amazonaws.com through msw', async () => {
  sim.bedrock.putDocument(KB, DS, { customId: 'a', status: 'PARTIALLY_INDEXED' });
  const batch = await index().getStatuses(['a', 'b']);
  expect(batch.items.map((item) => [item.id, item.status])).toEqual([
    ['a', 'partial'],
    ['b', 'not_found'],
  ]);
  const [request] = sim.log.filter({ operation: 'GetKnowledgeBaseDocuments' });
  expect(new URL(request?.url ?? '').host).toBe('bedrock-agent.eu-west-1.amazonaws.com');
  // The SDK signs every request; the simulator does not check the signature.
  expect(request?.headers.authorization).toMatch(
    /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/bedrock\//,
  );
});

it('retries an injected throttle, then deletes and lists', async () => {
  sim.bedrock.putDocument(KB, DS, { customId: 'a', status: 'INDEXED' });
  sim.inject({ provider: 'bedrock', fault: { type: 'error', kind: 'throttled' } });
  const deleted = await index().deleteDocuments(['a']);
  expect(deleted.items.map((item) => item.status)).toEqual(['deleting']);
  expect(sim.log.count({ operation: 'DeleteKnowledgeBaseDocuments' })).toBe(2);
  const listed = [];
  for await (const item of index().listStatuses()) listed.push(item.providerStatus);
  expect(listed).toEqual(['DELETING']);
});
