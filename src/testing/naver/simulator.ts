import { type StatusSource, type Timeline, type TimelineSpec, toTimeline } from '../timeline';
import type { ProviderErrorKind, ProviderErrorOptions, ProviderSimulator, SimEnv, SimRequest } from '../types';
import {
  DEFAULT_WRITE_SETTINGS,
  isValidDocId,
  type NaverWriteSettings,
  type NaverWrittenDocument,
  readDocumentBody,
  writeAnswer,
} from './ingest';
import { decodeSegment, matchNaverRoute, type NaverOperation } from './routes';
import {
  errorBody,
  type NaverErrorEnvelope,
  type NaverFailableStep,
  type NaverRawStatus,
  naverTimestamp,
  renderSteps,
  resultBody,
} from './wire';

export type { NaverWriteSettings, NaverWrittenDocument } from './ingest';
export type { NaverOperation } from './routes';
export {
  NAVER_PIPELINE_STEPS,
  NAVER_RAW_STATUSES,
  type NaverErrorEnvelope,
  type NaverFailableStep,
  type NaverPipelineStep,
  type NaverRawStatus,
} from './wire';

/** A raw status the simulator serves: one of NAVER's six, or any other string (to test unknown values). */
export type NaverSimStatus = NaverRawStatus | (string & {});

/** A document to store with `NaverSimulator.putDocument`, in the service the call names. */
export interface NaverSimDocument {
  /** The document id (the `{docId}` path segment, decoded). */
  id: string;
  /** A fixed raw status or a timeline of them (default `'DONE'`). */
  status?: StatusSource<NaverSimStatus>;
  /** `data.orgid`, the original document's id (default `naver:{id}.txt`). */
  orgid?: string;
  /** For `INDEXING`: how many of EXTRACT CHUNK EMBED INDEX have finished (0-4, default 2). */
  completedSteps?: number;
  /** For `FAILED`: the step that failed (default `'EMBED'`). */
  failedStep?: NaverFailableStep;
  /** For `FAILED`: the failing step's `info` (default `{ message: 'simulated failure' }`). */
  failureInfo?: Record<string, unknown>;
  /** When the pipeline started, for the step timestamps (default: now). */
  startedAt?: Date;
}

/** What the simulator holds for one document, as `getDocument` and `listDocuments` report it. */
export interface NaverDocumentSnapshot {
  serviceId: string;
  /** The document id (`data.docid` on the wire). */
  id: string;
  orgid: string;
  /** The raw status now, read without advancing a read-driven timeline. */
  status: string;
  /** True once a `DELETE` for it has been accepted. */
  deleted: boolean;
  /** How many status reads it has answered. */
  statusReads: number;
}

interface StoredDocument {
  serviceId: string;
  id: string;
  orgid: string;
  timeline: Timeline<string>;
  startedAt: number;
  completedSteps: number;
  failedStep: NaverFailableStep;
  failureInfo: Record<string, unknown>;
  deletedAt?: number;
  statusReads: number;
}

/**
 * HTTP status and NAVER code for each error kind the fault injector can ask for.
 * No NAVER page documents an error answer: these are our choice (see `errorBody`).
 */
const ERROR_KINDS: Record<ProviderErrorKind, { status: number; code: number; message: string }> = {
  validation: { status: 400, code: 40000, message: 'Bad request' },
  unauthorized: { status: 401, code: 40100, message: 'Unauthorized' },
  forbidden: { status: 403, code: 40300, message: 'Forbidden' },
  not_found: { status: 404, code: 40400, message: 'Not found' },
  throttled: { status: 429, code: 42900, message: 'Too many requests' },
  quota_exceeded: { status: 429, code: 42901, message: 'Quota exceeded' },
  server_error: { status: 500, code: 50000, message: 'Internal server error' },
  service_unavailable: { status: 503, code: 50300, message: 'Service unavailable' },
};

const DEFAULT_ADD_TIMELINE: TimelineSpec<NaverSimStatus> = { statuses: ['NONE', 'INDEXING', 'DONE'] };

/**
 * NAVER Cloud RAG over the wire: `GET /api/v1/svc/{serviceId}/doc/{docId}/status`
 * (the seed page's `{code: 20000, message, data}` envelope, with steps consistent
 * with the status), `DELETE /api/v1/svc/{serviceId}/doc/{docId}` and
 * `POST /api/v1/svc/{serviceId}/doc[/{docId}]` (the `{status, result}` envelope),
 * `Authorization: Bearer {apiKey}` on every request.
 *
 * Operations (for fault injection and the request log): `getDocumentStatus`,
 * `deleteDocument`, `addDocument`, and `unsupportedRoute` for any other path under
 * `/api/v1/svc/` (answered 404).
 *
 * Path segments are decoded exactly once, so an id sent as `a%2Fb` is the
 * document `a/b`. Success bodies are the reference pages' examples; error
 * answers are on no retrieved page, so they are this simulator's choice: an
 * unknown document (and a second delete) answers HTTP 404 with code 40400, the
 * injected kinds the statuses and codes of `ERROR_KINDS`.
 */
export class NaverSimulator implements ProviderSimulator {
  /** The provider name faults, rate limits and the request log use for this simulator. */
  readonly provider = 'naver' as const;

  private documents = new Map<string, StoredDocument>();
  private expectedApiKey: string | undefined;
  private errorEnvelope: NaverErrorEnvelope | 'auto' = 'auto';
  private addTimeline: TimelineSpec<NaverSimStatus> = DEFAULT_ADD_TIMELINE;
  private writeSettings: NaverWriteSettings = DEFAULT_WRITE_SETTINGS;
  /** Writes refused, by service and id. */
  private readonly refusedWrites = new Map<string, { status: number; code: number }>();
  /** What writes carried, by service and id. */
  private readonly written = new Map<string, NaverWrittenDocument>();
  /** Written documents whose indexing fails, by service and id. */
  private readonly indexingFailures = new Map<
    string,
    { failedStep?: NaverFailableStep; failureInfo?: Record<string, unknown> }
  >();

  /**
   * Stores a document in a service (replacing one with the same id). Its raw status
   * follows `status`: a fixed value, or a timeline advancing per status read or
   * per N milliseconds (`Date.now()`, so fake timers move it).
   */
  putDocument(serviceId: string, init: NaverSimDocument): this {
    const now = Date.now();
    this.documents.set(documentKey(serviceId, init.id), {
      serviceId,
      id: init.id,
      orgid: init.orgid ?? `naver:${init.id}.txt`,
      timeline: toTimeline<string>(init.status ?? 'DONE', now),
      startedAt: init.startedAt?.getTime() ?? now,
      completedSteps: init.completedSteps ?? 2,
      failedStep: init.failedStep ?? 'EMBED',
      failureInfo: init.failureInfo ?? { message: 'simulated failure' },
      statusReads: 0,
    });
    return this;
  }

  /** Stores several documents in one service, each with its own status source (see {@link NaverSimulator.putDocument}). */
  putDocuments(serviceId: string, documents: readonly NaverSimDocument[]): this {
    for (const document of documents) this.putDocument(serviceId, document);
    return this;
  }

  /** One stored document, or undefined. Reading it does not advance its timeline. */
  getDocument(serviceId: string, id: string): NaverDocumentSnapshot | undefined {
    const doc = this.documents.get(documentKey(serviceId, id));
    return doc && snapshot(doc);
  }

  /** Every stored document (of one service, when given), in insertion order. */
  listDocuments(serviceId?: string): NaverDocumentSnapshot[] {
    return [...this.documents.values()]
      .filter((doc) => serviceId === undefined || doc.serviceId === serviceId)
      .map(snapshot);
  }

  /** Forgets one document, so it reads as unknown (404). Returns whether it existed. */
  removeDocument(serviceId: string, id: string): boolean {
    return this.documents.delete(documentKey(serviceId, id));
  }

  /**
   * The API key requests must carry as `Authorization: Bearer {apiKey}`. Without
   * one (the default) any non-empty bearer token is accepted; a missing or
   * malformed header always answers 401.
   */
  requireApiKey(apiKey: string | undefined): this {
    this.expectedApiKey = apiKey;
    return this;
  }

  /**
   * Which envelope error answers use: `'code'` (`{code: 40400, message}`),
   * `'status'` (`{status: {code: 40400, message}}`), or `'auto'` (the
   * default: the status route answers like its own success envelope, `'code'`; the
   * other routes `'status'`).
   */
  setErrorEnvelope(envelope: NaverErrorEnvelope | 'auto'): this {
    this.errorEnvelope = envelope;
    return this;
  }

  /** The timeline a document added through `POST .../doc[/{docId}]` follows (default NONE, INDEXING, DONE per read). */
  setAddTimeline(spec: TimelineSpec<NaverSimStatus>): this {
    this.addTimeline = spec;
    return this;
  }

  /**
   * What the simulator does where NAVER's pages are silent: a `POST` for an id
   * that exists, a `PUT` for one that does not (see {@link NaverWriteSettings}).
   */
  configureWrites(settings: Partial<NaverWriteSettings>): this {
    this.writeSettings = { ...this.writeSettings, ...settings };
    return this;
  }

  /** What the last add or replace of this document carried (its body's size and start, not the body), or undefined. */
  getWrittenDocument(serviceId: string, id: string): NaverWrittenDocument | undefined {
    return this.written.get(documentKey(serviceId, id));
  }

  /**
   * Adds and replaces of these documents are refused with `status` and `code`
   * (default HTTP 400, code 40000: NAVER documents no refusal, so the form is ours).
   */
  refuseWrites(serviceId: string, ids: readonly string[], refusal: { status?: number; code?: number } = {}): this {
    for (const id of ids) {
      this.refusedWrites.set(documentKey(serviceId, id), {
        status: refusal.status ?? 400,
        code: refusal.code ?? 40000,
      });
    }
    return this;
  }

  /**
   * Documents of a service that an add or replace then fails to index: they read
   * `NONE`, `INDEXING`, then `FAILED` at `failedStep` (default EMBED) with `failureInfo`.
   */
  failIndexing(
    serviceId: string,
    ids: readonly string[],
    failure: { failedStep?: NaverFailableStep; failureInfo?: Record<string, unknown> } = {},
  ): this {
    for (const id of ids) this.indexingFailures.set(documentKey(serviceId, id), failure);
    return this;
  }

  /** The `data` object the status route would answer for a document now, without counting a read. */
  statusData(serviceId: string, id: string): Record<string, unknown> | undefined {
    const doc = this.documents.get(documentKey(serviceId, id));
    return doc && renderStatusData(doc, doc.timeline.peek());
  }

  /** The operation a request is, for routing, the log and faults: every path under `/api/v1/svc/` is NAVER's. */
  operationOf(request: SimRequest): NaverOperation | undefined {
    return matchNaverRoute(request.method, request.url.pathname)?.operation;
  }

  /** Answers a request `operationOf` claimed (the framework applies injected faults first). */
  handle(request: SimRequest, operation: string, env: SimEnv): Response {
    const route = matchNaverRoute(request.method, request.url.pathname);
    if (!route || operation === 'unsupportedRoute') {
      return this.error(operation, 404, 40400, 'No such API route');
    }
    if (!this.isAuthorized(request.headers.get('authorization'))) {
      return this.error(operation, 401, 40100, 'Unauthorized');
    }
    const serviceId = decodeSegment(route.rawServiceId);
    const docId = route.rawDocId === undefined ? undefined : decodeSegment(route.rawDocId);
    if (serviceId === undefined || (route.rawDocId !== undefined && docId === undefined)) {
      return this.error(operation, 400, 40000, 'Malformed path segment');
    }

    switch (operation) {
      case 'getDocumentStatus':
        return this.readStatus(serviceId, docId ?? '', env.now());
      case 'deleteDocument':
        return this.deleteDocument(serviceId, docId ?? '', env.now());
      case 'addDocument':
        return this.writeDocument('add', serviceId, docId, request.body, env.now());
      case 'replaceDocument':
        if (docId === undefined) return this.error(operation, 404, 40400, 'No such API route');
        return this.writeDocument('replace', serviceId, docId, request.body, env.now());
      default:
        return this.error(operation, 404, 40400, 'No such API route');
    }
  }

  /** Renders an injected error fault: its HTTP status, a 5-digit NAVER code, Retry-After when asked. */
  errorResponse(kind: ProviderErrorKind, operation: string, options: ProviderErrorOptions = {}): Response {
    const spec = ERROR_KINDS[kind];
    const headers: Record<string, string> = {};
    if (options.retryAfterSeconds !== undefined) headers['retry-after'] = String(options.retryAfterSeconds);
    return this.error(operation, options.status ?? spec.status, spec.code, options.message ?? spec.message, headers);
  }

  /** Forgets documents and settings (API key, envelope, add timeline). */
  reset(): void {
    this.documents.clear();
    this.expectedApiKey = undefined;
    this.errorEnvelope = 'auto';
    this.addTimeline = DEFAULT_ADD_TIMELINE;
    this.writeSettings = DEFAULT_WRITE_SETTINGS;
    this.written.clear();
    this.refusedWrites.clear();
    this.indexingFailures.clear();
  }

  private readStatus(serviceId: string, docId: string, now: number): Response {
    const doc = this.documents.get(documentKey(serviceId, docId));
    if (!doc) return this.error('getDocumentStatus', 404, 40400, 'Document not found');
    doc.statusReads++;
    const data = renderStatusData(doc, doc.timeline.read(now));
    return Response.json({ code: 20000, message: 'Success', data });
  }

  private deleteDocument(serviceId: string, docId: string, now: number): Response {
    const doc = this.documents.get(documentKey(serviceId, docId));
    if (!doc || doc.deletedAt !== undefined) return this.error('deleteDocument', 404, 40400, 'Document not found');
    doc.deletedAt = now;
    doc.timeline = toTimeline<string>('DELETED', now);
    // The delete page's example: `inserted` and `updated` present and null ("always null").
    return Response.json(resultBody({ inserted: null, deleted: [docId], updated: null }));
  }

  /** `POST /doc[/{docId}]` (add) and `PUT /doc/{docId}` (replace), with the documented body. */
  private writeDocument(
    route: 'add' | 'replace',
    serviceId: string,
    docId: string | undefined,
    body: unknown,
    now: number,
  ): Response {
    const operation = route === 'add' ? 'addDocument' : 'replaceDocument';
    if (route === 'add' && docId !== undefined && !isValidDocId(docId)) {
      return this.error(operation, 400, 40000, 'docId may only hold letters, digits, "-" and "_"');
    }
    const id = docId ?? globalThis.crypto.randomUUID();
    const refusal = this.refusedWrites.get(documentKey(serviceId, id));
    if (refusal) return this.error(operation, refusal.status, refusal.code, 'The document was refused');
    const read = readDocumentBody(serviceId, id, route, body);
    if (!read.ok) return this.error(operation, 400, 40000, read.message);
    const existing = this.documents.get(documentKey(serviceId, id));
    const exists = existing !== undefined && existing.deletedAt === undefined;
    if (route === 'add' && exists && this.writeSettings.addExisting === 'conflict') {
      return this.error(operation, 409, 40900, 'Document already exists');
    }
    if (route === 'replace' && !exists && this.writeSettings.replaceMissing === 'not_found') {
      return this.error(operation, 404, 40400, 'Document not found');
    }
    const failure = this.indexingFailures.get(documentKey(serviceId, id));
    this.putDocument(serviceId, {
      id,
      ...(read.document.orgid === undefined ? {} : { orgid: read.document.orgid }),
      status: failure ? { statuses: ['NONE', 'INDEXING', 'FAILED'] } : this.addTimeline,
      startedAt: new Date(now),
      ...(failure ?? {}),
    });
    this.written.set(documentKey(serviceId, id), read.document);
    return Response.json(writeAnswer(route, id));
  }

  private isAuthorized(header: string | null): boolean {
    const match = header === null ? null : /^Bearer (\S+)$/.exec(header);
    if (!match) return false;
    return this.expectedApiKey === undefined || match[1] === this.expectedApiKey;
  }

  private error(
    operation: string,
    status: number,
    code: number,
    message: string,
    headers: Record<string, string> = {},
  ): Response {
    const envelope =
      this.errorEnvelope === 'auto' ? (operation === 'getDocumentStatus' ? 'code' : 'status') : this.errorEnvelope;
    return Response.json(errorBody(envelope, code, message), { status, headers });
  }
}

/** Service and id joined by a character neither can be confused with in a key. */
function documentKey(serviceId: string, id: string): string {
  return `${serviceId}\u0000${id}`;
}

function snapshot(doc: StoredDocument): NaverDocumentSnapshot {
  return {
    serviceId: doc.serviceId,
    id: doc.id,
    orgid: doc.orgid,
    status: doc.timeline.peek(),
    deleted: doc.deletedAt !== undefined,
    statusReads: doc.statusReads,
  };
}

/** The seed page's `data` object for a document in `status`. */
function renderStatusData(doc: StoredDocument, status: string): Record<string, unknown> {
  const { steps, lastAt } = renderSteps({
    status,
    startedAt: doc.startedAt,
    completedSteps: doc.completedSteps,
    failedStep: doc.failedStep,
    failureInfo: doc.failureInfo,
    deletedAt: doc.deletedAt ?? doc.startedAt + 1000,
  });
  return {
    serviceId: doc.serviceId,
    docid: doc.id,
    orgid: doc.orgid,
    step: steps,
    status,
    // Written a few milliseconds after the last step finished, as in the seed example.
    updatedAt: naverTimestamp(lastAt + 6),
  };
}
