import { type StatusSource, type Timeline, toTimeline } from '../timeline';
import type { ProviderErrorKind, ProviderErrorOptions, ProviderSimulator, SimEnv, SimRequest } from '../types';
import {
  type AzureErrorTarget,
  azureFaultResponse,
  invalidArgument,
  notFound,
  requestIdHeaders,
  unauthorized,
} from './errors';
import { buildNextLink, type ListQuery, ListQueryError, pageBounds, parseListQuery } from './listing';
import {
  AZURE_OPERATIONS,
  type AzureApiGeneration,
  type AzureRoute,
  isUuid,
  matchAzureRoute,
  QUERY_NAMES,
} from './routes';
import {
  type AzureStartedTranslation,
  type AzureStartSettings,
  matchStart,
  operationLocation,
  planDocuments,
  readStartBody,
  START_TRANSLATION,
} from './start';

export { AZURE_OPERATIONS, type AzureApiGeneration, type AzureOperation } from './routes';
export type { AzureStartedTranslation, AzureStartFailure, AzureStartSettings } from './start';

/** Azure's document and translation statuses (`Canceled` is the spelling one docs page uses). */
export type AzureRawStatus =
  | 'NotStarted'
  | 'Running'
  | 'Succeeded'
  | 'Failed'
  | 'Cancelled'
  | 'Canceled'
  | 'Cancelling'
  | 'ValidationFailed';

/** A raw status, including values Azure does not document (to test `unknown` handling). */
export type AzureSimStatus = AzureRawStatus | (string & {});

/** The error object Azure reports on a failed document. */
export interface AzureDocumentError {
  code: string;
  message: string;
  target?: string;
  innerError?: { code: string; message: string; target?: string };
}

/** A document as a test puts it; every field but `id` and `status` has a plausible default. */
export interface AzureDocumentInput {
  /** The document id (a UUID). */
  id: string;
  /** A fixed raw status, or a timeline advancing per read or per N ms. */
  status: StatusSource<AzureSimStatus>;
  /** Target location (default: a blob URL built from `to` and `id`). */
  path?: string;
  /** Source location (default: a blob URL built from `id`). */
  sourcePath?: string;
  /** Target language (default `fr`). */
  to?: string;
  /** 0..1 (default: 1 when Succeeded, 0.5 when Running or Cancelling, else 0). */
  progress?: number;
  /** Characters charged (default 0). */
  characterCharged?: number;
  /** ISO time (default: when it was put). */
  createdDateTimeUtc?: string;
  /** ISO time (default: when the status last changed). */
  lastActionDateTimeUtc?: string;
  /** The failure Azure reports for this document, with the status it ends on (a timeline's last, once it gets there). */
  error?: AzureDocumentError;
}

/** A document as Azure sends it in the documents status list and the single-document GET. */
export interface AzureWireDocument {
  path: string;
  sourcePath: string;
  createdDateTimeUtc: string;
  lastActionDateTimeUtc: string;
  status: string;
  to: string;
  progress: number;
  id: string;
  characterCharged: number;
  error?: AzureDocumentError;
}

/** A translation's status as Azure sends it (GET and DELETE of the batch). */
export interface AzureWireTranslation {
  id: string;
  createdDateTimeUtc: string;
  lastActionDateTimeUtc: string;
  status: string;
  error?: AzureDocumentError;
  summary: {
    total: number;
    failed: number;
    success: number;
    inProgress: number;
    notYetStarted: number;
    cancelled: number;
    totalCharacterCharged: number;
  };
}

/** Options for a translation put explicitly (documents create their translation on demand). */
export interface AzureTranslationInput {
  /** A fixed raw status or timeline; by default the status is derived from the documents. */
  status?: StatusSource<AzureSimStatus>;
  /** ISO time (default: when it was put). */
  createdDateTimeUtc?: string;
  /**
   * Why the whole translation failed (e.g. with `ValidationFailed`), sent with the
   * status its `status` ends on, once it gets there (so it needs `status`).
   */
  error?: AzureDocumentError;
}

/** What the simulator holds about one translation, for assertions. */
export interface AzureTranslationSnapshot {
  id: string;
  /** Whether a cancel (DELETE) was received. */
  cancelRequested: boolean;
  /** How many cancel requests were received. */
  cancelCount: number;
  /** The status a GET would report now (without advancing timelines). */
  status: string;
  documentIds: string[];
}

/** Server behaviour knobs; every one is off (or permissive) by default. */
export interface AzureSimulatorSettings {
  /** Only this `Ocp-Apim-Subscription-Key` is accepted (default: any non-empty key). */
  subscriptionKey?: string | undefined;
  /** Only this bearer token is accepted (default: any non-empty token). */
  bearerToken?: string | undefined;
  /** Also send `Retry-After: N` on successful status GETs, as Azure may. */
  retryAfterOnStatusSeconds?: number | undefined;
  /**
   * Paging anomaly: next links point at this origin (e.g. another simulator's `url`)
   * instead of the origin the request came in on.
   */
  foreignNextLinkOrigin?: string | undefined;
  /** Paging anomaly: a page reached through a next link links to itself again. */
  repeatNextLink?: boolean | undefined;
  /**
   * Which property carries the next link. Default: `nextLink` for 2024-05-01,
   * `@nextLink` for v1.1 (some Microsoft pages show `@nextLink` for both).
   */
  nextLinkName?: 'nextLink' | '@nextLink' | undefined;
  /** The page size when the request sets none (default 50), e.g. to make an `ids` lookup span pages. */
  defaultPageSize?: number | undefined;
  /**
   * Whether 2024-05-01 next links carry `api-version`. Default false: the official
   * example's `nextLink` has none (Microsoft's clients add it when it is missing),
   * and a request without it is refused, so a client must add it too.
   */
  nextLinkWithApiVersion?: boolean | undefined;
}

interface StoredDocument {
  input: AzureDocumentInput;
  timeline: Timeline<string>;
  createdDateTimeUtc: string;
  /** `createdDateTimeUtc` as ms since the epoch, for ordering and the date filters. */
  createdMs: number;
  /** Put order, which breaks ties of `createdDateTimeUtc`. */
  seq: number;
  /** Set by a cancel: the status the document stays on from then on. */
  pinned?: string;
  lastStatus?: string;
  lastChangedAt: number;
}

interface StoredTranslation {
  id: string;
  createdDateTimeUtc: string;
  createdAt: number;
  timeline?: Timeline<string>;
  error?: AzureDocumentError | undefined;
  cancelCount: number;
  /** Keyed by lower-cased id: UUIDs compare case-insensitively. */
  documents: Map<string, StoredDocument>;
  /** The documents by `createdDateTimeUtc`, oldest first; built on the first listing after a change. */
  ordered?: StoredDocument[] | undefined;
  /**
   * Where a filtered listing's next page starts in `ordered` (keyed by filters,
   * order and `skip`), so that paging through a filtered list does not scan it
   * from the start for every page. Cleared on every change.
   */
  cursors: Map<string, number>;
}

const IN_PROGRESS = new Set(['Running', 'Cancelling']);
const FAILED = new Set(['Failed', 'ValidationFailed']);
const CANCELLED = new Set(['Cancelled', 'Canceled']);

/**
 * Azure AI Document Translation's batch API (both the 2024-05-01 and the v1.1 URL
 * generations): documents status list with `ids`/`statuses` filters and paging,
 * single document status, translation status and cancel. Requests need an
 * `Ocp-Apim-Subscription-Key` or `Authorization: Bearer` header.
 *
 * Operations (for fault rules and the request log): `getDocumentsStatus`,
 * `getDocumentStatus`, `getTranslationStatus`, `cancelTranslation`, and
 * `startTranslation` (`POST .../batches`, which creates a translation whose
 * documents follow `configureStart`'s timeline).
 *
 * Answers follow Microsoft's material, not our client: the spec's schemas, its
 * examples' bodies and headers (`ETag` on status GETs), the v1.1 examples' error
 * bodies (`target` naming the route) and the 2024-05-01 error envelope
 * (`innererror`, `x-ms-error-code`). Documents are listed newest first, the
 * spec's default order ("descending by createdDateTimeUtc"), unless the request
 * sets `orderby`/`$orderBy`; query parameters the operation does not declare are
 * refused with 400; a translation that is completed, failed or cancelling cannot
 * be cancelled (400), as the spec says.
 */
export class AzureSimulator implements ProviderSimulator {
  /** The provider name faults, rate limits and the request log use for this simulator. */
  readonly provider = 'azure' as const;
  private translations = new Map<string, StoredTranslation>();
  private settings: AzureSimulatorSettings = {};
  private startSettings: AzureStartSettings = {};
  private readonly started: AzureStartedTranslation[] = [];
  private nextSeq = 0;
  private answers = 0;

  /** Changes server behaviour (auth, Retry-After on success, paging anomalies); merged into the current settings. */
  configure(settings: AzureSimulatorSettings): this {
    this.settings = { ...this.settings, ...settings };
    return this;
  }

  /** Creates (or replaces the status options of) a translation; its documents are kept. */
  putTranslation(translationId: string, input: AzureTranslationInput = {}): this {
    assertUuid(translationId, 'translationId');
    const translation = this.ensureTranslation(translationId, input.createdDateTimeUtc);
    translation.timeline = input.status === undefined ? undefined : toTimeline(input.status);
    translation.error = input.status === undefined ? undefined : input.error;
    return this;
  }

  /** Stores documents in a translation (created when missing), replacing any with the same id. */
  putDocuments(translationId: string, documents: readonly AzureDocumentInput[]): this {
    assertUuid(translationId, 'translationId');
    const translation = this.ensureTranslation(translationId);
    for (const document of documents) {
      assertUuid(document.id, 'document id');
      const now = Date.now();
      const createdDateTimeUtc = document.createdDateTimeUtc ?? new Date(now).toISOString();
      const createdMs = Date.parse(createdDateTimeUtc);
      translation.documents.set(document.id.toLowerCase(), {
        input: { ...document },
        timeline: toTimeline(document.status, now),
        createdDateTimeUtc,
        createdMs: Number.isNaN(createdMs) ? now : createdMs,
        seq: this.nextSeq++,
        lastChangedAt: now,
      });
    }
    changed(translation);
    return this;
  }

  /** Stores one document (see `putDocuments`). */
  putDocument(translationId: string, document: AzureDocumentInput): this {
    return this.putDocuments(translationId, [document]);
  }

  /** Forgets a translation and its documents: it then answers 404 ResourceNotFound. */
  removeTranslation(translationId: string): boolean {
    return this.translations.delete(translationId.toLowerCase());
  }

  /** Forgets one document: its single GET then answers 404. */
  removeDocument(translationId: string, documentId: string): boolean {
    const translation = this.translations.get(translationId.toLowerCase());
    if (!translation?.documents.delete(documentId.toLowerCase())) return false;
    changed(translation);
    return true;
  }

  /** A document as a GET would return it now, without advancing its timeline. */
  getDocument(translationId: string, documentId: string): AzureWireDocument | undefined {
    const document = this.translations.get(translationId.toLowerCase())?.documents.get(documentId.toLowerCase());
    return document && this.toWire(document, Date.now(), false);
  }

  /** Every document of a translation as a GET would return it now, in the order first put, timelines untouched. */
  listDocuments(translationId: string): AzureWireDocument[] {
    const now = Date.now();
    const documents = this.translations.get(translationId.toLowerCase())?.documents.values() ?? [];
    return [...documents].map((document) => this.toWire(document, now, false));
  }

  /** A translation's state, without advancing any timeline; undefined when unknown. */
  getTranslation(translationId: string): AzureTranslationSnapshot | undefined {
    const translation = this.translations.get(translationId.toLowerCase());
    if (!translation) return undefined;
    return {
      id: translation.id,
      cancelRequested: translation.cancelCount > 0,
      cancelCount: translation.cancelCount,
      status: this.translationWire(translation, Date.now(), false).status,
      documentIds: [...translation.documents.values()].map((document) => document.input.id),
    };
  }

  /** What new translations hold and how their documents move on (see {@link AzureStartSettings}); merged into the current settings. */
  configureStart(settings: AzureStartSettings): this {
    this.startSettings = { ...this.startSettings, ...settings };
    return this;
  }

  /** Every translation started over the wire, oldest first, with the inputs it was started with. */
  startedTranslations(): readonly AzureStartedTranslation[] {
    return this.started;
  }

  /** {@inheritDoc ProviderSimulator.operationOf} */
  operationOf(request: SimRequest): string | undefined {
    const route = matchAzureRoute(request.method, request.url)?.operation;
    return route ?? (matchStart(request.method, request.url) ? START_TRANSLATION : undefined);
  }

  /** {@inheritDoc ProviderSimulator.handle} */
  handle(request: SimRequest, _operation: string, env: SimEnv): Response {
    const start = matchStart(request.method, request.url);
    if (start) return this.startTranslation(request, start);
    const route = matchAzureRoute(request.method, request.url) as AzureRoute;
    const { generation } = route;
    const target = targetOf(route.operation);
    if (!this.isAuthorized(request.headers)) return unauthorized(generation, target);
    if (generation === '2024-05-01' && request.url.searchParams.get('api-version') !== '2024-05-01') {
      return invalidArgument(generation, 'The api-version query parameter is missing or not supported.', target);
    }
    if (route.operation !== AZURE_OPERATIONS.getDocumentsStatus) {
      const extra = [...request.url.searchParams.keys()].find(
        (name) => name !== 'api-version' || generation === 'v1.1',
      );
      if (extra !== undefined)
        return invalidArgument(generation, `The query parameter ${extra} is not supported.`, target);
    }
    const translation = this.translations.get(route.translationId.toLowerCase());
    // The same 404 for an unknown translation on every route, and for an unknown
    // document on the one-document route: the official bodies do not tell them apart.
    if (!translation) return notFound(generation, target);
    const now = env.now();
    switch (route.operation) {
      case AZURE_OPERATIONS.getTranslationStatus:
        return this.ok(this.translationWire(translation, now, true), true);
      case AZURE_OPERATIONS.cancelTranslation:
        return this.cancel(translation, generation, now);
      case AZURE_OPERATIONS.getDocumentStatus: {
        const document = translation.documents.get((route.documentId ?? '').toLowerCase());
        return document ? this.ok(this.toWire(document, now, true), true) : notFound(generation, target);
      }
      default:
        return this.listPage(translation, route, request.url, env);
    }
  }

  /** {@inheritDoc ProviderSimulator.errorResponse} */
  errorResponse(
    kind: ProviderErrorKind,
    operation: string,
    options?: ProviderErrorOptions,
    request?: SimRequest,
  ): Response {
    const generation =
      (request &&
        (matchAzureRoute(request.method, request.url)?.generation ?? matchStart(request.method, request.url))) ??
      'v1.1';
    return azureFaultResponse(generation, kind, targetOf(operation), options);
  }

  /** Forgets every translation, document and setting. */
  reset(): void {
    this.translations.clear();
    this.settings = {};
    this.startSettings = {};
    this.started.length = 0;
  }

  /** `POST .../batches`: a new translation whose documents follow the start settings; 202 and `Operation-Location`. */
  private startTranslation(request: SimRequest, generation: AzureApiGeneration): Response {
    if (!this.isAuthorized(request.headers)) return unauthorized(generation, 'Operation');
    if (generation === '2024-05-01' && request.url.searchParams.get('api-version') !== '2024-05-01') {
      return invalidArgument(generation, 'The api-version query parameter is missing or not supported.', 'Operation');
    }
    const read = readStartBody(request.body);
    if (!read.ok) return invalidArgument(generation, read.message, 'Operation');
    const translationId = globalThis.crypto.randomUUID();
    this.putTranslation(translationId);
    this.putDocuments(translationId, planDocuments(read.inputs, this.startSettings));
    this.started.push({ translationId, generation, inputs: read.raw });
    const location = operationLocation(
      request.url.origin,
      request.url.pathname,
      generation,
      translationId,
      this.startSettings.operationLocation,
    );
    return new Response(null, { status: 202, headers: { ...requestIdHeaders(), 'operation-location': location } });
  }

  /** One page of a document listing, with the listing's filters, order and next link. */
  private listPage(translation: StoredTranslation, route: AzureRoute, url: URL, env: SimEnv): Response {
    let query: ListQuery;
    try {
      query = parseListQuery(url, route.generation, this.settings.defaultPageSize);
    } catch (error) {
      if (error instanceof ListQueryError) return invalidArgument(route.generation, error.message, 'Document');
      throw error;
    }
    const now = env.now();
    const { items, next } = this.selectPage(translation, query, now);
    const body: Record<string, unknown> = { value: items.map((document) => this.toWire(document, now, true)) };
    if (next) {
      const linkName = this.settings.nextLinkName ?? QUERY_NAMES[route.generation].nextLink;
      body[linkName] = this.nextLink(url, route.generation, query, next, env.origin);
    }
    return this.ok(body, true);
  }

  /**
   * The documents of one page and the query of the next. Without filters a page
   * is read straight out of the ordered list; with an `ids` filter from the few
   * documents named; with a status or date filter by scanning from where the
   * previous page ended (`cursors`), so a listing costs what its pages hold.
   */
  private selectPage(
    translation: StoredTranslation,
    query: ListQuery,
    now: number,
  ): { items: StoredDocument[]; next?: ListQuery } {
    const ordered = this.ordered(translation);
    const nth = (i: number) => ordered[query.orderBy === 'asc' ? i : ordered.length - 1 - i] as StoredDocument;
    const statuses = query.statuses && new Set(query.statuses);
    const matches = (document: StoredDocument) =>
      (!statuses || statuses.has(this.currentStatus(document, now, false))) &&
      (!query.createdStart || document.createdMs >= query.createdStart.ms) &&
      (!query.createdEnd || document.createdMs <= query.createdEnd.ms);

    if (query.ids) {
      const named = new Set<StoredDocument>();
      for (const id of query.ids) {
        const document = translation.documents.get(id.toLowerCase());
        if (document && matches(document)) named.add(document);
      }
      const sign = query.orderBy === 'asc' ? 1 : -1;
      const sorted = [...named].sort((a, b) => sign * compareCreated(a, b));
      const bounds = pageBounds(sorted.length, query);
      return { items: sorted.slice(bounds.start, bounds.end), next: bounds.next };
    }
    if (!statuses && !query.createdStart && !query.createdEnd) {
      const bounds = pageBounds(ordered.length, query);
      const items: StoredDocument[] = [];
      for (let i = bounds.start; i < bounds.end; i++) items.push(nth(i));
      return { items, next: bounds.next };
    }

    const filterKey = `${query.orderBy}|${query.statuses?.join(',')}|${query.createdStart?.ms}|${query.createdEnd?.ms}`;
    let position = translation.cursors.get(`${filterKey}|${query.skip}`);
    if (position === undefined) {
      position = 0;
      for (let skipped = 0; skipped < query.skip && position < ordered.length; position++) {
        if (matches(nth(position))) skipped++;
      }
    }
    const limit = Math.min(query.maxPageSize, query.top ?? Number.POSITIVE_INFINITY);
    const items: StoredDocument[] = [];
    for (; position < ordered.length && items.length < limit; position++) {
      if (matches(nth(position))) items.push(nth(position));
    }
    // One more match after the page means another page, unless `top` is used up.
    while (position < ordered.length && !matches(nth(position))) position++;
    const more = position < ordered.length && (query.top === undefined || query.top > items.length);
    if (!more) return { items };
    const next: ListQuery = { ...query, skip: query.skip + items.length };
    if (query.top !== undefined) next.top = query.top - items.length;
    if (translation.cursors.size > 1000) translation.cursors.clear();
    translation.cursors.set(`${filterKey}|${next.skip}`, position);
    return { items, next };
  }

  /** The translation's documents, oldest first (ties in put order), sorted once per change. */
  private ordered(translation: StoredTranslation): StoredDocument[] {
    translation.ordered ??= [...translation.documents.values()].sort(compareCreated);
    return translation.ordered;
  }

  private nextLink(
    url: URL,
    generation: AzureApiGeneration,
    query: ListQuery,
    next: ListQuery,
    origin: string,
  ): string {
    // A repeated link: a page reached through a link points back at itself (the link that led here).
    const repeat = this.settings.repeatNextLink && url.searchParams.has(QUERY_NAMES[generation].skip);
    return buildNextLink(
      this.settings.foreignNextLinkOrigin ?? origin,
      url.pathname,
      generation,
      repeat ? query : next,
      this.settings.nextLinkWithApiVersion ?? false,
    );
  }

  /**
   * Cancels a translation (DELETE). The spec: "A translation will not be
   * cancelled if it is already completed or failed or cancelling. A bad request
   * will be returned." No example shows that 400; its body is ours.
   */
  private cancel(translation: StoredTranslation, generation: AzureApiGeneration, now: number): Response {
    const current = this.translationWire(translation, now, false).status;
    if (current !== 'NotStarted' && current !== 'Running') {
      return invalidArgument(generation, `A translation that is ${current} cannot be cancelled.`, 'Operation');
    }
    translation.cancelCount++;
    translation.timeline = undefined;
    for (const document of translation.documents.values()) {
      // Documents not started yet are cancelled; running ones finish on their own.
      if (this.currentStatus(document, now, false) === 'NotStarted') document.pinned = 'Cancelled';
    }
    return this.ok(this.translationWire(translation, now, false), false);
  }

  /** A 200; status GETs carry an `ETag` (as in the examples) and, when configured, `retry-after`. */
  private ok(body: unknown, isStatusGet: boolean): Response {
    const headers: Record<string, string> = requestIdHeaders();
    if (isStatusGet) headers.etag = `"${(++this.answers).toString(16)}"`;
    const retryAfter = this.settings.retryAfterOnStatusSeconds;
    if (isStatusGet && retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    return Response.json(body, { status: 200, headers });
  }

  private isAuthorized(headers: Headers): boolean {
    const key = headers.get('ocp-apim-subscription-key');
    const token = /^Bearer\s+(\S.*)$/i.exec(headers.get('authorization') ?? '')?.[1];
    const keyOk = key !== null && key !== '' && (this.settings.subscriptionKey ?? key) === key;
    const tokenOk = token !== undefined && (this.settings.bearerToken ?? token) === token;
    return keyOk || tokenOk;
  }

  private ensureTranslation(translationId: string, createdDateTimeUtc?: string): StoredTranslation {
    const key = translationId.toLowerCase();
    let translation = this.translations.get(key);
    if (!translation) {
      const now = Date.now();
      translation = {
        id: translationId,
        createdDateTimeUtc: createdDateTimeUtc ?? new Date(now).toISOString(),
        createdAt: now,
        cancelCount: 0,
        documents: new Map(),
        cursors: new Map(),
      };
      this.translations.set(key, translation);
    } else if (createdDateTimeUtc !== undefined) translation.createdDateTimeUtc = createdDateTimeUtc;
    return translation;
  }

  /** The document's raw status now; `advance` counts this as a read (moving a read-driven timeline on). */
  private currentStatus(document: StoredDocument, now: number, advance: boolean): string {
    if (document.pinned !== undefined) return document.pinned;
    const status = advance ? document.timeline.read(now) : document.timeline.peek(now);
    if (status !== document.lastStatus) {
      if (document.lastStatus !== undefined) document.lastChangedAt = now;
      document.lastStatus = status;
    }
    return status;
  }

  private toWire(document: StoredDocument, now: number, advance: boolean): AzureWireDocument {
    const { input } = document;
    const status = this.currentStatus(document, now, advance);
    const to = input.to ?? 'fr';
    const wire: AzureWireDocument = {
      path: input.path ?? `https://example.blob.core.windows.net/target/${to}/${input.id}.txt`,
      sourcePath: input.sourcePath ?? `https://example.blob.core.windows.net/source/${input.id}.txt`,
      createdDateTimeUtc: document.createdDateTimeUtc,
      lastActionDateTimeUtc: input.lastActionDateTimeUtc ?? new Date(document.lastChangedAt).toISOString(),
      status,
      to,
      progress: input.progress ?? defaultProgress(status),
      id: input.id,
      characterCharged: input.characterCharged ?? 0,
    };
    // The error explains the status a document ends on: a timeline sends it once it gets there, not on the way.
    if (input.error && status === document.timeline.final) wire.error = input.error;
    return wire;
  }

  private translationWire(translation: StoredTranslation, now: number, advance: boolean): AzureWireTranslation {
    const summary = { total: 0, failed: 0, success: 0, inProgress: 0, notYetStarted: 0, cancelled: 0 };
    let totalCharacterCharged = 0;
    let lastAction = translation.createdAt;
    for (const document of translation.documents.values()) {
      const status = this.currentStatus(document, now, false);
      summary.total++;
      if (status === 'Succeeded') summary.success++;
      else if (FAILED.has(status)) summary.failed++;
      else if (IN_PROGRESS.has(status)) summary.inProgress++;
      else if (status === 'NotStarted') summary.notYetStarted++;
      else if (CANCELLED.has(status)) summary.cancelled++;
      totalCharacterCharged += document.input.characterCharged ?? 0;
      lastAction = Math.max(lastAction, document.lastChangedAt);
    }
    let status: string;
    if (translation.timeline) status = advance ? translation.timeline.read(now) : translation.timeline.peek(now);
    else if (translation.cancelCount > 0) status = summary.inProgress > 0 ? 'Cancelling' : 'Cancelled';
    else if (summary.total === summary.notYetStarted) status = 'NotStarted';
    else if (summary.inProgress + summary.notYetStarted > 0) status = 'Running';
    else if (summary.failed === summary.total) status = 'Failed';
    else if (summary.cancelled === summary.total) status = 'Cancelled';
    else status = 'Succeeded';
    const wire: AzureWireTranslation = {
      id: translation.id,
      createdDateTimeUtc: translation.createdDateTimeUtc,
      lastActionDateTimeUtc: new Date(lastAction).toISOString(),
      status,
      summary: { ...summary, totalCharacterCharged },
    };
    if (translation.error && status === translation.timeline?.final) wire.error = translation.error;
    return wire;
  }
}

/** The route an error happened on, as the examples' `target` names it. */
function targetOf(operation: string): AzureErrorTarget {
  return operation === AZURE_OPERATIONS.getTranslationStatus ||
    operation === AZURE_OPERATIONS.cancelTranslation ||
    operation === START_TRANSLATION
    ? 'Operation'
    : 'Document';
}

/** A translation's documents changed: its order and listing cursors are stale. */
function changed(translation: StoredTranslation): void {
  translation.ordered = undefined;
  translation.cursors.clear();
}

function compareCreated(a: StoredDocument, b: StoredDocument): number {
  return a.createdMs - b.createdMs || a.seq - b.seq;
}

function defaultProgress(status: string): number {
  if (status === 'Succeeded') return 1;
  return IN_PROGRESS.has(status) ? 0.5 : 0;
}

function assertUuid(value: string, what: string): void {
  if (typeof value !== 'string' || !isUuid(value)) throw new TypeError(`AzureSimulator: ${what} must be a UUID`);
}
