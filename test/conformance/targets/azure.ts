import { type AzureApiVersion, createAzureTranslationIndex } from '../../../src/providers/azure/index';
import type { ConformanceTarget } from '../harness';

const translationId = '9dce0aa9-78dc-41ba-8cae-2e2f3c2ff8ec';

/** One Azure translation through `createAzureTranslationIndex`, for one URL generation. */
function azureTarget(apiVersion: AzureApiVersion): ConformanceTarget {
  return {
    name: `azure ${apiVersion}`,
    provider: 'azure',
    batchLimit: 10,
    operations: { status: 'getDocumentsStatus', list: 'getDocumentsStatus' },
    createClient: (sim, config) => {
      // The client is for an existing translation: unknown documents then read as
      // not_found rather than the whole translation being missing.
      sim.azure.putTranslation(translationId);
      return createAzureTranslationIndex({
        endpoint: sim.url,
        translationId,
        credential: 'test-subscription-key',
        apiVersion,
        ...config,
      });
    },
    makeId: (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    seed: (sim, docs) => {
      sim.azure.putDocuments(
        translationId,
        docs.map(({ id, statuses }) => ({ id, status: { statuses, advance: 'read' } })),
      );
      return docs.map(({ id }) => id);
    },
    statusTable: [
      ['NotStarted', 'pending'],
      ['Running', 'processing'],
      ['Succeeded', 'succeeded'],
      ['Failed', 'failed'],
      ['ValidationFailed', 'failed'],
      ['Cancelling', 'cancelling'],
      ['Cancelled', 'cancelled'],
      ['Canceled', 'cancelled'],
    ],
    rawInProgress: 'Running',
    rawDone: 'Succeeded',
    invalidRefs: [
      '',
      'not-a-uuid',
      '00000000-0000-4000-8000-00000000000g',
      '{00000000-0000-4000-8000-000000000001}',
      42,
      null,
      { id: '' },
      { id: 7 },
    ],
    maxPageSize: 100,
  };
}

/** Both URL generations run the whole suite. */
export const targets: ConformanceTarget[] = [azureTarget('2024-05-01'), azureTarget('v1.1')];
