import type { StatusSource, TimelineSpec } from '../timeline';
import type { ProviderErrorKind, ProviderErrorOptions, ProviderSimulator, SimEnv, SimRequest } from '../types';
import { type BedrockIngestedDocument, readIngestRequest } from './ingest';
import { exceptionResponse, jsonResponse, kindResponse, validationResponse } from './responses';
import {
  BedrockStore,
  identifierOf,
  reasonApplies,
  type StoredDataSource,
  type StoredDocument,
  storeDocument,
  toDetail,
} from './store';
import {
  type BedrockDataSourceType,
  type FieldProblem,
  identifierKey,
  isRecord,
  MAX_LIST_RESULTS,
  RESOURCE_ID_PATTERN,
  readClientToken,
  readIdentifierList,
  S3_URI_PATTERN,
  type WireDocumentDetail,
  type WireDocumentIdentifier,
} from './wire';

export type { BedrockIngestedDocument } from './ingest';
export type { BedrockDataSourceType, WireDocumentDetail, WireDocumentIdentifier } from './wire';

/** The operations the Bedrock simulator serves, as `operationOf` names them (and the request log records them). */
export type BedrockOperation =
  | 'IngestKnowledgeBaseDocuments'
  | 'GetKnowledgeBaseDocuments'
  | 'DeleteKnowledgeBaseDocuments'
  | 'ListKnowledgeBaseDocuments';

/**
 * A document to store with `BedrockSimulator.putDocument`, in the data source the
 * call names. Give exactly one of `id`, `customId`, `s3Uri`.
 */
export interface BedrockSimDocument {
  /** A custom id, or an S3 uri when it starts with `s3://`. */
  id?: string;
  /** A custom document id (even one that starts with `s3://`). */
  customId?: string;
  /** An S3 document uri, `s3://...`. */
  s3Uri?: string;
  /** A fixed raw status (e.g. `'INDEXED'`, or any unknown value) or a timeline of them. */
  status: StatusSource;
  /** Sent as `statusReason` with the status this document ends on (a timeline's last, once it gets there). */
  statusReason?: string;
  /** Sent as `updatedAt` (default: when it was put). */
  updatedAt?: Date;
}

/** A stored document as a test sees it, without moving its timeline on. */
export interface BedrockDocumentSnapshot {
  knowledgeBaseId: string;
  dataSourceId: string;
  /** The document's custom id or S3 uri, as `getDocument` and `removeDocument` take it. */
  id: string;
  /** The identifier the wire carries for it (CUSTOM or S3, by the data source's type). */
  identifier: WireDocumentIdentifier;
  /** The raw status a read would return now. */
  status: string;
  statusReason?: string;
  updatedAt: Date;
}

/** Knobs of the Bedrock simulator; `configure` changes them, `reset` restores these defaults. */
export interface BedrockSimulatorSettings {
  /** The type of data sources not declared with `addDataSource` (default `'CUSTOM'`). */
  defaultDataSourceType: BedrockDataSourceType;
  /**
   * When true, requests for a knowledge base / data source neither declared nor
   * filled get ResourceNotFoundException (404). Default false: any valid pair exists.
   */
  requireDeclaredDataSources: boolean;
  /** Page size of a listing that sends no `maxResults` (default 100). */
  defaultPageSize: number;
  /** Paging anomaly: a listing page answers with the same `nextToken` it was asked with. */
  repeatNextToken: boolean;
  /** The raw statuses an ingested document goes through (default STARTING, IN_PROGRESS, INDEXED, one per read). */
  ingestTimeline: TimelineSpec;
  /** The raw statuses a deleted document goes through (default DELETING, then NOT_FOUND, one per read). */
  deleteTimeline: TimelineSpec;
  /** Ingest answers leave out `documentDetails`, which the model makes optional (default false). */
  omitIngestDocumentDetails: boolean;
}

const DEFAULT_SETTINGS: Readonly<BedrockSimulatorSettings> = Object.freeze({
  defaultDataSourceType: 'CUSTOM',
  requireDeclaredDataSources: false,
  defaultPageSize: 100,
  repeatNextToken: false,
  ingestTimeline: { statuses: ['STARTING', 'IN_PROGRESS', 'INDEXED'] },
  deleteTimeline: { statuses: ['DELETING', 'NOT_FOUND'] },
  omitIngestDocumentDetails: false,
});

const DOCUMENTS_PATH =
  /^\/knowledgebases\/([^/]+)\/datasources\/([^/]+)\/documents(\/getDocuments|\/deleteDocuments)?\/?$/;

/**
 * Amazon Bedrock knowledge base documents over the REST JSON wire protocol (API
 * 2023-06-05), under `/knowledgebases/{knowledgeBaseId}/datasources/{dataSourceId}`:
 *
 * | operation | request | success |
 * |---|---|---|
 * | `IngestKnowledgeBaseDocuments` | `PUT /documents` | 202 |
 * | `GetKnowledgeBaseDocuments` | `POST /documents/getDocuments` | 200 |
 * | `DeleteKnowledgeBaseDocuments` | `POST /documents/deleteDocuments` | 202 |
 * | `ListKnowledgeBaseDocuments` | `POST /documents` (`maxResults` 1-1000, `nextToken`) | 200 |
 *
 * Behaviour: unknown documents read `NOT_FOUND`; a get moves a document's
 * read-driven timeline one step on (list does not); a delete moves a document
 * through `deleteTimeline` (DELETING, then NOT_FOUND) and a listing leaves out
 * documents that read NOT_FOUND; identifiers of the wrong type for the data source,
 * bad ids and bad tokens get ValidationException (400) with `fieldList`; a
 * `clientToken` seen before on the same operation and data source makes the
 * request a no-op answered exactly as the first time. Every answer carries
 * `x-amzn-requestid`; errors carry `x-amzn-errortype`. SigV4 is not checked.
 */
export class BedrockSimulator implements ProviderSimulator {
  /** The provider name faults, rate limits and the request log use for this simulator. */
  readonly provider = 'bedrock' as const;
  private readonly store = new BedrockStore();
  /** First answers by `operation|kb/ds|clientToken`, replayed for a repeated token. */
  private readonly answeredTokens = new Map<string, { details: WireDocumentDetail[]; replays: number }>();
  /**
   * Listing tokens handed out, by token: the key of the last document of the
   * page. Kept here rather than encoded in the token, because the model's
   * `NextToken` is at most 2048 characters and a custom id may be as long.
   */
  private readonly pageTokens = new Map<string, string>();
  private current: BedrockSimulatorSettings = { ...DEFAULT_SETTINGS };
  /** What ingests carried, by `kb/ds|key`. */
  private readonly ingested = new Map<string, BedrockIngestedDocument>();
  /** Documents an ingest answers with a failed status, by custom id or S3 uri. */
  private readonly ingestRefusals = new Map<string, { status: string; statusReason: string }>();
  /** Ingested documents whose indexing fails: their timeline ends FAILED. */
  private readonly indexingFailures = new Map<string, { statusReason: string }>();

  /** The current settings (see `configure`). */
  get settings(): Readonly<BedrockSimulatorSettings> {
    return this.current;
  }

  /** Changes some settings until the next `reset`. */
  configure(settings: Partial<BedrockSimulatorSettings>): this {
    this.current = { ...this.current, ...settings };
    return this;
  }

  /**
   * Declares a data source of a knowledge base and its type (default CUSTOM), so
   * that identifiers of the other type are refused and, with
   * `requireDeclaredDataSources`, so that it exists at all.
   */
  addDataSource(knowledgeBaseId: string, dataSourceId: string, options: { type?: BedrockDataSourceType } = {}): this {
    this.store.declare(knowledgeBaseId, dataSourceId, options.type ?? this.current.defaultDataSourceType);
    return this;
  }

  /**
   * Stores (or replaces) a document in a data source of a knowledge base. An
   * undeclared data source is declared with the document's type (S3 for an
   * `s3Uri` or an `id` starting `s3://`).
   */
  putDocument(knowledgeBaseId: string, dataSourceId: string, document: BedrockSimDocument): this {
    const { key, type } = documentKey(document);
    const dataSource = this.store.declare(knowledgeBaseId, dataSourceId, type);
    const now = Date.now();
    storeDocument(dataSource, key, document.status, now, document.statusReason, document.updatedAt?.getTime() ?? now);
    return this;
  }

  /** Stores several documents in one data source (see {@link BedrockSimulator.putDocument}). */
  putDocuments(knowledgeBaseId: string, dataSourceId: string, documents: readonly BedrockSimDocument[]): this {
    for (const document of documents) this.putDocument(knowledgeBaseId, dataSourceId, document);
    return this;
  }

  /** One stored document by its custom id or S3 uri, without moving its timeline; undefined when never stored. */
  getDocument(knowledgeBaseId: string, dataSourceId: string, id: string): BedrockDocumentSnapshot | undefined {
    const dataSource = this.store.find(knowledgeBaseId, dataSourceId);
    const document = dataSource?.documents.get(id);
    return dataSource && document ? snapshot(dataSource, document) : undefined;
  }

  /** Every stored document (of one knowledge base, or one data source), in id order, timelines untouched. */
  listDocuments(knowledgeBaseId?: string, dataSourceId?: string): BedrockDocumentSnapshot[] {
    return this.store
      .all()
      .filter(
        (source) =>
          (knowledgeBaseId === undefined || source.knowledgeBaseId === knowledgeBaseId) &&
          (dataSourceId === undefined || source.dataSourceId === dataSourceId),
      )
      .flatMap((source) => sortedDocuments(source).map((document) => snapshot(source, document)));
  }

  /**
   * Forgets one document by its custom id or S3 uri, so it reads `NOT_FOUND` (the
   * data source stays declared). Returns whether it was stored.
   */
  removeDocument(knowledgeBaseId: string, dataSourceId: string, id: string): boolean {
    return this.store.find(knowledgeBaseId, dataSourceId)?.documents.delete(id) ?? false;
  }

  /**
   * Ingests answer these documents (custom ids or S3 uris) with a failed status
   * (default `FAILED`) and `statusReason`, and they keep reading it.
   */
  failIngest(ids: readonly string[], failure: { status?: string; statusReason?: string } = {}): this {
    for (const id of ids) {
      this.ingestRefusals.set(id, {
        status: failure.status ?? 'FAILED',
        statusReason: failure.statusReason ?? 'The document could not be ingested.',
      });
    }
    return this;
  }

  /** Ingested documents with these ids go through the ingest timeline but end `FAILED`, with `statusReason`. */
  failIndexing(ids: readonly string[], failure: { statusReason?: string } = {}): this {
    for (const id of ids) {
      this.indexingFailures.set(id, { statusReason: failure.statusReason ?? 'The document could not be indexed.' });
    }
    return this;
  }

  /** What the last ingest of this document carried (its size and start, not its content), or undefined. */
  getIngestedDocument(knowledgeBaseId: string, dataSourceId: string, id: string): BedrockIngestedDocument | undefined {
    return this.ingested.get(`${knowledgeBaseId}/${dataSourceId}|${id}`);
  }

  /**
   * Every `clientToken` that has been answered, in order, with the operation it
   * came with and how many later requests repeated it (and were ignored).
   */
  seenClientTokens(): Array<{ operation: BedrockOperation; token: string; replays: number }> {
    return [...this.answeredTokens].map(([key, { replays }]) => {
      const [operation, , token] = key.split('|') as [BedrockOperation, string, string];
      return { operation, token, replays };
    });
  }

  /** Forgets every document, data source, token and setting. */
  reset(): void {
    this.store.clear();
    this.answeredTokens.clear();
    this.ingested.clear();
    this.ingestRefusals.clear();
    this.indexingFailures.clear();
    this.pageTokens.clear();
    this.current = { ...DEFAULT_SETTINGS };
  }

  /** Framework hook: the operation of a request on the knowledge base documents paths. */
  operationOf(request: SimRequest): BedrockOperation | undefined {
    const match = DOCUMENTS_PATH.exec(request.url.pathname);
    if (!match) return undefined;
    const suffix = match[3];
    if (suffix === '/getDocuments') return request.method === 'POST' ? 'GetKnowledgeBaseDocuments' : undefined;
    if (suffix === '/deleteDocuments') return request.method === 'POST' ? 'DeleteKnowledgeBaseDocuments' : undefined;
    if (request.method === 'PUT') return 'IngestKnowledgeBaseDocuments';
    if (request.method === 'POST') return 'ListKnowledgeBaseDocuments';
    return undefined;
  }

  /** Framework hook: answers one request this simulator claimed (faults are applied before). */
  handle(request: SimRequest, operation: string, env: SimEnv): Response {
    const match = DOCUMENTS_PATH.exec(request.url.pathname);
    const knowledgeBaseId = safeDecode(match?.[1] ?? '');
    const dataSourceId = safeDecode(match?.[2] ?? '');
    const problems: FieldProblem[] = [];
    if (!RESOURCE_ID_PATTERN.test(knowledgeBaseId)) {
      problems.push({ name: 'knowledgeBaseId', message: `must match ${RESOURCE_ID_PATTERN.source}` });
    }
    if (!RESOURCE_ID_PATTERN.test(dataSourceId)) {
      problems.push({ name: 'dataSourceId', message: `must match ${RESOURCE_ID_PATTERN.source}` });
    }
    if (problems.length > 0) return validationResponse(problems);
    if (request.bodyText !== '' && !isRecord(request.body)) {
      return exceptionResponse('SerializationException', 400, 'The request body is not a JSON object');
    }
    const body = isRecord(request.body) ? request.body : {};

    const dataSource = this.resolveDataSource(knowledgeBaseId, dataSourceId);
    if (!dataSource) {
      return exceptionResponse(
        'ResourceNotFoundException',
        404,
        `Knowledge base ${knowledgeBaseId} or data source ${dataSourceId} was not found`,
      );
    }
    const now = env.now();
    switch (operation as BedrockOperation) {
      case 'GetKnowledgeBaseDocuments':
        return this.getDocuments(dataSource, body, now);
      case 'DeleteKnowledgeBaseDocuments':
        return this.deleteDocuments(dataSource, body, now);
      case 'IngestKnowledgeBaseDocuments':
        return this.ingestDocuments(dataSource, body, now);
      case 'ListKnowledgeBaseDocuments':
        return this.listPage(dataSource, body, now);
      default:
        return exceptionResponse('UnknownOperationException', 404, 'Unknown operation');
    }
  }

  /** Framework hook: renders an injected error as Bedrock sends it (e.g. `throttled`: ThrottlingException, 429). */
  errorResponse(kind: ProviderErrorKind, _operation: string, options?: ProviderErrorOptions): Response {
    return kindResponse(kind, options);
  }

  private getDocuments(dataSource: StoredDataSource, body: Record<string, unknown>, now: number): Response {
    const problems: FieldProblem[] = [];
    const identifiers = readIdentifierList(body.documentIdentifiers, dataSource.type, problems);
    if (problems.length > 0) return validationResponse(problems);
    const documentDetails = identifiers.map((identifier) => {
      const document = dataSource.documents.get(identifierKey(identifier));
      if (!document) return toDetail(dataSource, identifier, 'NOT_FOUND');
      return toDetail(dataSource, identifier, document.timeline.read(now), document);
    });
    return jsonResponse({ documentDetails }, 200);
  }

  private deleteDocuments(dataSource: StoredDataSource, body: Record<string, unknown>, now: number): Response {
    const problems: FieldProblem[] = [];
    const identifiers = readIdentifierList(body.documentIdentifiers, dataSource.type, problems);
    const clientToken = readClientToken(body.clientToken, problems);
    if (problems.length > 0) return validationResponse(problems);
    return this.idempotent('DeleteKnowledgeBaseDocuments', dataSource, clientToken, () =>
      identifiers.map((identifier) => {
        const key = identifierKey(identifier);
        // Deleting a document the data source does not hold changes nothing.
        if (!dataSource.documents.has(key)) return toDetail(dataSource, identifier, 'NOT_FOUND');
        const document = storeDocument(dataSource, key, this.current.deleteTimeline, now);
        return toDetail(dataSource, identifier, document.timeline.peek(now), document);
      }),
    );
  }

  private ingestDocuments(dataSource: StoredDataSource, body: Record<string, unknown>, now: number): Response {
    const problems: FieldProblem[] = [];
    const documents = readIngestRequest(body.documents, dataSource.type, problems);
    const clientToken = readClientToken(body.clientToken, problems);
    if (problems.length > 0) return validationResponse(problems);
    const response = this.idempotent('IngestKnowledgeBaseDocuments', dataSource, clientToken, () => {
      const target = this.store.declare(dataSource.knowledgeBaseId, dataSource.dataSourceId, dataSource.type);
      return documents.map((ingested) => {
        const key = identifierKey(ingested.identifier);
        this.ingested.set(`${resourcePath(target)}|${key}`, ingested);
        const refused = this.ingestRefusals.get(key);
        const failure = this.indexingFailures.get(key);
        const timeline: StatusSource = refused
          ? refused.status
          : failure
            ? { statuses: [...this.current.ingestTimeline.statuses.slice(0, -1), 'FAILED'] }
            : this.current.ingestTimeline;
        const document = storeDocument(target, key, timeline, now, refused?.statusReason ?? failure?.statusReason);
        return toDetail(target, ingested.identifier, document.timeline.peek(now), document);
      });
    });
    // `documentDetails` is optional in the model's answer; a setting leaves it out.
    return this.current.omitIngestDocumentDetails ? jsonResponse({}, 202) : response;
  }

  /** One page of a `ListKnowledgeBaseDocuments` answer. */
  private listPage(dataSource: StoredDataSource, body: Record<string, unknown>, now: number): Response {
    const problems: FieldProblem[] = [];
    const { maxResults, nextToken } = body;
    if (
      maxResults !== undefined &&
      (typeof maxResults !== 'number' ||
        !Number.isInteger(maxResults) ||
        maxResults < 1 ||
        maxResults > MAX_LIST_RESULTS)
    ) {
      problems.push({ name: 'maxResults', message: `must be an integer from 1 to ${MAX_LIST_RESULTS}` });
    }
    let after: string | undefined;
    if (nextToken !== undefined) {
      after = typeof nextToken === 'string' ? this.pageTokens.get(nextToken) : undefined;
      if (after === undefined) problems.push({ name: 'nextToken', message: 'is not a valid pagination token' });
    }
    if (problems.length > 0) return validationResponse(problems);

    const pageSize = (maxResults as number | undefined) ?? this.current.defaultPageSize;
    const visible = sortedDocuments(dataSource).filter(
      (document) => document.timeline.peek(now) !== 'NOT_FOUND' && (after === undefined || document.key > after),
    );
    const page = visible.slice(0, pageSize);
    const documentDetails = page.map((document) =>
      toDetail(dataSource, identifierOf(dataSource, document), document.timeline.peek(now), document),
    );
    const last = page.at(-1);
    const hasMore = visible.length > page.length && last !== undefined;
    const answer: { documentDetails: WireDocumentDetail[]; nextToken?: string } = { documentDetails };
    if (this.current.repeatNextToken && typeof nextToken === 'string') answer.nextToken = nextToken;
    else if (hasMore) answer.nextToken = this.pageToken(last.key);
    return jsonResponse(answer, 200);
  }

  /** A fresh opaque token (the model's `NextToken`: 1-2048 characters, no whitespace) for the page after `lastKey`. */
  private pageToken(lastKey: string): string {
    const token = `${(this.pageTokens.size + 1).toString(36)}-${globalThis.crypto.randomUUID()}`;
    this.pageTokens.set(token, lastKey);
    return token;
  }

  /** Runs `apply` once per client token: a token seen before replays the first answer and changes nothing. */
  private idempotent(
    operation: BedrockOperation,
    dataSource: StoredDataSource,
    clientToken: string | undefined,
    apply: () => WireDocumentDetail[],
  ): Response {
    const key =
      clientToken === undefined
        ? undefined
        : `${operation}|${dataSource.knowledgeBaseId}/${dataSource.dataSourceId}|${clientToken}`;
    const replay = key === undefined ? undefined : this.answeredTokens.get(key);
    if (replay) {
      replay.replays++;
      return jsonResponse({ documentDetails: replay.details }, 202);
    }
    const documentDetails = apply();
    if (key !== undefined) this.answeredTokens.set(key, { details: documentDetails, replays: 0 });
    return jsonResponse({ documentDetails }, 202);
  }

  private resolveDataSource(knowledgeBaseId: string, dataSourceId: string): StoredDataSource | undefined {
    const stored = this.store.find(knowledgeBaseId, dataSourceId);
    if (stored || this.current.requireDeclaredDataSources) return stored;
    // An undeclared data source exists, empty, with the default type. It is not
    // stored, so a later `putDocument` may still give it another type; an ingest stores it.
    return { knowledgeBaseId, dataSourceId, type: this.current.defaultDataSourceType, documents: new Map() };
  }
}

function documentKey(document: BedrockSimDocument): { key: string; type: BedrockDataSourceType } {
  const given = [document.id, document.customId, document.s3Uri].filter((value) => value !== undefined);
  if (given.length !== 1) throw new TypeError('BedrockSimulator.putDocument: give exactly one of id, customId, s3Uri');
  if (document.customId !== undefined) return { key: document.customId, type: 'CUSTOM' };
  const key = (document.s3Uri ?? document.id) as string;
  if (document.s3Uri !== undefined || key.startsWith('s3://')) {
    if (!S3_URI_PATTERN.test(key))
      throw new RangeError(`BedrockSimulator.putDocument: s3Uri must match ${S3_URI_PATTERN.source}`);
    return { key, type: 'S3' };
  }
  return { key, type: 'CUSTOM' };
}

function resourcePath(dataSource: StoredDataSource): string {
  return `${dataSource.knowledgeBaseId}/${dataSource.dataSourceId}`;
}

function sortedDocuments(dataSource: StoredDataSource): StoredDocument[] {
  return [...dataSource.documents.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function snapshot(dataSource: StoredDataSource, document: StoredDocument): BedrockDocumentSnapshot {
  const result: BedrockDocumentSnapshot = {
    knowledgeBaseId: dataSource.knowledgeBaseId,
    dataSourceId: dataSource.dataSourceId,
    id: document.key,
    identifier: identifierOf(dataSource, document),
    status: document.timeline.peek(),
    updatedAt: new Date(document.updatedAt),
  };
  if (reasonApplies(document, result.status)) result.statusReason = document.statusReason;
  return result;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
