/**
 * docindex for Azure AI Document Translation (batch): the status of each
 * document of one translation, on `@azure/core-rest-pipeline`.
 *
 * @packageDocumentation
 * @module docindex/azure
 */
export type { AzureDocumentRef } from './adapter';
export { type AzureTranslationIndexClient, type AzureTranslationStatus, createAzureTranslationIndex } from './client';
export type {
  AzureApiVersion,
  AzureSubscriptionKeyCredential,
  AzureTranslationCredential,
  AzureTranslationIndexOptions,
} from './options';
export { AZURE_STATUS_TABLE, type AzureStatus, mapAzureStatus } from './status';
