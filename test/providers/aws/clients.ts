/** A Kendra and a Bedrock client of the simulator with the credentials a test gives, for tests of both AWS adapters. */
import type { RetryOptions } from '../../../src/index';
import { type BedrockIndexOptions, createBedrockIndex } from '../../../src/providers/bedrock/index';
import { createKendraIndex, type KendraIndexOptions } from '../../../src/providers/kendra/index';
import type { RunningSimulator } from '../../../src/testing/index';

type Credentials = KendraIndexOptions['credentials'] & BedrockIndexOptions['credentials'];

export const awsClients = {
  kendra: (sim: RunningSimulator, credentials: Credentials, retry?: RetryOptions) =>
    createKendraIndex({
      indexId: '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab',
      region: 'us-east-1',
      endpoint: sim.url,
      credentials,
      ...(retry && { retry }),
    }),
  bedrock: (sim: RunningSimulator, credentials: Credentials, retry?: RetryOptions) =>
    createBedrockIndex({
      knowledgeBaseId: 'KB12345678',
      dataSourceId: 'DS12345678',
      region: 'us-east-1',
      endpoint: sim.url,
      credentials,
      ...(retry && { retry }),
    }),
};
