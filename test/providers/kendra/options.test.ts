import { KendraClient } from '@aws-sdk/client-kendra';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKendraIndex, type KendraIndexOptions } from '../../../src/providers/kendra/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { factoryRefusal } from '../shared/factory-refusal';
import { CREDENTIALS, INDEX_ID } from './fixtures';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** The validation error a factory call with `options` throws; `secrets` are in none of its text. */
const factoryError = (options: unknown, secrets: readonly string[] = [CREDENTIALS.secretAccessKey]) =>
  factoryRefusal(() => createKendraIndex(options as KendraIndexOptions), 'kendra', secrets);

describe('createKendraIndex options', () => {
  const valid = { indexId: INDEX_ID, region: 'us-east-1', credentials: CREDENTIALS };

  it.each([
    ['options', undefined],
    ['options', 'abc'],
    ['indexId', {}],
    ['indexId', { indexId: 42 }],
    ['indexId', { indexId: 'short' }],
    ['indexId', { indexId: `-${INDEX_ID.slice(1)}` }],
    ['indexId', { indexId: `${INDEX_ID.slice(0, 35)}_` }],
    ['region', { ...valid, region: '' }],
    ['region', { ...valid, region: 'US East 1' }],
    ['region', { ...valid, region: 7 }],
    ['endpoint', { ...valid, endpoint: 'not a url' }],
    ['endpoint', { ...valid, endpoint: 'ftp://127.0.0.1:21' }],
    ['endpoint', { ...valid, endpoint: 'http://user:pass@127.0.0.1:8080' }],
    ['credentials', { ...valid, credentials: 'AKID:secret' }],
    ['credentials.secretAccessKey', { ...valid, credentials: { accessKeyId: 'AKID' } }],
    ['credentials.sessionToken', { ...valid, credentials: { ...CREDENTIALS, sessionToken: 5 } }],
    ['client', { indexId: INDEX_ID, client: {} }],
    ['retry.maxAttempts', { ...valid, retry: { maxAttempts: 0 } }],
    ['retry', { ...valid, retry: 3 }],
    ['concurrency', { ...valid, concurrency: 0 }],
  ])('rejects a bad %s with validation', (field, options) => {
    const error = factoryError(options);
    expect(error.message).toContain(field);
  });

  it.each(['region', 'credentials', 'endpoint'] as const)(
    'refuses %s together with a caller-supplied client',
    (field) => {
      const client = new KendraClient({ region: 'us-east-1', credentials: CREDENTIALS });
      const error = factoryError({
        indexId: INDEX_ID,
        client,
        [field]: { ...valid, endpoint: 'http://127.0.0.1:1' }[field],
      });
      expect(error.field).toBe(field);
    },
  );

  it('never echoes a bad value into the message', () => {
    // factoryRefusal checks the message, the JSON and the stack.
    factoryError({ ...valid, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 42 } }, ['AKIDEXAMPLE']);
    factoryError({ ...valid, region: 'sekret-DO-NOT-LEAK-123 ' }, ['sekret']);
  });

  it('accepts a credentials provider function and an https endpoint', () => {
    const index = createKendraIndex({
      indexId: INDEX_ID,
      region: 'us-east-1',
      endpoint: 'https://kendra.us-east-1.amazonaws.com',
      credentials: async () => CREDENTIALS,
    });
    expect(index.provider).toBe('kendra');
  });

  it('without a region anywhere, rejects the call with validation before sending', async () => {
    const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    const savedConfig = process.env.AWS_CONFIG_FILE;
    process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
    try {
      const index = createKendraIndex({ indexId: INDEX_ID, endpoint: sim.url, credentials: CREDENTIALS });
      await expect(index.getStatuses(['a'])).rejects.toMatchObject({ code: 'validation', field: 'region' });
      expect(sim.log.entries).toHaveLength(0);
    } finally {
      for (const [key, value] of Object.entries({ ...saved, AWS_CONFIG_FILE: savedConfig })) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
