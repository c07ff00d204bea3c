/**
 * The name an adapter declares for itself: `'kendra'`, `'bedrock'`, `'azure'` and
 * `'naver'` for the adapters this package ships (`KnownProviderName`), any other
 * string for an adapter of your own. The contract does not list the providers.
 */
export type ProviderName = string;

/**
 * One status vocabulary for every provider. Each adapter maps its raw values into
 * this union and keeps the raw value beside it (`DocumentStatus.providerStatus`).
 */
export type IndexStatus =
  /** Accepted, work not started. */
  | 'pending'
  /** Work under way. */
  | 'processing'
  /** Done; the document is usable. */
  | 'succeeded'
  /** Done, but only partly (some content or metadata missing). */
  | 'partial'
  /** Done, failed. */
  | 'failed'
  | 'cancelling'
  | 'cancelled'
  | 'deleting'
  | 'deleted'
  | 'not_found'
  /** The provider chose not to process the document. */
  | 'ignored'
  /** A provider value this version does not know. Never thrown on. */
  | 'unknown';

/** All twelve statuses, in lifecycle order. */
export const INDEX_STATUSES: readonly IndexStatus[] = Object.freeze([
  'pending',
  'processing',
  'succeeded',
  'partial',
  'failed',
  'cancelling',
  'cancelled',
  'deleting',
  'deleted',
  'not_found',
  'ignored',
  'unknown',
] as const);

const TERMINAL: ReadonlySet<IndexStatus> = new Set<IndexStatus>([
  'succeeded',
  'partial',
  'failed',
  'cancelled',
  'deleted',
  'not_found',
  'ignored',
]);

/**
 * True when no further change is expected without a new request:
 * `succeeded partial failed cancelled deleted not_found ignored`.
 * `unknown` is not terminal, so `waitFor` keeps polling a value it cannot read.
 */
export function isTerminal(status: IndexStatus): boolean {
  return TERMINAL.has(status);
}

/** True only for `succeeded`. */
export function isSuccess(status: IndexStatus): boolean {
  return status === 'succeeded';
}

/** True when `value` is one of the twelve statuses. */
export function isIndexStatus(value: unknown): value is IndexStatus {
  return typeof value === 'string' && (INDEX_STATUSES as readonly string[]).includes(value);
}
