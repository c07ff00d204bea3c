/**
 * The table `status`, `wait`, `list`, `delete` and `put` print on a terminal, and
 * the plain tab-separated lines they print anywhere else.
 *
 * By hand rather than with a table library: four left-aligned columns, a header,
 * and the last column cut to the terminal's width is all it takes, and cli-table3
 * (the usual choice) draws box borders a `grep` or a copy-paste has to step around.
 */
import type { Palette } from './color';
import type { DocumentRow } from './format';
import { printable, type TextMetrics } from './text';

const HEADER: DocumentRow = { id: 'ID', status: 'STATUS' as DocumentRow['status'], raw: 'RAW', detail: 'DETAIL' };
const GAP = '  ';

/** Column widths for a set of rows (the header included). */
export interface TableLayout {
  id: number;
  status: number;
  raw: number;
}

/** The widths that fit these rows; pass the result back in to keep later pages aligned. */
export function layoutFor(rows: readonly DocumentRow[], metrics: TextMetrics, previous?: TableLayout): TableLayout {
  const layout = previous ? { ...previous } : { id: 0, status: 0, raw: 0 };
  for (const row of [HEADER, ...rows]) {
    layout.id = Math.max(layout.id, metrics.width(printable(row.id)));
    layout.status = Math.max(layout.status, row.status.length);
    layout.raw = Math.max(layout.raw, metrics.width(printable(row.raw)));
  }
  return layout;
}

/**
 * The rows as aligned lines (with a header line when `header`), each at most
 * `columns` wide when the terminal's width is known and the ids fit: the detail is
 * cut, never the id.
 */
export function renderTable(
  rows: readonly DocumentRow[],
  options: {
    metrics: TextMetrics;
    palette: Palette;
    columns: number | undefined;
    layout: TableLayout;
    header: boolean;
  },
): string[] {
  const { metrics, palette, columns, layout } = options;
  const fixed = layout.status + layout.raw + GAP.length * 3;
  // The id is never cut: ids sharing a long prefix would read the same, and one cut cannot be copied. The detail
  // gives way instead, down to nothing; a line whose id alone is wider than the terminal wraps.
  const idWidth = layout.id;
  const detailWidth = columns === undefined ? undefined : Math.max(0, columns - idWidth - fixed);
  const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - metrics.width(text)));

  const line = (row: DocumentRow, head: boolean): string => {
    const id = pad(metrics.fit(printable(row.id), idWidth), idWidth);
    const statusText = pad(row.status, layout.status);
    const status = head ? statusText : palette.status(row.status === 'error' ? 'errors' : row.status, statusText);
    const raw = pad(printable(row.raw), layout.raw);
    const detailText = printable(row.detail);
    const detail = detailWidth === undefined ? detailText : metrics.fit(detailText, detailWidth);
    const text = `${id}${GAP}${status}${GAP}${raw}${GAP}${detail}`.trimEnd();
    return head ? palette.bold(text) : text;
  };
  return [...(options.header ? [line(HEADER, true)] : []), ...rows.map((row) => line(row, false))];
}

/**
 * A row as one tab-separated line (`id status raw detail`), for pipes and logs; a
 * tab or newline inside a field is escaped like any control character, so every
 * document stays one line of four fields.
 */
export function plainLine(row: DocumentRow): string {
  return [row.id, row.status, row.raw, row.detail].map(printable).join('\t');
}
