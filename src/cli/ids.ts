/**
 * The document ids (or, for `put`, paths) a command works on: its arguments, where
 * `-` stands for standard input, one per line (`find ... | docindex put -`,
 * `jq -r .id failed.ndjson | docindex status -`).
 */
import { UsageError } from './exit';
import type { CliIo } from './io';

/**
 * Every line of standard input without the white space around it (its line ending
 * included: an indented list or a column cut out with spaces gives the ids alone);
 * blank lines are skipped.
 */
async function stdinLines(stdin: CliIo['stdin']): Promise<string[]> {
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text.split('\n').flatMap((line) => {
    const value = line.trim();
    return value === '' ? [] : [value];
  });
}

/**
 * The arguments with `-` replaced by standard input's lines (read once, however
 * often `-` appears). With `ownOutput` (document ids), a line of docindex's own
 * output stands for its id, so `docindex status ... | docindex wait -` works.
 * Throws a `UsageError` when there is nothing at all.
 */
export async function readArguments(
  positionals: readonly string[],
  io: CliIo,
  what: string,
  options: { ownOutput?: boolean } = {},
): Promise<string[]> {
  let stdin: string[] | undefined;
  const out: string[] = [];
  for (const arg of positionals) {
    if (arg !== '-') out.push(arg);
    else if (stdin === undefined) {
      stdin = await stdinLines(io.stdin);
      out.push(...(options.ownOutput ? stdin.map(idOfOutputLine) : stdin));
    }
  }
  if (out.length === 0) {
    throw new UsageError(
      stdin === undefined
        ? `no ${what}: pass them as arguments, or - to read them from standard input, one per line`
        : `no ${what} on standard input`,
    );
  }
  return out;
}

/**
 * The id of a line of docindex's own output: the first field of the tab-separated
 * plain output (`id<TAB>status<TAB>raw<TAB>detail`), or the `id` of an NDJSON object.
 * Any other line is an id as it stands. (An id with a tab in it cannot come this way.)
 */
function idOfOutputLine(line: string): string {
  if (line.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(line);
      const id = (parsed as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id !== '') return id;
    } catch {}
    return line;
  }
  const tab = line.indexOf('\t');
  return tab > 0 ? line.slice(0, tab) : line;
}
