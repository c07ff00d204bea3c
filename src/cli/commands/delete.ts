/** `docindex delete <ids...>`: deletes documents and reports what the provider accepted. */
import type { Command } from '../command';
import { batchCommand } from './batch';

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
  run: batchCommand('delete', (client, ids, signal) => client.deleteDocuments(ids, { signal })),
};
