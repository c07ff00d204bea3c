import * as z from 'zod/mini';
import { isJsonObject, isOptionalText } from '../shared/json-checks';

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

/*
 * Fast checks of the bodies NAVER sends, each sound against its schema (see
 * `shared/json-checks`); zod decides whenever one says no. A status call is one
 * small request, and zod's copy of the data cost as much as all of docindex's
 * other work on it.
 */

/** `naverCode`. */
function isCode(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function isStep(value: unknown): boolean {
  return (
    isJsonObject(value) &&
    typeof value.isFailed === 'boolean' &&
    isOptionalText(value.startedAt) &&
    isOptionalText(value.finishedAt)
  );
}

function isStatusData(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  if (typeof value.status !== 'string' || !isOptionalText(value.updatedAt)) return false;
  if (!isOptionalText(value.serviceId) || !isOptionalText(value.docid) || !isOptionalText(value.orgid)) return false;
  const { step } = value;
  if (step === undefined || step === null) return true;
  if (!isJsonObject(step)) return false;
  // An own `__proto__` key (JSON.parse makes one) is left to zod, which skips it.
  for (const name in step) if (name === '__proto__' || !Object.hasOwn(step, name) || !isStep(step[name])) return false;
  return true;
}

function isCodeEnvelope(value: unknown): value is { code: number | string; data?: unknown } {
  return isJsonObject(value) && isCode(value.code) && isOptionalText(value.message);
}

function isStatusEnvelope(value: unknown): value is { status: { code: number | string }; result?: unknown } {
  return (
    isJsonObject(value) &&
    isJsonObject(value.status) &&
    isCode(value.status.code) &&
    isOptionalText(value.status.message)
  );
}

/** The status route's `data`, checked: the object as received (other fields kept), or undefined when it does not fit. */
export function readStatusData(payload: unknown): NaverStatusWire | undefined {
  // The schema checked every field the type names; the original object is kept, not zod's copy.
  return isStatusData(payload) || naverStatusDataSchema.safeParse(payload).success
    ? (payload as NaverStatusWire)
    : undefined;
}

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
  const wire = body as NaverEnvelopeWire;
  if (isCodeEnvelope(body)) return { code: String(body.code), payload: body.data, wire };
  if (isStatusEnvelope(body)) return { code: String(body.status.code), payload: body.result, wire };
  const coded = naverCodeEnvelopeSchema.safeParse(body);
  if (coded.success) return { code: String(coded.data.code), payload: coded.data.data, wire };
  const wrapped = naverStatusEnvelopeSchema.safeParse(body);
  if (wrapped.success) return { code: String(wrapped.data.status.code), payload: wrapped.data.result, wire };
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
  if (code.length !== 3 && code.length !== 5) return undefined;
  const first = code.charCodeAt(0) - ZERO;
  if (first < 1 || first > 5) return undefined;
  for (let at = 1; at < code.length; at++) {
    const digit = code.charCodeAt(at) - ZERO;
    if (digit < 0 || digit > 9) return undefined;
  }
  return first * 100 + (code.charCodeAt(1) - ZERO) * 10 + (code.charCodeAt(2) - ZERO);
}

const ZERO = 0x30;
