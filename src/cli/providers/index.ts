/**
 * The command line's part of every registered provider. Typed against the
 * registry: a provider added to `src/providers/registry.ts` without its entry here
 * is a compile error.
 */
import type { KnownProviderName } from '../../providers/registry';
import { azure } from './azure';
import { bedrock } from './bedrock';
import { kendra } from './kendra';
import { naver } from './naver';
import type { ProviderCli, SettingSpec } from './types';

export const PROVIDER_CLI = { kendra, bedrock, azure, naver } as const satisfies Record<KnownProviderName, ProviderCli>;

/** The flags of every provider, each once, with the providers that take it. */
export function providerFlags(): Map<string, { spec: SettingSpec; providers: KnownProviderName[] }> {
  const flags = new Map<string, { spec: SettingSpec; providers: KnownProviderName[] }>();
  for (const [name, cli] of Object.entries(PROVIDER_CLI) as Array<[KnownProviderName, ProviderCli]>) {
    for (const spec of cli.settings) {
      const known = flags.get(spec.flag);
      if (known) known.providers.push(name);
      else flags.set(spec.flag, { spec, providers: [name] });
    }
  }
  return flags;
}
