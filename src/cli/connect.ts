/**
 * From flags and environment to a client: which provider, its settings (a flag
 * first, then its variables), the shared options, and the factory call. Every
 * mistake is a one-line `UsageError` naming the flag or variable at fault, raised
 * before anything is sent.
 */
import type { KnownProviderName } from '../providers/registry';
import { PROVIDER_NAMES } from '../providers/registry';
import type { DocumentIndexClient } from '../spec/client';
import { isDocumentIndexError } from '../spec/errors';
import { type FlagSpec, parseInteger } from './args';
import { UsageError } from './exit';
import { PROVIDER_CLI, providerFlags } from './providers/index';
import { INSECURE_CONNECTION_SETTING } from './providers/shared';
import type { InternalOptions, ResolvedSettings } from './providers/types';

/** Settings every provider takes, with the variables that stand in for them. */
export const SHARED_SETTINGS = {
  provider: { flag: 'provider', value: 'NAME', env: 'DOCINDEX_PROVIDER', description: PROVIDER_NAMES.join(', ') },
  endpoint: {
    flag: 'endpoint',
    value: 'URL',
    env: '',
    description: 'where to reach the provider: a simulator, a proxy',
  },
  concurrency: {
    flag: 'concurrency',
    value: 'N',
    env: 'DOCINDEX_CONCURRENCY',
    description: 'requests in flight (default 4)',
  },
  maxAttempts: {
    flag: 'max-attempts',
    value: 'N',
    env: 'DOCINDEX_MAX_ATTEMPTS',
    description: 'attempts per request (default 3)',
  },
} as const;
const SHARED = SHARED_SETTINGS;

/** The flags of every command that talks to a provider (the help describes them, see help.ts). */
export function connectionFlags(): Record<string, FlagSpec> {
  const flags: Record<string, FlagSpec> = {};
  for (const setting of Object.values(SHARED_SETTINGS)) flags[setting.flag] = { type: 'string', description: '' };
  for (const [name, { spec }] of providerFlags()) {
    flags[name] = { type: 'string', description: '', ...(spec.value === 'true|false' ? { trueWhenBare: true } : {}) };
  }
  return flags;
}

/** The first of `names` set to a non-empty value, with its name. */
function fromEnv(env: Readonly<Record<string, string | undefined>>, names: readonly string[]) {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return { value, source: name };
  }
  return undefined;
}

/** The provider a run uses: `--provider`, else DOCINDEX_PROVIDER. */
export function resolveProvider(
  flags: Readonly<Record<string, string | boolean | undefined>>,
  env: Readonly<Record<string, string | undefined>>,
): KnownProviderName {
  const given =
    typeof flags.provider === 'string'
      ? { value: flags.provider, source: '--provider' }
      : fromEnv(env, [SHARED.provider.env]);
  if (given === undefined) {
    throw new UsageError(`no provider: pass --provider ${PROVIDER_NAMES.join('|')} or set ${SHARED.provider.env}`);
  }
  if (!(PROVIDER_NAMES as readonly string[]).includes(given.value)) {
    throw new UsageError(
      `${given.source}: unknown provider ${JSON.stringify(given.value)} (expected ${PROVIDER_NAMES.join(', ')})`,
    );
  }
  return given.value as KnownProviderName;
}

/** A provider's settings from flags and environment, and where each came from (for messages). */
export function resolveSettings(
  provider: KnownProviderName,
  flags: Readonly<Record<string, string | boolean | undefined>>,
  env: Readonly<Record<string, string | undefined>>,
): { settings: ResolvedSettings; sources: Map<string, string> } {
  const cli = PROVIDER_CLI[provider];
  const own = new Set(cli.settings.map((spec) => spec.flag));
  for (const [flag, { providers }] of providerFlags()) {
    if (flags[flag] !== undefined && !own.has(flag) && flag !== 'endpoint') {
      throw new UsageError(`--${flag} is not a ${provider} setting (it is one of ${providers.join(', ')})`);
    }
  }

  const values: Record<string, string | undefined> = {};
  const sources = new Map<string, string>();
  for (const spec of cli.settings) {
    let given =
      typeof flags[spec.flag] === 'string'
        ? { value: flags[spec.flag] as string, source: `--${spec.flag}` }
        : undefined;
    if (spec.endpoint && spec.flag !== 'endpoint' && typeof flags.endpoint === 'string') {
      if (given) throw new UsageError(`--endpoint and --${spec.flag} name the same setting: give one`);
      given = { value: flags.endpoint, source: '--endpoint' };
    }
    given ??= fromEnv(env, spec.env);
    if (given === undefined) {
      if (spec.required) {
        const or = spec.env.length > 0 ? ` (or set ${spec.env.join(' or ')})` : '';
        throw new UsageError(`${provider} needs --${spec.flag}${or}`);
      }
      continue;
    }
    values[spec.option] = given.value;
    sources.set(spec.option, given.source);
  }

  const secrets: Record<string, string | undefined> = {};
  for (const { env: name } of cli.secrets) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      secrets[name] = value;
      sources.set(name, name);
    }
  }

  const integer = (key: keyof typeof SHARED, min: number, max: number) => {
    const { flag, env: name } = SHARED[key];
    const given =
      typeof flags[flag] === 'string' ? { value: flags[flag] as string, source: `--${flag}` } : fromEnv(env, [name]);
    return given === undefined ? undefined : parseInteger(given.value, given.source, min, max);
  };
  const concurrency = integer('concurrency', 1, 256);
  const maxAttempts = integer('maxAttempts', 1, 20);
  return {
    settings: { values, secrets, concurrency, ...(maxAttempts !== undefined && { retry: { maxAttempts } }) },
    sources,
  };
}

/** Names a factory's `validation` field the way the user gave it: `indexId` -> `--index-id`. */
function sourceOfField(field: string, sources: ReadonlyMap<string, string>, provider: KnownProviderName): string {
  const secret = PROVIDER_CLI[provider].secrets[0]?.env;
  if ((field === 'credential' || field.startsWith('credential.') || field === 'apiKey') && secret) return secret;
  if (field === 'concurrency') return sources.get('concurrency') ?? '--concurrency';
  if (field.startsWith('retry')) return '--max-attempts';
  return sources.get(field) ?? field;
}

/**
 * The client for this run's provider; throws a `UsageError` for anything wrong with
 * the settings. `internal` goes to the factory beside them (`put`'s checking client).
 */
export async function connect(
  flags: Readonly<Record<string, string | boolean | undefined>>,
  env: Readonly<Record<string, string | undefined>>,
  internal?: InternalOptions,
): Promise<DocumentIndexClient> {
  const provider = resolveProvider(flags, env);
  const { settings, sources } = resolveSettings(provider, flags, env);
  try {
    return await PROVIDER_CLI[provider].connect(settings, internal);
  } catch (error) {
    if (isDocumentIndexError(error) && error.code === 'validation' && error.field !== undefined) {
      // A factory names its own options; on the command line the flag stands for one.
      const problem = error.message
        .replace(/^Invalid [^:]*:\s*/, '')
        .replace(`${INSECURE_CONNECTION_SETTING.option}: true`, `--${INSECURE_CONNECTION_SETTING.flag} true`);
      throw new UsageError(`${sourceOfField(error.field, sources, provider)}: ${problem}`);
    }
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
      throw new UsageError(`${provider} needs its SDK installed: ${missingPackage(error)}`);
    }
    throw error;
  }
}

/** `npm install @aws-sdk/client-kendra` from Node's "Cannot find package '...'" message. */
function missingPackage(error: unknown): string {
  const name = /Cannot find package '([^']+)'/.exec(String((error as Error).message))?.[1];
  return name ? `npm install ${name}` : 'a package it imports is missing';
}
