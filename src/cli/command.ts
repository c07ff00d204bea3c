/** What a command is: its flags and help, and what it does. */
import type { FlagSpec, ParsedArgs } from './args';
import type { ExitCode } from './exit';
import type { CliIo } from './io';

/** What a command runs with. */
export interface CommandContext {
  readonly io: CliIo;
  /** Aborted on Ctrl-C: commands pass it to their calls, stop cleanly and exit 130. */
  readonly interrupt: AbortSignal;
}

/** One `docindex` command. */
export interface Command {
  readonly name: string;
  /** One line for `docindex --help`. */
  readonly summary: string;
  /** What follows the command name in its usage line, e.g. `<ids...>`. */
  readonly usage: string;
  /** Takes the provider flags (`--provider`, `--index-id`, ...) and the shared `--json` and `--quiet`. */
  readonly connects: boolean;
  readonly flags: Readonly<Record<string, FlagSpec>>;
  /** More lines for `docindex <command> --help`. */
  readonly notes?: readonly string[];
  /** The command's own exit codes for its help, where they are not those of a command over documents. */
  readonly exitCodes?: readonly string[];
  run(args: ParsedArgs, context: CommandContext): Promise<ExitCode>;
}
