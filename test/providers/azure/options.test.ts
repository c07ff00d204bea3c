import { AzureKeyCredential } from '@azure/core-auth';
import { describe, expect, it } from 'vitest';
import { createAzureTranslationIndex, mapAzureStatus } from '../../../src/providers/azure/index';
import { KEY, TRANSLATION } from './fixtures';
import { DOC, recordingHttpClient } from './support';

const valid = {
  endpoint: 'https://my-translator.cognitiveservices.azure.com',
  translationId: TRANSLATION,
  credential: KEY,
};

function validationField(options: unknown): string | undefined {
  try {
    createAzureTranslationIndex(options as never);
  } catch (error) {
    expect(error).toMatchObject({ code: 'validation', provider: 'azure' });
    expect(String((error as Error).message)).not.toContain(KEY);
    return (error as { field?: string }).field;
  }
  throw new Error('expected a validation error');
}

describe('createAzureTranslationIndex options', () => {
  it('accepts the documented shapes', () => {
    const token = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    for (const options of [
      valid,
      { ...valid, endpoint: 'http://127.0.0.1:8080/' },
      { ...valid, endpoint: 'https://proxy.example/azure' },
      { ...valid, apiVersion: 'v1.1' },
      { ...valid, credential: { key: KEY, region: 'westus2' } },
      { ...valid, credential: new AzureKeyCredential(KEY), region: 'westus2' },
      { ...valid, credential: token },
      { ...valid, retry: { maxAttempts: 1 }, concurrency: 2 },
    ]) {
      const client = createAzureTranslationIndex(options as never);
      expect(client.provider).toBe('azure');
      expect(typeof client.getTranslation).toBe('function');
      expect(typeof client.cancel).toBe('function');
    }
  });

  it.each([
    [{ ...valid, endpoint: undefined }, 'endpoint'],
    [{ ...valid, endpoint: 'my-translator.cognitiveservices.azure.com' }, 'endpoint'],
    [{ ...valid, endpoint: 'ftp://host' }, 'endpoint'],
    [{ ...valid, endpoint: 'https://host/?api-version=1' }, 'endpoint'],
    [{ ...valid, endpoint: 'https://host/#x' }, 'endpoint'],
    [{ ...valid, endpoint: 'https://user:pw@host' }, 'endpoint'],
    [{ ...valid, translationId: 'batch-1' }, 'translationId'],
    [{ ...valid, translationId: undefined }, 'translationId'],
    [{ ...valid, apiVersion: '2023-01-01' }, 'apiVersion'],
    [{ ...valid, credential: undefined }, 'credential'],
    [{ ...valid, credential: '' }, 'credential'],
    [{ ...valid, credential: { secret: KEY } }, 'credential'],
    [{ ...valid, credential: { key: '' } }, 'credential.key'],
    [{ ...valid, credential: { key: KEY, region: 'west us' } }, 'credential.region'],
    [{ ...valid, region: 7 }, 'region'],
    [{ ...valid, retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
    [{ ...valid, concurrency: 0 }, 'concurrency'],
    [{ ...valid, httpClient: null }, 'httpClient'],
    [{ ...valid, httpClient: {} }, 'httpClient'],
    [{ ...valid, httpClient: { sendRequest: 'yes' } }, 'httpClient'],
    [{ ...valid, httpClient: (request: unknown) => request }, 'httpClient'],
  ])('rejects %o naming %s', (options, field) => {
    expect(validationField(options)).toBe(field);
  });

  it('sends every request through a custom httpClient, authenticated by docindex', async () => {
    const { httpClient, requests } = recordingHttpClient();
    const client = createAzureTranslationIndex({ ...valid, httpClient });
    const batch = await client.getStatuses([DOC]);
    expect(batch.items).toMatchObject([{ id: DOC, status: 'succeeded' }]);
    const seen = requests.map((request) => ({
      method: request.method,
      url: request.url,
      key: request.headers.get('Ocp-Apim-Subscription-Key'),
    }));
    expect(seen).toEqual([
      {
        method: 'GET',
        url: expect.stringMatching(
          /^https:\/\/my-translator\.cognitiveservices\.azure\.com\/translator\/document\/batches\//,
        ),
        key: KEY,
      },
    ]);
  });

  it('rejects a missing options object', () => {
    expect(validationField(undefined)).toBe('options');
  });
});

describe('mapAzureStatus', () => {
  it('maps the contract table exactly, and anything else (other case included) to unknown', () => {
    const table = {
      NotStarted: 'pending',
      Running: 'processing',
      Succeeded: 'succeeded',
      Failed: 'failed',
      ValidationFailed: 'failed',
      Cancelling: 'cancelling',
      Cancelled: 'cancelled',
      Canceled: 'cancelled',
    };
    for (const [raw, status] of Object.entries(table)) expect(mapAzureStatus(raw)).toBe(status);
    for (const raw of ['running', 'SUCCEEDED', '', 'Paused', undefined, 3]) expect(mapAzureStatus(raw)).toBe('unknown');
  });
});
