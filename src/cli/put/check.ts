/**
 * `put` checks every file's document before it sends any, with the provider's own
 * rules, and says what a failure while sending means.
 *
 * The check runs on a second client, built by the same factory from the same
 * settings as the one that sends, with one more pipeline stage (`CHECK_ONLY`)
 * that answers every request itself instead of calling the adapter. Its
 * `putDocuments` therefore does everything the real call does to a document (the
 * adapter's `put.prepare`, the core's per-document limit and its one-id-per-call
 * rule, the same `docs[i]` field in the error) except sending it. No provider's
 * rule is copied here, and the library's entries stay as they are: the command
 * line reaches the core and the adapters only through the provider entries it
 * loads anyway (importing them from here would split the chunks those entries
 * share, and grow them).
 */
import type { EXTRA_STAGES } from '../../core/config';
import type { PipelineStage } from '../../core/pipeline';
import type { DocumentIndexClient, DocumentInput, StatusBatch } from '../../spec/client';
import { DocumentIndexError, isDocumentIndexError } from '../../spec/errors';
import { UsageError } from '../exit';
import { describeError } from '../outcome';
import { documentCount } from '../output/format';
import type { InternalOptions } from '../providers/types';
import type { FileToPut, IdFrom } from './files';
import { causeOf, FileReadError, PutStoppedError } from './read-error';

/**
 * The core's `EXTRA_STAGES` key (src/core/config.ts): a `Symbol.for` key, so this is
 * the same symbol without importing the core into the command line.
 */
export const PIPELINE_STAGES = Symbol.for('docindex.extraPipelineStages') as typeof EXTRA_STAGES;

/**
 * Fails every request before the adapter sees it, so nothing is sent: with an
 * error that is not retried and does not end the call (a request's error puts its
 * documents in `errors` and the call goes on reading), so that the whole source
 * is checked. The check reads only whether the call rejects.
 */
const notSent = new Map<string, DocumentIndexError>();
const NOTHING_SENT: PipelineStage = {
  name: 'docindex-cli-check-only',
  // One error per provider, not per request: the check keeps one per chunk until it
  // ends. It names its provider from the start, so the pipeline never stamps it (a
  // shared error would carry the first client's provider to every other).
  attempt: ({ provider }) => {
    let error = notSent.get(provider);
    if (!error) {
      error = new DocumentIndexError('internal', 'Not sent: docindex put is checking the documents', {
        provider,
        retryable: false,
      });
      notSent.set(provider, error);
    }
    return Promise.reject(error);
  },
};

/** What makes a client check documents instead of sending them (`connect(flags, env, CHECK_ONLY)`). */
export const CHECK_ONLY: InternalOptions = { [PIPELINE_STAGES]: [NOTHING_SENT] };

/**
 * Runs every document through `checker`, a client connected with `CHECK_ONLY`.
 * Throws a `UsageError` naming the file for the first document the provider's
 * rules refuse, or the first file that cannot be read any more (nothing has been
 * sent); any other error (Azure's `unsupported`, an interruption) as it is.
 */
export async function checkDocuments(
  checker: DocumentIndexClient,
  documents: AsyncIterable<DocumentInput>,
  files: readonly FileToPut[],
  options: { idFrom: IdFrom; signal: AbortSignal },
): Promise<void> {
  try {
    await checker.putDocuments(documents, { signal: options.signal });
  } catch (error) {
    const readError = causeOf(error, FileReadError);
    if (readError) throw new UsageError(readError.message);
    const file = refusedFile(error, files);
    if (file === undefined) throw error;
    throw new UsageError(`${file.path}: ${describeError(error)}${hintFor(error, options.idFrom)}`);
  }
}

/**
 * What a failure of the real `putDocuments` becomes. Once the check has passed, a
 * file that changed or cannot be read any more (its digest is verified as it is
 * read again, before the provider's rules see it), or any other `validation` error,
 * stops the call partway, after documents may have been sent: a `PutStoppedError`
 * (exit 1, not 2) saying what was sent. Anything else (credentials, an
 * interruption) stays as it is.
 */
export function stoppedWhileSending(error: unknown, sent?: StatusBatch): unknown {
  const readError = causeOf(error, FileReadError);
  if (readError === undefined && !(isDocumentIndexError(error) && error.code === 'validation')) return error;
  if (readError === undefined) {
    const accepted = sent?.items.length ?? 0;
    return new PutStoppedError(
      `${describeError(error)}; put stopped there, ${accepted === 0 ? 'no document accepted' : `after ${documentCount(accepted)} ${accepted === 1 ? 'was' : 'were'} accepted (listed above)`}`,
      { cause: error },
    );
  }
  // Documents read ahead of it (the next chunk being filled) may not have been sent: count, not order.
  const count = sent === undefined ? 0 : sent.items.length + sent.errors.length;
  const sentBefore =
    count === 0
      ? 'no document was sent'
      : `${documentCount(count)} ${count === 1 ? 'was' : 'were'} sent (listed above), the rest not`;
  return new PutStoppedError(`${readError.message}; it changed after the check, so put stopped there: ${sentBefore}`, {
    cause: error,
  });
}

/** The file a `validation` error about a document (`docs[12].contentType`) names. */
function refusedFile(error: unknown, files: readonly FileToPut[]): FileToPut | undefined {
  if (!isDocumentIndexError(error) || error.code !== 'validation') return undefined;
  const index = /^docs\[(\d+)\]/.exec(error.field ?? '')?.[1];
  return index === undefined ? undefined : files[Number(index)];
}

/**
 * How to send a refused file after all, where a flag does it: a NAVER id (a file
 * name's extension, a folder's slash) with `--id-from stem`, Bedrock bytes whose
 * extension names no content type with `--content-type`.
 */
function hintFor(error: unknown, idFrom: IdFrom): string {
  if (!isDocumentIndexError(error) || error.code !== 'validation') return '';
  const field = error.field ?? '';
  if (error.provider === 'naver' && field.endsWith('.id') && idFrom !== 'stem') {
    return '; --id-from stem sends setup.txt as document "setup"';
  }
  if (
    error.provider === 'bedrock' &&
    field.endsWith('.contentType') &&
    /bytes need a contentType/.test(error.message)
  ) {
    return '; its extension names no content type: --content-type TYPE gives every file one (e.g. application/pdf)';
  }
  if (error.provider === 'bedrock' && field.endsWith('.contentType') && /text\/[\w.+-]+ inline/.test(error.message)) {
    return '; --content-type text/plain sends text such as Markdown as plain text';
  }
  return '';
}
