/**
 * The option-name lists each factory hands `refuseMisspelt` must name exactly the
 * options of its interface: an option missing from a list would be refused as a
 * misspelling of one it resembles, and a name in a list that is no option would
 * let its misspellings through. The checks are types, so `tsc` (CI's typecheck)
 * fails when an interface and its list part; the tests below keep each list free
 * of repeats.
 */
import { describe, expect, it } from 'vitest';
import type { ClientOptions } from '../../../src/core/config';
import { CALL_OPTIONS, CLIENT_OPTIONS } from '../../../src/core/validate';
import { AZURE_OPTIONS, type AzureTranslationIndexOptions } from '../../../src/providers/azure/options';
import { START_AZURE_OPTIONS, type StartAzureTranslationOptions } from '../../../src/providers/azure/start';
import { BEDROCK_OPTIONS, type BedrockIndexOptions } from '../../../src/providers/bedrock/options';
import { KENDRA_OPTIONS, type KendraIndexOptions } from '../../../src/providers/kendra/options';
import { NAVER_OPTIONS, type NaverRagIndexOptions } from '../../../src/providers/naver/options';
import type { CallOptions } from '../../../src/spec/client';

/** `true` when `Names` lists every key of `Options` and nothing else; otherwise the keys that differ. */
type Exactly<Options, Names extends readonly string[]> = [
  Exclude<keyof Options, Names[number]> | Exclude<Names[number], keyof Options>,
] extends [never]
  ? true
  : Exclude<keyof Options, Names[number]> | Exclude<Names[number], keyof Options>;

// Each line fails to compile, naming the keys that differ, when a list and its interface part.
const complete: Record<string, true> = {
  client: true satisfies Exactly<ClientOptions, typeof CLIENT_OPTIONS>,
  call: true satisfies Exactly<CallOptions, typeof CALL_OPTIONS>,
  kendra: true satisfies Exactly<KendraIndexOptions, typeof KENDRA_OPTIONS>,
  bedrock: true satisfies Exactly<BedrockIndexOptions, typeof BEDROCK_OPTIONS>,
  azure: true satisfies Exactly<AzureTranslationIndexOptions, typeof AZURE_OPTIONS>,
  startAzure: true satisfies Exactly<StartAzureTranslationOptions, typeof START_AZURE_OPTIONS>,
  naver: true satisfies Exactly<NaverRagIndexOptions, typeof NAVER_OPTIONS>,
};

const LISTS: Record<string, readonly string[]> = {
  client: CLIENT_OPTIONS,
  call: CALL_OPTIONS,
  kendra: KENDRA_OPTIONS,
  bedrock: BEDROCK_OPTIONS,
  azure: AZURE_OPTIONS,
  startAzure: START_AZURE_OPTIONS,
  naver: NAVER_OPTIONS,
};

describe('option-name lists', () => {
  it.each(Object.keys(LISTS))('%s: checked against its interface, and no name twice', (name) => {
    expect(complete[name]).toBe(true);
    const names = LISTS[name] as readonly string[];
    expect(new Set(names).size).toBe(names.length);
  });
});
