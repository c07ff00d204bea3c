/**
 * `docindex simulate`: the loopback simulator of `docindex/testing`, seeded from a
 * file or with a built-in sample, with the command lines that reach it, until
 * Ctrl-C. Loads the simulator alone (no msw, no provider SDK).
 */
import { PROVIDER_NAMES } from '../../providers/registry';
import { parseInteger } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../exit';
import { colorEnabled, createPalette } from '../output/color';
import { PROVIDER_CLI } from '../providers/index';
import { scopeInstructions } from '../simulate/instructions';

/** Where `simulate` listens unless told otherwise: a fixed port, so a second terminal can name it. */
export const DEFAULT_PORT = 4599;
/** Requests the simulator's log keeps; older ones are dropped once printed, so a long run stays small. */
const LOG_KEEP = 1000;

export const simulate: Command = {
  name: 'simulate',
  summary: 'runs the loopback simulator of all four providers until Ctrl-C',
  usage: '',
  connects: false,
  flags: {
    port: { type: 'string', value: 'N', description: `port on 127.0.0.1 (default ${DEFAULT_PORT}; 0: any free port)` },
    seed: {
      type: 'string',
      value: 'FILE',
      description: 'documents to serve, a JSON file (default: a built-in sample)',
    },
  },
  notes: [
    'Prints its URL on stdout, then on stderr the command lines that reach each seeded index (flags or environment,',
    'and the AWS CLI with --endpoint-url), then one line per request it answers. Any credentials are accepted.',
    'Documents move one status on per status read, so `docindex wait` watches them finish one after another.',
    'The seed file format is in the README ("Command line").',
  ],
  exitCodes: [
    '0    stopped by Ctrl-C or SIGTERM (it runs until then)',
    '2    usage error: a bad flag or seed file, a port in use (one line says what)',
  ],
  async run({ flags, positionals }, { io, interrupt }) {
    if (positionals.length > 0)
      throw new UsageError(`simulate takes no arguments, got ${JSON.stringify(positionals[0])}`);
    const port = typeof flags.port === 'string' ? parseInteger(flags.port, '--port', 0, 65_535) : DEFAULT_PORT;
    // The seed checks (zod) load with simulate only.
    const { loadSeed, sampleSeed } = await import('../simulate/seed');
    const { seed, notes } =
      typeof flags.seed === 'string' ? await loadSeed(flags.seed) : { seed: sampleSeed(), notes: [] };
    const quiet = flags.quiet === true;
    const palette = createPalette(colorEnabled(io.stderr, io.env));
    const say = (text: string) => {
      if (!quiet) io.stderr.write(`${text}\n`);
    };

    const { startSimulator } = await import('../../testing/server');
    const sim = await startSimulator({ port }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new UsageError(`--port ${port} is in use (--port 0 takes any free port)`);
      throw error;
    });
    for (const name of PROVIDER_NAMES)
      for (const scope of seed[name] ?? []) PROVIDER_CLI[name].simulator.seed(sim, scope);

    io.stdout.write(`${sim.url}\n`);
    say(palette.bold(`docindex simulator at ${sim.url} (Ctrl-C stops it)`));
    say(
      typeof flags.seed === 'string'
        ? `Serving ${flags.seed}.`
        : 'Serving a built-in sample (--seed FILE serves your own).',
    );
    for (const note of notes) say(`note: ${note}`);
    for (const name of PROVIDER_NAMES) {
      for (const scope of seed[name] ?? []) say(`\n${scopeInstructions(name, sim.url, scope).join('\n')}`);
    }
    say(palette.dim('\nRequests:'));

    // One line per answered request, in arrival order.
    let printed = 0;
    const handle = sim.handle.bind(sim);
    sim.handle = async (request, signal) => {
      try {
        return await handle(request, signal);
      } finally {
        const { entries } = sim.log;
        for (; printed < entries.length && entries[printed]?.outcome !== undefined; printed++) {
          const entry = entries[printed];
          if (entry)
            say(
              `${new Date(entry.at).toISOString().slice(11, 19)} ${entry.provider} ${entry.operation} ${entry.outcome}`,
            );
        }
        if (printed > LOG_KEEP) {
          entries.splice(0, printed);
          printed = 0;
        }
      }
    };

    await new Promise<void>((resolve) => {
      if (interrupt.aborted) resolve();
      else interrupt.addEventListener('abort', () => resolve(), { once: true });
    });
    await sim.close();
    say('simulator stopped');
    return EXIT.ok;
  },
};
