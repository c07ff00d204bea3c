/**
 * `docindex put <files or folders...>`: checks every file's document with the
 * provider's own rules (./put/check.ts), then sends them through the client's
 * `putDocuments`, read lazily both times, with a live count; `--wait` then waits
 * for exactly the documents the provider accepted.
 */
import type { PipelineStage } from '../../core/pipeline';
import type { StatusBatch } from '../../spec/client';
import { isDocumentIndexError } from '../../spec/errors';
import { parseChoice } from '../args';
import type { Command } from '../command';
import { connect } from '../connect';
import { UsageError } from '../exit';
import { readArguments } from '../ids';
import { batchExitCode } from '../outcome';
import { Tally } from '../output/format';
import type { LiveProgress } from '../output/live';
import { createReport } from '../output/report';
import { CHECK_ONLY, checkDocuments, PIPELINE_STAGES, stoppedWhileSending } from '../put/check';
import type { IdFrom } from '../put/files';
import { WAIT_FLAGS, waitSettings, waitWithProgress } from './waiting';

export const put: Command = {
  name: 'put',
  summary: 'sends files and folders as documents (inline content), optionally waiting for them',
  usage: '<files or folders...>',
  connects: true,
  flags: {
    'id-from': {
      type: 'string',
      value: 'path|name|stem',
      description:
        "path (default): a file's path below the folder given (a file given: its name); name: its name; stem: its name without the extension",
    },
    'id-prefix': { type: 'string', value: 'TEXT', description: 'put in front of every id, e.g. manuals/' },
    'content-type': {
      type: 'string',
      value: 'TYPE',
      description: 'one content type for every file (default: from the extension)',
    },
    wait: { type: 'boolean', description: 'then wait for the accepted documents (the wait options apply)' },
    ...WAIT_FLAGS,
    // What is put is not deleted: put's --until has no `deleted`.
    until: {
      type: 'string',
      value: 'WHEN',
      description:
        'terminal (default): every document done; succeeded: every document succeeded (one that failed is polled on, until --timeout)',
    },
  },
  notes: [
    'Folders are walked recursively in name order; hidden entries are left out (name them to include them) and',
    'symbolic links are followed. Every file is checked before anything is sent: a missing, unreadable or special',
    "file, a broken link, two files with the same id, or a document the provider's own rules refuse (its id,",
    'content type, encoding, size) is a usage error (exit 2) with nothing sent. So each file is read twice, to check',
    'and to send, each time only as the provider takes it; a file reached twice is sent once. A file that changes',
    'or goes away between the two stops the run there (exit 1), the documents sent before it listed.',
    'NAVER ids hold only letters, digits, - and _: --id-from stem sends setup.txt as setup (the content type still',
    'comes from the extension).',
  ],
  async run({ flags, positionals }, { io, interrupt }) {
    const paths = await readArguments(positionals, io, 'files or folders');
    const idFrom: IdFrom = parseChoice(typeof flags['id-from'] === 'string' ? flags['id-from'] : 'path', '--id-from', [
      'path',
      'name',
      'stem',
    ]);
    // A wait flag without --wait would be ignored, and the user left thinking something waited.
    const stray = Object.keys(WAIT_FLAGS).find((name) => flags[name] !== undefined);
    if (flags.wait !== true && stray !== undefined) throw new UsageError(`--${stray} applies only with --wait`);
    const settings = flags.wait === true ? waitSettings(flags, 'put') : undefined;
    // The file system modules load with put only (an ES import of node:fs costs every other command ~8 ms).
    const { CheckedContent, collectFiles, readDocuments } = await import('../put/files');
    const { files, skipped } = await collectFiles(paths, {
      cwd: io.cwd,
      idFrom,
      idPrefix: typeof flags['id-prefix'] === 'string' ? flags['id-prefix'] : undefined,
      contentType: typeof flags['content-type'] === 'string' ? flags['content-type'] : undefined,
    });
    // A document counts as sent once the provider has answered its request (the stage sees each request succeed),
    // not when it was read from disk: the count would reach the total before anything had been accepted.
    let sending: LiveProgress | undefined;
    let answered = 0;
    const answeredRequests: PipelineStage = {
      name: 'docindex-cli-put-progress',
      attempt: (context, next) =>
        next(context).then((result) => {
          answered += context.documents;
          sending?.update(answered, files.length);
          return result;
        }),
    };
    const client = await connect(flags, io.env, { [PIPELINE_STAGES]: [answeredRequests] });
    // The same factory and settings, but a client that cannot send: it checks (./put/check.ts).
    const checker = await connect(flags, io.env, CHECK_ONLY);
    const report = createReport(io, { json: flags.json === true, quiet: flags.quiet === true });
    for (const line of skipped) report.message(`skipped ${line}`);
    if (files.length === 0) throw new UsageError('put: no files to send');

    const started = Date.now();
    // Every document through the provider's rules first: a refusal is exit 2 with nothing sent.
    const checking = await report.progress('checking');
    // What the check read, so that a file whose content changes before its turn to be sent stops the run there.
    const checked = new CheckedContent();
    try {
      await checkDocuments(
        checker,
        readDocuments(files, (count) => checking.update(count, files.length), checked.record),
        files,
        { idFrom, signal: interrupt },
      );
    } finally {
      checking.stop();
    }

    // The last line shows what the provider answered, per status.
    const progress = await report.progress('sending');
    sending = progress;
    progress.update(0, files.length);
    let batch: StatusBatch;
    try {
      batch = await client.putDocuments(readDocuments(files, undefined, checked.verify), { signal: interrupt });
    } catch (error) {
      // What the provider had accepted before the failure is still worth knowing.
      const sent = isDocumentIndexError(error) ? error.lastResult : undefined;
      if (sent) progress.update(sent.items.length + sent.errors.length, files.length, sent);
      progress.stop();
      sending = undefined;
      if (sent) await report.documents(sent);
      throw stoppedWhileSending(error, sent);
    }
    progress.update(batch.items.length + batch.errors.length, files.length, batch);
    progress.stop();
    sending = undefined;
    if (settings === undefined) {
      await report.documents(batch);
      report.summary(Tally.of(batch), Date.now() - started);
      return batchExitCode(batch, 'put');
    }
    report.message(`${batch.items.length} accepted, ${batch.errors.length} refused; waiting`);
    return waitWithProgress(
      client,
      batch.items.map((item) => item.id),
      settings,
      report,
      interrupt,
      batch.errors,
    );
  },
};
