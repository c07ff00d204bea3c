/**
 * `docindex translation` and `docindex cancel`: Azure's translation-level calls
 * (`getTranslation()`, `cancel()`), which the other providers have no counterpart
 * of. One row for the translation: its status, Azure's value, and the document
 * counts (or why it failed); `--json` writes the `AzureTranslationStatus` itself.
 */
import type { AzureTranslationCalls, AzureTranslationStatus } from '../../providers/azure/translation';
import type { DocumentIndexClient } from '../../spec/client';
import { isDocumentIndexError } from '../../spec/errors';
import { isSuccess } from '../../spec/status';
import type { Command } from '../command';
import { connect, resolveProvider } from '../connect';
import { EXIT, UsageError } from '../exit';
import { describeError } from '../outcome';
import { type DocumentRow, documentCount } from '../output/format';
import { createReport } from '../output/report';

/** Azure's counts in the order a translation moves through them; zeros left out, `total` always shown. */
const COUNTS: ReadonlyArray<readonly [keyof AzureTranslationStatus['summary'], string]> = [
  ['succeeded', 'succeeded'],
  ['failed', 'failed'],
  ['inProgress', 'running'],
  ['notStarted', 'not started'],
  ['cancelled', 'cancelled'],
];

/** The translation as a table row: its failure when Azure gave one, else its document counts. */
export function translationRow(translation: AzureTranslationStatus): DocumentRow {
  const { summary, failure } = translation;
  const counts = [documentCount(summary.total)];
  for (const [key, label] of COUNTS) if (summary[key] > 0) counts.push(`${label} ${summary[key]}`);
  const why = failure ? [failure.code, failure.message].filter(Boolean).join(': ') : '';
  return {
    id: translation.id,
    status: translation.status,
    raw: translation.providerStatus,
    detail: why ? `${why} (${counts.join(' · ')})` : counts.join(' · '),
  };
}

/** The translation calls of this run's client: Azure's only, refused before anything is sent for the others. */
async function translationClient(
  command: string,
  flags: Readonly<Record<string, string | boolean | undefined>>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<AzureTranslationCalls> {
  const provider = resolveProvider(flags, env);
  if (provider !== 'azure') {
    throw new UsageError(`${command} is for azure translations only: ${provider} has none`);
  }
  return (await connect(flags, env)) as DocumentIndexClient & AzureTranslationCalls;
}

/** A command over one translation call. */
function translationCommand(
  name: 'translation' | 'cancel',
  call: (client: AzureTranslationCalls, signal: AbortSignal) => Promise<AzureTranslationStatus>,
  rest: Pick<Command, 'summary' | 'notes'>,
): Command {
  return {
    name,
    usage: '',
    connects: true,
    flags: {},
    ...rest,
    async run({ flags, positionals }, { io, interrupt }) {
      if (positionals.length > 0) {
        throw new UsageError(
          `${name} takes no arguments: the translation is --translation-id (or AZURE_TRANSLATION_ID)`,
        );
      }
      const client = await translationClient(name, flags, io.env);
      const report = createReport(io, { json: flags.json === true, quiet: flags.quiet === true });
      const translation = await call(client, interrupt).catch((error: unknown) => {
        // Azure's message is not echoed (it may quote a container URL with its SAS token); its one refusal of a
        // cancel the spec describes is this one.
        if (name === 'cancel' && isDocumentIndexError(error) && error.code === 'validation') {
          throw new UsageError(
            `${describeError(error)}: Azure cancels only a translation that has not completed, failed or begun cancelling (docindex translation shows its status)`,
          );
        }
        throw error;
      });
      await report.record(translationRow(translation), translation);
      if (name === 'cancel') {
        report.message('cancel requested: documents not yet started are cancelled, running ones finish');
        return EXIT.ok;
      }
      return translation.terminal && !isSuccess(translation.status) ? EXIT.failed : EXIT.ok;
    },
  };
}

export const translation = translationCommand('translation', (client, signal) => client.getTranslation({ signal }), {
  summary: "an Azure translation's status and document counts",
  notes: [
    'Azure only: the translation named by --translation-id (or AZURE_TRANSLATION_ID).',
    'Exit code 1 when the translation failed or was cancelled; still at work is not a failure.',
  ],
});

export const cancel = translationCommand('cancel', (client, signal) => client.cancel({ signal }), {
  summary: 'cancels an Azure translation (documents not yet started; running ones finish)',
  notes: [
    'Azure only: the translation named by --translation-id (or AZURE_TRANSLATION_ID); Azure has no per-document',
    'delete. Reports the translation as Azure answered the cancel (usually cancelling). Azure refuses to cancel a',
    'translation that has completed, failed or begun cancelling: exit code 2, saying so.',
  ],
});
