/**
 * docindex: one provider-neutral client for document indexing status across
 * Amazon Kendra, Amazon Bedrock knowledge bases, Azure AI Document Translation and
 * NAVER Cloud RAG. This entry is the contract: the client's types, the status
 * union, the errors, and what an adapter author needs (the adapter contract and
 * `createDocumentIndexClient`). Each provider lives in its own entry
 * (`docindex/kendra`, `docindex/bedrock`, `docindex/azure`, `docindex/naver`).
 *
 * @packageDocumentation
 * @module docindex
 */
export { type ClientOptions, createClientPipeline, createDocumentIndexClient } from './core/client';
export type { RateLimitOption } from './core/config';
export type { RequestInfo, RequestPipeline } from './core/pipeline';
export type { CallSpan } from './core/telemetry/tracing';
export type { KnownProviderName } from './providers/registry';
export * from './spec/index';
