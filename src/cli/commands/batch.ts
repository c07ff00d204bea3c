/** What `status` and `delete` share: ids in, one batch call, the documents out, the exit code. */
import type { DocumentIndexClient, StatusBatch } from '../../spec/client';
import type { Command } from '../command';
import { connect } from '../connect';
import { readArguments } from '../ids';
import { batchExitCode, namingInputs } from '../outcome';
import { Tally } from '../output/format';
import { createReport } from '../output/report';

/** A command's `run` over one batch call of the client. */
export function batchCommand(
  kind: 'status' | 'delete',
  call: (client: DocumentIndexClient, ids: string[], signal: AbortSignal) => Promise<StatusBatch>,
): Command['run'] {
  return async ({ flags, positionals }, { io, interrupt }) => {
    const ids = await readArguments(positionals, io, 'document ids', { ownOutput: true });
    const client = await connect(flags, io.env);
    const report = createReport(io, { json: flags.json === true, quiet: flags.quiet === true });
    const started = Date.now();
    const batch = await namingInputs(ids, () => call(client, ids, interrupt));
    await report.documents(batch);
    report.summary(Tally.of(batch), Date.now() - started);
    return batchExitCode(batch, kind);
  };
}
