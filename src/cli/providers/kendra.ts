/** Amazon Kendra on the command line. */
import { awsPointer, awsSdkVariables, awsSettings } from './aws';
import { MAX_IDS_SHOWN, sampleDocuments, shellQuote, timelineOf } from './shared';
import type { ProviderCli } from './types';

const SAMPLE_INDEX_ID = '0123abcd-0123-4abc-8123-0123456789ab';
const SAMPLE_IDS = ['handbook.pdf', 'pricing.pdf', 'security.pdf', 'onboarding.pdf', 'scan.pdf', 'travel.pdf'];

export const kendra: ProviderCli = {
  settings: [
    {
      option: 'indexId',
      flag: 'index-id',
      env: ['KENDRA_INDEX_ID'],
      required: true,
      value: 'ID',
      description: 'the index id (36 characters)',
    },
    ...awsSettings('AWS_ENDPOINT_URL_KENDRA'),
  ],
  secrets: [],
  sdkVariables: awsSdkVariables('AWS_ENDPOINT_URL_KENDRA'),

  async connect({ values, concurrency, retry }, internal) {
    const { createKendraIndex } = await import('../../providers/kendra/index');
    return createKendraIndex({
      indexId: values.indexId ?? '',
      ...(values.region !== undefined && { region: values.region }),
      ...(values.endpoint !== undefined && { endpoint: values.endpoint }),
      ...(concurrency !== undefined && { concurrency }),
      ...(retry !== undefined && { retry }),
      ...internal,
    });
  },

  simulator: {
    scope: ['indexId'],
    async statuses() {
      const { KENDRA_STATUS_TABLE } = await import('../../providers/kendra/index');
      return Object.keys(KENDRA_STATUS_TABLE);
    },
    seed(sim, { scope, documents }) {
      sim.kendra.putDocuments(
        scope.indexId as string,
        documents.map((document) => ({
          id: document.id,
          status: timelineOf(document),
          ...(document.failure?.code !== undefined && { failureCode: document.failure.code }),
          ...(document.failure?.message !== undefined && { failureReason: document.failure.message }),
        })),
      );
    },
    point(url, { scope, documents }) {
      // DocumentInfo's members are DocumentId and Attributes; each entry is one shell word. As many as the docindex
      // lines name (BatchGetDocumentStatus takes at most 10).
      const shown = documents.slice(0, MAX_IDS_SHOWN);
      const ids = shown.map((document) => shellQuote(`DocumentId=${shorthandValue(document.id)}`)).join(' ');
      const more = documents.length > shown.length ? `  (and ${documents.length - shown.length} more ids)` : '';
      return awsPointer(
        url,
        { KENDRA_INDEX_ID: scope.indexId as string },
        `kendra batch-get-document-status --index-id ${shellQuote(scope.indexId ?? '')} --document-info-list ${ids}`,
        more,
      );
    },
    sample: {
      scope: { indexId: SAMPLE_INDEX_ID },
      documents: sampleDocuments(SAMPLE_IDS, (i) =>
        i === 4
          ? {
              working: ['PROCESSING'],
              final: 'FAILED',
              failure: { code: 'DocumentParseError', message: 'The PDF is encrypted.' },
            }
          : { working: ['PROCESSING'], final: i % 3 === 1 ? 'UPDATED' : 'INDEXED' },
      ),
    },
  },
};

/**
 * A value in the AWS CLI's shorthand syntax: as it is when plain, else double-quoted
 * with `"` and `\` escaped (a comma would split it into a list, an `=` start a key).
 */
function shorthandValue(value: string): string {
  return /^[\w./:@+-]+$/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}
