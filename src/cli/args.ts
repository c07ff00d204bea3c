/**
 * Command-line parsing over `node:util` `parseArgs` (strict: an unknown flag is a
 * usage error), with the value parsers the commands share: durations, positive
 * integers, one of a list.
 */
import { createRequire } from 'node:module';
import { UsageError } from './exit';

/**
 * `parseArgs` through `require`, not `import`: an ES import of `node:util` builds
 * its ES facade, which evaluates every lazy export (`TextDecoder` alone pulls in
 * the assertion differ and colour support), about 10 ms of the bin's start.
 */
const { parseArgs } = createRequire(import.meta.url)('node:util') as typeof import('node:util');

/** One flag of a command. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The value's placeholder in help texts (string flags). */
  readonly value?: string;
  /**
   * A string flag whose values are `true` and `false`: given bare (`--flag` and then
   * anything but `true` or `false`, or nothing), it means `true`, as a switch does,
   * instead of taking the next argument (an id) as its value.
   */
  readonly trueWhenBare?: boolean;
  readonly description: string;
}

/** What `parse` returns: flag values by name (as given) and the positional arguments. */
export interface ParsedArgs {
  readonly flags: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Flags that look like they carry a secret. docindex never takes a key from a flag
 * (it would land in shell history and in every process listing), so these get a
 * message saying where keys come from instead of "unknown option".
 */
const SECRET_FLAG =
  /^--(?:[\w-]*-)?(?:key|secret|token|password|credentials?|access-key-id|secret-access-key)(?:-[\w-]*)?(?:=|$)/i;

/**
 * Parses `args` against `flags`; throws a one-line `UsageError` for an unknown
 * flag, a missing value or a flag that would carry a secret.
 */
export function parse(args: readonly string[], flags: Readonly<Record<string, FlagSpec>>, command: string): ParsedArgs {
  const end = args.indexOf('--');
  for (const arg of end === -1 ? args : args.slice(0, end)) {
    const name = arg.replace(/^--/, '').split('=')[0] ?? '';
    if (SECRET_FLAG.test(arg) && !(name in flags)) {
      throw new UsageError(
        `--${name}: keys are never taken from flags; set them in the environment (docindex ${command} --help lists the variables)`,
      );
    }
  }
  const options = Object.fromEntries(
    Object.entries(flags).map(([name, spec]) => [
      name,
      spec.short ? { type: spec.type, short: spec.short } : { type: spec.type },
    ]),
  );
  try {
    const { values, positionals, tokens } = parseArgs({
      args: withBareSwitches(args, flags),
      options,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
    refuseRepeated(tokens, flags);
    return { flags: values as ParsedArgs['flags'], positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${describeParseError(error)} (docindex ${command} --help lists the options)`);
  }
}

/** `args` with each bare `--flag` of a {@link FlagSpec.trueWhenBare} flag written `--flag=true` (before any `--`). */
function withBareSwitches(args: readonly string[], flags: Readonly<Record<string, FlagSpec>>): string[] {
  const out = [...args];
  const end = args.indexOf('--');
  for (let i = 0; i < (end === -1 ? args.length : end); i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (arg.startsWith('--') && flags[arg.slice(2)]?.trueWhenBare && next !== 'true' && next !== 'false') {
      out[i] = `${arg}=true`;
    }
  }
  return out;
}

/**
 * A value flag given twice kept only its last value (`list --status failed --status
 * pending` listed the pending ones alone; two `--index-id` used the second): refused.
 */
function refuseRepeated(
  tokens: ReadonlyArray<{ kind: string; name?: string; value?: string | undefined }>,
  flags: Readonly<Record<string, FlagSpec>>,
): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined || flags[token.name]?.type !== 'string') continue;
    if (seen.has(token.name)) {
      const list = token.name === 'status' ? ' (several statuses go in one, comma-separated: failed,partial)' : '';
      throw new UsageError(`--${token.name} is given twice; give it once${list}`);
    }
    seen.add(token.name);
  }
}

/** parseArgs's messages are several sentences long; the CLI says one thing. */
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? '')?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      // "Option '-x, --flag <value>' argument missing", "Option '--flag' argument is
      // ambiguous" (the next word starts with a dash), "Option '--flag' does not take an argument".
      const flag = (quoted ?? 'an option').replace(/\s*<value>.*$/, '').replace(/^-\w, /, '');
      if (/does not take an argument/.test(message ?? '')) return `${flag} takes no value`;
      // Ambiguous: the next word starts with a dash, a flag forgotten or a value such as -1.
      return /ambiguous/.test(message ?? '')
        ? `${flag} needs a value; one that starts with - is written ${flag}=VALUE`
        : `${flag} needs a value`;
    }
    default:
      return message?.split('\n')[0] ?? 'invalid arguments';
  }
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `15m`, `90s`, `1.5h`, `250ms`; a bare number is seconds. */
export function parseDuration(value: string, flag: string): number {
  const match = DURATION.exec(value.trim());
  if (!match) throw new UsageError(`${flag}: expected a duration such as 30s, 15m or 1h, got ${JSON.stringify(value)}`);
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS];
  if (!Number.isFinite(ms) || ms > 2_147_483_647) throw new UsageError(`${flag}: at most 24 days`);
  return Math.round(ms);
}

/** A whole number between `min` and `max`. */
export function parseInteger(value: string, flag: string, min: number, max: number): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`${flag}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** One of `choices`. */
export function parseChoice<T extends string>(value: string, flag: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    const expected = choices.length > 2 ? `one of ${choices.join(', ')}` : choices.join(' or ');
    throw new UsageError(`${flag}: expected ${expected}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}
