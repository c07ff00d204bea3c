/**
 * Azure's own client for Document Translation (`@azure-rest/ai-translation-document`,
 * the REST-level client Microsoft publishes, on `@azure-rest/core-client`), making
 * docindex's status lookup as an Azure user of that SDK would: one call to the
 * documents list of a translation with the `ids` filter. It is Azure's counterpart of
 * the `KendraClient` and `BedrockAgentClient` arms: the SDK's default pipeline
 * (user agent, request id, retry, redirect, tracing, logging, the key and api-version
 * policies) and its JSON reading, and nothing the application would add.
 */

import type { HttpClient } from '@azure/core-rest-pipeline';
import * as translation from '@azure-rest/ai-translation-document';

// The package is CommonJS with `exports.default`: depending on the loader's interop,
// `default` is the factory or the whole `module.exports`, whose `default` it is.
const loaded = translation.default as typeof translation.default | { default: typeof translation.default };
const createClient = typeof loaded === 'function' ? loaded : loaded.default;

/** The documents of `ids` as the SDK returns them (parsed JSON, unchecked). */
export type AzureSdkStatusLookup = (ids: readonly string[]) => Promise<readonly unknown[]>;

export function azureSdkStatusLookup(options: {
  /** The simulator's URL: the SDK appends `/translator` itself, as for a real resource. */
  endpoint: string;
  key: string;
  translationId: string;
  httpClient?: HttpClient;
}): AzureSdkStatusLookup {
  const client = createClient(
    options.endpoint,
    { key: options.key },
    {
      allowInsecureConnection: true,
      // As docindex's own clients and the AWS raw arms: one attempt (the policy stays in the pipeline).
      retryOptions: { maxRetries: 0 },
      ...(options.httpClient ? { httpClient: options.httpClient } : {}),
    },
  );
  return async (ids) => {
    const response = await client
      .path('/document/batches/{id}/documents', options.translationId)
      .get({ queryParameters: { ids: [...ids] } });
    if (response.status !== '200') throw new Error(`azure sdk: status ${response.status}`);
    return (response.body as { value: readonly unknown[] }).value;
  };
}
