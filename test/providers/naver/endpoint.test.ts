import { describe, expect, it } from 'vitest';
import { createNaverRagIndex, type NaverFetch } from '../../../src/providers/naver/index';
import { factoryRefusal } from '../shared/factory-refusal';
import { API_KEY, SEED_EXAMPLE, SERVICE_ID } from './fixtures';

/** A fetch that records each request's URL and Authorization header and answers the seed example. */
function recordingFetch() {
  const sent: Array<{ url: string; authorization: string | null }> = [];
  const fetch: NaverFetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ url: request.url, authorization: request.headers.get('authorization') });
    return new Response(JSON.stringify(SEED_EXAMPLE), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, sent };
}

/** What `build` throws: a factory-time `validation` error leaking no secret. */
const refusal = (build: () => unknown) => factoryRefusal(build, 'naver', [API_KEY]);

const STATUS_PATH = `/api/v1/svc/${SERVICE_ID}/doc/12345/status`;

/**
 * A few non-loopback hosts (the gateway's own name, a proxy under a path, an IPv4
 * address): which hosts count as loopback is test/providers/shared/cleartext.test.ts.
 */
const NON_LOOPBACK_HTTP = [
  'http://kr-pub-gateway.rag.naverncp.com',
  'http://gw.example/proxy/naver/',
  'http://192.0.2.2:8080',
];

describe('createNaverRagIndex refuses a cleartext API key to non-loopback hosts', () => {
  it.each(NON_LOOPBACK_HTTP)('refuses baseUrl %s before anything is sent', (baseUrl) => {
    const { fetch, sent } = recordingFetch();
    const error = refusal(() => createNaverRagIndex({ serviceId: SERVICE_ID, apiKey: API_KEY, baseUrl, fetch }));
    expect(error.field).toBe('baseUrl');
    expect(error.message).toMatch(/cleartext/);
    expect(error.message).toMatch(/allowInsecureConnection: true/);
    expect(sent).toHaveLength(0);
  });

  it('accepts loopback http (127.0.0.0/8, localhost, [::1]) and sends there, but not the host next door', async () => {
    for (const [baseUrl, origin] of [
      ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
      ['http://127.5.6.7:8080/', 'http://127.5.6.7:8080'],
      ['http://localhost:8080', 'http://localhost:8080'],
      ['http://[::1]:8080', 'http://[::1]:8080'],
    ]) {
      const { fetch, sent } = recordingFetch();
      const client = createNaverRagIndex({ serviceId: SERVICE_ID, apiKey: API_KEY, baseUrl: baseUrl as string, fetch });
      expect((await client.getStatus('12345')).status).toBe('succeeded');
      expect(sent).toEqual([{ url: `${origin}${STATUS_PATH}`, authorization: `Bearer ${API_KEY}` }]);
    }
    refusal(() => createNaverRagIndex({ serviceId: SERVICE_ID, apiKey: API_KEY, baseUrl: 'http://128.0.0.1:8080' }));
  });

  it('accepts https on any host (and the default gateway), where http on the same host is refused', async () => {
    const { fetch, sent } = recordingFetch();
    await createNaverRagIndex({ serviceId: SERVICE_ID, apiKey: API_KEY, fetch }).getStatus('12345');
    await createNaverRagIndex({
      serviceId: SERVICE_ID,
      apiKey: API_KEY,
      baseUrl: 'https://gw.example/p',
      fetch,
    }).getStatus('12345');
    expect(sent.map((request) => request.url)).toEqual([
      `https://kr-pub-gateway.rag.naverncp.com${STATUS_PATH}`,
      `https://gw.example/p${STATUS_PATH}`,
    ]);
    refusal(() => createNaverRagIndex({ serviceId: SERVICE_ID, apiKey: API_KEY, baseUrl: 'http://gw.example/p' }));
  });

  it('sends over plain http to a non-loopback host with allowInsecureConnection: true, and only then', async () => {
    const baseUrl = 'http://192.0.2.2:8080/gw/';
    refusal(() =>
      createNaverRagIndex({ serviceId: SERVICE_ID, apiKey: API_KEY, baseUrl, allowInsecureConnection: false }),
    );
    const { fetch, sent } = recordingFetch();
    const client = createNaverRagIndex({
      serviceId: SERVICE_ID,
      apiKey: API_KEY,
      baseUrl,
      allowInsecureConnection: true,
      fetch,
    });
    expect((await client.getStatus('12345')).status).toBe('succeeded');
    expect(sent).toEqual([{ url: `http://192.0.2.2:8080/gw${STATUS_PATH}`, authorization: `Bearer ${API_KEY}` }]);
  });

  it.each([['yes'], [1], [null]])('refuses allowInsecureConnection = %j naming it', (value) => {
    const error = refusal(() =>
      createNaverRagIndex({ serviceId: SERVICE_ID, apiKey: API_KEY, allowInsecureConnection: value as never }),
    );
    expect(error.field).toBe('allowInsecureConnection');
  });
});
