import type { ProviderErrorKind, ProviderErrorOptions, ProviderSimulator, SimEnv, SimRequest } from '../types';
import {
  DEFAULT_PUT_TIMELINES,
  ItemErrors,
  type KendraDeleteLag,
  type KendraDocumentSnapshot,
  type KendraItemErrorRule,
  type KendraPutTimelines,
  type KendraSimDocument,
  StoredKendraDocument,
} from './documents';
import {
  type BatchPutDocumentInput,
  checkBatchPutDocument,
  DEFAULT_PUT_LIMITS,
  type KendraPutLimits,
  type KendraReceivedDocument,
  receivedDocument,
} from './put';
import {
  type BatchDeleteDocumentInput,
  type BatchGetDocumentStatusInput,
  type Checked,
  checkBatchDeleteDocument,
  checkBatchGetDocumentStatus,
  validationMessage,
} from './requests';
import {
  KENDRA_OPERATIONS,
  KENDRA_TARGET_PREFIX,
  type KendraErrorStatuses,
  type KendraOperation,
  kendraError,
  kendraErrorForKind,
  kendraExceptionStatus,
  kendraJson,
  newRequestId,
} from './wire';

export type {
  KendraDeleteLag,
  KendraDocumentSnapshot,
  KendraItemErrorRule,
  KendraPutTimelines,
  KendraRawStatus,
  KendraSimDocument,
  KendraStatusValue,
} from './documents';
export type { KendraPutLimits, KendraReceivedDocument } from './put';
export type { KendraWireAttribute } from './requests';
export { KENDRA_OPERATIONS, type KendraErrorStatuses, type KendraOperation } from './wire';

/** One Kendra request the simulator answered itself (requests answered by an injected fault are in the shared log only). */
export interface KendraRequestRecord {
  operation: string;
  /** The `IndexId` the body named, when it had one. */
  indexId?: string;
  /** Whether the request carried an `Authorization` header (signatures are not checked). */
  signed: boolean;
  /** The `x-amzn-requestid` it was answered with. */
  requestId: string;
  /** The HTTP status it was answered with. */
  status: number;
}

/**
 * Amazon Kendra's document status API over AWS JSON 1.1: `POST /` with
 * `X-Amz-Target: AWSKendraFrontendService.<Operation>` for `BatchGetDocumentStatus`,
 * `BatchDeleteDocument` and `BatchPutDocument`.
 *
 * Every index exists and starts empty unless {@link KendraSimulator.removeIndex}
 * says otherwise; documents nobody put (or that were deleted) read `NOT_FOUND`, as
 * on the real service. Requests are validated as Kendra does (index id of 36
 * characters, 1-10 items, document ids of 1-2048 characters) and refused with
 * `ValidationException`. Signatures are not checked: any credentials work.
 *
 * @example
 * ```ts
 * const sim = await startSimulator();
 * sim.kendra.putDocument(indexId, { id: 'doc-1', status: { statuses: ['PROCESSING', 'INDEXED'] } });
 * sim.kendra.failStatusReads(['doc-2'], { errorCode: 'InvalidRequest' });
 * ```
 */
export class KendraSimulator implements ProviderSimulator {
  /** The provider name faults, rate limits and the request log use for this simulator. */
  readonly provider = 'kendra' as const;

  private readonly indexes = new Map<string, Map<string, StoredKendraDocument>>();
  private readonly missingIndexes = new Set<string>();
  private readonly statusErrors = new ItemErrors();
  private readonly deleteErrors = new ItemErrors();
  private readonly putErrors = new ItemErrors();
  private readonly records: KendraRequestRecord[] = [];
  private deleteLag: KendraDeleteLag | undefined;
  private putTimelines: KendraPutTimelines = DEFAULT_PUT_TIMELINES;
  private putLimits: KendraPutLimits = DEFAULT_PUT_LIMITS;
  /** What put requests carried, by index and id. */
  private readonly received = new Map<string, KendraReceivedDocument>();
  /** Put documents whose indexing fails: their timeline ends FAILED (UPDATE_FAILED for a replaced one). */
  private readonly indexingFailures = new Map<string, { failureCode: string; failureReason: string }>();
  private authorizationRequired = false;
  private errorStatuses: KendraErrorStatuses = 'model';

  // ---- test API ---------------------------------------------------------------

  /**
   * Stores (or replaces) a document in an index. Its status is fixed, or follows a
   * timeline advancing per status read or per N milliseconds. Default `INDEXED`.
   */
  putDocument(indexId: string, document: KendraSimDocument): this {
    this.missingIndexes.delete(indexId);
    const table = this.table(indexId);
    table.set(
      document.id,
      new StoredKendraDocument(
        indexId,
        document.id,
        document.status ?? 'INDEXED',
        document.failureCode,
        document.failureReason,
        document.attributes ?? [],
        Date.now(),
      ),
    );
    return this;
  }

  /** Stores several documents in one index (see {@link KendraSimulator.putDocument}). */
  putDocuments(indexId: string, documents: readonly KendraSimDocument[]): this {
    for (const document of documents) this.putDocument(indexId, document);
    return this;
  }

  /** One stored document as it stands now (without advancing its timeline), or undefined. */
  getDocument(indexId: string, id: string): KendraDocumentSnapshot | undefined {
    return this.indexes.get(indexId)?.get(id)?.snapshot(Date.now());
  }

  /**
   * Forgets one document, so it reads `NOT_FOUND` at once (unlike a wire delete,
   * no delete lag). Returns whether it was stored.
   */
  removeDocument(indexId: string, id: string): boolean {
    return this.indexes.get(indexId)?.delete(id) ?? false;
  }

  /** Every document stored in an index, deleted ones included, in the order they were first put. */
  listDocuments(indexId: string): KendraDocumentSnapshot[] {
    const now = Date.now();
    return [...(this.indexes.get(indexId)?.values() ?? [])].map((document) => document.snapshot(now));
  }

  /**
   * `BatchGetDocumentStatus` reports these ids in `Errors` (ErrorCode `InternalError`
   * unless set) instead of `DocumentStatusList`, for `times` requests (default: always).
   */
  failStatusReads(ids: readonly string[], rule: KendraItemErrorRule = {}): this {
    this.statusErrors.arm(ids, rule, 'Amazon Kendra could not get the status of this document.');
    return this;
  }

  /** `BatchDeleteDocument` reports these ids in `FailedDocuments` and keeps them. */
  failDeletes(ids: readonly string[], rule: KendraItemErrorRule = {}): this {
    this.deleteErrors.arm(ids, rule, 'Amazon Kendra could not delete this document.');
    return this;
  }

  /** `BatchPutDocument` reports these ids in `FailedDocuments` and does not store them. */
  failPuts(ids: readonly string[], rule: KendraItemErrorRule = {}): this {
    this.putErrors.arm(ids, rule, 'Amazon Kendra could not add this document.');
    return this;
  }

  /**
   * Documents with these ids that `BatchPutDocument` accepts then fail to index:
   * they read `PROCESSING`, then `FAILED` (`UPDATE_FAILED` when they replaced a
   * document), reporting `failureCode` and `failureReason`.
   */
  failIndexing(ids: readonly string[], failure: { failureCode?: string; failureReason?: string } = {}): this {
    for (const id of ids) {
      this.indexingFailures.set(id, {
        failureCode: failure.failureCode ?? 'ExtractionFailed',
        failureReason: failure.failureReason ?? 'Amazon Kendra could not extract text from the document.',
      });
    }
    return this;
  }

  /** What the last `BatchPutDocument` that stored this document carried (its size, not its content), or undefined. */
  getPutDocument(indexId: string, id: string): KendraReceivedDocument | undefined {
    return this.received.get(`${indexId}\u0000${id}`);
  }

  /** The limits `BatchPutDocument` enforces beyond the model's shapes (see {@link KendraPutLimits}). */
  setPutLimits(limits: Partial<KendraPutLimits>): this {
    this.putLimits = { ...this.putLimits, ...limits };
    return this;
  }

  /**
   * Makes an index not exist: every request naming it answers
   * `ResourceNotFoundException` (HTTP 404, or 400 under the reference's
   * statuses), until `putDocument` stores into it again.
   */
  removeIndex(indexId: string): this {
    this.indexes.delete(indexId);
    this.missingIndexes.add(indexId);
    return this;
  }

  /**
   * How long a deleted document keeps reading its old status before it reads
   * `NOT_FOUND`: a number of status reads or of milliseconds. Default: at once.
   */
  setDeleteLag(lag: KendraDeleteLag | undefined): this {
    this.deleteLag = lag;
    return this;
  }

  /** The statuses documents put over the wire go through (see {@link KendraPutTimelines}). */
  setPutTimelines(timelines: Partial<KendraPutTimelines>): this {
    this.putTimelines = { ...this.putTimelines, ...timelines };
    return this;
  }

  /**
   * When on, a request without an `Authorization` header answers
   * `MissingAuthenticationTokenException`, as AWS does for unsigned requests. Off by default.
   */
  requireAuthorization(required = true): this {
    this.authorizationRequired = required;
    return this;
  }

  /**
   * Which HTTP statuses exceptions are sent with: `'model'` (the default, the
   * Smithy model's 429/403/404/409) or `'reference'` (HTTP 400 for throttling,
   * access denied, not found and conflict, as the Kendra API reference says).
   */
  setErrorStatuses(statuses: KendraErrorStatuses): this {
    this.errorStatuses = statuses;
    return this;
  }

  /** The requests this simulator answered itself, oldest first. */
  get requests(): readonly KendraRequestRecord[] {
    return this.records;
  }

  // ---- ProviderSimulator --------------------------------------------------------

  /** Claims `POST /` requests whose `X-Amz-Target` names the Kendra service. */
  operationOf(request: SimRequest): string | undefined {
    if (request.method !== 'POST' || request.url.pathname !== '/') return undefined;
    const target = request.headers.get('x-amz-target');
    if (!target?.startsWith(KENDRA_TARGET_PREFIX)) return undefined;
    return target.slice(KENDRA_TARGET_PREFIX.length);
  }

  /** Answers a Kendra request as the service would. */
  handle(request: SimRequest, operation: string, env: SimEnv): Response {
    const requestId = newRequestId();
    const record: KendraRequestRecord = {
      operation,
      signed: request.headers.has('authorization'),
      requestId,
      status: 0,
    };
    const body = request.body as { IndexId?: unknown } | undefined;
    if (typeof body?.IndexId === 'string') record.indexId = body.IndexId;
    const response = this.answer(request, operation, env, requestId, record.signed);
    record.status = response.status;
    this.records.push(record);
    return response;
  }

  /** Renders a simulated error kind in Kendra's wire shape, with the statuses of `setErrorStatuses`. */
  errorResponse(kind: ProviderErrorKind, _operation: string, options?: ProviderErrorOptions): Response {
    return kendraErrorForKind(kind, newRequestId(), options, this.errorStatuses);
  }

  /** Forgets documents, indexes, armed errors, settings and the request records. */
  reset(): void {
    this.indexes.clear();
    this.missingIndexes.clear();
    this.statusErrors.clear();
    this.deleteErrors.clear();
    this.putErrors.clear();
    this.records.length = 0;
    this.deleteLag = undefined;
    this.putTimelines = DEFAULT_PUT_TIMELINES;
    this.putLimits = DEFAULT_PUT_LIMITS;
    this.received.clear();
    this.indexingFailures.clear();
    this.authorizationRequired = false;
    this.errorStatuses = 'model';
  }

  // ---- operations -----------------------------------------------------------------

  private answer(request: SimRequest, operation: string, env: SimEnv, requestId: string, signed: boolean): Response {
    if (this.authorizationRequired && !signed) {
      return kendraError('MissingAuthenticationTokenException', 400, 'Missing Authentication Token', requestId, {
        namespace: 'com.amazon.coral.service',
      });
    }
    if (!isKendraOperation(operation)) {
      return kendraError('UnknownOperationException', 400, '', requestId, { namespace: 'com.amazon.coral.service' });
    }
    if (request.bodyText !== '' && request.body === undefined) {
      return kendraError(
        'SerializationException',
        400,
        'Start of structure or map found where not expected.',
        requestId,
        {
          namespace: 'com.amazon.coral.service',
        },
      );
    }
    const now = env.now();
    switch (operation) {
      case 'BatchGetDocumentStatus':
        return this.run(checkBatchGetDocumentStatus(request.body), requestId, (input) =>
          this.batchGetDocumentStatus(input, now),
        );
      case 'BatchDeleteDocument':
        return this.run(checkBatchDeleteDocument(request.body), requestId, (input) =>
          this.batchDeleteDocument(input, now),
        );
      case 'BatchPutDocument':
        return this.run(checkBatchPutDocument(request.body, this.putLimits), requestId, (input) =>
          this.batchPutDocument(input, now),
        );
    }
  }

  /** Validation, then the index check, then the operation itself. */
  private run<T extends { IndexId: string }>(
    checked: Checked<T>,
    requestId: string,
    operation: (input: T) => unknown,
  ): Response {
    if (!checked.ok) return kendraError('ValidationException', 400, validationMessage(checked.problems), requestId);
    if (this.missingIndexes.has(checked.input.IndexId)) {
      return kendraError(
        'ResourceNotFoundException',
        kendraExceptionStatus('ResourceNotFoundException', this.errorStatuses),
        `Index ${checked.input.IndexId} does not exist. Please check you have provided the correct index ID and try again.`,
        requestId,
      );
    }
    return kendraJson(operation(checked.input), requestId);
  }

  private batchGetDocumentStatus(input: BatchGetDocumentStatusInput, now: number) {
    const DocumentStatusList: Record<string, string>[] = [];
    const Errors: Record<string, string>[] = [];
    for (const { DocumentId } of input.DocumentInfoList) {
      const error = this.statusErrors.take(input.IndexId, DocumentId);
      if (error) {
        Errors.push(itemError({ DocumentId }, error));
        continue;
      }
      const document = this.indexes.get(input.IndexId)?.get(DocumentId);
      DocumentStatusList.push(document ? document.statusEntry(now) : { DocumentId, DocumentStatus: 'NOT_FOUND' });
    }
    return { DocumentStatusList, Errors };
  }

  private batchDeleteDocument(input: BatchDeleteDocumentInput, now: number) {
    const FailedDocuments: Record<string, string>[] = [];
    for (const id of input.DocumentIdList) {
      const error = this.deleteErrors.take(input.IndexId, id);
      if (error) FailedDocuments.push(itemError({ Id: id }, error));
      else this.indexes.get(input.IndexId)?.get(id)?.markDeleted(this.deleteLag, now);
    }
    return { FailedDocuments };
  }

  private batchPutDocument(input: BatchPutDocumentInput, now: number) {
    const FailedDocuments: Record<string, string>[] = [];
    const table = this.table(input.IndexId);
    for (const document of input.Documents) {
      const error = this.putErrors.take(input.IndexId, document.Id);
      if (error) {
        FailedDocuments.push(itemError({ Id: document.Id }, error));
        continue;
      }
      const existing = table.get(document.Id);
      const replacing = existing !== undefined && !existing.deleted;
      const failure = this.indexingFailures.get(document.Id);
      const timeline = failure
        ? { statuses: ['PROCESSING', replacing ? 'UPDATE_FAILED' : 'FAILED'], advance: 'read' as const }
        : replacing
          ? this.putTimelines.updated
          : this.putTimelines.created;
      table.set(
        document.Id,
        new StoredKendraDocument(
          input.IndexId,
          document.Id,
          timeline,
          failure?.failureCode,
          failure?.failureReason,
          document.Attributes ?? [],
          now,
        ),
      );
      this.received.set(
        `${input.IndexId}\u0000${document.Id}`,
        receivedDocument(input.IndexId, input.RoleArn, document),
      );
    }
    return { FailedDocuments };
  }

  private table(indexId: string): Map<string, StoredKendraDocument> {
    let table = this.indexes.get(indexId);
    if (!table) {
      table = new Map();
      this.indexes.set(indexId, table);
    }
    return table;
  }
}

function isKendraOperation(operation: string): operation is KendraOperation {
  return (KENDRA_OPERATIONS as readonly string[]).includes(operation);
}

function itemError(
  key: Record<string, string>,
  error: { errorCode: string; errorMessage: string; dataSourceId: string | undefined },
): Record<string, string> {
  const entry: Record<string, string> = { ...key };
  if (error.dataSourceId !== undefined) entry.DataSourceId = error.dataSourceId;
  entry.ErrorCode = error.errorCode;
  entry.ErrorMessage = error.errorMessage;
  return entry;
}
