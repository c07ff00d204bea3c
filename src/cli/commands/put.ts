/**
 * `docindex put <files or folders...>`: sends files as documents through the
 * client's `putDocuments`, read lazily, with a live count; `--wait` then waits
 * for exactly the documents the provider accepted.
 */
import type { StatusBatch } from '../../spec/client';
import { isDocumentIndexError } from '../../spec/errors';
import { parseChoice } from '../args';
import type { Command } from '../command';
import { connect } from '../connect';
import { UsageError } from '../exit';
import { readArguments } from '../ids';
import { batchExitCode, describeError } from '../outcome';
import { Tally } from '../output/format';
import { createReport } from '../output/report';
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
  },
  notes: [
    'Folders are walked recursively in name order; hidden entries are left out (name them to include them) and',
    'symbolic links are followed. Every file is checked before anything is sent: a missing, unreadable or special',
    'file, a broken link or two files with the same id is a usage error (exit 2) with nothing sent. Contents are read',
    'only as the provider takes them, and a file reached twice is sent once.',
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
    const settings = flags.wait === true ? waitSettings(flags) : undefined;
    // The file system modules load with put only (an ES import of node:fs costs every other command ~8 ms).
    const { collectFiles, readDocuments } = await import('../put/files');
    const { files, skipped } = await collectFiles(paths, {
      cwd: io.cwd,
      idFrom,
      idPrefix: typeof flags['id-prefix'] === 'string' ? flags['id-prefix'] : undefined,
      contentType: typeof flags['content-type'] === 'string' ? flags['content-type'] : undefined,
    });
    const client = await connect(flags, io.env);
    const report = createReport(io, { json: flags.json === true, quiet: flags.quiet === true });
    for (const line of skipped) report.message(`skipped ${line}`);
    if (files.length === 0) throw new UsageError('put: no files to send');

    const started = Date.now();
    const progress = await report.progress('sending');
    const empty = { items: [], errors: [] };
    let batch: StatusBatch;
    try {
      batch = await client.putDocuments(
        readDocuments(files, (count) => progress.update(count, files.length, empty)),
        { signal: interrupt },
      );
    } catch (error) {
      progress.stop();
      // What the provider had accepted before the failure is still worth knowing.
      if (isDocumentIndexError(error) && error.lastResult) await report.documents(error.lastResult);
      throw withIdHint(error, idFrom);
    }
    progress.stop();
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

/** A document id NAVER refuses (a file name's extension, a folder's slash) says how to send the file. */
function withIdHint(error: unknown, idFrom: IdFrom): unknown {
  const idRefused =
    isDocumentIndexError(error) &&
    error.code === 'validation' &&
    error.provider === 'naver' &&
    error.field?.endsWith('.id') === true;
  if (!idRefused || idFrom === 'stem') return error;
  return new UsageError(`${describeError(error)}; --id-from stem sends setup.txt as document "setup"`);
}
