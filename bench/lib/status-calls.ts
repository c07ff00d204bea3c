/**
 * The status calls figures 1 and 1b compare: per provider, one call through
 * docindex and the same call written over the raw client, against the documents
 * `seedStatusDocuments` (`status-documents.ts`) puts in a simulator.
 */
import { BedrockAgentClient, GetKnowledgeBaseDocumentsCommand } from '@aws-sdk/client-bedrock-agent';
import { BatchGetDocumentStatusCommand, KendraClient, type KendraClientConfig } from '@aws-sdk/client-kendra';
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
  setClientRequestIdPolicy,
  userAgentPolicy,
} from '@azure/core-rest-pipeline';
import { createAzureTranslationIndex } from 'docindex/azure';
import { createBedrockIndex } from 'docindex/bedrock';
import { createKendraIndex } from 'docindex/kendra';
import { createNaverRagIndex } from 'docindex/naver';
import ky from 'ky';
import { azureSdkStatusLookup } from './azure-sdk-client';
import { handWrittenAzure, handWrittenNaver } from './hand-written';
import { AZURE_IDS, IDS } from './status-documents';
import {
  AWS_CREDENTIALS,
  AWS_REGION,
  AZURE_KEY,
  AZURE_TRANSLATION_ID,
  BEDROCK_DATA_SOURCE_ID,
  BEDROCK_KNOWLEDGE_BASE_ID,
  KENDRA_INDEX_ID,
  NAVER_API_KEY,
  NAVER_SERVICE_ID,
} from './targets';

/** An AWS SDK `requestHandler`, as the clients' config takes it. */
export type AwsRequestHandler = NonNullable<KendraClientConfig['requestHandler']>;

/**
 * Transports to put under both arms of a provider instead of the network (each
 * factory is called once per arm). Absent: both arms use their default transport.
 */
export interface Transports {
  aws?: () => AwsRequestHandler;
  azure?: () => HttpClient;
  naver?: () => typeof fetch;
}

export interface StatusCall {
  provider: 'kendra' | 'bedrock' | 'azure' | 'naver';
  what: string;
  /** The call over the raw client; `signal` is passed on as that client takes one. */
  raw(signal?: AbortSignal): Promise<void>;
  /** The same call through docindex. */
  docindex(options?: { signal: AbortSignal }): Promise<void>;
  /**
   * For context: the raw call with the policies every client built on the
   * provider's SDK adds on its own (Azure: a user agent and a client request id,
   * two headers more on the wire than the bare raw arm). Absent where the raw arm
   * is an SDK client already.
   */
  rawWithSdkPolicies?(): Promise<void>;
  /**
   * For context: the same job as docindex's call written by hand over the raw client
   * (`hand-written.ts`: ids checked, the SDK's standard headers, the body checked,
   * statuses mapped with their Dates). Azure and NAVER, whose raw arms do none of it.
   */
  handWritten?(): Promise<void>;
  /**
   * For context: the call over the provider's own SDK client, where the raw arm is
   * a bare transport instead (Azure: `@azure-rest/ai-translation-document`, as the
   * AWS arms are `KendraClient` and `BedrockAgentClient`). NAVER publishes none.
   */
  sdkClient?(): Promise<void>;
}

export function statusCalls(simUrl: string, transports: Transports = {}): StatusCall[] {
  const expectOk = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`benchmark call failed: ${what}`);
  };

  // AWS: the raw clients have the settings docindex gives the clients it creates.
  const aws = { region: AWS_REGION, endpoint: simUrl, credentials: AWS_CREDENTIALS, maxAttempts: 1 };
  const awsConfig = () => (transports.aws ? { ...aws, requestHandler: transports.aws() } : aws);
  const kendraRaw = new KendraClient(awsConfig());
  const kendra = createKendraIndex({ indexId: KENDRA_INDEX_ID, client: new KendraClient(awsConfig()) });
  const bedrockRaw = new BedrockAgentClient(awsConfig());
  const bedrock = createBedrockIndex({
    knowledgeBaseId: BEDROCK_KNOWLEDGE_BASE_ID,
    dataSourceId: BEDROCK_DATA_SOURCE_ID,
    client: new BedrockAgentClient(awsConfig()),
  });

  // Azure: a bare pipeline (no policies), the key header set by hand, JSON.parse.
  const azurePipeline = createEmptyPipeline();
  // The same with the two header policies of every Azure SDK client (as docindex has).
  const azureSdkPipeline = createEmptyPipeline();
  azureSdkPipeline.addPolicy(userAgentPolicy());
  azureSdkPipeline.addPolicy(setClientRequestIdPolicy());
  const azureRawClient = transports.azure?.() ?? createDefaultHttpClient();
  const azureListUrlOf = (ids: readonly string[]) =>
    `${simUrl}/translator/document/batches/${AZURE_TRANSLATION_ID}/documents` +
    `?api-version=2024-05-01&ids=${ids.join(',')}`;
  const azureListUrl = azureListUrlOf(AZURE_IDS);
  const azureHandWritten = handWrittenAzure({
    pipeline: azureSdkPipeline,
    httpClient: transports.azure?.() ?? createDefaultHttpClient(),
    listUrl: azureListUrlOf,
    key: AZURE_KEY,
  });
  const azureSdk = azureSdkStatusLookup({
    endpoint: simUrl,
    key: AZURE_KEY,
    translationId: AZURE_TRANSLATION_ID,
    ...(transports.azure ? { httpClient: transports.azure() } : {}),
  });
  const azure = createAzureTranslationIndex({
    endpoint: simUrl,
    translationId: AZURE_TRANSLATION_ID,
    credential: AZURE_KEY,
    ...(transports.azure ? { httpClient: transports.azure() } : {}),
  });

  // NAVER: ky with its retry off, the bearer header, JSON.parse of the text.
  const naverRaw = ky.create({
    retry: 0,
    headers: { authorization: `Bearer ${NAVER_API_KEY}` },
    ...(transports.naver ? { fetch: transports.naver() } : {}),
  });
  const naverUrlOf = (id: string) => `${simUrl}/api/v1/svc/${NAVER_SERVICE_ID}/doc/${encodeURIComponent(id)}/status`;
  const naverUrl = naverUrlOf(IDS[0] as string);
  // The headers NAVER's examples send (docindex sends them too, and its user agent).
  const naverHandWritten = handWrittenNaver({
    ky: ky.create({
      retry: 0,
      headers: {
        authorization: `Bearer ${NAVER_API_KEY}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      ...(transports.naver ? { fetch: transports.naver() } : {}),
    }),
    statusUrl: naverUrlOf,
  });
  const naver = createNaverRagIndex({
    serviceId: NAVER_SERVICE_ID,
    apiKey: NAVER_API_KEY,
    baseUrl: simUrl,
    ...(transports.naver ? { fetch: transports.naver() } : {}),
  });

  const azureRaw = async (pipeline: Pipeline, signal?: AbortSignal) => {
    const request = createPipelineRequest({
      url: azureListUrl,
      method: 'GET',
      allowInsecureConnection: true,
      headers: createHttpHeaders({ accept: 'application/json', 'Ocp-Apim-Subscription-Key': AZURE_KEY }),
      ...(signal ? { abortSignal: signal } : {}),
    });
    const response = await pipeline.sendRequest(azureRawClient, request);
    const body = JSON.parse(response.bodyAsText ?? '') as { value: unknown[] };
    expectOk(response.status === 200 && body.value.length === 10, 'azure raw');
  };

  return [
    {
      provider: 'kendra',
      what: 'getStatuses(10 ids) vs KendraClient BatchGetDocumentStatusCommand',
      async raw(signal) {
        const out = await kendraRaw.send(
          new BatchGetDocumentStatusCommand({
            IndexId: KENDRA_INDEX_ID,
            DocumentInfoList: IDS.map((id) => ({ DocumentId: id })),
          }),
          signal ? { abortSignal: signal } : {},
        );
        expectOk(out.DocumentStatusList?.length === 10, 'kendra raw');
      },
      async docindex(options) {
        expectOk((await kendra.getStatuses(IDS, options)).items.length === 10, 'kendra docindex');
      },
    },
    {
      provider: 'bedrock',
      what: 'getStatuses(10 ids) vs BedrockAgentClient GetKnowledgeBaseDocumentsCommand',
      async raw(signal) {
        const out = await bedrockRaw.send(
          new GetKnowledgeBaseDocumentsCommand({
            knowledgeBaseId: BEDROCK_KNOWLEDGE_BASE_ID,
            dataSourceId: BEDROCK_DATA_SOURCE_ID,
            documentIdentifiers: IDS.map((id) => ({ dataSourceType: 'CUSTOM', custom: { id } })),
          }),
          signal ? { abortSignal: signal } : {},
        );
        expectOk(out.documentDetails?.length === 10, 'bedrock raw');
      },
      async docindex(options) {
        expectOk((await bedrock.getStatuses(IDS, options)).items.length === 10, 'bedrock docindex');
      },
    },
    {
      provider: 'azure',
      what: 'getStatuses(10 ids) vs bare core-rest-pipeline GET of the documents list with `ids` + JSON.parse',
      raw: (signal) => azureRaw(azurePipeline, signal),
      rawWithSdkPolicies: () => azureRaw(azureSdkPipeline),
      async handWritten() {
        const items = await azureHandWritten(AZURE_IDS);
        expectOk(items.length === 10 && items.every((item) => item.status === 'succeeded'), 'azure hand-written');
      },
      async sdkClient() {
        expectOk((await azureSdk(AZURE_IDS)).length === 10, 'azure sdk client');
      },
      async docindex(options) {
        expectOk((await azure.getStatuses(AZURE_IDS, options)).items.length === 10, 'azure docindex');
      },
    },
    {
      provider: 'naver',
      what: 'getStatus(1 id) vs ky GET + JSON.parse',
      async raw(signal) {
        const response = await naverRaw.get(naverUrl, signal ? { signal } : {});
        const body = JSON.parse(await response.text()) as { data?: { status?: string } };
        expectOk(body.data?.status === 'DONE', 'naver raw');
      },
      async handWritten() {
        const status = await naverHandWritten(IDS[0] as string);
        expectOk(status.status === 'succeeded' && status.steps?.length === 5, 'naver hand-written');
      },
      async docindex(options) {
        expectOk((await naver.getStatus(IDS[0] as string, options)).status === 'succeeded', 'naver docindex');
      },
    },
  ];
}
