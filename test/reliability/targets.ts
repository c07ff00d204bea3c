/**
 * Every adapter of the conformance suite, as rows of the reliability matrix.
 * Free of vitest, so the fresh-process fixture can import it too.
 */
import type { ConformanceTarget } from '../conformance/harness';
import { targets as azureTargets } from '../conformance/targets/azure';
import { target as bedrock } from '../conformance/targets/bedrock';
import { target as kendra } from '../conformance/targets/kendra';
import { target as naver } from '../conformance/targets/naver';

export { FAST_RETRY } from '../conformance/harness';

/** One row of the matrix: a conformance target and a readable name. */
export interface NamedTarget {
  name: string;
  target: ConformanceTarget;
}

/** Every adapter, Azure for both URL generations. */
export const TARGETS: readonly NamedTarget[] = [
  { name: 'kendra', target: kendra },
  { name: 'bedrock', target: bedrock },
  ...azureTargets.map((target, i) => ({ name: `azure ${i === 0 ? '2024-05-01' : 'v1.1'}`, target })),
  { name: 'naver', target: naver },
];

/** Ids `from`..`from + n - 1` of a target. */
export function idsOf(target: ConformanceTarget, n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => target.makeId(from + i));
}
