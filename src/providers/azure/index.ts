/**
 * docindex for Azure AI Document Translation (batch): the status of each
 * document of one translation, on `@azure/core-rest-pipeline`.
 *
 * @packageDocumentation
 * @module docindex/azure
 */
import { createDocumentIndexClient } from '../../core/client';
import { inFactory } from '../shared/factory';
import { createAzureAdapter } from './adapter';
import { type AzureTranslationIndexOptions, resolveAzureOptions } from './options';
import { PROVIDER } from './status';
import { type AzureTranslationIndexClient, translationCalls } from './translation';
import { createAzureSend } from './transport';
import { createAzureUrls } from './urls';

export type {
  AzureApiVersion,
  AzureSubscriptionKeyCredential,
  AzureTranslationCredential,
  AzureTranslationIndexOptions,
} from './options';
export type { AzureDocumentRef } from './refs';
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
    const send = createAzureSend(resolved, resolved.httpClient);
    const translationUrl = createAzureUrls(
      resolved.endpoint,
      resolved.translationId,
      resolved.apiVersion,
    ).translation();
    // The translation-level calls go through the client's one pipeline: the same
    // retry policy, deadline and abort handling (and stages) as every document call.
    return createDocumentIndexClient(createAzureAdapter(resolved, send), options, (pipeline) =>
      translationCalls(pipeline, send, translationUrl),
    );
  });
}
