import { createClientPipeline } from '../../core/client';
import { CALL_OPTIONS, CLIENT_OPTIONS, refuseMisspelt, requireObject } from '../../core/validate';
import type { CallOptions } from '../../spec/client';
import { DocumentIndexError, validationError } from '../../spec/errors';
import { inFactory } from '../shared/factory';
import { cannotHaveTakenEffect } from '../shared/not-sent';
import { createAzureClient } from './client';
import { azureRequestId, classifyAzureError } from './errors';
import { type AzureTranslationInput, validateTranslationInputs } from './inputs';
import {
  AZURE_CONNECTION_OPTIONS,
  type AzureConnection,
  type AzureTranslationIndexOptions,
  resolveAzureConnection,
} from './options';
import { PROVIDER } from './status';
import type { AzureTranslationIndexClient } from './translation';
import { createAzureTransport } from './transport';

/** Options of {@link startAzureTranslation}: the factory's, without a translation id, plus the inputs and the call's own signal and deadline. */
export interface StartAzureTranslationOptions extends Omit<AzureTranslationIndexOptions, 'translationId'>, CallOptions {
  /** What to translate, and into which languages: the REST API's `inputs`, camel-cased as on the wire. */
  inputs: AzureTranslationInput[];
}

/** The names of `StartAzureTranslationOptions` (for `refuseMisspelt`; a type test keeps them complete). */
export const START_AZURE_OPTIONS = [...CLIENT_OPTIONS, ...AZURE_CONNECTION_OPTIONS, 'inputs', ...CALL_OPTIONS] as const;

/**
 * The translation id in `Operation-Location`: the UUID that ends it (maybe upper-case, maybe before a query), as in
 * every official example (`.../batches/{id}`, `.../operation/{id}`), or else the one after `/batches/`. That second
 * form (`.../batches/{id}/documents`) is in no official material: a robustness reading of ours, since a start whose
 * header we cannot read has already started, and is billed, a translation.
 */
const TRANSLATION_ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?(?:[?#].*)?$/i;
const TRANSLATION_ID_IN_PATH = /\/batches\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?#]|$)/i;

/**
 * Starts an Azure Document Translation (`POST .../batches`, both API versions)
 * and resolves to the client of the new translation, bound to the id Azure
 * answers with in `Operation-Location`. Every option and every input is checked
 * before anything is sent (a `validation` error names the member, e.g.
 * `inputs[0].targets[1].language`).
 *
 * The start request goes through the returned client's own pipeline. It is not
 * idempotent (a second request would start a second translation), so it is
 * retried only where it cannot have started one: throttled, or refused before
 * it was sent (a connection that was never made). A start whose answer was lost
 * is not retried: the call rejects, and the translation may exist.
 *
 * @example
 * ```ts
 * const translation = await startAzureTranslation({
 *   endpoint: 'https://my-translator.cognitiveservices.azure.com',
 *   credential: process.env.AZURE_TRANSLATOR_KEY!,
 *   inputs: [{ source: { sourceUrl: sourceSas }, targets: [{ targetUrl: targetSas, language: 'fr' }] }],
 * });
 * const documents = [];
 * for await (const doc of translation.listStatuses()) documents.push(doc);
 * await translation.waitFor(documents);
 * ```
 */
export async function startAzureTranslation(
  options: StartAzureTranslationOptions,
): Promise<AzureTranslationIndexClient> {
  const { connection, inputs } = inFactory(PROVIDER, () => {
    const checked = requireObject(options, 'options');
    refuseMisspelt(checked, START_AZURE_OPTIONS, '');
    // Taken for "resume this translation", it would start a new one (not idempotent, and billed).
    if (checked.translationId !== undefined) {
      throw validationError(
        'translationId',
        'startAzureTranslation starts a new translation; follow an existing one with createAzureTranslationIndex({ translationId })',
      );
    }
    const resolved = resolveAzureConnection(checked);
    return { connection: resolved, inputs: validateTranslationInputs(checked.inputs, resolved.apiVersion) };
  });
  const { send, post } = createAzureTransport(connection, connection.httpClient);
  // The pipeline the client will use, built first so that the start goes through it too.
  const pipeline = inFactory(PROVIDER, () =>
    createClientPipeline({ provider: PROVIDER, classifyError: classifyAzureError }, options),
  );
  // Not idempotent: retried only where it cannot have started one; any other failure that would be retryable comes
  // back `retryable: false` (the core's retry, from canRetry), as the translation may have started.
  const answer = await pipeline.call(
    callOptions(options),
    { operation: 'startTranslation', documents: 0, canRetry: cannotHaveTakenEffect },
    (context) => post(startUrl(connection), { inputs }, context),
  );
  // The current spec names the translation in Operation-Location; an older stored spec of the same route, and its
  // example, answer with Location and Azure-AsyncOperation instead. The translation has started (and is billed)
  // either way, so any of them is read rather than failing a start that succeeded.
  const location =
    answer.headers.get('operation-location') ??
    answer.headers.get('location') ??
    answer.headers.get('azure-asyncoperation') ??
    undefined;
  const translationId =
    location === undefined ? undefined : (TRANSLATION_ID.exec(location) ?? TRANSLATION_ID_IN_PATH.exec(location))?.[1];
  if (translationId === undefined) {
    // The translation has started: the header's path (no query, which could hold a token) helps find it.
    const path =
      location === undefined ? '' : ` (it said ${URL.parse(location, connection.endpoint)?.pathname ?? 'no URL'})`;
    throw new DocumentIndexError(
      'invalid_response',
      `Azure accepted the translation (HTTP ${answer.status}) but no Operation-Location (or Location) header names its translation id${path}`,
      {
        provider: PROVIDER,
        httpStatus: answer.status,
        requestId: azureRequestId(answer.headers),
        retryable: false,
      },
    );
  }
  return createAzureClient({ ...connection, translationId }, options, send, pipeline);
}

/** `POST {endpoint}/translator/document/batches?api-version=2024-05-01`, or v1.1's `.../translator/text/batch/v1.1/batches`. */
function startUrl(connection: AzureConnection): string {
  return connection.apiVersion === '2024-05-01'
    ? `${connection.endpoint}/translator/document/batches?api-version=2024-05-01`
    : `${connection.endpoint}/translator/text/batch/v1.1/batches`;
}

function callOptions(options: CallOptions): CallOptions {
  const call: CallOptions = {};
  if (options.signal !== undefined) call.signal = options.signal;
  if (options.timeoutMs !== undefined) call.timeoutMs = options.timeoutMs;
  return call;
}
