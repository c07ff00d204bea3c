import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNaverRagIndex } from '../../../src/providers/naver/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { API_KEY, naverClient, SERVICE_ID } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const valid = () => ({ serviceId: SERVICE_ID, apiKey: API_KEY, baseUrl: sim.url });

describe('createNaverRagIndex options', () => {
  it.each([
    ['options', undefined],
    ['options', 'svc'],
    ['serviceId', { serviceId: undefined }],
    ['serviceId', { serviceId: '' }],
    ['serviceId', { serviceId: 42 }],
    ['serviceId', { serviceId: '..' }],
    ['serviceId', { serviceId: '.' }],
    ['apiKey', { apiKey: undefined }],
    ['apiKey', { apiKey: '' }],
    ['apiKey', { apiKey: 'has space' }],
    ['apiKey', { apiKey: 'line\nbreak' }],
    ['baseUrl', { baseUrl: 'not a url' }],
    ['baseUrl', { baseUrl: 'ftp://example.com' }],
    ['baseUrl', { baseUrl: 'https://user:pw@example.com' }],
    ['baseUrl', { baseUrl: 'https://example.com/?x=1' }],
    ['baseUrl', { baseUrl: 7 }],
    // The route the client adds itself: every document would read not_found from the gateway's 404.
    ['baseUrl', { baseUrl: 'https://kr-pub-gateway.rag.naverncp.com/api/v1/svc/svc' }],
    ['baseUrl', { baseUrl: 'https://kr-pub-gateway.rag.naverncp.com/api/v1' }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['timeoutMs', { timeoutMs: 1.5 }],
    ['fetch', { fetch: 'fetch' }],
    ['retry.maxAttempts', { retry: { maxAttempts: 0 } }],
    ['concurrency', { concurrency: 0 }],
  ])('rejects a bad %s with a validation error naming it', (field, patch) => {
    const options = typeof patch === 'object' && patch !== null ? { ...valid(), ...patch } : patch;
    expect(() => createNaverRagIndex(options as never)).toThrow(
      expect.objectContaining({ code: 'validation', field, provider: 'naver' }),
    );
  });

  it('accepts the minimal options, with the public gateway as default', () => {
    const client = createNaverRagIndex({ serviceId: SERVICE_ID, apiKey: API_KEY });
    expect(client.provider).toBe('naver');
  });
});

describe('NAVER document refs', () => {
  it.each([
    ['refs[0]', ''],
    ['refs[0]', '.'],
    ['refs[0]', '..'],
    ['refs[0]', 'x'.repeat(1025)],
    ['refs[0]', 'lone \ud800 surrogate'],
    ['refs[0]', 42],
    ['refs[0]', null],
    ['refs[0].id', { id: 3 }],
    ['refs[0].id', { id: '' }],
  ])('refuses %s = %j before sending anything', async (field, ref) => {
    const client = naverClient(sim);
    for (const call of [client.getStatuses([ref as never]), client.deleteDocuments([ref as never])]) {
      await expect(call).rejects.toMatchObject({ code: 'validation', field });
    }
    await expect(client.getStatus(ref as never)).rejects.toMatchObject({ code: 'validation' });
    expect(sim.log.count()).toBe(0);
  });

  it('refuses a bad ref among good ones before sending any', async () => {
    const client = naverClient(sim);
    await expect(client.getStatuses(['a', 'b', '..'])).rejects.toMatchObject({ code: 'validation', field: 'refs[2]' });
    expect(sim.log.count()).toBe(0);
  });

  it('accepts an id of exactly 1024 characters and { id } refs', async () => {
    const long = 'y'.repeat(1024);
    sim.naver.putDocument(SERVICE_ID, { id: long, status: 'DONE' });
    const result = await naverClient(sim).getStatuses([{ id: long }]);
    expect(result.items.map((item) => item.id)).toEqual([long]);
  });

  it('resolves empty input without a request', async () => {
    expect(await naverClient(sim).getStatuses([])).toEqual({ items: [], errors: [] });
    expect(await naverClient(sim).deleteDocuments([])).toEqual({ items: [], errors: [] });
    expect(sim.log.count()).toBe(0);
  });
});
