import type { DocumentAttribute, DocumentInfo } from '@aws-sdk/client-kendra';
import { isPlainObject, requireString } from '../../core/validate';
import { validationError } from '../../spec/errors';

/**
 * A Kendra document to look up. Documents of a custom data source may need the
 * status-lookup attributes Kendra documents: the data source id together with
 * the sync job execution id (both or neither), and, with those two, the document
 * version. The model's `DocumentInfo` names them only informally ("version,
 * datasourceId, jobExecutionId") and defines no key strings; they are sent under
 * the reserved attribute names Kendra's developer guide gives a custom data
 * source's documents (`_data_source_id`, `_data_source_sync_job_execution_id`)
 * and its reserved `_version`. Which spelling the service reads for a status
 * lookup is not stated anywhere official: check it against a live index.
 */
export interface KendraDocumentRef {
  /** The document id (1-2048 characters). */
  id: string;
  /** Sent as the `_data_source_id` attribute (1-100 characters, `[a-zA-Z0-9][a-zA-Z0-9_-]*`). */
  dataSourceId?: string | undefined;
  /** Sent as `_data_source_sync_job_execution_id`; only together with `dataSourceId`. */
  dataSourceSyncJobExecutionId?: string | undefined;
  /** Sent as the `_version` attribute; only with `dataSourceId` and `dataSourceSyncJobExecutionId` (Kendra ignores it alone). */
  version?: string | undefined;
}

/** What `createKendraIndex` clients accept: a document id, or a ref with lookup attributes. */
export type KendraRef = string | KendraDocumentRef;

/** A validated ref: its id and the `DocumentInfo` sent for it. */
export interface NormalizedKendraRef {
  id: string;
  info: DocumentInfo;
}

const DATA_SOURCE_ID = {
  min: 1,
  max: 100,
  pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
  patternText: '[a-zA-Z0-9][a-zA-Z0-9_-]*',
};
/** Attribute string values are at most 2048 characters. */
const ATTRIBUTE_VALUE = { min: 1, max: 2048 };
const DOCUMENT_ID = { min: 1, max: 2048 };

/** Validates a ref and builds its `DocumentInfo`; throws a `validation` error naming the field. */
export function normalizeKendraRef(ref: unknown, field: string): NormalizedKendraRef {
  if (typeof ref === 'string') {
    return { id: requireString(ref, field, DOCUMENT_ID), info: { DocumentId: ref } };
  }
  if (!isPlainObject(ref)) {
    throw validationError(field, 'expected a document id string or an object with an `id`');
  }
  const id = requireString(ref.id, `${field}.id`, DOCUMENT_ID);
  const attributes: DocumentAttribute[] = [];
  const { dataSourceId, dataSourceSyncJobExecutionId, version } = ref;
  if (dataSourceId !== undefined) {
    const value = requireString(dataSourceId, `${field}.dataSourceId`, DATA_SOURCE_ID);
    attributes.push(stringAttribute('_data_source_id', value));
  }
  if (dataSourceSyncJobExecutionId !== undefined) {
    const value = requireString(dataSourceSyncJobExecutionId, `${field}.dataSourceSyncJobExecutionId`, ATTRIBUTE_VALUE);
    attributes.push(stringAttribute('_data_source_sync_job_execution_id', value));
  }
  // Kendra reads the two together: one without the other finds nothing.
  if ((dataSourceId === undefined) !== (dataSourceSyncJobExecutionId === undefined)) {
    const missing = dataSourceId === undefined ? 'dataSourceId' : 'dataSourceSyncJobExecutionId';
    throw validationError(
      `${field}.${missing}`,
      'dataSourceId and dataSourceSyncJobExecutionId must be given together',
    );
  }
  if (version !== undefined) {
    const value = requireString(version, `${field}.version`, ATTRIBUTE_VALUE);
    // The model's DocumentInfo: "version is ignored if dataSourceId and
    // jobExecutionId are not provided". Sent alone it would silently ask for
    // whichever version Kendra holds, so it is refused instead.
    if (dataSourceId === undefined) {
      throw validationError(
        `${field}.version`,
        'a version is only looked up together with dataSourceId and dataSourceSyncJobExecutionId',
      );
    }
    attributes.push(stringAttribute('_version', value));
  }
  const info: DocumentInfo = { DocumentId: id };
  if (attributes.length > 0) info.Attributes = attributes;
  return { id, info };
}

function stringAttribute(key: string, value: string): DocumentAttribute {
  return { Key: key, Value: { StringValue: value } };
}
