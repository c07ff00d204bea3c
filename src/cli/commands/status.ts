/** `docindex status <ids...>`: each document's indexing status, once. */
import type { Command } from '../command';
import { connect } from '../connect';
import { readArguments } from '../ids';
import { batchExitCode, namingInputs } from '../outcome';
import { Tally } from '../output/format';
import { createReport } from '../output/report';

export const status: Command = {
  name: 'status',
  summary: "each document's indexing status, once",
  usage: '<ids...>',
  connects: true,
  flags: {},
  notes: ['Exit code 1 when a document failed, was not found or could not be read; still at work is not a failure.'],
  async run({ flags, positionals }, { io, interrupt }) {
    const ids = await readArguments(positionals, io, 'document ids');
    const client = await connect(flags, io.env);
    const report = createReport(io, { json: flags.json === true, quiet: flags.quiet === true });
    const started = Date.now();
    const batch = await namingInputs(ids, () => client.getStatuses(ids, { signal: interrupt }));
    await report.documents(batch);
    report.summary(Tally.of(batch), Date.now() - started);
    return batchExitCode(batch, 'status');
  },
};
