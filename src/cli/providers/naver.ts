/** NAVER Cloud RAG on the command line. The API key comes from NAVER_RAG_API_KEY only. */
import { UsageError } from '../exit';
import { INSECURE_CONNECTION_SETTING, insecureConnection, sampleDocuments, timelineOf } from './shared';
import type { ProviderCli } from './types';

/** The pipeline steps a NAVER document can fail at (the simulator's `failedStep`). */
const FAILABLE_STEPS = ['EXTRACT', 'CHUNK', 'EMBED', 'INDEX'] as const;
type FailableStep = (typeof FAILABLE_STEPS)[number];
const isFailableStep = (value: string | undefined): value is FailableStep =>
  (FAILABLE_STEPS as readonly (string | undefined)[]).includes(value);

export const naver: ProviderCli = {
  settings: [
    {
      option: 'serviceId',
      flag: 'service-id',
      env: ['NAVER_RAG_SERVICE_ID'],
      required: true,
      value: 'ID',
      description: 'the RAG service id',
    },
    {
      option: 'baseUrl',
      flag: 'base-url',
      env: ['NAVER_RAG_BASE_URL'],
      endpoint: true,
      value: 'URL',
      description: 'the gateway (default: the public one); --endpoint sets it too',
    },
    INSECURE_CONNECTION_SETTING,
  ],
  secrets: [{ env: 'NAVER_RAG_API_KEY', description: 'the API key' }],
  sdkVariables: [],

  async connect({ values, secrets, concurrency, retry }, internal) {
    const apiKey = secrets.NAVER_RAG_API_KEY;
    if (apiKey === undefined) throw new UsageError('naver needs its API key: set NAVER_RAG_API_KEY');
    const { createNaverRagIndex } = await import('../../providers/naver/index');
    return createNaverRagIndex({
      serviceId: values.serviceId ?? '',
      apiKey,
      ...(values.baseUrl !== undefined && { baseUrl: values.baseUrl }),
      ...insecureConnection(values.allowInsecureConnection),
      ...(concurrency !== undefined && { concurrency }),
      ...(retry !== undefined && { retry }),
      ...internal,
    });
  },

  simulator: {
    scope: ['serviceId'],
    async statuses() {
      const { NAVER_STATUS_TABLE } = await import('../../providers/naver/index');
      return Object.keys(NAVER_STATUS_TABLE);
    },
    checkDocument(document) {
      const code = document.failure?.code;
      return code === undefined || isFailableStep(code)
        ? undefined
        : `failure.code: expected the step that failed: ${FAILABLE_STEPS.join(', ')}`;
    },
    seed(sim, { scope, documents }) {
      sim.naver.putDocuments(
        scope.serviceId as string,
        documents.map((document) => {
          const { code, message } = document.failure ?? {};
          return {
            id: document.id,
            status: timelineOf(document),
            ...(isFailableStep(code) && { failedStep: code }),
            ...(message !== undefined && { failureInfo: { message } }),
          };
        }),
      );
    },
    point(url, { scope }) {
      return {
        flags: {},
        env: { NAVER_RAG_BASE_URL: url, NAVER_RAG_SERVICE_ID: scope.serviceId as string },
        credentials: { NAVER_RAG_API_KEY: 'test' },
      };
    },
    sample: {
      scope: { serviceId: 'helpdesk' },
      documents: sampleDocuments(
        ['faq/returns.html', 'faq/shipping.html', 'manual/setup.html', 'manual/repair.html', 'news/launch.html'],
        (i) =>
          i === 2
            ? {
                working: ['NONE', 'INDEXING'],
                final: 'FAILED',
                failure: { code: 'EMBED', message: 'The text could not be embedded.' },
              }
            : { working: ['NONE', 'INDEXING'], final: i === 4 ? 'PARTIAL' : 'DONE' },
      ),
    },
  },
};
