/**
 * Every factory refuses an option key that looks like a misspelt one of its own or
 * of the shared client options (`concurency`, `retries`, `apikey`), naming the one
 * meant: from JavaScript the option meant would silently not apply. A key like no
 * option still passes.
 */
import { describe, expect, it } from 'vitest';
import { createAzureTranslationIndex, startAzureTranslation } from '../../../src/providers/azure/index';
import { createBedrockIndex } from '../../../src/providers/bedrock/index';
import { createKendraIndex } from '../../../src/providers/kendra/index';
import { createNaverRagIndex } from '../../../src/providers/naver/index';
import { factoryRefusal } from './factory-refusal';

const AWS_SECRET = 'sekret-aws-0123';
const AZURE_KEY = 'sub-key-0123456789abcdef';
const NAVER_KEY = 'naver-key-0123';
const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: AWS_SECRET } };
const factories = [
  {
    name: 'kendra',
    create: (extra: object) =>
      createKendraIndex({ indexId: '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab', ...AWS, ...extra } as never),
    secrets: [AWS_SECRET],
    own: [
      ['roleARN', 'roleArn'],
      ['indexID', 'indexId'],
      ['endpont', 'endpoint'],
      // Two neighbouring letters swapped, the commonest typo.
      ['endpiont', 'endpoint'],
      ['regoin', 'region'],
      ['credentails', 'credentials'],
      // NAVER's word for it.
      ['baseUrl', 'endpoint'],
    ],
  },
  {
    name: 'bedrock',
    create: (extra: object) =>
      createBedrockIndex({ knowledgeBaseId: 'KB00000001', dataSourceId: 'DS00000001', ...AWS, ...extra } as never),
    secrets: [AWS_SECRET],
    own: [
      ['dataSourceID', 'dataSourceId'],
      ['regions', 'region'],
      ['credential', 'credentials'],
    ],
  },
  {
    name: 'azure',
    create: (extra: object) =>
      createAzureTranslationIndex({
        endpoint: 'https://my-translator.cognitiveservices.azure.com',
        translationId: '9dce0aa9-78dc-41ba-8cae-2e2f3c2ff8ec',
        credential: AZURE_KEY,
        ...extra,
      } as never),
    secrets: [AZURE_KEY],
    own: [
      ['credentials', 'credential'],
      ['apiversion', 'apiVersion'],
      ['allowInsecureConnections', 'allowInsecureConnection'],
    ],
  },
  {
    name: 'naver',
    create: (extra: object) => createNaverRagIndex({ serviceId: 'svc-1', apiKey: NAVER_KEY, ...extra } as never),
    secrets: [NAVER_KEY],
    own: [
      ['baseURL', 'baseUrl'],
      // Every other factory's word for it: given to NAVER it went to the public gateway instead.
      ['endpoint', 'baseUrl'],
      ['timeout', 'timeoutMs'],
      ['apikey', 'apiKey'],
    ],
  },
] as const;

describe.each(factories)('$name factory', ({ name, create, own, secrets }) => {
  it.each<readonly [string, string]>([
    ['concurency', 'concurrency'],
    ['retries', 'retry'],
    ['ratelimit', 'rateLimit'],
    ['hook', 'hooks'],
    ['userAgen', 'userAgent'],
    ...own,
  ])('refuses %s, naming %s, before anything is created', (key, meant) => {
    // In place of the option meant (beside it, a key like it is a field of its own).
    const error = factoryRefusal(() => create({ [key]: 1, [meant]: undefined }), name, secrets);
    expect(error.field).toBe(key);
    expect(error.message).toContain(`did you mean ${meant}?`);
  });

  it('lets a key like no option through (an options object shared with other code)', () => {
    expect(create({ label: 'nightly sync', tenant: 'acme' }).provider).toBe(name);
    // An option and a word more, or a key beside the option it resembles, is a field of its own
    // (configuration from CDK or Terraform outputs carries `indexId` and `indexArn` side by side).
    const fields = { clientId: 'c-1', regionName: 'Seoul', endpointUrl: 'https://x.example', fetcher: 'f' };
    const beside = { indexArn: 'arn:1', knowledgeBaseArn: 'arn:2', dataSource: 'ds', translation: 't' };
    expect(create({ ...fields, ...beside }).provider).toBe(name);
  });
});

describe('startAzureTranslation', () => {
  it.each([
    ['concurency', 'concurrency'],
    ['timeout', 'timeoutMs'],
  ])('refuses %s, naming %s, before the start request', async (key, meant) => {
    const started = startAzureTranslation({
      endpoint: 'https://my-translator.cognitiveservices.azure.com',
      credential: AZURE_KEY,
      inputs: [],
      [key]: 1,
    } as never);
    await expect(started).rejects.toMatchObject({
      code: 'validation',
      field: key,
      message: expect.stringContaining(`did you mean ${meant}?`),
    });
  });
});
