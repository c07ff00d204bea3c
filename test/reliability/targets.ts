/**
 * Every adapter of the conformance suite, as rows of the reliability matrix.
 * Free of vitest, so the fresh-process fixture can import it too.
 */
import { PROVIDER_NAMES } from '../../src/providers/registry';
import type { ConformanceTarget } from '../conformance/harness';
import { TARGETS_BY_PROVIDER } from '../conformance/targets/index';

export { FAST_RETRY } from '../conformance/harness';

/** One row of the matrix: a conformance target and a readable name. */
export interface NamedTarget {
  name: string;
  target: ConformanceTarget;
}

/** Every adapter, Azure for both URL generations. */
export const TARGETS: readonly NamedTarget[] = PROVIDER_NAMES.flatMap((provider) =>
  TARGETS_BY_PROVIDER[provider].map((target) => ({ name: target.name, target })),
);

/** Ids `from`..`from + n - 1` of a target. */
export function idsOf(target: ConformanceTarget, n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => target.makeId(from + i));
}
