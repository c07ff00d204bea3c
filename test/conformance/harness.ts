import type { ClientOptions, EXTRA_STAGES } from '../../src/core/config';
import type { PipelineStage } from '../../src/core/pipeline';
import type {
  DocumentIndexClient,
  DocumentInput,
  DocumentRef,
  IndexStatus,
  KnownProviderName,
  RetryOptions,
} from '../../src/index';
import type { RunningSimulator, Simulator } from '../../src/testing/index';

/**
 * How the conformance suite drives one adapter against its simulator. One file
 * per provider in `targets/` exports a `target` of this type; the suite picks up
 * every file there, so adding an adapter is one file.
 */
export interface ConformanceTarget {
  /** How test names call this target (the provider, and the variant where it has several). */
  name: string;
  provider: KnownProviderName;
  /** Documents per provider request (10; NAVER 1). */
  batchLimit: number;
  /** Simulator operation names (as `operationOf` returns them), for request counts and fault injection. */
  operations: { status: string; delete?: string; list?: string };
  /** A client pointed at the running simulator's `url`. */
  createClient(
    sim: RunningSimulator,
    config?: ClientOptions & { [EXTRA_STAGES]?: readonly PipelineStage[] },
  ): DocumentIndexClient<DocumentRef>;
  /** A valid id for the i-th document, unique per i. */
  makeId(i: number): string;
  /**
   * Stores documents in the simulator whose raw status follows `statuses`,
   * advancing one step per status read and staying on the last; returns the refs
   * to pass to the client, in the same order.
   */
  seed(sim: Simulator, docs: ReadonlyArray<{ id: string; statuses: readonly string[] }>): DocumentRef[];
  /** Every raw value of the README's status table for this provider, with the union value it maps to. */
  statusTable: ReadonlyArray<readonly [raw: string, status: IndexStatus]>;
  /** A raw status that is not terminal, and one that is (`succeeded`), for waitFor. */
  rawInProgress: string;
  rawDone: string;
  /** Refs the adapter must refuse with `validation` before sending anything. */
  invalidRefs: ReadonlyArray<unknown>;
  /** What `deleteDocuments` reports for an accepted delete (Kendra `deleting`, NAVER `deleted`, Bedrock its own). */
  deletedStatus?: IndexStatus;
  /** Largest page size the listing accepts (where listing is supported). */
  maxPageSize?: number;
  /** How `putDocuments` is driven; absent where the provider has no put call (it then rejects with `unsupported`). */
  put?: PutTarget;
}

/** What the conformance suite needs to know about one provider's put call. */
export interface PutTarget {
  /** The simulator's operation name of the put request (NAVER: the add). */
  operation: string;
  /** Documents per put request (NAVER 1). */
  batchLimit: number;
  /** A valid id for the i-th document put, unique per i. */
  makeId(i: number): string;
  /** The documented size limits, in the unit `content` is counted in (bytes; Bedrock text: characters). */
  bytesPerRequest?: number;
  bytesPerDocument?: number;
  /** The raw status a put document reads once indexed (Kendra: `INDEXED`, or `UPDATED` when it replaced one). */
  rawIndexed: readonly string[];
  /** Makes the simulator refuse these documents at put time; returns the provider code a refusal carries. */
  refuse(sim: Simulator, ids: readonly string[]): string;
  /** The documents a put request carried, as ids, from its logged body. */
  idsOf(body: unknown, url: string): string[];
  /** What the request of a retried chunk must repeat (its body; Bedrock: with its clientToken). */
  tokenOf?(body: unknown): string;
}

/** A small text document. */
export function textDocument(id: string, content = `content of ${id}`): DocumentInput {
  return { id, content, contentType: 'text/plain' };
}

/** Fast retries for tests: real backoff code, millisecond delays. */
export const FAST_RETRY: RetryOptions = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 5 };
