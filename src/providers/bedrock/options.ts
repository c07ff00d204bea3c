import type { BedrockAgentClient, BedrockAgentClientConfig } from '@aws-sdk/client-bedrock-agent';
import type { ClientOptions } from '../../core/config';
import { CLIENT_OPTIONS, refuseMisspelt, requireObject, requireString } from '../../core/validate';
import { AWS_OPTIONS } from '../aws/config';

/** `knowledgeBaseId` and `dataSourceId`: exactly 10 letters or digits. */
export const BEDROCK_RESOURCE_ID_PATTERN = /^[0-9a-zA-Z]{10}$/;

/** Options of `createBedrockIndex`. */
export interface BedrockIndexOptions extends ClientOptions {
  /** The knowledge base, 10 letters or digits. */
  knowledgeBaseId: string;
  /** The data source of that knowledge base whose documents this client reads and deletes, 10 letters or digits. */
  dataSourceId: string;
  /** AWS region (default: the SDK's own resolution, e.g. `AWS_REGION`). */
  region?: string | undefined;
  /** AWS credentials or a credential provider (default: the SDK's default chain). */
  credentials?: BedrockAgentClientConfig['credentials'] | undefined;
  /** Send requests here instead of `bedrock-agent.{region}.amazonaws.com` (a simulator, a proxy, a VPC endpoint). */
  endpoint?: string | undefined;
  /**
   * Your own `BedrockAgentClient`, used as given (`region`, `credentials` and
   * `endpoint` must then be left out). Its own retry strategy still applies
   * underneath ours, so each of our attempts may become several requests: create
   * it with `maxAttempts: 1` to keep `retry.maxAttempts` exact.
   */
  client?: BedrockAgentClient | undefined;
}

const RESOURCE_ID = { length: 10, pattern: BEDROCK_RESOURCE_ID_PATTERN, patternText: '[0-9a-zA-Z]{10}' };

/** The names of `BedrockIndexOptions` (for `refuseMisspelt`; a type test keeps them complete). */
export const BEDROCK_OPTIONS = [...CLIENT_OPTIONS, ...AWS_OPTIONS, 'knowledgeBaseId', 'dataSourceId'] as const;

/**
 * Checks Bedrock's own options before anything is created or sent (the AWS
 * client options are checked by `resolveAwsClient`, the shared ones by the
 * core); throws a `validation` error naming the field.
 */
export function validateBedrockOptions(value: unknown): BedrockIndexOptions & Record<string, unknown> {
  const options = requireObject(value, 'options');
  refuseMisspelt(options, BEDROCK_OPTIONS, '');
  requireString(options.knowledgeBaseId, 'knowledgeBaseId', RESOURCE_ID);
  requireString(options.dataSourceId, 'dataSourceId', RESOURCE_ID);
  return options as BedrockIndexOptions & Record<string, unknown>;
}
