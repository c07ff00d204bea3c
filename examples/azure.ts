/**
 * Azure AI Document Translation: the documents of one translation (batch), page
 * by page, the failed ones, the translation's summary, and what a delete says.
 *
 * By default this runs against the docindex simulator (no Azure account needed).
 * To use your own Translator resource instead, set:
 *
 *   AZURE_TRANSLATOR_ENDPOINT  the resource's endpoint, e.g. https://my-translator.cognitiveservices.azure.com
 *   AZURE_TRANSLATOR_KEY       its subscription key
 *   AZURE_TRANSLATION_ID       the translation id (a UUID, from the Operation-Location of the start request)
 *   AZURE_TRANSLATOR_REGION    (optional) the resource's region, for regional resources
 *
 * It only reads: it never cancels a real translation.
 *
 *   npm run build && npx tsx examples/azure.ts
 */
import { isDocumentIndexError } from 'docindex';
import { type AzureTranslationIndexClient, createAzureTranslationIndex } from 'docindex/azure';
import { startSimulator } from 'docindex/testing';

async function setup(): Promise<{ index: AzureTranslationIndexClient; close(): Promise<void> }> {
  const endpoint = process.env.AZURE_TRANSLATOR_ENDPOINT;
  const key = process.env.AZURE_TRANSLATOR_KEY;
  const translationId = process.env.AZURE_TRANSLATION_ID;
  if (endpoint && key && translationId) {
    const region = process.env.AZURE_TRANSLATOR_REGION;
    const index = createAzureTranslationIndex({
      endpoint,
      translationId,
      credential: key,
      ...(region ? { region } : {}),
    });
    return { index, close: async () => {} };
  }

  const simTranslationId = '727bf148-f327-47a0-9481-abae6362f11e';
  const sim = await startSimulator();
  sim.azure.putDocuments(
    simTranslationId,
    Array.from({ length: 25 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      status: i % 8 === 3 ? 'Failed' : i % 6 === 5 ? 'Running' : 'Succeeded',
      ...(i % 8 === 3 ? { error: { code: 'InvalidRequest', message: 'The document is not UTF-8 encoded.' } } : {}),
    })),
  );
  const index = createAzureTranslationIndex({
    endpoint: sim.url,
    translationId: simTranslationId,
    credential: 'simulated-subscription-key',
  });
  return { index, close: () => sim.close() };
}

const { index, close } = await setup();
try {
  const translation = await index.getTranslation();
  console.log(
    `translation: ${translation.status} (${translation.providerStatus}), ${translation.summary.total} documents`,
  );

  // Pages follow Azure's nextLink; a link to another origin would be refused, never followed.
  let page = 0;
  for await (const documents of index.listStatuses().byPage({ maxPageSize: 10 })) {
    page++;
    const counts = documents.reduce<Record<string, number>>((acc, doc) => {
      acc[doc.status] = (acc[doc.status] ?? 0) + 1;
      return acc;
    }, {});
    console.log(`page ${page}: ${documents.length} documents ${JSON.stringify(counts)}`);
  }

  // The statuses filter is sent to Azure, so only failed documents come back.
  for await (const doc of index.listStatuses({ statuses: ['failed'] })) {
    console.log(`failed: ${doc.id} (${doc.providerStatus}) ${doc.failure?.code}: ${doc.failure?.message}`);
  }

  // Azure has no per-document delete; the client says so instead of sending anything.
  await index.deleteDocuments(['00000000-0000-4000-8000-000000000001']).catch((error: unknown) => {
    if (isDocumentIndexError(error)) console.log(`deleteDocuments: ${error.code}`);
    else throw error;
  });
} finally {
  await close();
}
