/** `docindex list`: every document, page by page (Bedrock and Azure; Kendra and NAVER have no listing API). */

import { INDEX_STATUSES, type IndexStatus } from '../../spec/status';
import { parseChoice, parseInteger } from '../args';
import type { Command } from '../command';
import { connect } from '../connect';
import { EXIT, UsageError } from '../exit';
import { Tally } from '../output/format';
import { createReport } from '../output/report';

export const list: Command = {
  name: 'list',
  summary: 'every document, page by page (Bedrock, Azure)',
  usage: '',
  connects: true,
  flags: {
    status: {
      type: 'string',
      value: 'S,...',
      description: 'only documents in these statuses, e.g. failed,partial (server-side where the provider can)',
    },
    'page-size': { type: 'string', value: 'N', description: 'documents per request (bedrock 1-1000, azure 1-100)' },
  },
  notes: ['Documents are printed as each page arrives; a long listing never sits in memory.'],
  async run({ flags, positionals }, { io, interrupt }) {
    if (positionals.length > 0) throw new UsageError(`list takes no arguments, got ${JSON.stringify(positionals[0])}`);
    const statuses =
      typeof flags.status === 'string'
        ? flags.status.split(',').map((value) => parseChoice(value.trim(), '--status', INDEX_STATUSES) as IndexStatus)
        : undefined;
    const pageSize =
      typeof flags['page-size'] === 'string' ? parseInteger(flags['page-size'], '--page-size', 1, 1000) : undefined;
    const client = await connect(flags, io.env);
    const report = createReport(io, { json: flags.json === true, quiet: flags.quiet === true });
    const started = Date.now();
    const tally = new Tally();
    const listing = client.listStatuses({ signal: interrupt, ...(statuses && { statuses }) });
    for await (const page of listing.byPage(pageSize === undefined ? {} : { maxPageSize: pageSize })) {
      const batch = { items: page, errors: [] };
      tally.add(batch);
      await report.documents(batch);
    }
    report.summary(tally, Date.now() - started);
    return EXIT.ok;
  },
};
