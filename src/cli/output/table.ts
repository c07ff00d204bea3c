/**
 * The table `status`, `wait`, `list`, `delete` and `put` print on a terminal, and
 * the plain tab-separated lines they print anywhere else.
 *
 * By hand rather than with a table library: four left-aligned columns, a header,
 * and the last column cut to the terminal's width is all it takes, and cli-table3
 * (the usual choice) draws box borders a `grep` or a copy-paste has to step around.
 */

import { INDEX_STATUSES } from '../../spec/status';
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

/** The status column fits every status (and `error`) from the first page on, so it never has to grow. */
const STATUS_WIDTH = Math.max(HEADER.status.length, 'error'.length, ...INDEX_STATUSES.map((status) => status.length));

/** The narrowest detail a row keeps beside its id; a longer id goes on a line of its own (see renderTable). */
const MIN_DETAIL = 20;

/**
 * The widths that fit these rows on a terminal `columns` wide (when known): the id
 * column as wide as the widest id that leaves MIN_DETAIL for the detail. A table
 * keeps the layout of its first page (its header was printed with it): later pages'
 * wider cells overflow (renderTable).
 */
export function layoutFor(rows: readonly DocumentRow[], metrics: TextMetrics, columns?: number): TableLayout {
  const layout = { id: 0, status: STATUS_WIDTH, raw: 0 };
  for (const row of [HEADER, ...rows]) layout.raw = Math.max(layout.raw, metrics.width(printable(row.raw)));
  const most = columns === undefined ? Number.POSITIVE_INFINITY : idRoom(layout, columns);
  for (const row of [HEADER, ...rows]) {
    const width = metrics.width(printable(row.id));
    if (width <= most) layout.id = Math.max(layout.id, width);
  }
  return layout;
}

/**
 * The widest id column on a terminal `columns` wide: one that leaves MIN_DETAIL for
 * the detail, or half the terminal (a narrow one gives the detail up first, as an
 * id on a line of its own takes two).
 */
function idRoom(layout: Pick<TableLayout, 'status' | 'raw'>, columns: number): number {
  const besideDetail = columns - layout.status - layout.raw - GAP.length * 3 - MIN_DETAIL;
  return Math.max(HEADER.id.length, besideDetail, Math.floor(columns / 2));
}

/**
 * The rows as aligned lines (with a header line when `header`), each at most
 * `columns` wide when the terminal's width is known: the detail is cut, never the
 * id. The id column is as wide as the layout's, but, on a terminal, no wider than
 * leaves a detail of MIN_DETAIL beside it; an id wider than the column (a long one,
 * or one of a later page) has a line of its own, its row's cells on the next.
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
  // The id is never cut: ids sharing a long prefix would read the same, and one cut cannot be copied. One too wide
  // for the terminal would leave no room for any row's detail: it goes on a line of its own instead.
  const idWidth = columns === undefined ? layout.id : Math.min(layout.id, idRoom(layout, columns));
  const detailWidth = columns === undefined ? undefined : Math.max(0, columns - idWidth - fixed);
  const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - metrics.width(text)));

  const line = (row: DocumentRow, head: boolean): string[] => {
    const idText = printable(row.id);
    const own = metrics.width(idText) > idWidth;
    const id = own ? ' '.repeat(idWidth) : pad(idText, idWidth);
    const statusText = pad(row.status, layout.status);
    const status = head ? statusText : palette.status(row.status === 'error' ? 'errors' : row.status, statusText);
    const raw = pad(printable(row.raw), layout.raw);
    const detailText = printable(row.detail);
    const detail = detailWidth === undefined ? detailText : metrics.fit(detailText, detailWidth);
    const text = `${id}${GAP}${status}${GAP}${raw}${GAP}${detail}`.trimEnd();
    if (head) return [palette.bold(text)];
    return own ? [idText, text] : [text];
  };
  return [...(options.header ? line(HEADER, true) : []), ...rows.flatMap((row) => line(row, false))];
}

/**
 * A row as one tab-separated line (`id status raw detail`), for pipes and logs; a
 * tab or newline inside a field is escaped like any control character, so every
 * document stays one line of four fields.
 */
export function plainLine(row: DocumentRow): string {
  return [row.id, row.status, row.raw, row.detail].map(printable).join('\t');
}
