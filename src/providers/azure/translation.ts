import type { RequestPipeline } from '../../core/pipeline';
import type { RequestContext } from '../../spec/adapter';
import type { CallOptions, DocumentIndexClient, DocumentRef } from '../../spec/client';
import { DocumentIndexError } from '../../spec/errors';
import { type IndexStatus, isTerminal } from '../../spec/status';
import { parseWire } from '../shared/wire';
import { type AzureDocumentStatus, failureOf, mapAzureStatus, PROVIDER, parseDate } from './status';
import { AzureHttpError, type AzureSend } from './transport';
import { type AzureTranslationWire, azureTranslationSchema } from './wire';

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
  /**
   * Why the whole translation failed, when Azure says (its `error`; e.g. status
   * `ValidationFailed` when a source container cannot be read): the inner error's
   * code and message where it has them.
   */
  failure?: { code?: string; message?: string };
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
  /** Azure's own translation object, as Azure answered it. */
  raw: AzureTranslationWire;
}

/** The translation-level calls Azure has besides the document calls. */
export interface AzureTranslationCalls {
  /** The translation's status and document counts. */
  getTranslation(options?: CallOptions): Promise<AzureTranslationStatus>;
  /**
   * Cancels the whole translation (Azure has no per-document delete): documents
   * not started are cancelled, running ones finish. Resolves with the translation's
   * status as Azure reports it after the request.
   */
  cancel(options?: CallOptions): Promise<AzureTranslationStatus>;
}

/** The provider-neutral client plus the translation-level calls Azure has. */
export type AzureTranslationIndexClient = DocumentIndexClient<DocumentRef, AzureDocumentStatus> & AzureTranslationCalls;

/** `getTranslation()` and `cancel()` for one translation, sent through the client's own pipeline. */
export function translationCalls(
  pipeline: RequestPipeline,
  send: AzureSend,
  translationUrl: string,
): AzureTranslationCalls {
  const read = async (method: 'GET' | 'DELETE', context: RequestContext) =>
    toTranslationStatus(
      parseWire(azureTranslationSchema, await send(method, translationUrl, context), 'Azure', 'translation status'),
    );
  return {
    getTranslation: (options) =>
      pipeline.call(options, { operation: 'getTranslationStatus', documents: 0, call: 'getTranslation' }, (context) =>
        read('GET', context),
      ),
    cancel: (options) =>
      pipeline.call(options, { operation: 'cancelTranslation', documents: 0, call: 'cancel' }, async (context) => {
        try {
          return await read('DELETE', context);
        } catch (error) {
          // Azure refuses (400) to cancel a translation that is cancelling already. On a retry, that may be the
          // earlier attempt's own cancel, applied before its answer was lost: the translation's status says.
          if (context.attempt > 1 && error instanceof AzureHttpError && error.status === 400) {
            const current = await read('GET', context);
            if (current.status === 'cancelling' || current.status === 'cancelled') return current;
          }
          throw error;
        }
      }),
  };
}

function toTranslationStatus(wire: AzureTranslationWire): AzureTranslationStatus {
  // `id` as the spec names it, `translationId` as the 2024-05-01 examples do.
  const id = wire.id ?? wire.translationId;
  if (id === undefined) {
    throw new DocumentIndexError('invalid_response', 'Azure sent a translation status of an unexpected shape (at id)', {
      retryable: false,
    });
  }
  const status = mapAzureStatus(wire.status);
  const count = (value: number | null | undefined) => value ?? 0;
  const result: AzureTranslationStatus = {
    provider: PROVIDER,
    id,
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
  if (wire.error) result.failure = failureOf(wire.error);
  return result;
}
