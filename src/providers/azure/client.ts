import { createDocumentIndexClient } from '../../core/client';
import { createRequestRunner } from '../../core/request-runner';
import { type IndexStatus, isTerminal } from '../../core/status';
import type { CallOptions, DocumentIndexClient } from '../../core/types';
import { createAzureAdapter } from './adapter';
import { classifyAzureError } from './errors';
import { type AzureTranslationIndexOptions, resolveAzureOptions } from './options';
import { type AzureTranslationWire, azureTranslationSchema } from './schemas';
import { mapAzureStatus, parseDate } from './status';
import { createAzureSend } from './transport';
import { createAzureUrls } from './urls';
import { parseWire } from './wire';

/** A translation (batch) in our vocabulary. */
export interface AzureTranslationStatus {
  provider: 'azure';
  /** The translation id. */
  id: string;
  /** Mapped through the same table as documents. */
  status: IndexStatus;
  /** Azure's own value, e.g. `'Running'`. */
  providerStatus: string;
  terminal: boolean;
  createdAt?: Date;
  updatedAt?: Date;
  /** Document counts (Azure's `summary`; a count Azure left out reads 0). */
  summary: {
    total: number;
    succeeded: number;
    failed: number;
    inProgress: number;
    notStarted: number;
    cancelled: number;
    totalCharacterCharged: number;
  };
  /** Azure's own object. */
  raw: unknown;
}

/** The provider-neutral client plus the translation-level calls Azure has. */
export type AzureTranslationIndexClient = DocumentIndexClient & {
  /** The translation's status and document counts. */
  getTranslation(options?: CallOptions): Promise<AzureTranslationStatus>;
  /**
   * Cancels the whole translation (Azure has no per-document delete): documents
   * not started are cancelled, running ones finish. Resolves with the translation's
   * status as Azure reports it after the request.
   */
  cancel(options?: CallOptions): Promise<AzureTranslationStatus>;
};

/**
 * A docindex client for one Azure AI Document Translation batch, on
 * `@azure/core-rest-pipeline`. Every option is validated before anything is sent.
 *
 * @example
 * const index = createAzureTranslationIndex({ endpoint, translationId, credential: process.env.TRANSLATOR_KEY! });
 * const { items } = await index.waitFor([documentId], { timeoutMs: 600_000 });
 */
export function createAzureTranslationIndex(options: AzureTranslationIndexOptions): AzureTranslationIndexClient {
  const resolved = resolveAzureOptions(options);
  const send = createAzureSend(resolved, resolved.httpClient);
  const client = createDocumentIndexClient(createAzureAdapter(resolved, send), {
    retry: resolved.retry,
    concurrency: resolved.concurrency,
  });
  // The translation-level calls go through the same retry policy, deadline and
  // abort handling as every document call.
  const runner = createRequestRunner('azure', classifyAzureError, resolved.retry);
  const translationUrl = createAzureUrls(resolved.endpoint, resolved.translationId, resolved.apiVersion).translation();
  const translationCall = (method: 'GET' | 'DELETE', callOptions: CallOptions | undefined) =>
    runner.call(callOptions, async ({ signal }) => {
      const body = await send(method, translationUrl, signal);
      return toTranslationStatus(parseWire(azureTranslationSchema, body, 'translation status'));
    });

  return Object.assign(client, {
    getTranslation: (callOptions?: CallOptions) => translationCall('GET', callOptions),
    cancel: (callOptions?: CallOptions) => translationCall('DELETE', callOptions),
  });
}

function toTranslationStatus(wire: AzureTranslationWire): AzureTranslationStatus {
  const status = mapAzureStatus(wire.status);
  const count = (value: number | null | undefined) => value ?? 0;
  const result: AzureTranslationStatus = {
    provider: 'azure',
    id: wire.id,
    status,
    providerStatus: wire.status,
    terminal: isTerminal(status),
    summary: {
      total: count(wire.summary.total),
      succeeded: count(wire.summary.success),
      failed: count(wire.summary.failed),
      inProgress: count(wire.summary.inProgress),
      notStarted: count(wire.summary.notYetStarted),
      cancelled: count(wire.summary.cancelled),
      totalCharacterCharged: count(wire.summary.totalCharacterCharged),
    },
    raw: wire,
  };
  const createdAt = parseDate(wire.createdDateTimeUtc);
  if (createdAt) result.createdAt = createdAt;
  const updatedAt = parseDate(wire.lastActionDateTimeUtc);
  if (updatedAt) result.updatedAt = updatedAt;
  return result;
}
