/** Amazon Bedrock knowledge bases on the command line. */
import { awsPointer, awsSdkVariables, awsSettings } from './aws';
import { sampleDocuments, timelineOf } from './shared';
import type { ProviderCli } from './types';

const SAMPLE_IDS = ['guide-01', 'guide-02', 'guide-03', 'faq-01', 'faq-02', 'notes-01'];

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
    seed(sim, { scope, documents }) {
      sim.bedrock.putDocuments(
        scope.knowledgeBaseId as string,
        scope.dataSourceId as string,
        // An id starting s3:// is a document of an S3 data source, any other a custom document.
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
        `bedrock-agent list-knowledge-base-documents --knowledge-base-id ${scope.knowledgeBaseId} --data-source-id ${scope.dataSourceId}`,
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
