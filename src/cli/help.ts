/**
 * The help texts, built from the command table and the providers' CLI parts, so
 * every flag and variable that exists is listed and nothing listed is missing.
 */
import { PROVIDER_NAMES, PROVIDERS } from '../providers/registry';
import type { FlagSpec } from './args';
import type { Command } from './command';
import { SHARED_SETTINGS } from './connect';
import { PROVIDER_CLI } from './providers/index';

/** `--json`, `--quiet`, `--help`: taken by every command. */
export const OUTPUT_FLAGS = {
  json: { type: 'boolean', description: 'one JSON object per document on stdout (NDJSON), nothing else there' },
  quiet: { type: 'boolean', short: 'q', description: 'no messages, summaries or progress on stderr (errors still)' },
  help: { type: 'boolean', short: 'h', description: 'this help' },
} as const satisfies Record<string, FlagSpec>;

const EXIT_CODES = [
  '0    every document succeeded, or the command did its job',
  '1    some document failed, was not found or landed in errors; or the call failed',
  '2    usage or validation error (one line says what; nothing was sent, unless the provider refused it as invalid)',
  '3    wait timed out',
  '130  interrupted (Ctrl-C); 143 stopped by SIGTERM',
];

type Row = readonly [string, string];

/** Rows as two aligned columns (the first `width` wide); a first cell too wide for it gets a line of its own. */
function table(rows: readonly Row[], width = Math.min(28, Math.max(...rows.map(([left]) => left.length)))): string[] {
  return rows.map(([left, right]) =>
    left.length > width
      ? `  ${left}\n  ${' '.repeat(width + 2)}${right}`
      : `  ${left.padEnd(width)}  ${right}`.trimEnd(),
  );
}

const flagCell = (name: string, spec: { short?: string; type?: string; value?: string }) =>
  `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type !== 'boolean' && spec.value ? ` ${spec.value}` : ''}`;

function flagRows(flags: Readonly<Record<string, FlagSpec>>): Row[] {
  return Object.entries(flags).map(([name, spec]) => [flagCell(name, spec), spec.description]);
}

/**
 * The provider settings: the shared ones, then each provider's, each flag with the
 * variable that stands in for it.
 */
function providerSection(): string[] {
  const envs = [
    ...Object.values(SHARED_SETTINGS).map(({ env }) => env || '-'),
    ...PROVIDERS.flatMap(({ name }) => PROVIDER_CLI[name].settings.map((spec) => spec.env.join(', ') || '-')),
  ];
  // The variable column is as wide as its longest name, and two spaces more.
  const envWidth = Math.max(...envs.map((env) => env.length)) + 2;
  const row = (flag: string, value: string, env: string, description: string): [string, string] => [
    `--${flag} ${value}`,
    `${env.padEnd(envWidth)}${description}`,
  ];
  const groups: Array<[string, Row[]]> = [
    [
      '',
      Object.values(SHARED_SETTINGS).map(({ flag, value, env, description }) =>
        row(flag, value, env || '-', description),
      ),
    ],
    ...PROVIDERS.map(({ name, title }): [string, Row[]] => [
      `${name} (${title}):`,
      PROVIDER_CLI[name].settings.map((spec) =>
        row(spec.flag, spec.value, spec.env.join(', ') || '-', spec.description),
      ),
    ]),
  ];
  const width = Math.max(...groups.flatMap(([, rows]) => rows.map(([left]) => left.length)));
  const lines = [`Provider options:${' '.repeat(Math.max(1, width - 13))}${'variable'.padEnd(envWidth)}what`];
  for (const [heading, rows] of groups) lines.push(...(heading ? ['', `  ${heading}`] : []), ...table(rows, width));
  return lines;
}

/** The variables that have no flag: keys, the SDKs' own, colour. */
function environmentSection(): string[] {
  const rows: Row[] = [];
  for (const name of PROVIDER_NAMES) {
    for (const secret of PROVIDER_CLI[name].secrets) rows.push([secret.env, `${name}: ${secret.description}`]);
  }
  const sdk = new Map<string, { providers: string[]; description: string }>();
  for (const name of PROVIDER_NAMES) {
    for (const variable of PROVIDER_CLI[name].sdkVariables) {
      const known = sdk.get(variable.name);
      if (known) known.providers.push(name);
      else sdk.set(variable.name, { providers: [name], description: variable.description });
    }
  }
  for (const [variable, { providers, description }] of sdk)
    rows.push([variable, `${providers.join(', ')}: ${description}`]);
  rows.push(['NO_COLOR, FORCE_COLOR', 'no colour / colour even when piped (FORCE_COLOR=0: none)']);
  return [
    'Keys come from the environment or the SDKs\u2019 own credential chains, never from flags (they would land in',
    'shell history and process lists). Variables without a flag:',
    ...table(rows),
  ];
}

/** Every environment variable `docindex` reads or has its SDKs read, for tests and the README. */
export function environmentVariables(): string[] {
  const names: string[] = Object.values(SHARED_SETTINGS).flatMap(({ env }) => (env ? [env] : []));
  for (const name of PROVIDER_NAMES) {
    const cli = PROVIDER_CLI[name];
    names.push(...cli.settings.flatMap((spec) => spec.env), ...cli.secrets.map((secret) => secret.env));
    names.push(...cli.sdkVariables.map((variable) => variable.name));
  }
  return [...new Set([...names, 'NO_COLOR', 'FORCE_COLOR'])];
}

const RESULTS = [
  'Results go to stdout (a table on a terminal, tab-separated lines otherwise, NDJSON with --json);',
  'messages, summaries and progress to stderr.',
];

/** `docindex --help`. */
export function mainHelp(commands: readonly Command[], version: string): string {
  return [
    `docindex ${version}: where your documents are in Amazon Kendra, Amazon Bedrock knowledge bases,`,
    'Azure AI Document Translation and NAVER Cloud RAG.',
    '',
    'Usage: docindex <command> [options]       (docindex <command> --help: its own options)',
    '',
    'Commands:',
    ...table(commands.map((command) => [`${command.name} ${command.usage}`.trim(), command.summary])),
    '',
    'Ids (and the paths of put) may also come on standard input, one per line: pass - as an argument.',
    '',
    ...providerSection(),
    '',
    'Output options:',
    ...table([...flagRows(OUTPUT_FLAGS), ['--version', 'the version']]),
    '',
    ...environmentSection(),
    '',
    'Exit codes:',
    ...EXIT_CODES.map((line) => `  ${line}`),
    '',
    ...RESULTS,
    '',
  ].join('\n');
}

/** `docindex <command> --help`. */
export function commandHelp(command: Command): string {
  const lines = [
    `Usage: docindex ${command.name} ${command.usage ? `${command.usage} ` : ''}[options]`,
    '',
    `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.notes ?? []),
  ];
  const own = command.connects
    ? command.flags
    : { ...command.flags, quiet: OUTPUT_FLAGS.quiet, help: OUTPUT_FLAGS.help };
  if (Object.keys(own).length > 0) lines.push('', 'Options:', ...table(flagRows(own)));
  if (command.connects) {
    lines.push('', ...providerSection());
    lines.push('', 'Output options:', ...table(flagRows(OUTPUT_FLAGS)));
    lines.push('', ...environmentSection(), '', ...RESULTS);
  }
  lines.push('', 'Exit codes:', ...(command.exitCodes ?? EXIT_CODES).map((line) => `  ${line}`), '');
  return lines.join('\n');
}
