/**
 * From what happened to the exit code and the one line that says so: a batch's
 * documents decide 0 or 1; a rejected call is a usage error (2: `validation`,
 * `unsupported`; nothing was sent, or the provider refused the request as invalid), a timeout (3), an interruption (130) or a
 * failure (1), as is a `put` that stopped partway through sending.
 */
import type { DocumentStatus, StatusBatch } from '../spec/client';
import { type DocumentIndexError, isDocumentIndexError } from '../spec/errors';
import { isSuccess } from '../spec/status';
import { EXIT, type ExitCode, UsageError } from './exit';
import { printable } from './output/text';
import { causeOf, FileReadError, PutStoppedError } from './put/read-error';

/** Whether a document's state is a failure for the command that reported it. */
export function isFailure(item: DocumentStatus, command: 'status' | 'wait' | 'put' | 'delete'): boolean {
  // A delete reports the accepted state (deleting, deleted, or Bedrock's own); only
  // a document the provider could not find or failed to delete is a failure.
  if (command === 'delete') return item.status === 'failed' || item.status === 'not_found';
  // A document still at work is not a failure of `status` or `put`; `wait` only
  // ends once it is done, so there every document is terminal.
  return item.terminal && !isSuccess(item.status);
}

/** 0 when every document is fine for the command, else 1. */
export function batchExitCode(batch: StatusBatch, command: 'status' | 'wait' | 'put' | 'delete'): ExitCode {
  return batch.errors.length > 0 || batch.items.some((item) => isFailure(item, command)) ? EXIT.failed : EXIT.ok;
}

/** The exit code for an error that ended a command. */
export function errorExitCode(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (!isDocumentIndexError(error) || putFailure(error)) return EXIT.failed;
  switch (error.code) {
    case 'validation':
    case 'unsupported':
      return EXIT.usage;
    case 'timeout':
      return EXIT.timeout;
    case 'aborted':
      return EXIT.interrupted;
    default:
      return EXIT.failed;
  }
}

/**
 * The `put` failure behind an error, if any: it stopped partway through sending, or
 * a file could not be read when its turn came (a client may wrap what its
 * document source threw). Documents may have been sent: exit 1, never 2.
 */
function putFailure(error: unknown): PutStoppedError | FileReadError | undefined {
  return causeOf(error, PutStoppedError) ?? causeOf(error, FileReadError);
}

/** An id as a message quotes it: printable, and cut when long. */
export function quoteId(id: string): string {
  const shown = id.length > 80 ? `${id.slice(0, 77)}...` : id;
  return printable(JSON.stringify(shown));
}

/**
 * The one line for an error that ended a command. A `validation` error about one
 * of the inputs (`refs[3]`) names that input by position and value; a provider's
 * error names the provider, the HTTP status and request id when known.
 */
export function describeError(error: unknown, inputs: readonly string[] = []): string {
  if (error instanceof UsageError) return error.message;
  const failure = putFailure(error);
  if (failure) return failure.message;
  if (!isDocumentIndexError(error))
    return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  // The SDK found no region when the first request went out; the library's hint names its option, the command
  // line has a flag for it.
  if (
    error.code === 'validation' &&
    error.field === 'region' &&
    (error.provider === 'kendra' || error.provider === 'bedrock')
  ) {
    return `${error.provider}: no AWS region is configured: pass --region, or set AWS_REGION (or a region in the AWS profile)`;
  }
  // The provider's own page limit (Azure's is 100, below the flag's 1000): said of the flag that set it.
  if (error.code === 'validation' && error.field === 'maxPageSize') {
    return `${error.provider ? `${error.provider}: ` : ''}--page-size ${error.message.replace(/^Invalid maxPageSize:\s*/, '')}`;
  }
  const input = /^refs\[(\d+)\]/.exec(error.field ?? '');
  if (error.code === 'validation' && input) {
    const index = Number(input[1]);
    const problem = error.message.replace(/^Invalid [^:]*:\s*/, '');
    return `document id #${index + 1} ${quoteId(inputs[index] ?? '')}: ${problem}`;
  }
  return `${error.provider ? `${error.provider}: ` : ''}${error.code}: ${forTheCommandLine(error.message)}${details(error)}`;
}

/**
 * The library's hints that name what only the library has, each as the command line
 * says it (it starts no translation, and sends files inline only). Tests hold the CLI's
 * line for each, so a library message reworded shows there.
 */
const LIBRARY_HINTS: ReadonlyArray<readonly [string, string]> = [
  ['use cancel() to stop the whole translation', 'a translation is stopped whole: docindex cancel'],
  [
    'start a translation with startAzureTranslation()',
    "a translation is started by the library's startAzureTranslation() (the command line starts none)",
  ],
  [
    "put the document in S3 and pass its s3Uri (with the factory's roleArn)",
    "docindex put sends files inline: put the document in S3 and send it through the library's putDocuments, as an s3Uri (with the factory's roleArn)",
  ],
];

function forTheCommandLine(message: string): string {
  let text = message;
  for (const [library, commandLine] of LIBRARY_HINTS) text = text.replace(library, commandLine);
  return text;
}

function details(error: DocumentIndexError): string {
  const parts = [
    error.httpStatus !== undefined && !error.message.includes(`HTTP ${error.httpStatus}`)
      ? `HTTP ${error.httpStatus}`
      : undefined,
    error.providerCode !== undefined && !error.message.includes(error.providerCode) ? error.providerCode : undefined,
    error.requestId !== undefined ? `request id ${error.requestId}` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * Runs a call over `inputs`; a `validation` error about one of them becomes a
 * `UsageError` that names it (`document id #4 "..": ...`), so the user sees which.
 */
export async function namingInputs<T>(inputs: readonly string[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isDocumentIndexError(error) && error.code === 'validation' && /^refs\[\d+\]/.test(error.field ?? '')) {
      throw new UsageError(describeError(error, inputs));
    }
    throw error;
  }
}
