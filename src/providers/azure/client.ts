import { createDocumentIndexClient } from '../../core/client';
import type { ClientOptions } from '../../core/config';
import type { RequestPipeline } from '../../core/pipeline';
import { createAzureAdapter } from './adapter';
import type { ResolvedAzureOptions } from './options';
import { type AzureTranslationIndexClient, translationCalls } from './translation';
import type { AzureSend } from './transport';
import { createAzureUrls } from './urls';

/**
 * The client of one translation: the adapter's document calls and the
 * translation-level calls (`getTranslation()`, `cancel()`) over the client's one
 * pipeline, with the same retry policy, deadline and abort handling (and stages)
 * as every document call. `pipeline` is given when a request already went
 * through it (the start of a new translation).
 */
export function createAzureClient(
  resolved: ResolvedAzureOptions,
  options: ClientOptions,
  send: AzureSend,
  pipeline?: RequestPipeline,
): AzureTranslationIndexClient {
  const translationUrl = createAzureUrls(resolved.endpoint, resolved.translationId, resolved.apiVersion).translation();
  return createDocumentIndexClient(
    createAzureAdapter(resolved, send),
    options,
    (clientPipeline) => translationCalls(clientPipeline, send, translationUrl),
    pipeline,
  );
}
