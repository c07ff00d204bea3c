import { describe, isPlainObject, requireString } from '../../core/validate';
import { validationError } from '../../spec/errors';
import type { AzureApiVersion } from './options';

/*
 * The start request's body, `StartTranslationDetails`, as both API versions'
 * specs define it (Azure/azure-rest-api-specs; test/fixtures/official/azure/
 * 2024-05-01.json and v1.1.json): `{ inputs: BatchRequest[] }`, `inputs`
 * required. `BatchRequest`: `source` and `targets` required, `storageType`
 * `Folder` | `File`. `SourceInput`: `sourceUrl` required, `filter` { prefix,
 * suffix }, `language`, `storageSource` `AzureBlob`. `TargetInput`: `targetUrl`
 * and `language` required, `category`, `glossaries`, `storageSource`; v1.1 also
 * `options` { pdfOutputAdditionalFormat `None` | `OpenXmlWord` }. `Glossary`:
 * `glossaryUrl` and `format` required, `version`, `storageSource`. The specs set
 * no lengths or counts; their prose says "The targetUrl for each target
 * language must be unique". Ours: at least one input and one target per input
 * (a translation of nothing, or into nothing, has nothing to do), URLs absolute
 * http(s), no member the spec does not define (a misspelt one would be dropped
 * by the service without a word).
 */

/** Which documents of the source are translated (case-sensitive). */
export interface AzureDocumentFilter {
  /** Only documents whose path after the container starts with this (e.g. a folder). */
  prefix?: string | undefined;
  /** Only documents whose path ends with this (e.g. `.docx`). */
  suffix?: string | undefined;
}

/** Where the documents to translate are. */
export interface AzureSourceInput {
  /** The container (folder) or single file, usually a SAS URL. */
  sourceUrl: string;
  filter?: AzureDocumentFilter | undefined;
  /** The source language; Azure detects it when absent. */
  language?: string | undefined;
  storageSource?: 'AzureBlob' | undefined;
}

/** A glossary (translation memory) applied to a target. */
export interface AzureGlossary {
  glossaryUrl: string;
  /** The glossary's format, e.g. `XLIFF`, `TSV` (required by the spec). */
  format: string;
  version?: string | undefined;
  storageSource?: 'AzureBlob' | undefined;
}

/** Where translated documents go, and in which language. */
export interface AzureTargetInput {
  /** The destination container; unique per target. */
  targetUrl: string;
  /** The target language, e.g. `fr`. */
  language: string;
  /** A custom translator category. */
  category?: string | undefined;
  glossaries?: AzureGlossary[] | undefined;
  storageSource?: 'AzureBlob' | undefined;
  /** API version `v1.1` only. */
  options?: { pdfOutputAdditionalFormat?: 'None' | 'OpenXmlWord' | undefined } | undefined;
}

/** One input of a translation (the REST API's `BatchRequest`), camel-cased as on the wire. */
export interface AzureTranslationInput {
  source: AzureSourceInput;
  targets: AzureTargetInput[];
  /** `Folder` (the default in practice) or `File` (a single document). */
  storageType?: 'Folder' | 'File' | undefined;
}

/** Checks `inputs` for one API version and returns the body's `inputs`, holding only the members the spec defines. */
export function validateTranslationInputs(value: unknown, apiVersion: AzureApiVersion): AzureTranslationInput[] {
  if (!Array.isArray(value)) throw validationError('inputs', `expected an array of inputs, got ${describe(value)}`);
  if (value.length === 0) throw validationError('inputs', 'a translation needs at least one input');
  // `Array.from`, not `map`: a hole of a sparse array is read (and refused) as undefined, not skipped into the body.
  return Array.from(value, (input, i) => readInput(input, `inputs[${i}]`, apiVersion));
}

function readInput(value: unknown, field: string, apiVersion: AzureApiVersion): AzureTranslationInput {
  const input = members(value, field, ['source', 'targets', 'storageType']);
  const targets = input.targets;
  if (!Array.isArray(targets)) {
    throw validationError(`${field}.targets`, `expected an array of targets, got ${describe(targets)}`);
  }
  if (targets.length === 0) throw validationError(`${field}.targets`, 'an input needs at least one target');
  const read: AzureTranslationInput = {
    source: readSource(input.source, `${field}.source`),
    targets: Array.from(targets, (target, i) => readTarget(target, `${field}.targets[${i}]`, apiVersion)),
  };
  const seen = new Map<string, number>();
  read.targets.forEach((target, i) => {
    const first = seen.get(target.targetUrl);
    if (first !== undefined) {
      throw validationError(
        `${field}.targets[${i}].targetUrl`,
        `repeats the targetUrl of targets[${first}]; each target needs its own`,
      );
    }
    seen.set(target.targetUrl, i);
  });
  if (input.storageType !== undefined)
    read.storageType = oneOf(input.storageType, `${field}.storageType`, ['Folder', 'File'] as const);
  return read;
}

function readSource(value: unknown, field: string): AzureSourceInput {
  const source = members(value, field, ['sourceUrl', 'filter', 'language', 'storageSource']);
  const read: AzureSourceInput = { sourceUrl: url(source.sourceUrl, `${field}.sourceUrl`) };
  if (source.filter !== undefined) {
    const filter = members(source.filter, `${field}.filter`, ['prefix', 'suffix']);
    read.filter = {};
    if (filter.prefix !== undefined) read.filter.prefix = requireString(filter.prefix, `${field}.filter.prefix`, {});
    if (filter.suffix !== undefined) read.filter.suffix = requireString(filter.suffix, `${field}.filter.suffix`, {});
  }
  if (source.language !== undefined) read.language = language(source.language, `${field}.language`);
  if (source.storageSource !== undefined)
    read.storageSource = storageSource(source.storageSource, `${field}.storageSource`);
  return read;
}

function readTarget(value: unknown, field: string, apiVersion: AzureApiVersion): AzureTargetInput {
  const allowed = ['targetUrl', 'language', 'category', 'glossaries', 'storageSource'];
  if (apiVersion === 'v1.1') allowed.push('options');
  const target = members(value, field, allowed, apiVersion);
  const read: AzureTargetInput = {
    targetUrl: url(target.targetUrl, `${field}.targetUrl`),
    language: language(target.language, `${field}.language`),
  };
  if (target.category !== undefined) read.category = requireString(target.category, `${field}.category`, {});
  if (target.glossaries !== undefined) {
    if (!Array.isArray(target.glossaries)) {
      throw validationError(
        `${field}.glossaries`,
        `expected an array of glossaries, got ${describe(target.glossaries)}`,
      );
    }
    read.glossaries = Array.from(target.glossaries, (glossary, i) =>
      readGlossary(glossary, `${field}.glossaries[${i}]`),
    );
  }
  if (target.storageSource !== undefined)
    read.storageSource = storageSource(target.storageSource, `${field}.storageSource`);
  if (target.options !== undefined) {
    const options = members(target.options, `${field}.options`, ['pdfOutputAdditionalFormat']);
    read.options = {};
    if (options.pdfOutputAdditionalFormat !== undefined) {
      read.options.pdfOutputAdditionalFormat = oneOf(
        options.pdfOutputAdditionalFormat,
        `${field}.options.pdfOutputAdditionalFormat`,
        ['None', 'OpenXmlWord'] as const,
      );
    }
  }
  return read;
}

function readGlossary(value: unknown, field: string): AzureGlossary {
  const glossary = members(value, field, ['glossaryUrl', 'format', 'version', 'storageSource']);
  const read: AzureGlossary = {
    glossaryUrl: url(glossary.glossaryUrl, `${field}.glossaryUrl`),
    format: requireString(glossary.format, `${field}.format`, { max: 64 }),
  };
  if (glossary.version !== undefined) read.version = requireString(glossary.version, `${field}.version`, {});
  if (glossary.storageSource !== undefined)
    read.storageSource = storageSource(glossary.storageSource, `${field}.storageSource`);
  return read;
}

/** An object holding only the listed members. */
function members(
  value: unknown,
  field: string,
  allowed: readonly string[],
  apiVersion?: string,
): Record<string, unknown> {
  if (!isPlainObject(value)) throw validationError(field, `expected an object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const where = apiVersion ? ` in API version ${apiVersion}` : '';
      throw validationError(`${field}.${key}`, `is not a member the API defines here${where}`);
    }
  }
  return value;
}

/** An absolute http(s) URL. The value is never echoed: a SAS URL carries its signature. */
function url(value: unknown, field: string): string {
  const text = requireString(value, field, { max: 4096 });
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw validationError(field, 'expected an absolute URL (a container or file, usually with a SAS token)');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw validationError(field, 'expected an http(s) URL');
  return text;
}

function language(value: unknown, field: string): string {
  return requireString(value, field, {
    max: 64,
    pattern: /^[A-Za-z0-9-]+$/,
    patternText: 'a language code such as fr or zh-Hans',
  });
}

function storageSource(value: unknown, field: string): 'AzureBlob' {
  return oneOf(value, field, ['AzureBlob'] as const);
}

function oneOf<T extends string>(value: unknown, field: string, values: readonly T[]): T {
  if (typeof value !== 'string' || !values.includes(value as T)) {
    throw validationError(field, `expected one of ${values.join(', ')}`);
  }
  return value as T;
}
