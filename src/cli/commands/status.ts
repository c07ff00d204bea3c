/** `docindex status <ids...>`: each document's indexing status, once. */
import type { Command } from '../command';
import { batchCommand } from './batch';

export const status: Command = {
  name: 'status',
  summary: "each document's indexing status, once",
  usage: '<ids...>',
  connects: true,
  flags: {},
  notes: ['Exit code 1 when a document failed, was not found or could not be read; still at work is not a failure.'],
  run: batchCommand('status', (client, ids, signal) => client.getStatuses(ids, { signal })),
};
