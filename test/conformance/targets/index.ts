/**
 * Every provider's conformance targets, keyed by the registry's names: a provider
 * added to `src/providers/registry.ts` without a target here is a compile error.
 * Free of vitest, so the reliability suite's fresh-process fixture imports it too.
 */
import type { KnownProviderName } from '../../../src/index';
import type { ConformanceTarget } from '../harness';
import { targets as azure } from './azure';
import { target as bedrock } from './bedrock';
import { target as kendra } from './kendra';
import { target as naver } from './naver';

export const TARGETS_BY_PROVIDER: Readonly<Record<KnownProviderName, readonly ConformanceTarget[]>> = {
  kendra: [kendra],
  bedrock: [bedrock],
  azure,
  naver: [naver],
};
