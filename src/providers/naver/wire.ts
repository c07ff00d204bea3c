import * as z from 'zod/mini';

/**
 * The NAVER Cloud RAG bodies this adapter reads, as zod schemas. They are
 * tolerant of fields they do not name (new fields are ignored, not an error) and
 * strict about the ones they do: a field of the wrong type is schema drift and
 * surfaces as `invalid_response`.
 */

/**
 * A NAVER code. The pages type it Integer and show it as a number in both
 * envelopes (`20000` on the status route, `200` on delete and count); a string of
 * digits is accepted too, since nothing guarantees the type on every route.
 */
const naverCode = z.union([z.number(), z.string()]);

/** One entry of `data.step`. Timestamps may be null or absent while a step runs. */
export const naverStepSchema = z.object({
  isFailed: z.boolean(),
  startedAt: z.optional(z.nullable(z.string())),
  finishedAt: z.optional(z.nullable(z.string())),
  info: z.optional(z.nullable(z.unknown())),
});

/** `data` of `GET /doc/{docId}/status`. */
export const naverStatusDataSchema = z.object({
  serviceId: z.optional(z.nullable(z.string())),
  docid: z.optional(z.nullable(z.string())),
  orgid: z.optional(z.nullable(z.string())),
  step: z.optional(z.nullable(z.record(z.string(), naverStepSchema))),
  status: z.string(),
  updatedAt: z.optional(z.nullable(z.string())),
});
/** One entry of `data.step` as NAVER sends it. */
export interface NaverStepWire {
  isFailed: boolean;
  startedAt?: string | null | undefined;
  finishedAt?: string | null | undefined;
  /** Details of the step; a failed step's reason, when NAVER gives one. */
  info?: unknown;
}

/**
 * `data` of the status route as NAVER answers it (a status's `raw`): the fields
 * docindex reads are checked on arrival; any others NAVER sends are kept.
 */
export interface NaverStatusWire {
  serviceId?: string | null | undefined;
  docid?: string | null | undefined;
  orgid?: string | null | undefined;
  /** The pipeline's steps by name (`EXTRACT`, `CHUNK`, `EMBED`, `INDEX`, `DONE`, ...). */
  step?: Record<string, NaverStepWire> | null | undefined;
  /** NAVER's raw status, e.g. `'INDEXING'`. */
  status: string;
  updatedAt?: string | null | undefined;
}

/**
 * NAVER's answer envelopes as received: `{ code, message, data }` (the status
 * route) or `{ status: { code, message }, result }` (the other routes); the code
 * is a number in one and a string in the other.
 */
export type NaverEnvelopeWire =
  | { code: number | string; message?: string | null | undefined; data?: unknown }
  | { status: { code: number | string; message?: string | null | undefined }; result?: unknown };

/** The status route's `data`, checked: the object as received (other fields kept), or undefined when it does not fit. */
export function readStatusData(payload: unknown): NaverStatusWire | undefined {
  // The schema checked every field the type names; the original object is kept, not zod's copy.
  return naverStatusDataSchema.safeParse(payload).success ? (payload as NaverStatusWire) : undefined;
}

/** The status route's envelope, as its page shows it: `{code: 20000, message: 'Success', data}`. */
export const naverCodeEnvelopeSchema = z.object({
  code: naverCode,
  message: z.optional(z.nullable(z.string())),
  data: z.optional(z.nullable(z.unknown())),
});

/** The other routes' envelope, as the delete page shows it: `{status: {code: 200, message: ''}, result}`. */
export const naverStatusEnvelopeSchema = z.object({
  status: z.object({ code: naverCode, message: z.optional(z.nullable(z.string())) }),
  result: z.optional(z.nullable(z.unknown())),
});

/** `result` (or `data`) of `DELETE /doc/{docId}`. */
export const naverDeleteResultSchema = z.object({
  deleted: z.optional(z.nullable(z.array(z.string()))),
});

/** Either envelope, reduced to what both carry. */
export interface NaverEnvelope {
  /** The code as a string, e.g. `'20000'`, `'200'`, `'40400'`. */
  code: string;
  /** The payload: `data` of the code envelope, `result` of the status envelope. */
  payload: unknown;
  /** The body itself, as received (a status's `raw` for a 404 or a delete). */
  wire: NaverEnvelopeWire;
}

/** Reads either envelope; undefined when the body is neither. */
export function readEnvelope(body: unknown): NaverEnvelope | undefined {
  // Each schema checked every field its member of NaverEnvelopeWire names.
  const coded = naverCodeEnvelopeSchema.safeParse(body);
  if (coded.success)
    return { code: String(coded.data.code), payload: coded.data.data, wire: body as NaverEnvelopeWire };
  const wrapped = naverStatusEnvelopeSchema.safeParse(body);
  if (wrapped.success) {
    return { code: String(wrapped.data.status.code), payload: wrapped.data.result, wire: body as NaverEnvelopeWire };
  }
  return undefined;
}

/**
 * The HTTP status a NAVER code stands for. The pages show two forms: the 3-digit
 * HTTP status itself (`200`, the delete and count pages) and a 5-digit code whose
 * first three digits are the HTTP status (`20000`, the status page). Error codes
 * are on no retrieved page (the response-code table could not be read), so the
 * same two forms are assumed for them (`404`, `40400`). Undefined for any other
 * form, which the adapter reports as `invalid_response`.
 */
export function httpStatusOfCode(code: string): number | undefined {
  if (/^[1-5]\d\d$/.test(code)) return Number(code);
  if (/^[1-5]\d{4}$/.test(code)) return Number(code.slice(0, 3));
  return undefined;
}
