import {
  type BedrockAgentClient,
  DeleteKnowledgeBaseDocumentsCommand,
  GetKnowledgeBaseDocumentsCommand,
  type KnowledgeBaseDocumentDetail,
  ListKnowledgeBaseDocumentsCommand,
} from '@aws-sdk/client-bedrock-agent';
import type { ChunkResult, FetchedPage, ListPageRequest, ProviderAdapter, RequestContext } from '../../spec/adapter';
import { DocumentIndexError } from '../../spec/errors';
import { observed } from '../aws/observe';
import { classifyBedrockError } from './errors';
import { type BedrockPreparedDocument, createBedrockPut } from './put';
import { type BedrockDocumentRef, identifierId, type NormalizedBedrockRef, normalizeBedrockRef } from './refs';
import { type BedrockDocumentStatus, deletingStatus, PROVIDER, toDocumentStatus } from './status';

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
export function createBedrockAdapter(
  target: BedrockTarget,
): ProviderAdapter<BedrockDocumentRef, NormalizedBedrockRef, BedrockDocumentStatus, BedrockPreparedDocument> {
  const { client, knowledgeBaseId, dataSourceId } = target;
  // Every attempt listens to the core's signal: an abort or deadline cancels the request itself.
  const abortable = (context: RequestContext) => ({ abortSignal: context.signal });

  const getStatuses = async (refs: NormalizedBedrockRef[], context: RequestContext) => {
    const output = await client.send(
      observed(
        new GetKnowledgeBaseDocumentsCommand({
          knowledgeBaseId,
          dataSourceId,
          documentIdentifiers: refs.map((ref) => ref.identifier),
        }),
        context,
      ),
      abortable(context),
    );
    // `documentDetails` is optional in the model's Get answer: without it, the
    // core reports each document as unanswered (`invalid_response`).
    return matchDetails(refs, output.documentDetails ?? []);
  };

  const deleteDocuments = async (refs: NormalizedBedrockRef[], context: RequestContext) => {
    const output = await client.send(
      observed(
        new DeleteKnowledgeBaseDocumentsCommand({
          knowledgeBaseId,
          dataSourceId,
          documentIdentifiers: refs.map((ref) => ref.identifier),
          // The same token on every attempt of this chunk: a retry of a delete the
          // service already applied is ignored instead of applied twice.
          clientToken: context.chunkToken,
        }),
        context,
      ),
      abortable(context),
    );
    // The model leaves `documentDetails` optional on the delete answer too: a 202
    // without it is still an accepted delete, reported `deleting` (Bedrock deletes
    // asynchronously) with no status of Bedrock's own.
    if (output.documentDetails === undefined || output.documentDetails === null) {
      return { items: refs.map((ref) => deletingStatus(ref.id)), errors: [] };
    }
    return matchDetails(refs, output.documentDetails);
  };

  const listDocuments = async (
    request: ListPageRequest,
    context: RequestContext,
  ): Promise<FetchedPage<BedrockDocumentStatus>> => {
    const output = await client.send(
      observed(
        new ListKnowledgeBaseDocumentsCommand({
          knowledgeBaseId,
          dataSourceId,
          maxResults: request.maxPageSize,
          nextToken: request.continuationToken,
        }),
        context,
      ),
      abortable(context),
    );
    // Required in the model's List answer, unlike Get and Delete.
    const items = requireDetails(output.documentDetails).map((detail) => {
      const id = identifierId(detail.identifier);
      if (id === undefined) throw invalidResponse('a listed document has no identifier');
      return toDocumentStatus(id, detail);
    });
    return { items, continuationToken: output.nextToken || undefined };
  };

  return {
    provider: PROVIDER,
    normalizeRef: normalizeBedrockRef,
    classifyError: classifyBedrockError,
    operations: {
      status: {
        batch: { name: 'GetKnowledgeBaseDocuments', maxDocuments: BEDROCK_BATCH_LIMIT, send: getStatuses },
      },
      delete: {
        batch: { name: 'DeleteKnowledgeBaseDocuments', maxDocuments: BEDROCK_BATCH_LIMIT, send: deleteDocuments },
      },
      list: { name: 'ListKnowledgeBaseDocuments', maxPageSize: BEDROCK_MAX_PAGE_SIZE, send: listDocuments },
      put: createBedrockPut(target),
    },
  };
}

/**
 * Pairs each detail with the ref it answers, by custom id or S3 uri. A ref the
 * answer leaves out is reported by the core as `invalid_response`.
 */
function matchDetails(refs: readonly NormalizedBedrockRef[], details: unknown): ChunkResult<BedrockDocumentStatus> {
  const byId = new Map<string, KnowledgeBaseDocumentDetail>();
  for (const detail of requireDetails(details)) {
    const id = identifierId(detail.identifier);
    if (id !== undefined && !byId.has(id)) byId.set(id, detail);
  }
  const items: BedrockDocumentStatus[] = [];
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

function invalidResponse(problem: string): DocumentIndexError {
  return new DocumentIndexError('invalid_response', `Bedrock sent an unexpected answer: ${problem}`, {
    retryable: false,
  });
}
