import {
  type BedrockAgentClient,
  DeleteKnowledgeBaseDocumentsCommand,
  type DocumentIdentifier,
  GetKnowledgeBaseDocumentsCommand,
  type KnowledgeBaseDocumentDetail,
  ListKnowledgeBaseDocumentsCommand,
} from '@aws-sdk/client-bedrock-agent';
import type { ChunkResult, ListPageRequest, ProviderAdapter, RequestContext } from '../../core/adapter';
import { DocumentIndexError } from '../../core/errors';
import type { FetchedPage } from '../../core/paging';
import type { DocumentStatus } from '../../core/types';
import { classifyBedrockError } from './errors';
import { type BedrockDocumentRef, type NormalizedBedrockRef, normalizeBedrockRef } from './refs';
import { toDocumentStatus } from './status';

/** Documents per GetKnowledgeBaseDocuments / DeleteKnowledgeBaseDocuments request. */
export const BEDROCK_BATCH_LIMIT = 10;
/** Largest `maxResults` of ListKnowledgeBaseDocuments. */
export const BEDROCK_MAX_PAGE_SIZE = 1000;

/** Where the adapter sends its requests. */
export interface BedrockTarget {
  client: BedrockAgentClient;
  knowledgeBaseId: string;
  dataSourceId: string;
}

/**
 * The Bedrock knowledge base adapter: one SDK call per chunk or page, each given
 * the core's abort signal; the core does the rest (chunking, retries, paging, waiting).
 */
export function createBedrockAdapter(target: BedrockTarget): ProviderAdapter<BedrockDocumentRef, NormalizedBedrockRef> {
  const { client, knowledgeBaseId, dataSourceId } = target;
  // Every attempt listens to the core's signal: an abort or deadline cancels the request itself.
  const abortable = (context: RequestContext) => ({ abortSignal: context.signal });

  return {
    provider: 'bedrock',
    batchLimit: BEDROCK_BATCH_LIMIT,
    maxListPageSize: BEDROCK_MAX_PAGE_SIZE,
    normalizeRef: normalizeBedrockRef,
    classifyError: classifyBedrockError,

    async getStatusChunk(refs, context) {
      const output = await client.send(
        new GetKnowledgeBaseDocumentsCommand({
          knowledgeBaseId,
          dataSourceId,
          documentIdentifiers: refs.map((ref) => ref.identifier),
        }),
        abortable(context),
      );
      return matchDetails(refs, output.documentDetails);
    },

    async deleteChunk(refs, context) {
      const output = await client.send(
        new DeleteKnowledgeBaseDocumentsCommand({
          knowledgeBaseId,
          dataSourceId,
          documentIdentifiers: refs.map((ref) => ref.identifier),
          // The same token on every attempt of this chunk: a retry of a delete the
          // service already applied is ignored instead of applied twice.
          clientToken: context.chunkToken,
        }),
        abortable(context),
      );
      return matchDetails(refs, output.documentDetails);
    },

    async listPage(request: ListPageRequest, context): Promise<FetchedPage<DocumentStatus>> {
      const output = await client.send(
        new ListKnowledgeBaseDocumentsCommand({
          knowledgeBaseId,
          dataSourceId,
          maxResults: request.maxPageSize,
          nextToken: request.continuationToken,
        }),
        abortable(context),
      );
      const items = requireDetails(output.documentDetails).map((detail) => {
        const id = identifierId(detail.identifier);
        if (id === undefined) throw invalidResponse('a listed document has no identifier');
        return toDocumentStatus(id, detail);
      });
      return { items, continuationToken: output.nextToken || undefined };
    },
  };
}

/**
 * Pairs each detail with the ref it answers, by custom id or S3 uri. A ref the
 * answer leaves out is reported by the core as `invalid_response`.
 */
function matchDetails(refs: readonly NormalizedBedrockRef[], details: unknown): ChunkResult {
  const byId = new Map<string, KnowledgeBaseDocumentDetail>();
  for (const detail of requireDetails(details)) {
    const id = identifierId(detail.identifier);
    if (id !== undefined && !byId.has(id)) byId.set(id, detail);
  }
  const items: DocumentStatus[] = [];
  for (const ref of refs) {
    const detail = byId.get(ref.id);
    if (detail) items.push(toDocumentStatus(ref.id, detail));
  }
  return { items, errors: [] };
}

function requireDetails(details: unknown): KnowledgeBaseDocumentDetail[] {
  if (!Array.isArray(details)) throw invalidResponse('the answer has no documentDetails list');
  return details.filter(
    (detail): detail is KnowledgeBaseDocumentDetail => typeof detail === 'object' && detail !== null,
  );
}

function identifierId(identifier: DocumentIdentifier | undefined): string | undefined {
  if (identifier?.dataSourceType === 'S3') return identifier.s3?.uri;
  return identifier?.custom?.id ?? identifier?.s3?.uri;
}

function invalidResponse(problem: string): DocumentIndexError {
  return new DocumentIndexError('invalid_response', `Bedrock sent an unexpected answer: ${problem}`, {
    provider: 'bedrock',
    retryable: false,
  });
}
