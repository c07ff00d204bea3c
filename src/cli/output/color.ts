/**
 * Colour on or off, and the few styles the CLI uses.
 *
 * Written by hand rather than taken from a colour library: the decision is four
 * rules (FORCE_COLOR, NO_COLOR, a TTY, TERM=dumb), the styles are five SGR codes,
 * and Node's own `util.styleText` only honours NO_COLOR from 22.13 on, while this
 * package supports every Node 22.
 */
import type { IndexStatus } from '../../spec/status';
import type { OutputStream } from '../io';

/** The styles the CLI paints with; identity functions when colour is off. */
export interface Palette {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  /** A status name in the colour of its outcome. */
  status(status: IndexStatus | 'errors', text?: string): string;
}

/**
 * Whether to colour output on `stream`: `FORCE_COLOR` (any value but `0` or
 * `false`) turns it on and `FORCE_COLOR=0` off, then `NO_COLOR` (any non-empty
 * value, see no-color.org) turns it off, then a TTY whose TERM is not `dumb`.
 */
export function colorEnabled(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return capableTerminal(stream, env);
}

/** Whether `stream` is a terminal that takes escape sequences: a TTY whose TERM is not `dumb` (an editor's shell, some CI consoles). */
export function capableTerminal(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

const STATUS_STYLE: Record<IndexStatus | 'errors', 'green' | 'red' | 'yellow' | 'dim'> = {
  pending: 'yellow',
  processing: 'yellow',
  succeeded: 'green',
  partial: 'yellow',
  failed: 'red',
  cancelling: 'yellow',
  cancelled: 'red',
  deleting: 'yellow',
  deleted: 'dim',
  not_found: 'red',
  ignored: 'dim',
  unknown: 'dim',
  errors: 'red',
};

/** A palette for one stream. */
export function createPalette(enabled: boolean): Palette {
  const styles = enabled
    ? { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) }
    : { bold: plain, dim: plain, red: plain, green: plain, yellow: plain };
  return {
    enabled,
    ...styles,
    status: (status, text = status) => styles[STATUS_STYLE[status]](text),
  };
}
