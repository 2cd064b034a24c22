import Link from "next/link";
import type { QualityColumn, QualityValue } from "@/lib/reports/quality-columns";
import { DataTable, TableFrame, type Column } from "@/components/ui/table";
import { DASH, fmtCount, fmtRate, query } from "./format";

const money = (v: number) => `$${v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A value as the page writes it ("12 (3.4%)", "≤ 2.0%", "—"). */
export function qualityText(v: QualityValue): string {
  switch (v.kind) {
    case "count":
      return fmtCount(v.value);
    case "rate":
      return fmtRate(v.value, v.coded);
    case "published":
      return v.value.coded ? fmtRate(null, v.value.coded) : v.value.count == null ? DASH : `${fmtCount(v.value.count)} (${fmtRate(v.value.rate)})`;
    case "number":
      return v.value == null ? DASH : v.value.toFixed(v.digits);
    case "money":
      return v.value == null ? DASH : money(v.value);
    case "text":
      return v.value ?? DASH;
  }
}

/** Whether a value has enrollments to list (a count above 0). */
const listable = (v: QualityValue) => (v.kind === "count" ? (v.value ?? 0) > 0 : v.kind === "published" ? (v.value.count ?? 0) > 0 : v.kind === "number" ? v.value != null : false);

type Props<R> = {
  caption: string;
  first: string;
  columns: QualityColumn<R>[];
  rows: readonly R[];
  /** The drill-down's parameters for a row (quality drill page), or none. */
  drill?: (r: R) => Record<string, string | number | undefined>;
  /** Rows under headings (the group view: each dimension's), as DataTable's sections. */
  section?: (r: R) => string | undefined;
};

/** One of the quality report's tables: a row header, then its columns, each figure linking to its enrollments. */
export function QualityTable<R extends { key: string; label: string }>({ caption, first, columns, rows, drill, section }: Props<R>) {
  const cols: Column<R>[] = [
    { header: first, rowHeader: true, cell: (r) => r.label },
    ...columns.map((c): Column<R> => ({
      key: c.key,
      header: c.label,
      numeric: true,
      cell: (r) => {
        const v = c.value(r);
        const text = qualityText(v);
        if (!drill || !c.drill || !listable(v)) return text;
        return (
          <Link
            href={query("/reports/quality/enrollments", { ...drill(r), show: c.drill })}
            className="text-blue-900 underline"
            aria-label={`${text}: list the enrollments (${c.label}, ${r.label})`}
          >
            {text}
          </Link>
        );
      },
    })),
  ];
  return (
    // The frame's name differs from its section's heading (axe landmark-unique: both are regions).
    <TableFrame className="mt-3" label={`${caption} (table, scrolls sideways on a narrow screen)`}>
      <DataTable
        caption={caption}
        columns={cols}
        rows={rows}
        rowKey={(r) => r.key}
        section={section}
        rowClassName={(r) => (r.key.startsWith("total:") || r.key === "all" ? "font-semibold" : undefined)}
        empty="No online enrollments started this year."
      />
    </TableFrame>
  );
}
