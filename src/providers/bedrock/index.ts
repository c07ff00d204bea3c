/**
 * `docindex/bedrock`: document statuses of an Amazon Bedrock knowledge base data
 * source, on `@aws-sdk/client-bedrock-agent`.
 *
 * @packageDocumentation
 * @module docindex/bedrock
 */
export { BEDROCK_BATCH_LIMIT, BEDROCK_MAX_PAGE_SIZE } from './adapter';
export { BEDROCK_RESOURCE_ID_PATTERN, type BedrockIndexOptions, createBedrockIndex } from './client';
export { classifyBedrockError } from './errors';
export { type BedrockDocumentRef, CUSTOM_ID_MAX_LENGTH, type NormalizedBedrockRef, S3_URI_PATTERN } from './refs';
export { BEDROCK_STATUS_MAP, mapBedrockStatus } from './status';
