/** A Kendra and a Bedrock client of an endpoint (the simulator's, a test's own server) with the credentials a test gives. */
import type { RetryOptions } from '../../../src/index';
import { type BedrockIndexOptions, createBedrockIndex } from '../../../src/providers/bedrock/index';
import { createKendraIndex, type KendraIndexOptions } from '../../../src/providers/kendra/index';

type Credentials = KendraIndexOptions['credentials'] & BedrockIndexOptions['credentials'];

export const awsClients = {
  kendra: (endpoint: string, credentials: Credentials, retry?: RetryOptions) =>
    createKendraIndex({
      indexId: '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab',
      region: 'us-east-1',
      endpoint,
      credentials,
      ...(retry && { retry }),
    }),
  bedrock: (endpoint: string, credentials: Credentials, retry?: RetryOptions) =>
    createBedrockIndex({
      knowledgeBaseId: 'KB12345678',
      dataSourceId: 'DS12345678',
      region: 'us-east-1',
      endpoint,
      credentials,
      ...(retry && { retry }),
    }),
};
