import { DocumentIndexError } from '../../spec/errors';

/**
 * What Kendra's batch answers carry per document, read the same way by every
 * operation: the per-document error entries (`Errors`, `FailedDocuments`) and
 * the lists they come in.
 */

/**
 * A per-document `Errors` / `FailedDocuments` entry as our error: `InternalError`
 * is worth asking again, `InvalidRequest` is not. The provider's message stays in `cause`.
 */
export function itemError(
  action: string,
  entry: { ErrorCode?: string | undefined; ErrorMessage?: string | undefined },
  requestId: string | undefined,
): DocumentIndexError {
  const providerCode = entry.ErrorCode;
  const code = providerCode === 'InvalidRequest' ? 'validation' : 'internal';
  // Kendra's reason goes into the message: `cause` is left out of toJSON(), so a log or the CLI would not show it.
  const reason = typeof entry.ErrorMessage === 'string' && entry.ErrorMessage !== '' ? `: ${entry.ErrorMessage}` : '';
  return new DocumentIndexError(
    code,
    `Amazon Kendra could not ${action} the document${providerCode ? ` (${providerCode})` : ''}${reason}`,
    {
      providerCode,
      requestId,
      // Unknown item error codes are not retried: polling them again is unlikely to help.
      retryable: providerCode === 'InternalError',
      cause: entry,
    },
  );
}

/** A response list, where the SDK passes through whatever JSON it was given. */
export function listOf<T>(value: unknown, field: string): readonly (T | undefined)[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new DocumentIndexError('invalid_response', `Amazon Kendra sent a response whose ${field} is not a list`, {
      retryable: false,
    });
  }
  return value as (T | undefined)[];
}
