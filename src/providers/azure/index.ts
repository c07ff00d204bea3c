/**
 * docindex for Azure AI Document Translation (batch): the status of each
 * document of one translation, on `@azure/core-rest-pipeline`.
 *
 * @packageDocumentation
 * @module docindex/azure
 */
import { inFactory } from '../shared/factory';
import { createAzureClient } from './client';
import { type AzureTranslationIndexOptions, resolveAzureOptions } from './options';
import { PROVIDER } from './status';
import type { AzureTranslationIndexClient } from './translation';
import { createAzureSend } from './transport';

export type {
  AzureDocumentFilter,
  AzureGlossary,
  AzureSourceInput,
  AzureTargetInput,
  AzureTranslationInput,
} from './inputs';
export type {
  AzureApiVersion,
  AzureSubscriptionKeyCredential,
  AzureTranslationCredential,
  AzureTranslationIndexOptions,
} from './options';
export type { AzureDocumentRef } from './refs';
export { type StartAzureTranslationOptions, startAzureTranslation } from './start';
export { AZURE_STATUS_TABLE, type AzureDocumentStatus, type AzureStatus, mapAzureStatus } from './status';
export type { AzureTranslationCalls, AzureTranslationIndexClient, AzureTranslationStatus } from './translation';
export type {
  AzureDocumentWire,
  AzureErrorWire,
  AzureInnerErrorWire,
  AzureTranslationSummaryWire,
  AzureTranslationWire,
} from './wire';

/**
 * A docindex client for one Azure AI Document Translation batch, on
 * `@azure/core-rest-pipeline`. Every option is validated before anything is sent.
 *
 * @example
 * const index = createAzureTranslationIndex({ endpoint, translationId, credential: process.env.TRANSLATOR_KEY! });
 * const { items } = await index.waitFor([documentId], { timeoutMs: 600_000 });
 */
export function createAzureTranslationIndex(options: AzureTranslationIndexOptions): AzureTranslationIndexClient {
  return inFactory(PROVIDER, () => {
    const resolved = resolveAzureOptions(options);
    return createAzureClient(resolved, options, createAzureSend(resolved, resolved.httpClient));
  });
}
