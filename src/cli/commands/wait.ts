/** `docindex wait <ids...>`: polls until every document is done, with a live progress display. */
import type { Command } from '../command';
import { connect } from '../connect';
import { readArguments } from '../ids';
import { namingInputs } from '../outcome';
import { createReport } from '../output/report';
import { WAIT_FLAGS, waitSettings, waitWithProgress } from './waiting';

export const wait: Command = {
  name: 'wait',
  summary: 'polls until every document is done, with a live progress display',
  usage: '<ids...>',
  connects: true,
  flags: WAIT_FLAGS,
  notes: [
    'Polls at once, then backs off (exponential with jitter), asking only for the documents not done yet.',
    'Exit code 0 when every document succeeded, 1 when one failed, was not found or could not be read,',
    '3 on --timeout, 130 on Ctrl-C; either way the last snapshot is printed (if a poll had been answered).',
  ],
  async run({ flags, positionals }, { io, interrupt }) {
    const ids = await readArguments(positionals, io, 'document ids', { ownOutput: true });
    const settings = waitSettings(flags);
    const client = await connect(flags, io.env);
    const report = createReport(io, { json: flags.json === true, quiet: flags.quiet === true });
    return namingInputs(ids, () => waitWithProgress(client, ids, settings, report, interrupt));
  },
};
