import { BedrockAgentClient, type BedrockAgentClientConfig } from '@aws-sdk/client-bedrock-agent';
import { createDocumentIndexClient } from '../../core/client';
import { validationError } from '../../core/errors';
import type { DocumentIndexClient, RetryOptions } from '../../core/types';
import { describe, isPlainObject, requireObject, requireString } from '../../core/validate';
import { createBedrockAdapter } from './adapter';
import type { BedrockDocumentRef } from './refs';

/** `knowledgeBaseId` and `dataSourceId`: exactly 10 letters or digits. */
export const BEDROCK_RESOURCE_ID_PATTERN = /^[0-9a-zA-Z]{10}$/;

/** Options of `createBedrockIndex`. */
export interface BedrockIndexOptions {
  /** The knowledge base, 10 letters or digits. */
  knowledgeBaseId: string;
  /** The data source of that knowledge base whose documents this client reads and deletes, 10 letters or digits. */
  dataSourceId: string;
  /** AWS region (default: the SDK's own resolution, e.g. `AWS_REGION`). */
  region?: string;
  /** AWS credentials or a credential provider (default: the SDK's default chain). */
  credentials?: BedrockAgentClientConfig['credentials'];
  /** Send requests here instead of `bedrock-agent.{region}.amazonaws.com` (a simulator, a proxy, a VPC endpoint). */
  endpoint?: string;
  /**
   * Your own `BedrockAgentClient`, used as given (`region`, `credentials` and
   * `endpoint` must then be left out). Its own retry strategy still applies
   * underneath ours, so each of our attempts may become several requests: create
   * it with `maxAttempts: 1` to keep `retry.maxAttempts` exact.
   */
  client?: BedrockAgentClient;
  /** Retries of throttling, 5xx and network failures (defaults 3 attempts, 100 ms, 20000 ms). */
  retry?: RetryOptions;
  /** Requests in flight at once for batch calls (default 4). */
  concurrency?: number;
}

/**
 * A `DocumentIndexClient` over one Amazon Bedrock knowledge base data source:
 * statuses through GetKnowledgeBaseDocuments, deletes through
 * DeleteKnowledgeBaseDocuments (10 documents per request, a fresh `clientToken`
 * per chunk, kept across its retries), listing through ListKnowledgeBaseDocuments.
 * Refs are custom ids, `s3://` uris, or the objects of `BedrockDocumentRef`.
 *
 * The client it creates never retries on its own (`maxAttempts: 1`): retries are
 * ours, so `retry.maxAttempts` counts every request. Every bad option throws a
 * `validation` error naming it, before anything is sent.
 */
export function createBedrockIndex(options: BedrockIndexOptions): DocumentIndexClient<BedrockDocumentRef> {
  const checked = requireObject(options, 'options', 'bedrock');
  const resourceId = { length: 10, pattern: BEDROCK_RESOURCE_ID_PATTERN, patternText: '[0-9a-zA-Z]{10}' };
  const knowledgeBaseId = requireString(checked.knowledgeBaseId, 'knowledgeBaseId', resourceId, 'bedrock');
  const dataSourceId = requireString(checked.dataSourceId, 'dataSourceId', resourceId, 'bedrock');
  const client = checked.client === undefined ? createSdkClient(checked) : requireClient(checked);
  const adapter = createBedrockAdapter({ client, knowledgeBaseId, dataSourceId });
  return createDocumentIndexClient(adapter, { retry: options.retry, concurrency: options.concurrency });
}

function createSdkClient(options: Record<string, unknown>): BedrockAgentClient {
  const config: BedrockAgentClientConfig = { maxAttempts: 1 };
  if (options.region !== undefined) {
    config.region = requireString(options.region, 'region', { max: 64, pattern: /^[a-z0-9-]+$/ }, 'bedrock');
  }
  if (options.endpoint !== undefined) config.endpoint = requireEndpoint(options.endpoint);
  if (options.credentials !== undefined) {
    const { credentials } = options;
    const usable =
      typeof credentials === 'function' ||
      (isPlainObject(credentials) &&
        typeof credentials.accessKeyId === 'string' &&
        typeof credentials.secretAccessKey === 'string');
    if (!usable) {
      throw validationError(
        'credentials',
        `expected { accessKeyId, secretAccessKey, sessionToken? } or a credential provider function, got ${describe(credentials)}`,
        'bedrock',
      );
    }
    config.credentials = credentials as BedrockAgentClientConfig['credentials'];
  }
  return new BedrockAgentClient(config);
}

function requireClient(options: Record<string, unknown>): BedrockAgentClient {
  const { client } = options;
  if (typeof client !== 'object' || client === null || typeof (client as { send?: unknown }).send !== 'function') {
    throw validationError('client', `expected a BedrockAgentClient, got ${describe(client)}`, 'bedrock');
  }
  for (const field of ['region', 'credentials', 'endpoint'] as const) {
    if (options[field] !== undefined) {
      throw validationError(field, 'configure your own client instead; it is used as given', 'bedrock');
    }
  }
  return client as BedrockAgentClient;
}

function requireEndpoint(value: unknown): string {
  const text = value instanceof URL ? value.href : requireString(value, 'endpoint', { max: 2048 }, 'bedrock');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw validationError('endpoint', 'expected an absolute http(s) URL', 'bedrock');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw validationError('endpoint', 'expected an http: or https: URL', 'bedrock');
  }
  if (url.username || url.password) {
    throw validationError('endpoint', 'must not carry credentials', 'bedrock');
  }
  return text;
}
