import type { PipelineRequest } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { createAzureTranslationIndex, startAzureTranslation } from '../../../src/providers/azure/index';
import { factoryRefusal } from '../shared/factory-refusal';
import { docId, KEY, TRANSLATION } from './fixtures';
import { DOC, recordingCredential, recordingHttpClient } from './support';

const TOKEN = 'entra-SECRET-token-0123456789';

/** A TokenCredential handing out TOKEN, recording each time it is asked. */
const tokenCredential = () => recordingCredential({ token: () => TOKEN });

/** The three kinds of credential (the TokenCredential `token`, a fresh one unless given). */
function credentials(token = tokenCredential()) {
  return [
    { name: 'a key string', credential: KEY as unknown },
    { name: 'a { key } credential', credential: { key: KEY, region: 'westus2' } },
    { name: 'a TokenCredential', credential: token.credential },
  ];
}

/** What `build` throws: a factory-time `validation` error leaking no secret. */
const refusal = (build: () => unknown) => factoryRefusal(build, 'azure', [KEY, TOKEN]);

/**
 * A few non-loopback hosts (an IPv4 address, Azure's own host name, an IPv6 one that
 * maps 127.0.0.1): which hosts count as loopback is test/providers/shared/cleartext.test.ts.
 */
const NON_LOOPBACK_HTTP = [
  'http://192.0.2.2:8080',
  'http://my-translator.cognitiveservices.azure.com/',
  'http://[::ffff:127.0.0.1]:8080',
];

describe('createAzureTranslationIndex refuses cleartext credentials to non-loopback hosts', () => {
  it.each(NON_LOOPBACK_HTTP)('refuses %s for every kind of credential, before anything is sent', (endpoint) => {
    const token = tokenCredential();
    for (const { name, credential } of credentials(token)) {
      const { httpClient, requests } = recordingHttpClient();
      const error = refusal(() =>
        createAzureTranslationIndex({
          endpoint,
          translationId: TRANSLATION,
          credential: credential as never,
          httpClient,
        }),
      );
      expect(error.field, name).toBe('endpoint');
      expect(error.message).toMatch(/cleartext/);
      expect(error.message).toMatch(/https:\/\//);
      expect(error.message).toMatch(/allowInsecureConnection: true/);
      expect(requests, name).toHaveLength(0);
    }
    // The key kinds have no token to ask for; the TokenCredential was not asked either.
    expect(token.calls).toHaveLength(0);
  });

  it('refuses it in startAzureTranslation too, before the start request', async () => {
    const { httpClient, requests } = recordingHttpClient();
    const started = startAzureTranslation({
      endpoint: 'http://192.0.2.2:8080',
      credential: KEY,
      httpClient,
      inputs: [{ source: { sourceUrl: 'https://a.blob.core.windows.net/s' }, targets: [] }] as never,
    });
    await expect(started).rejects.toMatchObject({ code: 'validation', field: 'endpoint', provider: 'azure' });
    expect(requests).toHaveLength(0);
  });

  it('accepts loopback http (127.0.0.0/8, localhost, [::1]) and sends there, but not the host next door', async () => {
    const loopback = [
      ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/translator/'],
      ['http://127.5.6.7:8080/', 'http://127.5.6.7:8080/translator/'],
      ['http://127.1:8080', 'http://127.0.0.1:8080/translator/'],
      ['http://LOCALHOST:8080', 'http://localhost:8080/translator/'],
      ['http://[::1]:8080', 'http://[::1]:8080/translator/'],
      ['http://[0:0:0:0:0:0:0:1]:8080/proxy/', 'http://[::1]:8080/proxy/translator/'],
    ];
    for (const [endpoint, prefix] of loopback) {
      for (const { name, credential } of credentials()) {
        const { httpClient, requests } = recordingHttpClient();
        const client = createAzureTranslationIndex({
          endpoint: endpoint as string,
          translationId: TRANSLATION,
          credential: credential as never,
          httpClient,
        });
        expect((await client.getStatuses([DOC])).items, `${endpoint} ${name}`).toHaveLength(1);
        expect(requests[0]?.url.startsWith(prefix as string), `${requests[0]?.url}`).toBe(true);
      }
    }
    expect(() =>
      createAzureTranslationIndex({ endpoint: 'http://128.0.0.1:8080', translationId: TRANSLATION, credential: KEY }),
    ).toThrow(expect.objectContaining({ code: 'validation', field: 'endpoint' }));
  });

  it('accepts https on any host, where http on the same host is refused', async () => {
    for (const host of ['my-translator.cognitiveservices.azure.com', '192.0.2.2:8443']) {
      const { httpClient, requests } = recordingHttpClient();
      const client = createAzureTranslationIndex({
        endpoint: `https://${host}`,
        translationId: TRANSLATION,
        credential: KEY,
        httpClient,
      });
      await client.getStatuses([DOC]);
      expect(requests[0]?.url.startsWith(`https://${host}/translator/document/batches/`)).toBe(true);
      refusal(() =>
        createAzureTranslationIndex({ endpoint: `http://${host}`, translationId: TRANSLATION, credential: KEY }),
      );
    }
  });

  it('sends over plain http to a non-loopback host with allowInsecureConnection: true, and only then', async () => {
    const endpoint = 'http://192.0.2.2:8080/proxy';
    for (const { name, credential } of credentials()) {
      refusal(() =>
        createAzureTranslationIndex({
          endpoint,
          translationId: TRANSLATION,
          credential: credential as never,
          allowInsecureConnection: false,
        }),
      );
      const { httpClient, requests } = recordingHttpClient();
      const client = createAzureTranslationIndex({
        endpoint,
        translationId: TRANSLATION,
        credential: credential as never,
        allowInsecureConnection: true,
        httpClient,
      });
      expect((await client.getStatuses([DOC])).items).toMatchObject([{ id: DOC, status: 'succeeded' }]);
      expect(requests, name).toHaveLength(1);
      const [request] = requests as [PipelineRequest];
      expect(request.url.startsWith(`${endpoint}/translator/document/batches/${TRANSLATION}/documents`)).toBe(true);
      expect(request.allowInsecureConnection).toBe(true);
      const authorization = request.headers.get('authorization');
      const key = request.headers.get('ocp-apim-subscription-key');
      expect(name === 'a TokenCredential' ? authorization : key, name).toBe(
        name === 'a TokenCredential' ? `Bearer ${TOKEN}` : KEY,
      );
    }
  });

  it.each([['yes'], [1], [null]])('refuses allowInsecureConnection = %j naming it', (value) => {
    const error = refusal(() =>
      createAzureTranslationIndex({
        endpoint: 'https://my-translator.cognitiveservices.azure.com',
        translationId: TRANSLATION,
        credential: KEY,
        allowInsecureConnection: value as never,
      }),
    );
    expect(error.field).toBe('allowInsecureConnection');
  });
});

describe('createAzureTranslationIndex refuses an endpoint that already has the API path', () => {
  it.each([
    'https://my-translator.cognitiveservices.azure.com/translator',
    'https://my-translator.cognitiveservices.azure.com/translator/',
    'https://my-translator.cognitiveservices.azure.com/Translator/',
    'https://my-translator.cognitiveservices.azure.com/translator/document/batches',
    'https://my-translator.cognitiveservices.azure.com/translator/text/batch/v1.1',
    'https://my-translator.cognitiveservices.azure.com/%74ranslator/',
    'https://my-translator.cognitiveservices.azure.com/proxy/',
    // Azure Government and Azure China resources.
    'https://my-translator.cognitiveservices.azure.us/translator',
    'https://my-translator.cognitiveservices.azure.cn/translator/',
  ])('refuses %s naming endpoint, before anything is sent', (endpoint) => {
    const { httpClient, requests } = recordingHttpClient();
    const error = refusal(() =>
      createAzureTranslationIndex({ endpoint, translationId: TRANSLATION, credential: KEY, httpClient }),
    );
    expect(error.field).toBe('endpoint');
    expect(error.message).toMatch(/without the API path/);
    expect(requests).toHaveLength(0);
  });

  it("keeps a proxy's own prefix on any other host, translator included (an API gateway's route)", async () => {
    for (const endpoint of ['https://proxy.example/azure/translator', 'https://apim.azure-api.net/translator/']) {
      const { httpClient, requests } = recordingHttpClient();
      const client = createAzureTranslationIndex({ endpoint, translationId: TRANSLATION, credential: KEY, httpClient });
      await client.getStatus(docId(1)).catch(() => undefined);
      expect(requests[0]?.url.startsWith(`${endpoint.replace(/\/$/, '')}/translator/document/batches/`)).toBe(true);
    }
  });

  it('accepts the resource endpoint with or without a trailing slash, and sends /translator/... once', async () => {
    refusal(() =>
      createAzureTranslationIndex({
        endpoint: 'https://my-translator.cognitiveservices.azure.com/translator/',
        translationId: TRANSLATION,
        credential: KEY,
      }),
    );
    for (const endpoint of [
      'https://my-translator.cognitiveservices.azure.com',
      'https://my-translator.cognitiveservices.azure.com/',
      'https://my-translator.cognitiveservices.azure.com//',
    ]) {
      for (const apiVersion of ['2024-05-01', 'v1.1'] as const) {
        const { httpClient, requests } = recordingHttpClient();
        const client = createAzureTranslationIndex({
          endpoint,
          translationId: TRANSLATION,
          credential: KEY,
          apiVersion,
          httpClient,
        });
        await client.getStatuses([DOC]);
        const path = new URL(requests[0]?.url ?? '').pathname;
        expect(path).toBe(
          apiVersion === '2024-05-01'
            ? `/translator/document/batches/${TRANSLATION}/documents`
            : `/translator/text/batch/v1.1/batches/${TRANSLATION}/documents`,
        );
      }
    }
  });

  it("keeps a proxy's own path prefix, even one that merely starts with 'translator'", async () => {
    for (const [endpoint, path] of [
      ['https://proxy.example/azure/', '/azure/translator/document/batches/'],
      ['https://proxy.example/translator-gateway', '/translator-gateway/translator/document/batches/'],
    ]) {
      const { httpClient, requests } = recordingHttpClient();
      const client = createAzureTranslationIndex({
        endpoint: endpoint as string,
        translationId: TRANSLATION,
        credential: KEY,
        httpClient,
      });
      await client.getStatuses([DOC]);
      expect(new URL(requests[0]?.url ?? '').pathname.startsWith(path as string)).toBe(true);
    }
  });
});
