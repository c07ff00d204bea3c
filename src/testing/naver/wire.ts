/**
 * How NAVER Cloud RAG bodies look on the wire: the status envelope of the seed
 * page (`{code: 20000, message, data}`), the envelope of the other endpoints
 * (`{status: {code, message}, result}`), and the per-step record that the status
 * route reports.
 */

/** The raw `data.status` values the NAVER status route documents. */
export const NAVER_RAW_STATUSES = ['NONE', 'INDEXING', 'FAILED', 'PARTIAL', 'DONE', 'DELETED'] as const;
/** One of the raw statuses NAVER's status route reports. */
export type NaverRawStatus = (typeof NAVER_RAW_STATUSES)[number];

/** The indexing pipeline in order; `DONE` is itself a step on the wire. */
export const NAVER_PIPELINE_STEPS = ['EXTRACT', 'CHUNK', 'EMBED', 'INDEX', 'DONE'] as const;
/** One step of NAVER's indexing pipeline, as `data.step` names it. */
export type NaverPipelineStep = (typeof NAVER_PIPELINE_STEPS)[number];

/** A step that can fail (the `DONE` marker itself never does). */
export type NaverFailableStep = Exclude<NaverPipelineStep, 'DONE'>;

/** One entry of `data.step`. */
export interface NaverWireStep {
  isFailed: boolean;
  startedAt: string;
  finishedAt: string;
  info: Record<string, unknown>;
}

/** Which error envelope an error answer uses (see `NaverSimulator.setErrorEnvelope`). */
export type NaverErrorEnvelope = 'code' | 'status';

/**
 * An ISO 8601 timestamp the way the seed example prints it: microseconds and an
 * explicit `+00:00` offset (`2025-07-09T11:31:39.123000+00:00`).
 */
export function naverTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

/** What the step record of one document is built from. */
export interface StepPlan {
  status: string;
  /** When the pipeline started (ms since the epoch). */
  startedAt: number;
  /** For `INDEXING`: how many of EXTRACT CHUNK EMBED INDEX have finished (0-4). */
  completedSteps: number;
  /** For `FAILED`: the step that failed. */
  failedStep: NaverFailableStep;
  /** For `FAILED`: the failing step's `info`. */
  failureInfo: Record<string, unknown>;
  /** For `DELETED`: when the delete happened. */
  deletedAt: number;
}

/** Milliseconds between consecutive simulated steps. */
const STEP_MS = 100;

/**
 * The `data.step` object consistent with a raw status: NONE has no steps,
 * INDEXING the finished ones, FAILED the ones up to the failing step (which has
 * `isFailed: true`), PARTIAL and DONE all five, DELETED all five plus DELETE.
 * An unknown raw status gets no steps.
 */
export function renderSteps(plan: StepPlan): { steps: Record<string, NaverWireStep>; lastAt: number } {
  const steps: Record<string, NaverWireStep> = {};
  let lastAt = plan.startedAt;
  const finish = (name: string, index: number, isFailed = false, info: Record<string, unknown> = {}) => {
    const startedAt = plan.startedAt + index * STEP_MS;
    const finishedAt = startedAt + STEP_MS / 2;
    steps[name] = { isFailed, startedAt: naverTimestamp(startedAt), finishedAt: naverTimestamp(finishedAt), info };
    lastAt = Math.max(lastAt, finishedAt);
  };
  const finishPipeline = (count: number) => {
    NAVER_PIPELINE_STEPS.slice(0, count).forEach((name, index) => {
      if (name === 'DONE') {
        // As in the status page's example, the DONE step starts when CHUNK starts
        // and finishes after INDEX.
        const finishedAt = plan.startedAt + index * STEP_MS + STEP_MS / 2;
        steps.DONE = {
          isFailed: false,
          startedAt: naverTimestamp(plan.startedAt + STEP_MS),
          finishedAt: naverTimestamp(finishedAt),
          info: {},
        };
        lastAt = Math.max(lastAt, finishedAt);
      } else finish(name, index);
    });
  };

  switch (plan.status) {
    case 'INDEXING':
      finishPipeline(Math.max(0, Math.min(4, plan.completedSteps)));
      break;
    case 'FAILED': {
      const failedIndex = NAVER_PIPELINE_STEPS.indexOf(plan.failedStep);
      finishPipeline(failedIndex);
      finish(plan.failedStep, failedIndex, true, plan.failureInfo);
      break;
    }
    case 'PARTIAL':
    case 'DONE':
      finishPipeline(NAVER_PIPELINE_STEPS.length);
      break;
    case 'DELETED': {
      finishPipeline(NAVER_PIPELINE_STEPS.length);
      const deletedAt = Math.max(plan.deletedAt, lastAt);
      steps.DELETE = {
        isFailed: false,
        startedAt: naverTimestamp(deletedAt),
        finishedAt: naverTimestamp(deletedAt + STEP_MS / 2),
        info: {},
      };
      lastAt = deletedAt + STEP_MS / 2;
      break;
    }
    default:
      // NONE (not started) and values this simulator does not know: no steps.
      break;
  }
  return { steps, lastAt };
}

/**
 * The error body in the chosen envelope. No retrieved NAVER page shows an error
 * answer (the response-code table could not be read), so the codes are ours: the
 * HTTP status followed by two digits (`40400`), like the status page's `20000`,
 * and a number in both envelopes, as the pages type `code` and `status.code`.
 */
export function errorBody(envelope: NaverErrorEnvelope, code: number, message: string): Record<string, unknown> {
  return envelope === 'code' ? { code, message } : { status: { code, message } };
}

/**
 * A success answer in the `{status, result}` envelope used by every route but the
 * status route, as the delete page shows it: `status.code` the number `200`, an
 * empty message.
 */
export function resultBody(result: Record<string, unknown>): Record<string, unknown> {
  return { status: { code: 200, message: '' }, result };
}
