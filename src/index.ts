/**
 * docindex: one provider-neutral client for document indexing status across
 * Amazon Kendra, Amazon Bedrock knowledge bases, Azure AI Document Translation and
 * NAVER Cloud RAG. This entry is the core: types, the status union, errors and the
 * engines (batching, paging, waiting, retries). Each provider lives in its own
 * entry (`docindex/kendra`, `docindex/bedrock`, `docindex/azure`, `docindex/naver`).
 *
 * @packageDocumentation
 * @module docindex
 */
export * from './core/index';
