import type { ReactNode, TableHTMLAttributes, ThHTMLAttributes, TdHTMLAttributes } from "react";

// The data table (STYLE.md: components/ui/ holds the shared primitives). Plain function components
// with no context and no "use client": a server page renders them to HTML, a client list (the
// caseload's rows) renders them in the browser, and neither pays for more than the elements. The
// look is the `data-table` classes of app/globals.css: one short class per table instead of a run
// of utilities on every cell keeps long pages' HTML and React payload small.
//
// Accessibility (WCAG 2.2 SC 1.3.1): every table has a <caption> (visible or sr-only), column
// headers say scope="col", a row's first cell may be its header (scope="row"), and a sorted column
// says aria-sort.

/**
 * Cell padding: "roomy" px-3 py-2 throughout; "snug" the same head over py-1.5 rows; "compact" px-2
 * py-1; "sheet" the printable sheets' table (no header ground, py-1 pr-3, darker rules).
 */
export type Density = "roomy" | "snug" | "compact" | "sheet";

const cx = (...c: (string | false | null | undefined)[]) => c.filter(Boolean).join(" ");

/** The caption shown above the table as its title (the default is for screen readers only). */
export const CAPTION_SHOWN = "mb-1 text-left font-semibold";

type TableProps = Omit<TableHTMLAttributes<HTMLTableElement>, "children"> & {
  /** What the table lists: read first by a screen reader; sr-only unless `captionClassName` says otherwise. */
  caption: ReactNode;
  captionClassName?: string;
  density?: Density;
  children: ReactNode;
};

export function Table({ caption, captionClassName = "sr-only", density = "snug", className, children, ...rest }: TableProps) {
  return (
    <table className={cx("data-table", density !== "roomy" && density, className)} {...rest}>
      <caption className={captionClassName}>{caption}</caption>
      {children}
    </table>
  );
}

type ThProps = Omit<ThHTMLAttributes<HTMLTableCellElement>, "scope"> & {
  /** A column of numbers: right-aligned, tabular figures. */
  numeric?: boolean;
  /** The column the rows are sorted by, and which way. */
  sort?: "ascending" | "descending";
};

/** A column header: scope="col". */
export function Th({ numeric, sort, className, ...rest }: ThProps) {
  return <th scope="col" aria-sort={sort} className={cx(numeric && "text-right", className) || undefined} {...rest} />;
}

/** A row's header cell: scope="row" (left-aligned, normal weight unless a class says otherwise). */
export function RowTh({ className, ...rest }: Omit<ThHTMLAttributes<HTMLTableCellElement>, "scope">) {
  return <th scope="row" className={className} {...rest} />;
}

/** A data cell; `numeric` right-aligns it with tabular figures. */
export function Td({ numeric, className, ...rest }: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <td className={cx(numeric && "num", className) || undefined} {...rest} />;
}

/** The one row of an empty table, across every column. */
export function EmptyRow({ columns, children, className = "muted" }: { columns: number; children: ReactNode; className?: string }) {
  return (
    <tr>
      <td colSpan={columns} className={className}>
        {children}
      </td>
    </tr>
  );
}

/**
 * The table's box. With `label`, a region the keyboard can reach, for a table that scrolls sideways
 * on a narrow screen (axe: scrollable-region-focusable); the page itself never scrolls sideways.
 */
export function TableFrame({ label, className, children }: { label?: string; className?: string; children: ReactNode }) {
  const cls = cx("overflow-x-auto rounded border border-slate-200 bg-white", className);
  return label ? (
    <div role="region" aria-label={label} tabIndex={0} className={cls}>
      {children}
    </div>
  ) : (
    <div className={cls}>{children}</div>
  );
}

/** One column of a DataTable: its header and how a row's cell reads. */
export type Column<T> = {
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  /** Numbers: the header and the cells right-aligned, tabular figures. */
  numeric?: boolean;
  /** This column's cell is the row's header (scope="row"): usually the first, the row's name. */
  rowHeader?: boolean;
  /** Classes for this column's cells (not its header). */
  className?: string;
  /** React key of the column, when the header is not a string. */
  key?: string;
};

type DataTableProps<T> = Omit<TableProps, "children"> & {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  /** What an empty table says, in one row across the columns (nothing when left out). */
  empty?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
  /**
   * Rows in sections: consecutive rows of one section share a <tbody> headed by the section's name
   * (a rowgroup header across the columns); rows of no section (undefined) have no heading.
   */
  section?: (row: T) => string | undefined;
};

/** A table from typed columns: the header row, a row per item (in sections, given `section`), and the empty row. */
export function DataTable<T>({ columns, rows, rowKey, empty, rowClassName, section, ...table }: DataTableProps<T>) {
  const groups: { name: string | undefined; rows: { r: T; i: number }[] }[] = [];
  rows.forEach((r, i) => {
    const name = section?.(r);
    const last = groups.at(-1);
    if (last && last.name === name) last.rows.push({ r, i });
    else groups.push({ name, rows: [{ r, i }] });
  });
  return (
    <Table {...table}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <Th key={c.key ?? (typeof c.header === "string" ? c.header : i)} numeric={c.numeric}>
              {c.header}
            </Th>
          ))}
        </tr>
      </thead>
      {rows.length === 0 && empty !== undefined && (
        <tbody>
          <EmptyRow columns={columns.length}>{empty}</EmptyRow>
        </tbody>
      )}
      {groups.map((g, k) => (
        <tbody key={`${k}:${g.name ?? ""}`}>
          {g.name !== undefined && (
            <tr>
              <th scope="rowgroup" colSpan={columns.length} className="bg-slate-50 text-left text-sm font-semibold text-slate-800">
                {g.name}
              </th>
            </tr>
          )}
          {g.rows.map(({ r, i }) => (
            <tr key={rowKey(r, i)} className={rowClassName?.(r)}>
              {columns.map((c, j) =>
                c.rowHeader ? (
                  <RowTh key={j} className={c.className}>
                    {c.cell(r, i)}
                  </RowTh>
                ) : (
                  <Td key={j} numeric={c.numeric} className={c.className}>
                    {c.cell(r, i)}
                  </Td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      ))}
    </Table>
  );
}
