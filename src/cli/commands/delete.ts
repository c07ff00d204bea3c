/** `docindex delete <ids...>`: deletes documents and reports what the provider accepted. */
import type { Command } from '../command';
import { connect } from '../connect';
import { readArguments } from '../ids';
import { batchExitCode, namingInputs } from '../outcome';
import { Tally } from '../output/format';
import { createReport } from '../output/report';

export const remove: Command = {
  name: 'delete',
  summary: 'deletes documents (Kendra and Bedrock: asynchronously; Azure has no delete)',
  usage: '<ids...>',
  connects: true,
  flags: {},
  notes: [
    'Each document is reported in the state the provider accepted the delete in: deleting (Kendra), deleted (NAVER),',
    "or Bedrock's own status. Exit code 1 when the provider refused a document.",
  ],
  async run({ flags, positionals }, { io, interrupt }) {
    const ids = await readArguments(positionals, io, 'document ids');
    const client = await connect(flags, io.env);
    const report = createReport(io, { json: flags.json === true, quiet: flags.quiet === true });
    const started = Date.now();
    const batch = await namingInputs(ids, () => client.deleteDocuments(ids, { signal: interrupt }));
    await report.documents(batch);
    report.summary(Tally.of(batch), Date.now() - started);
    return batchExitCode(batch, 'delete');
  },
};
