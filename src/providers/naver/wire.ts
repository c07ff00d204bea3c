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
export type NaverStep = z.infer<typeof naverStepSchema>;

/** `data` of `GET /doc/{docId}/status`. */
export const naverStatusDataSchema = z.object({
  serviceId: z.optional(z.nullable(z.string())),
  docid: z.optional(z.nullable(z.string())),
  orgid: z.optional(z.nullable(z.string())),
  step: z.optional(z.nullable(z.record(z.string(), naverStepSchema))),
  status: z.string(),
  updatedAt: z.optional(z.nullable(z.string())),
});
export type NaverStatusData = z.infer<typeof naverStatusDataSchema>;

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
}

/** Reads either envelope; undefined when the body is neither. */
export function readEnvelope(body: unknown): NaverEnvelope | undefined {
  const coded = naverCodeEnvelopeSchema.safeParse(body);
  if (coded.success) return { code: String(coded.data.code), payload: coded.data.data };
  const wrapped = naverStatusEnvelopeSchema.safeParse(body);
  if (wrapped.success) return { code: String(wrapped.data.status.code), payload: wrapped.data.result };
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
