/**
 * `docindex/bedrock`: document statuses of an Amazon Bedrock knowledge base data
 * source, on `@aws-sdk/client-bedrock-agent`.
 *
 * @packageDocumentation
 * @module docindex/bedrock
 */
import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { createDocumentIndexClient } from '../../core/client';
import type { DocumentIndexClient } from '../../spec/client';
import { resolveAwsClient } from '../aws/config';
import { inFactory } from '../shared/factory';
import { createBedrockAdapter } from './adapter';
import { type BedrockIndexOptions, validateBedrockOptions } from './options';
import type { BedrockDocumentRef } from './refs';
import { type BedrockDocumentStatus, PROVIDER } from './status';

export { BEDROCK_BATCH_LIMIT, BEDROCK_MAX_PAGE_SIZE } from './adapter';
export { classifyBedrockError } from './errors';
export { BEDROCK_RESOURCE_ID_PATTERN, type BedrockIndexOptions } from './options';
export {
  BEDROCK_INLINE_CONTENT_LIMIT,
  BEDROCK_MIME_TYPES,
  BEDROCK_PUT_BATCH_LIMIT,
  BEDROCK_TITLE_ATTRIBUTE,
  type BedrockPreparedDocument,
} from './put';
export { type BedrockDocumentRef, CUSTOM_ID_MAX_LENGTH, type NormalizedBedrockRef, S3_URI_PATTERN } from './refs';
export { BEDROCK_STATUS_MAP, type BedrockDocumentStatus, mapBedrockStatus } from './status';

/**
 * A `DocumentIndexClient` over one Amazon Bedrock knowledge base data source:
 * statuses through GetKnowledgeBaseDocuments, deletes through
 * DeleteKnowledgeBaseDocuments (10 documents per request, a fresh `clientToken`
 * per chunk, kept across its retries), listing through ListKnowledgeBaseDocuments.
 * Refs are custom ids, `s3://` uris, or the objects of `BedrockDocumentRef`.
 * `putDocuments` uses IngestKnowledgeBaseDocuments (10 documents per request;
 * inline text or bytes of at most 5,242,880 characters or bytes each, or S3),
 * with a `clientToken` that is the SHA-256 of the chunk, so a retried or
 * re-delivered chunk is not ingested twice.
 *
 * The client it creates never retries on its own (`maxAttempts: 1`): retries are
 * ours, so `retry.maxAttempts` counts every request. Every bad option throws a
 * `validation` error naming it, before anything is sent.
 */
export function createBedrockIndex(
  options: BedrockIndexOptions,
): DocumentIndexClient<BedrockDocumentRef, BedrockDocumentStatus> {
  return inFactory(PROVIDER, () => {
    const checked = validateBedrockOptions(options);
    const client = resolveAwsClient(
      checked,
      'BedrockAgentClient',
      'BEDROCK_AGENT',
      (config) => new BedrockAgentClient(config),
    );
    const adapter = createBedrockAdapter({
      client,
      knowledgeBaseId: checked.knowledgeBaseId,
      dataSourceId: checked.dataSourceId,
    });
    return createDocumentIndexClient(adapter, checked);
  });
}
