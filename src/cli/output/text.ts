/**
 * Text that reaches a terminal: made printable, measured and cut in terminal
 * columns. Widths come from `string-width` (East Asian wide characters, emoji and
 * combining marks take the columns a terminal gives them, so a table of Korean
 * document names stays aligned); it is loaded only when something is laid out.
 */

/** Measures and cuts text in terminal columns. */
export interface TextMetrics {
  width(text: string): number;
  /** `text` cut to at most `columns` columns, ending in `…` when it was cut. */
  fit(text: string, columns: number): string;
}

/** Loads `string-width` and builds the metrics over it. */
export async function loadTextMetrics(): Promise<TextMetrics> {
  const { default: stringWidth } = await import('string-width');
  const segmenter = new Intl.Segmenter();
  return {
    width: stringWidth,
    fit(text, columns) {
      if (stringWidth(text) <= columns) return text;
      if (columns <= 0) return '';
      let out = '';
      let used = 0;
      for (const { segment } of segmenter.segment(text)) {
        const width = stringWidth(segment);
        if (used + width > columns - 1) break;
        out += segment;
        used += width;
      }
      return `${out}…`;
    },
  };
}

/**
 * `text` with every control character (C0, DEL, C1) shown as an escape (`\x1b`)
 * instead of sent to the terminal: ids, messages and raw statuses come from
 * providers and files, and an escape sequence among them must not move the cursor
 * or recolour the screen.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being replaced
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * The usable width of a terminal stream, or undefined where there is none to
 * respect. A pseudo-terminal that reports 0 columns (CI runners, `script` without
 * a window size) takes `COLUMNS` when it is set to a width; off a terminal there is none.
 */
export function terminalColumns(
  stream: { readonly columns?: number | undefined },
  env: Readonly<Record<string, string | undefined>> = {},
): number | undefined {
  const columns = stream.columns;
  if (typeof columns === 'number' && Number.isFinite(columns) && columns > 0) return columns;
  const set = Number(env.COLUMNS);
  return Number.isInteger(set) && set > 0 ? set : undefined;
}
