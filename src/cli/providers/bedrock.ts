/** Amazon Bedrock knowledge bases on the command line. */
import { awsPointer, awsSdkVariables, awsSettings } from './aws';
import { sampleDocuments, shellQuote, timelineOf } from './shared';
import type { ProviderCli } from './types';

const SAMPLE_IDS = ['guide-01', 'guide-02', 'guide-03', 'faq-01', 'faq-02', 'notes-01'];

/** An id starting s3:// is a document of an S3 data source, any other a custom document (as the simulator reads it). */
const isS3 = (id: string) => id.startsWith('s3://');

export const bedrock: ProviderCli = {
  settings: [
    {
      option: 'knowledgeBaseId',
      flag: 'knowledge-base-id',
      env: ['BEDROCK_KNOWLEDGE_BASE_ID'],
      required: true,
      value: 'ID',
      description: 'the knowledge base id (10 characters)',
    },
    {
      option: 'dataSourceId',
      flag: 'data-source-id',
      env: ['BEDROCK_DATA_SOURCE_ID'],
      required: true,
      value: 'ID',
      description: 'the data source id (10 characters)',
    },
    ...awsSettings('AWS_ENDPOINT_URL_BEDROCK_AGENT'),
  ],
  secrets: [],
  sdkVariables: awsSdkVariables('AWS_ENDPOINT_URL_BEDROCK_AGENT'),

  async connect({ values, concurrency, retry }, internal) {
    const { createBedrockIndex } = await import('../../providers/bedrock/index');
    return createBedrockIndex({
      knowledgeBaseId: values.knowledgeBaseId ?? '',
      dataSourceId: values.dataSourceId ?? '',
      ...(values.region !== undefined && { region: values.region }),
      ...(values.endpoint !== undefined && { endpoint: values.endpoint }),
      ...(concurrency !== undefined && { concurrency }),
      ...(retry !== undefined && { retry }),
      ...internal,
    });
  },

  simulator: {
    scope: ['knowledgeBaseId', 'dataSourceId'],
    async statuses() {
      const { BEDROCK_STATUS_MAP } = await import('../../providers/bedrock/index');
      return Object.keys(BEDROCK_STATUS_MAP);
    },
    // A data source is of one type, as on Bedrock: the simulator would refuse the other kind at serve time.
    checkDocument(document, [first]) {
      if (first === undefined || isS3(first.id) === isS3(document.id)) return undefined;
      const kind = isS3(first.id) ? 'an S3 one' : 'a custom one';
      return `id: a data source holds either S3 documents (s3://...) or custom ones, and documents[0] is ${kind}`;
    },
    seed(sim, { scope, documents }) {
      sim.bedrock.putDocuments(
        scope.knowledgeBaseId as string,
        scope.dataSourceId as string,
        documents.map((document) => ({
          id: document.id,
          status: timelineOf(document),
          ...(document.failure?.message !== undefined && { statusReason: document.failure.message }),
        })),
      );
    },
    point(url, { scope }) {
      return awsPointer(
        url,
        {
          BEDROCK_KNOWLEDGE_BASE_ID: scope.knowledgeBaseId as string,
          BEDROCK_DATA_SOURCE_ID: scope.dataSourceId as string,
        },
        `bedrock-agent list-knowledge-base-documents --knowledge-base-id ${shellQuote(scope.knowledgeBaseId ?? '')} --data-source-id ${shellQuote(scope.dataSourceId ?? '')}`,
      );
    },
    sample: {
      scope: { knowledgeBaseId: 'KB12345678', dataSourceId: 'DS12345678' },
      documents: sampleDocuments(SAMPLE_IDS, (i) =>
        i === 3
          ? {
              working: ['STARTING', 'IN_PROGRESS'],
              final: 'FAILED',
              failure: { message: 'The file could not be parsed.' },
            }
          : i === 5
            ? { working: ['STARTING', 'IN_PROGRESS'], final: 'PARTIALLY_INDEXED' }
            : { working: ['STARTING', 'IN_PROGRESS'], final: 'INDEXED' },
      ),
    },
  },
};
