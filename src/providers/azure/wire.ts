import * as z from 'zod/mini';
import { isJsonObject, isOptionalNumber, isOptionalText } from '../shared/json-checks';
import { parseWire } from '../shared/wire';

/**
 * Wire shapes of Azure Document Translation, checked on arrival. Only what we
 * read is required; extra fields pass through (`looseObject`) so a service that
 * adds fields does not break us, while a missing `status` (or id) is drift.
 *
 * Ids: the spec (both generations), Microsoft's generated clients and every v1.1
 * example name a document's id `id` and a translation's `id`; the published
 * 2024-05-01 examples name them `documentId` and `translationId`. `id` is read,
 * and the other name accepted when `id` is absent, rather than failing the page.
 */

const innerErrorSchema = z.looseObject({
  code: z.optional(z.nullable(z.string())),
  message: z.optional(z.nullable(z.string())),
  target: z.optional(z.nullable(z.string())),
});

/** The error object of a failed document, and of an error response. */
export const azureErrorSchema = z.looseObject({
  code: z.optional(z.nullable(z.string())),
  message: z.optional(z.nullable(z.string())),
  target: z.optional(z.nullable(z.string())),
  innerError: z.optional(z.nullable(innerErrorSchema)),
  innererror: z.optional(z.nullable(innerErrorSchema)),
});

export const azureErrorBodySchema = z.looseObject({ error: azureErrorSchema });

export const azureDocumentSchema = z.looseObject({
  id: z.optional(z.string()),
  documentId: z.optional(z.string()),
  status: z.string(),
  path: z.optional(z.nullable(z.string())),
  sourcePath: z.optional(z.nullable(z.string())),
  createdDateTimeUtc: z.optional(z.nullable(z.string())),
  lastActionDateTimeUtc: z.optional(z.nullable(z.string())),
  to: z.optional(z.nullable(z.string())),
  progress: z.optional(z.nullable(z.number())),
  characterCharged: z.optional(z.nullable(z.number())),
  error: z.optional(z.nullable(azureErrorSchema)),
});

/** The documents status list: `nextLink` (2024-05-01) or `@nextLink` (v1.1 and some docs pages). */
export const azureDocumentListSchema = z.looseObject({
  value: z.array(azureDocumentSchema),
  nextLink: z.optional(z.nullable(z.string())),
  '@nextLink': z.optional(z.nullable(z.string())),
});

const count = z.optional(z.nullable(z.number()));

export const azureTranslationSchema = z.looseObject({
  id: z.optional(z.string()),
  translationId: z.optional(z.string()),
  status: z.string(),
  createdDateTimeUtc: z.optional(z.nullable(z.string())),
  lastActionDateTimeUtc: z.optional(z.nullable(z.string())),
  error: z.optional(z.nullable(azureErrorSchema)),
  summary: z.looseObject({
    total: count,
    failed: count,
    success: count,
    inProgress: count,
    notYetStarted: count,
    cancelled: count,
    totalCharacterCharged: count,
  }),
});

/** The inner error of an Azure error object: the specific reason under the general code. */
export interface AzureInnerErrorWire {
  code?: string | null | undefined;
  message?: string | null | undefined;
  target?: string | null | undefined;
  [field: string]: unknown;
}

/** An Azure error object: of a failed document, or of an error answer (`{ error }`). */
export interface AzureErrorWire {
  code?: string | null | undefined;
  message?: string | null | undefined;
  target?: string | null | undefined;
  innerError?: AzureInnerErrorWire | null | undefined;
  innererror?: AzureInnerErrorWire | null | undefined;
  [field: string]: unknown;
}

/**
 * A document as Azure's documents status routes answer it (a status's `raw`): the
 * fields docindex reads are checked on arrival, any others pass through.
 */
export interface AzureDocumentWire {
  /** The document id, as the spec names it; one of `id` and `documentId` is always present. */
  id?: string | undefined;
  /** The document id as the 2024-05-01 examples name it, read when `id` is absent. */
  documentId?: string | undefined;
  status: string;
  path?: string | null | undefined;
  sourcePath?: string | null | undefined;
  createdDateTimeUtc?: string | null | undefined;
  lastActionDateTimeUtc?: string | null | undefined;
  to?: string | null | undefined;
  progress?: number | null | undefined;
  characterCharged?: number | null | undefined;
  error?: AzureErrorWire | null | undefined;
  [field: string]: unknown;
}

/** A document's id: `id`, else `documentId`; undefined when it has neither (drift). */
export function wireDocumentId(document: AzureDocumentWire): string | undefined {
  return document.id ?? document.documentId;
}

export type AzureDocumentListWire = z.infer<typeof azureDocumentListSchema>;

/**
 * A documents status list, checked: the body itself when a fast check finds it
 * well formed (sound against the schema, see `shared/json-checks`), else as
 * `parseWire` reads it, which throws `invalid_response` on drift. A page of ten
 * documents is the usual status call, and the generic checks cost more than
 * mapping it.
 */
export function readDocumentList(body: unknown): AzureDocumentListWire {
  return isDocumentList(body)
    ? (body as AzureDocumentListWire)
    : parseWire(azureDocumentListSchema, body, 'Azure', 'documents status list');
}

function isDocumentList(body: unknown): boolean {
  if (!isJsonObject(body) || !isOptionalText(body.nextLink) || !isOptionalText(body['@nextLink'])) return false;
  const { value } = body;
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (!isDocument(value[index])) return false;
  return true;
}

/** `azureDocumentSchema`; `id` and `documentId` may be absent but not null. */
function isDocument(value: unknown): boolean {
  return (
    isJsonObject(value) &&
    typeof value.status === 'string' &&
    (value.id === undefined || typeof value.id === 'string') &&
    (value.documentId === undefined || typeof value.documentId === 'string') &&
    isOptionalText(value.path) &&
    isOptionalText(value.sourcePath) &&
    isOptionalText(value.createdDateTimeUtc) &&
    isOptionalText(value.lastActionDateTimeUtc) &&
    isOptionalText(value.to) &&
    isOptionalNumber(value.progress) &&
    isOptionalNumber(value.characterCharged) &&
    (value.error === undefined || value.error === null || isError(value.error))
  );
}

/** `azureErrorSchema`. */
function isError(value: unknown): boolean {
  return (
    isInnerError(value) &&
    (value.innerError === undefined || value.innerError === null || isInnerError(value.innerError)) &&
    (value.innererror === undefined || value.innererror === null || isInnerError(value.innererror))
  );
}

/** The inner error schema: `code`, `message` and `target`, each an optional string. */
function isInnerError(value: unknown): value is Record<string, unknown> {
  return (
    isJsonObject(value) && isOptionalText(value.code) && isOptionalText(value.message) && isOptionalText(value.target)
  );
}

/** A translation's document counts as Azure answers them (`summary`); a count may be absent. */
export interface AzureTranslationSummaryWire {
  total?: number | null | undefined;
  failed?: number | null | undefined;
  success?: number | null | undefined;
  inProgress?: number | null | undefined;
  notYetStarted?: number | null | undefined;
  cancelled?: number | null | undefined;
  totalCharacterCharged?: number | null | undefined;
  [field: string]: unknown;
}

/**
 * A translation (batch) as Azure answers it (`getTranslation()`'s `raw`): the
 * fields docindex reads are checked on arrival, any others pass through.
 */
export interface AzureTranslationWire {
  /** The translation id, as the spec names it; one of `id` and `translationId` is present. */
  id?: string | undefined;
  /** The translation id, as the 2024-05-01 examples name it. */
  translationId?: string | undefined;
  status: string;
  createdDateTimeUtc?: string | null | undefined;
  lastActionDateTimeUtc?: string | null | undefined;
  /** Why the whole translation failed (e.g. `ValidationFailed`: a source it cannot read). */
  error?: AzureErrorWire | null | undefined;
  summary: AzureTranslationSummaryWire;
  [field: string]: unknown;
}

// The interfaces above describe exactly what the schemas check (a drift is a compile error here).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatch: [
  Same<z.infer<typeof azureDocumentSchema>, AzureDocumentWire>,
  Same<z.infer<typeof azureErrorSchema>, AzureErrorWire>,
  Same<z.infer<typeof azureTranslationSchema>, AzureTranslationWire>,
] = [true, true, true];
void schemasMatch;
