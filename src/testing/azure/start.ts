/**
 * The Azure simulator's start of a translation, `POST .../batches` in both URL
 * generations, as the specs define it (Azure/azure-rest-api-specs, in
 * test/fixtures/official/azure/): the body `StartTranslationDetails` checked for
 * its required members and enums, an answer of 202 with no body and the new
 * translation's status URL in `Operation-Location`. Which documents the
 * translation then holds (the service lists the source container) is the
 * simulator's to decide: `AzureStartSettings`.
 */
import type { TimelineSpec } from '../timeline';
import type { AzureApiGeneration } from './routes';

/** The operation name of a start, for the request log and fault rules. */
export const START_TRANSLATION = 'startTranslation';

/** A document error, as the simulator reports it on a failed document. */
export interface AzureStartFailure {
  code: string;
  message: string;
  target?: string;
  innerError?: { code: string; message: string; target?: string };
}

/** What a started translation holds, and how its documents move on. */
export interface AzureStartSettings {
  /** Documents each input's source yields, per target (default: 1 for `storageType: 'File'`, else 3). */
  documentsPerSource?: number | undefined;
  /** The raw statuses each document goes through (default `NotStarted`, `Running`, `Succeeded`, one per read). */
  timeline?: TimelineSpec | undefined;
  /** Which documents fail (their places in the translation, from 0): their timeline ends `Failed`, with `failure`. */
  failDocuments?: readonly number[] | undefined;
  /** The error a failed document reports. */
  failure?: AzureStartFailure | undefined;
  /**
   * The form of `Operation-Location`: `'batches'` (the default: the translation's
   * status URL on the endpoint, as Microsoft's clients poll it) or `'operation'`
   * (as the specs' examples show it: `.../translator/text/batch/v1.0/operation/{ID}`,
   * upper-case), to test that clients read the id from its end.
   */
  operationLocation?: 'batches' | 'operation' | undefined;
}

export const DEFAULT_TIMELINE: TimelineSpec = { statuses: ['NotStarted', 'Running', 'Succeeded'] };
const DEFAULT_FAILURE: AzureStartFailure = {
  code: 'InvalidRequest',
  message: 'The document could not be translated.',
  target: 'Document',
};

/** One input as the simulator reads it. */
interface StartInput {
  sourceUrl: string;
  prefix?: string;
  suffix?: string;
  storageType?: string;
  targets: Array<{ targetUrl: string; language: string }>;
}

/** A document a start creates, in the shape `AzureSimulator.putDocuments` takes. */
export interface PlannedDocument {
  id: string;
  status: TimelineSpec;
  sourcePath: string;
  path: string;
  to: string;
  error?: AzureStartFailure;
}

/** What a recorded start carried. */
export interface AzureStartedTranslation {
  translationId: string;
  generation: AzureApiGeneration;
  /** The request's `inputs`, as sent. */
  inputs: unknown[];
}

const START_PATH = /\/translator\/(document|text\/batch\/v1\.1)\/batches\/?$/;

/** The URL generation of a start request, or undefined when the request is not one. */
export function matchStart(method: string, url: URL): AzureApiGeneration | undefined {
  if (method !== 'POST') return undefined;
  const match = START_PATH.exec(url.pathname);
  if (!match) return undefined;
  return match[1] === 'document' ? '2024-05-01' : 'v1.1';
}

/** The inputs of a start body, or what the service would refuse (required members, enums). */
export function readStartBody(
  body: unknown,
): { ok: true; inputs: StartInput[]; raw: unknown[] } | { ok: false; message: string } {
  const record = isRecord(body) ? body : undefined;
  if (!record || !Array.isArray(record.inputs)) return { ok: false, message: 'inputs is required.' };
  const inputs: StartInput[] = [];
  for (const [i, input] of record.inputs.entries()) {
    const at = `inputs[${i}]`;
    if (!isRecord(input)) return { ok: false, message: `${at} must be an object.` };
    const source = isRecord(input.source) ? input.source : undefined;
    if (typeof source?.sourceUrl !== 'string') return { ok: false, message: `${at}.source.sourceUrl is required.` };
    if (source.storageSource !== undefined && source.storageSource !== 'AzureBlob') {
      return { ok: false, message: `${at}.source.storageSource must be AzureBlob.` };
    }
    if (input.storageType !== undefined && input.storageType !== 'Folder' && input.storageType !== 'File') {
      return { ok: false, message: `${at}.storageType must be Folder or File.` };
    }
    if (!Array.isArray(input.targets)) return { ok: false, message: `${at}.targets is required.` };
    const targets: StartInput['targets'] = [];
    for (const [j, target] of input.targets.entries()) {
      const to = `${at}.targets[${j}]`;
      if (!isRecord(target) || typeof target.targetUrl !== 'string' || typeof target.language !== 'string') {
        return { ok: false, message: `${to} needs targetUrl and language.` };
      }
      for (const glossary of Array.isArray(target.glossaries) ? target.glossaries : []) {
        if (!isRecord(glossary) || typeof glossary.glossaryUrl !== 'string' || typeof glossary.format !== 'string') {
          return { ok: false, message: `${to}.glossaries need glossaryUrl and format.` };
        }
      }
      targets.push({ targetUrl: target.targetUrl, language: target.language });
    }
    const filter = isRecord(source.filter) ? source.filter : {};
    inputs.push({
      sourceUrl: source.sourceUrl,
      ...(typeof filter.prefix === 'string' ? { prefix: filter.prefix } : {}),
      ...(typeof filter.suffix === 'string' ? { suffix: filter.suffix } : {}),
      ...(typeof input.storageType === 'string' ? { storageType: input.storageType } : {}),
      targets,
    });
  }
  return { ok: true, inputs, raw: record.inputs };
}

/** The documents a started translation holds: per input, per source document, per target. */
export function planDocuments(inputs: readonly StartInput[], settings: AzureStartSettings): PlannedDocument[] {
  const timeline = settings.timeline ?? DEFAULT_TIMELINE;
  const failing = new Set(settings.failDocuments ?? []);
  const documents: PlannedDocument[] = [];
  for (const input of inputs) {
    const single = input.storageType === 'File';
    const count = single ? 1 : (settings.documentsPerSource ?? 3);
    for (let k = 0; k < count; k++) {
      const name = `${input.prefix ?? ''}document-${k + 1}${input.suffix ?? '.txt'}`;
      const sourcePath = single ? input.sourceUrl : joinPath(input.sourceUrl, name);
      for (const target of input.targets) {
        const fails = failing.has(documents.length);
        const document: PlannedDocument = {
          id: globalThis.crypto.randomUUID(),
          status: fails ? { ...timeline, statuses: [...timeline.statuses.slice(0, -1), 'Failed'] } : timeline,
          sourcePath,
          path: joinPath(target.targetUrl, single ? (lastSegment(input.sourceUrl) ?? name) : name),
          to: target.language,
        };
        if (fails) document.error = settings.failure ?? DEFAULT_FAILURE;
        documents.push(document);
      }
    }
  }
  return documents;
}

/** The `Operation-Location` of a new translation. */
export function operationLocation(
  origin: string,
  pathname: string,
  generation: AzureApiGeneration,
  translationId: string,
  form: AzureStartSettings['operationLocation'],
): string {
  if (form === 'operation') {
    const prefix = pathname.slice(0, pathname.indexOf('/translator/'));
    return `${origin}${prefix}/translator/text/batch/v1.0/operation/${translationId.toUpperCase()}`;
  }
  const base = `${origin}${pathname.replace(/\/$/, '')}/${translationId}`;
  return generation === '2024-05-01' ? `${base}?api-version=2024-05-01` : base;
}

/** `base/name`, keeping a SAS query on the end of the URL. */
function joinPath(base: string, name: string): string {
  try {
    const url = new URL(base);
    url.pathname = `${url.pathname.replace(/\/$/, '')}/${name}`;
    return url.toString();
  } catch {
    return `${base.replace(/\/$/, '')}/${name}`;
  }
}

function lastSegment(url: string): string | undefined {
  try {
    return new URL(url).pathname.split('/').filter(Boolean).at(-1);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
