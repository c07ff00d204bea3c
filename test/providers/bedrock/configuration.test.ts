/**
 * Configuration the SDK can only discover when a request is made (no region, no
 * credentials) surfaces as our errors, without a request reaching the simulator.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type DocumentIndexError, isDocumentIndexError } from '../../../src/index';
import { classifyBedrockError, createBedrockIndex } from '../../../src/providers/bedrock/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';

const ENV_KEYS = [
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
] as const;
const saved = new Map<string, string | undefined>();

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
  for (const key of ENV_KEYS) saved.set(key, process.env[key]);
  // An empty AWS environment: no region, no credentials anywhere, no instance metadata.
  for (const key of ENV_KEYS) delete process.env[key];
  process.env.AWS_CONFIG_FILE = '/nonexistent/docindex/aws-config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/docindex/aws-credentials';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});
afterAll(async () => {
  for (const [key, value] of saved) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await sim.close();
});
beforeEach(() => sim.reset());

async function rejection(promise: Promise<unknown>): Promise<DocumentIndexError> {
  try {
    await promise;
  } catch (error) {
    expect(isDocumentIndexError(error)).toBe(true);
    return error as DocumentIndexError;
  }
  throw new Error('expected the call to reject');
}

it('no region anywhere rejects with validation naming region, and sends nothing', async () => {
  const index = createBedrockIndex({
    knowledgeBaseId: 'KB00000001',
    dataSourceId: 'DS00000001',
    endpoint: sim.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy' },
  });
  const error = await rejection(index.getStatuses(['a']));
  expect(error).toMatchObject({ code: 'validation', field: 'region', provider: 'bedrock' });
  expect(sim.log.entries).toHaveLength(0);
});

it('no credentials anywhere rejects with unauthorized, and sends nothing', async () => {
  const index = createBedrockIndex({
    knowledgeBaseId: 'KB00000001',
    dataSourceId: 'DS00000001',
    region: 'us-east-1',
    endpoint: sim.url,
    retry: { maxAttempts: 1 },
  });
  const error = await rejection(index.getStatuses(['a']));
  expect(error).toMatchObject({ code: 'unauthorized', provider: 'bedrock' });
  expect(error.message).toBe(
    'No AWS credentials could be loaded for Amazon Bedrock: pass `credentials`, or set up the AWS default chain ' +
      '(AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, SSO, an instance or task role)',
  );
  expect(sim.log.entries).toHaveLength(0);
});

it('never throws, whatever it is given', () => {
  for (const thrown of [undefined, null, 42, 'text', {}, new Error('boom'), { name: 7, $metadata: 'x' }]) {
    const error = classifyBedrockError(thrown);
    expect(isDocumentIndexError(error)).toBe(true);
    expect(error.provider).toBe('bedrock');
  }
});
