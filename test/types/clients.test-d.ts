/**
 * Type-level tests of the clients, checked by `npm run typecheck` (tsc; a failed
 * expectation is a compile error, nothing runs). Each factory's statuses carry the
 * provider's own `raw` type and its literal name, without casts; each client is
 * still a neutral `DocumentIndexClient`; provider-neutral code in the manner of
 * `examples/neutral.ts` compiles against all four.
 *
 * Everything is checked twice: against the sources, and against the published
 * declarations a user's code sees (`docindex/*` resolves through the package's
 * exports to dist/, which `npm run build` writes before the typecheck in CI).
 */

import type { KnowledgeBaseDocumentDetail } from '@aws-sdk/client-bedrock-agent';
import type { Status as KendraWireEntry } from '@aws-sdk/client-kendra';
import type * as PublishedCore from 'docindex';
import { isDocumentIndexError } from 'docindex';
import type * as PublishedAzure from 'docindex/azure';
import type * as PublishedBedrock from 'docindex/bedrock';
import type * as PublishedKendra from 'docindex/kendra';
import type * as PublishedNaver from 'docindex/naver';
import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type * as Core from '../../src/index';
import type * as Azure from '../../src/providers/azure/index';
import type * as AzureWire from '../../src/providers/azure/wire';
import type * as Bedrock from '../../src/providers/bedrock/index';
import type * as Kendra from '../../src/providers/kendra/index';
import type * as Naver from '../../src/providers/naver/index';
import type * as NaverWire from '../../src/providers/naver/wire';

/** Resolved value of a method `K` of `C`; structural, so sources and published declarations both fit. */
type Answer<C, K extends string> = C extends Record<K, (...args: never[]) => Promise<infer A>> ? A : never;
/** The statuses in a batch answer. */
type ItemsOf<B> = B extends { items: Array<infer S> } ? S : never;
/** The snapshot `waitFor` hands `onProgress`. */
type ProgressOf<C> = C extends { waitFor(refs: never, options?: infer O): unknown }
  ? NonNullable<O> extends { onProgress?: (progress: infer P) => void }
    ? P
    : never
  : never;
/** What `listStatuses()` yields. */
type ListedOf<C> = C extends { listStatuses(): { next(): Promise<IteratorResult<infer S, undefined>> } } ? S : never;

/** What every method of a client answers with, one document at a time. */
type StatusesOf<C> =
  | Answer<C, 'getStatus'>
  | ItemsOf<Answer<C, 'getStatuses'>>
  | ItemsOf<Answer<C, 'deleteDocuments'>>
  | ItemsOf<Answer<C, 'waitFor'>>
  | ListedOf<C>
  | ItemsOf<ProgressOf<C>>;

/** The `lastStatus` of a `waitFor` progress error. */
type LastStatusOf<C> = ProgressOf<C> extends { errors: Array<{ lastStatus?: infer S }> } ? S : never;

describe('each factory names its provider and raw type on every status', () => {
  it('kendra: the BatchGetDocumentStatus entry, or { Id } for an accepted delete', () => {
    type Client = ReturnType<typeof Kendra.createKendraIndex>;
    type Published = ReturnType<typeof PublishedKendra.createKendraIndex>;
    type Raw = KendraWireEntry | { Id: string };
    expectTypeOf<Kendra.KendraRawStatus>().toEqualTypeOf<Raw>();
    expectTypeOf<PublishedKendra.KendraRawStatus>().toEqualTypeOf<Raw>();
    expectTypeOf<StatusesOf<Client>['raw']>().toEqualTypeOf<Raw>();
    expectTypeOf<StatusesOf<Published>['raw']>().toEqualTypeOf<Raw>();
    expectTypeOf<LastStatusOf<Client>['raw']>().toEqualTypeOf<Raw>();
    expectTypeOf<LastStatusOf<Published>['raw']>().toEqualTypeOf<Raw>();
    expectTypeOf<StatusesOf<Client>['provider']>().toEqualTypeOf<'kendra'>();
    expectTypeOf<StatusesOf<Published>['provider']>().toEqualTypeOf<'kendra'>();
    expectTypeOf<Client['provider']>().toEqualTypeOf<'kendra'>();
    expectTypeOf<Published['provider']>().toEqualTypeOf<'kendra'>();
    expectTypeOf<Parameters<Client['getStatus']>[0]>().toEqualTypeOf<Kendra.KendraRef>();
  });

  it('bedrock: the KnowledgeBaseDocumentDetail (undefined for an accepted delete Bedrock detailed none of)', () => {
    type Client = ReturnType<typeof Bedrock.createBedrockIndex>;
    type Published = ReturnType<typeof PublishedBedrock.createBedrockIndex>;
    expectTypeOf<StatusesOf<Client>['raw']>().toEqualTypeOf<KnowledgeBaseDocumentDetail | undefined>();
    expectTypeOf<StatusesOf<Published>['raw']>().toEqualTypeOf<KnowledgeBaseDocumentDetail | undefined>();
    expectTypeOf<LastStatusOf<Published>['raw']>().toEqualTypeOf<KnowledgeBaseDocumentDetail | undefined>();
    expectTypeOf<StatusesOf<Client>['provider']>().toEqualTypeOf<'bedrock'>();
    expectTypeOf<StatusesOf<Published>['provider']>().toEqualTypeOf<'bedrock'>();
    expectTypeOf<Published['provider']>().toEqualTypeOf<'bedrock'>();
  });

  it('azure: the document object Azure answered with, undefined for a 404; the translation typed too', () => {
    type Client = ReturnType<typeof Azure.createAzureTranslationIndex>;
    type Published = ReturnType<typeof PublishedAzure.createAzureTranslationIndex>;
    expectTypeOf<StatusesOf<Client>['raw']>().toEqualTypeOf<Azure.AzureDocumentWire | undefined>();
    expectTypeOf<StatusesOf<Published>['raw']>().toEqualTypeOf<PublishedAzure.AzureDocumentWire | undefined>();
    expectTypeOf<StatusesOf<Published>['provider']>().toEqualTypeOf<'azure'>();
    expectTypeOf<Published['provider']>().toEqualTypeOf<'azure'>();
    expectTypeOf<
      Awaited<ReturnType<Published['getTranslation']>>['raw']
    >().toEqualTypeOf<PublishedAzure.AzureTranslationWire>();
    expectTypeOf<Awaited<ReturnType<Client['cancel']>>['raw']>().toEqualTypeOf<Azure.AzureTranslationWire>();
  });

  it("naver: the status route's data object, or the envelope a 404 or a delete answered with", () => {
    type Client = ReturnType<typeof Naver.createNaverRagIndex>;
    type Published = ReturnType<typeof PublishedNaver.createNaverRagIndex>;
    type Raw = Naver.NaverStatusWire | Naver.NaverEnvelopeWire | undefined;
    expectTypeOf<Naver.NaverRawStatus>().toEqualTypeOf<Raw>();
    expectTypeOf<StatusesOf<Client>['raw']>().toEqualTypeOf<Raw>();
    expectTypeOf<StatusesOf<Published>['raw']>().toEqualTypeOf<PublishedNaver.NaverRawStatus>();
    expectTypeOf<StatusesOf<Published>['provider']>().toEqualTypeOf<'naver'>();
    expectTypeOf<Published['provider']>().toEqualTypeOf<'naver'>();
    // No casts: the raw status value and its steps read as NAVER sends them.
    expectTypeOf<
      Exclude<Naver.NaverRawStatus, Naver.NaverEnvelopeWire | undefined>['status']
    >().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<Naver.NaverStatusWire['step']>[string]['isFailed']>().toEqualTypeOf<boolean>();
  });

  it('the hand-written wire types admit everything the response schemas accept', () => {
    // The published declarations must not depend on zod, so wire types are written
    // out; these keep them in step with the schemas that check the answers.
    expectTypeOf<z.infer<typeof AzureWire.azureDocumentSchema>>().toExtend<Azure.AzureDocumentWire>();
    expectTypeOf<z.infer<typeof AzureWire.azureTranslationSchema>>().toExtend<Azure.AzureTranslationWire>();
    expectTypeOf<z.infer<typeof NaverWire.naverStatusDataSchema>>().toExtend<Naver.NaverStatusWire>();
    expectTypeOf<
      z.infer<typeof NaverWire.naverCodeEnvelopeSchema> | z.infer<typeof NaverWire.naverStatusEnvelopeSchema>
    >().toExtend<Naver.NaverEnvelopeWire>();
  });
});

describe('each client is still a neutral DocumentIndexClient', () => {
  it('is assignable to the neutral type, from the sources and from the published declarations', () => {
    expectTypeOf<ReturnType<typeof Kendra.createKendraIndex>>().toExtend<Core.DocumentIndexClient>();
    expectTypeOf<ReturnType<typeof Bedrock.createBedrockIndex>>().toExtend<Core.DocumentIndexClient>();
    expectTypeOf<ReturnType<typeof Azure.createAzureTranslationIndex>>().toExtend<Core.DocumentIndexClient>();
    expectTypeOf<ReturnType<typeof Naver.createNaverRagIndex>>().toExtend<Core.DocumentIndexClient>();
    expectTypeOf<ReturnType<typeof PublishedKendra.createKendraIndex>>().toExtend<PublishedCore.DocumentIndexClient>();
    expectTypeOf<
      ReturnType<typeof PublishedBedrock.createBedrockIndex>
    >().toExtend<PublishedCore.DocumentIndexClient>();
    expectTypeOf<
      ReturnType<typeof PublishedAzure.createAzureTranslationIndex>
    >().toExtend<PublishedCore.DocumentIndexClient>();
    expectTypeOf<ReturnType<typeof PublishedNaver.createNaverRagIndex>>().toExtend<PublishedCore.DocumentIndexClient>();
  });

  it('leaves the neutral type neutral', () => {
    expectTypeOf<PublishedCore.DocumentIndexClient['provider']>().toEqualTypeOf<PublishedCore.ProviderName>();
    expectTypeOf<Awaited<ReturnType<PublishedCore.DocumentIndexClient['getStatus']>>['raw']>().toEqualTypeOf<unknown>();
    expectTypeOf<
      Parameters<PublishedCore.DocumentIndexClient['getStatus']>[0]
    >().toEqualTypeOf<PublishedCore.DocumentRef>();
    expectTypeOf<
      Awaited<ReturnType<PublishedCore.DocumentIndexClient['waitFor']>>
    >().toEqualTypeOf<PublishedCore.StatusBatch>();
  });

  it('hands onProgress a WaitProgress that is still a StatusBatch', () => {
    type Progress = Parameters<NonNullable<PublishedCore.WaitOptions['onProgress']>>[0];
    expectTypeOf<Progress>().toEqualTypeOf<PublishedCore.WaitProgress>();
    expectTypeOf<Progress>().toExtend<PublishedCore.StatusBatch>();
    expectTypeOf<Progress['counts']>().toEqualTypeOf<Readonly<Record<PublishedCore.IndexStatus, number>>>();
    expectTypeOf<Progress['errors'][number]['lastStatus']>().toEqualTypeOf<PublishedCore.DocumentStatus | undefined>();
    // A callback written against the plain StatusBatch still fits.
    expectTypeOf<(snapshot: PublishedCore.StatusBatch) => void>().toExtend<
      NonNullable<PublishedCore.WaitOptions['onProgress']>
    >();
  });
});

// Provider-neutral code as `examples/neutral.ts` writes it: it must compile
// against every factory's client without a cast.
declare const kendra: ReturnType<typeof PublishedKendra.createKendraIndex>;
declare const bedrock: ReturnType<typeof PublishedBedrock.createBedrockIndex>;
declare const azure: ReturnType<typeof PublishedAzure.createAzureTranslationIndex>;
declare const naver: ReturnType<typeof PublishedNaver.createNaverRagIndex>;

async function reportReadiness(index: PublishedCore.DocumentIndexClient, ids: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  try {
    const { items, errors } = await index.waitFor(ids, {
      minDelayMs: 100,
      timeoutMs: 5 * 60_000,
      notFoundGraceMs: 500,
      onProgress: ({ done, total, counts, errors: failing }) =>
        lines.push(`${done}/${total} ${counts.processing} ${failing.map((e) => e.lastStatus?.status).join()}`),
    });
    for (const doc of items) lines.push(`${index.provider}: ${doc.id} ${doc.status} (${doc.providerStatus})`);
    for (const { id, error } of errors) lines.push(`${id}: ${error.code}`);
  } catch (error) {
    if (!isDocumentIndexError(error)) throw error;
    lines.push(`${error.code}: ${error.lastResult?.items.length ?? 0}`);
  }
  return lines;
}

function realClient(provider: string): PublishedCore.DocumentIndexClient {
  switch (provider) {
    case 'kendra':
      return kendra;
    case 'bedrock':
      return bedrock;
    case 'azure':
      return azure;
    default:
      return naver;
  }
}

const clients: PublishedCore.DocumentIndexClient[] = [kendra, bedrock, azure, naver];

describe('provider-neutral code compiles against all four', () => {
  it('takes any client where a DocumentIndexClient is expected', () => {
    expectTypeOf(reportReadiness).toBeCallableWith(kendra, ['a']);
    expectTypeOf(reportReadiness).toBeCallableWith(bedrock, ['s3://bucket/a.pdf']);
    expectTypeOf(reportReadiness).toBeCallableWith(azure, ['00000000-0000-4000-8000-000000000001']);
    expectTypeOf(reportReadiness).toBeCallableWith(naver, ['a']);
    expectTypeOf(realClient('kendra')).toEqualTypeOf<PublishedCore.DocumentIndexClient>();
    expectTypeOf(clients).items.toEqualTypeOf<PublishedCore.DocumentIndexClient>();
  });

  it("narrows a provider's raw without a cast, where the provider is known", async () => {
    const status = await kendra.getStatus('a');
    if ('DocumentStatus' in status.raw) expectTypeOf(status.raw.FailureCode).toEqualTypeOf<string | undefined>();
    const detail = (await bedrock.getStatuses(['a'])).items[0]?.raw;
    expectTypeOf(detail?.statusReason).toEqualTypeOf<string | undefined>();
    const wire = (await azure.getStatus('00000000-0000-4000-8000-000000000001')).raw;
    expectTypeOf(wire?.status).toEqualTypeOf<string | undefined>();
  });
});

describe("an error's lastResult", () => {
  it('is a StatusBatch or, from waitFor, a WaitProgress the caller narrows to without a cast', () => {
    const lastResult = ({} as PublishedCore.DocumentIndexError).lastResult;
    expectTypeOf(lastResult).toEqualTypeOf<PublishedCore.StatusBatch | PublishedCore.WaitProgress | undefined>();
    if (lastResult && 'poll' in lastResult) {
      expectTypeOf(lastResult.poll).toEqualTypeOf<number>();
      expectTypeOf(lastResult.counts.succeeded).toEqualTypeOf<number>();
    }
  });
});
