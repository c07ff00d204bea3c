/**
 * Azure AI Document Translation on the command line. The subscription key comes
 * from AZURE_TRANSLATOR_KEY; without one, Microsoft Entra ID through
 * `DefaultAzureCredential` when `@azure/identity` is installed (the Azure SDK's own
 * credential chain: environment, workload and managed identity, Azure CLI, ...).
 */
import type { TokenCredential } from '@azure/core-auth';
import { UsageError } from '../exit';
import { INSECURE_CONNECTION_SETTING, insecureConnection, sampleDocuments, timelineOf } from './shared';
import type { ProviderCli } from './types';

const SAMPLE_TRANSLATION_ID = '727bf148-f327-47a0-9481-abae6362f11e';

/** `new DefaultAzureCredential()` from `@azure/identity`, or undefined when that package is not installed. */
async function defaultAzureCredential(): Promise<TokenCredential | undefined> {
  // A variable specifier: @azure/identity is not a dependency, only used when the user installed it.
  const specifier = '@azure/identity';
  try {
    const identity = (await import(specifier)) as { DefaultAzureCredential: new () => TokenCredential };
    return new identity.DefaultAzureCredential();
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

export const azure: ProviderCli = {
  settings: [
    {
      option: 'endpoint',
      flag: 'endpoint',
      env: ['AZURE_TRANSLATOR_ENDPOINT'],
      required: true,
      endpoint: true,
      value: 'URL',
      description: 'the resource, https://NAME.cognitiveservices.azure.com',
    },
    {
      option: 'translationId',
      flag: 'translation-id',
      env: ['AZURE_TRANSLATION_ID'],
      required: true,
      value: 'UUID',
      description: 'the translation (batch) id',
    },
    {
      option: 'apiVersion',
      flag: 'api-version',
      env: ['AZURE_TRANSLATOR_API_VERSION'],
      value: 'VERSION',
      description: "'2024-05-01' (default) or 'v1.1'",
    },
    {
      option: 'region',
      flag: 'region',
      env: ['AZURE_TRANSLATOR_REGION'],
      value: 'REGION',
      description: "the resource's region (regional resource, key)",
    },
    INSECURE_CONNECTION_SETTING,
  ],
  secrets: [
    {
      env: 'AZURE_TRANSLATOR_KEY',
      description: 'the subscription key (without one: Microsoft Entra ID, if @azure/identity is installed)',
    },
  ],
  sdkVariables: [
    { name: 'AZURE_TENANT_ID', description: "with AZURE_CLIENT_ID, ...: @azure/identity's DefaultAzureCredential" },
  ],

  async connect({ values, secrets, concurrency, retry }, internal) {
    const key = secrets.AZURE_TRANSLATOR_KEY;
    const credential = key ?? (await defaultAzureCredential());
    if (credential === undefined) {
      throw new UsageError(
        'azure needs a credential: set AZURE_TRANSLATOR_KEY, or install @azure/identity to sign in with Microsoft Entra ID',
      );
    }
    const { createAzureTranslationIndex } = await import('../../providers/azure/index');
    return createAzureTranslationIndex({
      endpoint: values.endpoint ?? '',
      translationId: values.translationId ?? '',
      credential,
      ...(values.apiVersion !== undefined && { apiVersion: values.apiVersion as '2024-05-01' }),
      ...(values.region !== undefined && { region: values.region }),
      ...insecureConnection(values.allowInsecureConnection),
      ...(concurrency !== undefined && { concurrency }),
      ...(retry !== undefined && { retry }),
      ...internal,
    });
  },

  simulator: {
    scope: ['translationId'],
    async statuses() {
      const { AZURE_STATUS_TABLE } = await import('../../providers/azure/index');
      return Object.keys(AZURE_STATUS_TABLE);
    },
    seed(sim, { scope, documents }) {
      sim.azure.putDocuments(
        scope.translationId as string,
        documents.map((document) => ({
          id: document.id,
          status: timelineOf(document),
          ...(document.failure && {
            error: { code: document.failure.code ?? 'InternalServerError', message: document.failure.message ?? '' },
          }),
        })),
      );
    },
    point(url, { scope }) {
      return {
        flags: {},
        env: { AZURE_TRANSLATOR_ENDPOINT: url, AZURE_TRANSLATION_ID: scope.translationId as string },
        credentials: { AZURE_TRANSLATOR_KEY: 'test' },
      };
    },
    sample: {
      scope: { translationId: SAMPLE_TRANSLATION_ID },
      documents: sampleDocuments(
        Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`),
        (i) =>
          i === 2
            ? {
                working: ['NotStarted', 'Running'],
                final: 'Failed',
                failure: { code: 'InvalidRequest', message: 'The document is not UTF-8 encoded.' },
              }
            : { working: ['NotStarted', 'Running'], final: 'Succeeded' },
      ),
    },
  },
};
