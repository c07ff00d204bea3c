import * as z from 'zod/mini';

/**
 * Wire shapes of Azure Document Translation, checked on arrival. Only what we
 * read is required; extra fields pass through (`looseObject`) so a service that
 * adds fields does not break us, while a missing `id` or `status` is drift.
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
  id: z.string(),
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
  id: z.string(),
  status: z.string(),
  createdDateTimeUtc: z.optional(z.nullable(z.string())),
  lastActionDateTimeUtc: z.optional(z.nullable(z.string())),
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
  id: string;
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

export type AzureDocumentListWire = z.infer<typeof azureDocumentListSchema>;

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
  id: string;
  status: string;
  createdDateTimeUtc?: string | null | undefined;
  lastActionDateTimeUtc?: string | null | undefined;
  summary: AzureTranslationSummaryWire;
  [field: string]: unknown;
}

// The interfaces above describe exactly what the schemas check (a drift is a compile error here).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatch: [
  Same<z.infer<typeof azureDocumentSchema>, AzureDocumentWire>,
  Same<z.infer<typeof azureErrorSchema>, AzureErrorWire>,
] = [true, true];
void schemasMatch;
