import type { ChunkResult } from '../../spec/adapter';
import type { DocumentStatus } from '../../spec/client';
import { DocumentIndexError } from '../../spec/errors';

/**
 * What Kendra's batch answers carry per document, read the same way by every
 * operation: the per-document error entries (`Errors`, `FailedDocuments`) and
 * the lists they come in.
 */

/**
 * A per-document `Errors` / `FailedDocuments` entry as our error: `InternalError`
 * is worth asking again, `InvalidRequest` is not. Kendra's `ErrorMessage` ends the message.
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

/** A `FailedDocuments` entry of BatchPutDocument or BatchDeleteDocument (every member optional in the model). */
type FailedDocument = { Id?: string | undefined; ErrorCode?: string | undefined; ErrorMessage?: string | undefined };

/**
 * A BatchPutDocument or BatchDeleteDocument answer, document by document: each
 * one its `FailedDocuments` entry names is refused, with that entry's error; the
 * others are accepted. The model leaves an entry's `Id` optional: an entry without
 * one says a document of the request was refused, not which. With one document
 * left unnamed, that is the one; with more, any of them may be, so none of them is
 * reported accepted (that would be a refused document reported as taken, and a
 * `waitFor` on it): each lands in `errors`, saying so, to be sent again.
 */
export function batchOutcome<S extends DocumentStatus>(
  action: 'add' | 'delete',
  ids: readonly string[],
  failed: readonly (FailedDocument | undefined)[],
  requestId: string | undefined,
  accepted: (id: string) => S,
): ChunkResult<S> {
  const refused = new Map<string, DocumentIndexError>();
  const unnamed: FailedDocument[] = [];
  for (const entry of failed) {
    if (typeof entry?.Id === 'string') refused.set(entry.Id, itemError(action, entry, requestId));
    else unnamed.push(entry ?? {});
  }
  const result: ChunkResult<S> = { items: [], errors: [] };
  const left = ids.filter((id) => !refused.has(id));
  const first = unnamed[0];
  const unknown =
    first === undefined
      ? undefined
      : left.length === 1
        ? itemError(action, first, requestId)
        : anyOf(action, unnamed, left.length, requestId);
  for (const id of ids) {
    const error = refused.get(id) ?? unknown;
    if (error) result.errors.push({ id, error });
    else result.items.push(accepted(id));
  }
  return result;
}

/** The error of each of `count` documents when `unnamed` entries refused some of them without saying which. */
function anyOf(action: string, unnamed: FailedDocument[], count: number, requestId?: string): DocumentIndexError {
  const like = itemError(action, unnamed[0] as FailedDocument, requestId);
  return new DocumentIndexError(
    like.code,
    `Amazon Kendra could not ${action} ${unnamed.length} of the ${count} documents it did not name (${like.providerCode ?? 'no error code'}), and did not say which: this one may be among them`,
    { providerCode: like.providerCode, requestId, retryable: false, cause: unnamed },
  );
}
