/**
 * `docindex <command> ...`: finds the command, parses its flags, runs it, and
 * turns whatever ended it into an exit code and, for an error, one line on stderr.
 */
import { version } from '../../package.json';
import { parse } from './args';
import type { Command, CommandContext } from './command';
import { remove } from './commands/delete';
import { list } from './commands/list';
import { put } from './commands/put';
import { simulate } from './commands/simulate';
import { status } from './commands/status';
import { cancel, translation } from './commands/translation';
import { wait } from './commands/wait';
import { connectionFlags } from './connect';
import { EXIT, type ExitCode, UsageError } from './exit';
import { commandHelp, mainHelp, OUTPUT_FLAGS } from './help';
import { describeError, errorExitCode } from './outcome';
import { colorEnabled, createPalette } from './output/color';
import { printable } from './output/text';

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [status, wait, list, remove, put, translation, cancel, simulate];

/** The flags a command accepts: its own, plus the provider and output flags when it talks to a provider. */
export function flagsOf(command: Command) {
  return command.connects
    ? { ...connectionFlags(), ...OUTPUT_FLAGS, ...command.flags }
    : { quiet: OUTPUT_FLAGS.quiet, help: OUTPUT_FLAGS.help, ...command.flags };
}

/** Runs `docindex` with `args` (argv without node and the script); resolves to the exit code. */
export async function run(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { io } = context;
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const command = COMMANDS.find((candidate) => candidate.name === rest[0]);
    io.stdout.write(command && name === 'help' ? commandHelp(command) : mainHelp(COMMANDS, version));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    io.stdout.write(`${version}\n`);
    return EXIT.ok;
  }
  const palette = createPalette(colorEnabled(io.stderr, io.env));
  const fail = (error: unknown): ExitCode => {
    // Provider and file text goes into this line: escaped, so that it stays one line and cannot act on the terminal.
    io.stderr.write(`${palette.red('docindex:')} ${printable(describeError(error))}\n`);
    return errorExitCode(error);
  };
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    return fail(
      new UsageError(`unknown command ${JSON.stringify(name)} (commands: ${COMMANDS.map((c) => c.name).join(', ')})`),
    );
  }
  try {
    const parsed = parse(rest, flagsOf(command), command.name);
    if (parsed.flags.help === true) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run(parsed, context);
  } catch (error) {
    if (context.interrupt.aborted && errorExitCode(error) === EXIT.interrupted) {
      io.stderr.write(`${palette.red('docindex:')} interrupted\n`);
      return EXIT.interrupted;
    }
    return fail(error);
  }
}
