/**
 * The job docindex does for one status call, written by hand over the raw client
 * the way a careful application would write it without docindex: the ids
 * checked, the SDK's standard headers sent, the body's shape checked, the
 * provider's status mapped into a status union and its timestamps into Dates.
 * No retries, no limiter, no de-duplication, no telemetry: the job written plainly
 * (a hand-tuned client could read the body faster, as docindex does). Figure 1d
 * compares the raw arm and docindex with it, so it shows how much of docindex's
 * extra CPU is the job itself.
 *
 * Deliberately independent of docindex's code (only its two published status
 * tables, which are data): it is the hand-written glue docindex replaces.
 */
import { createHttpHeaders, createPipelineRequest, type HttpClient, type Pipeline } from '@azure/core-rest-pipeline';
import { AZURE_STATUS_TABLE } from 'docindex/azure';
import { NAVER_STATUS_TABLE } from 'docindex/naver';
import type { KyInstance } from 'ky';

/** A status as the application keeps it. */
export interface HandWrittenStatus {
  id: string;
  status: string;
  providerStatus: string;
  updatedAt?: Date;
  steps?: Array<{ name: string; failed: boolean; startedAt?: Date; finishedAt?: Date }>;
  raw: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The two status tables are docindex's published data (the providers' documented
// values), not code: a hand-written client needs the same table.
const AZURE_STATUSES: Readonly<Record<string, string>> = AZURE_STATUS_TABLE;
const NAVER_STATUSES: Readonly<Record<string, string>> = NAVER_STATUS_TABLE;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptionalString = (value: unknown) => value === undefined || value === null || typeof value === 'string';
const dateOf = (value: unknown): Date | undefined => {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

function fail(what: string): never {
  throw new Error(`hand-written call: ${what}`);
}

/**
 * Azure: ten document ids checked as UUIDs, one GET of the documents list through
 * a pipeline with the SDK's standard policies (the caller's), the list checked,
 * each asked id's document found (case-insensitively) and mapped.
 */
export function handWrittenAzure(options: {
  pipeline: Pipeline;
  httpClient: HttpClient;
  listUrl: (ids: readonly string[]) => string;
  key: string;
}) {
  return async (ids: readonly string[]): Promise<HandWrittenStatus[]> => {
    for (const id of ids) if (!UUID.test(id)) fail(`not a document id: ${id}`);
    const request = createPipelineRequest({
      url: options.listUrl(ids),
      method: 'GET',
      allowInsecureConnection: true,
      headers: createHttpHeaders({ accept: 'application/json', 'Ocp-Apim-Subscription-Key': options.key }),
    });
    const response = await options.pipeline.sendRequest(options.httpClient, request);
    if (response.status !== 200) fail(`HTTP ${response.status}`);
    const body: unknown = JSON.parse(response.bodyAsText ?? '');
    if (!isObject(body) || !Array.isArray(body.value)) fail('not a documents list');
    const byId = new Map<string, Record<string, unknown>>();
    for (const document of body.value as unknown[]) {
      if (
        !isObject(document) ||
        typeof document.id !== 'string' ||
        typeof document.status !== 'string' ||
        !isOptionalString(document.lastActionDateTimeUtc) ||
        !isOptionalString(document.createdDateTimeUtc)
      ) {
        fail('a document of an unexpected shape');
      }
      byId.set(document.id.toLowerCase(), document);
    }
    return ids.map((id) => {
      const document = byId.get(id.toLowerCase());
      if (!document) return { id, status: 'not_found', providerStatus: '', raw: undefined };
      const providerStatus = document.status as string;
      const status: HandWrittenStatus = {
        id,
        status: AZURE_STATUSES[providerStatus] ?? 'unknown',
        providerStatus,
        raw: document,
      };
      const updatedAt = dateOf(document.lastActionDateTimeUtc);
      if (updatedAt) status.updatedAt = updatedAt;
      return status;
    });
  };
}

/**
 * NAVER: one GET of the status route through ky with the headers NAVER's
 * examples send, the envelope and its data checked, the status mapped, the steps
 * and their timestamps read.
 */
export function handWrittenNaver(options: { ky: KyInstance; statusUrl: (id: string) => string }) {
  return async (id: string): Promise<HandWrittenStatus> => {
    if (id === '' || id.length > 512) fail(`not a document id: ${id}`);
    const response = await options.ky.get(options.statusUrl(id), { throwHttpErrors: false });
    if (response.status !== 200) fail(`HTTP ${response.status}`);
    const body: unknown = JSON.parse(await response.text());
    if (!isObject(body) || (body.code !== 20000 && body.code !== '20000')) fail('not a success envelope');
    const data = body.data;
    if (!isObject(data) || typeof data.status !== 'string' || !isOptionalString(data.updatedAt)) {
      fail('status data of an unexpected shape');
    }
    const status: HandWrittenStatus = {
      id,
      status: NAVER_STATUSES[data.status] ?? 'unknown',
      providerStatus: data.status,
      raw: data,
    };
    const updatedAt = dateOf(data.updatedAt);
    if (updatedAt) status.updatedAt = updatedAt;
    if (data.step !== undefined && data.step !== null) {
      if (!isObject(data.step)) fail('steps of an unexpected shape');
      status.steps = Object.entries(data.step).map(([name, step]) => {
        if (!isObject(step) || !isOptionalString(step.startedAt) || !isOptionalString(step.finishedAt)) {
          fail('a step of an unexpected shape');
        }
        const read: NonNullable<HandWrittenStatus['steps']>[number] = { name, failed: step.isFailed === true };
        const startedAt = dateOf(step.startedAt);
        const finishedAt = dateOf(step.finishedAt);
        if (startedAt) read.startedAt = startedAt;
        if (finishedAt) read.finishedAt = finishedAt;
        return read;
      });
    }
    return status;
  };
}
