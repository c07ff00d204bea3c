/**
 * What `simulate` prints for each seeded scope: a `docindex wait` command line that
 * reaches it (flags, with the placeholder credentials in front), the same through
 * the environment, and for the AWS providers the AWS CLI command.
 */
import type { KnownProviderName } from '../../providers/registry';
import { documentCount } from '../output/format';
import { printable } from '../output/text';
import { PROVIDER_CLI } from '../providers/index';
import { MAX_IDS_SHOWN, shellQuote } from '../providers/shared';
import type { SeedScope } from '../providers/types';

// Defined with the providers (their AWS CLI lines quote too); re-exported for the CLI tests that import it here.
export { shellQuote };

const assignments = (variables: Readonly<Record<string, string>>) =>
  Object.entries(variables)
    .map(([name, value]) => `${name}=${shellQuote(value)}`)
    .join(' ');

/** The lines about one scope of one provider on the simulator at `url`. */
export function scopeInstructions(provider: KnownProviderName, url: string, seed: SeedScope): string[] {
  const cli = PROVIDER_CLI[provider];
  const pointer = cli.simulator.point(url, seed);
  const flagOf = (option: string) => cli.settings.find((spec) => spec.option === option)?.flag ?? option;
  const scopeFlags = cli.simulator.scope.map((option) => `--${flagOf(option)} ${shellQuote(seed.scope[option] ?? '')}`);
  const extraFlags = Object.entries(pointer.flags).map(([option, value]) => `--${flagOf(option)} ${shellQuote(value)}`);
  const ids = seed.documents.slice(0, MAX_IDS_SHOWN).map((document) => shellQuote(document.id));
  const more = seed.documents.length > MAX_IDS_SHOWN ? `  (and ${seed.documents.length - MAX_IDS_SHOWN} more ids)` : '';
  const scopeText = cli.simulator.scope.map((option) => `${flagOf(option).replace(/-id$/, '')} ${seed.scope[option]}`);
  const count = documentCount(seed.documents.length);
  const lines = [
    `${provider}: ${scopeText.join(', ')}, ${count}`,
    `  ${assignments(pointer.credentials)} npx docindex wait --provider ${provider} --endpoint ${url} ${[...extraFlags, ...scopeFlags].join(' ')} ${ids.join(' ')}${more}`,
    `  or: export ${assignments({ DOCINDEX_PROVIDER: provider, ...pointer.env, ...pointer.credentials })}`,
    `      npx docindex status ${ids.join(' ')}${more}`,
  ];
  if (pointer.awsCli) lines.push(`  AWS CLI: ${assignments(pointer.credentials)} ${pointer.awsCli}`);
  // A seed's control character printed raw would act on the terminal: shown escaped, as every other line shows it.
  // Such a line no longer runs as printed; the note says so.
  const shown = lines.map(printable);
  if (shown.some((line, i) => line !== lines[i])) {
    shown.push('  (an id or setting above holds control characters, shown escaped: these lines do not run as printed)');
  }
  return shown;
}
