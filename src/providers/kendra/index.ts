/**
 * Amazon Kendra document indexing status: `createKendraIndex`, on `@aws-sdk/client-kendra`.
 *
 * @packageDocumentation
 * @module docindex/kendra
 */
export { createKendraIndex } from './create-kendra-index';
export { classifyKendraError } from './errors';
export type { KendraCredentials, KendraIndexOptions } from './options';
export type { KendraDocumentRef, KendraRef } from './refs';
export { KENDRA_STATUS_TABLE, mapKendraStatus } from './status';
