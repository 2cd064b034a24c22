import Link from "next/link";
import type { Drill } from "@/lib/reports/drill";
import { DataTable, TableFrame, type Column } from "@/components/ui/table";

const LIMIT = 1000;

type Row = Drill["rows"][number];
const COLUMNS: Column<Row>[] = [
  {
    header: "Student",
    rowHeader: true,
    cell: (r) => (
      <Link href={`/students/${r.studentId}`} className="text-blue-900 underline">
        {r.name}
      </Link>
    ),
  },
  { header: "SIS id", cell: (r) => r.sisId },
  { header: "School", cell: (r) => r.schoolName },
  { header: "Grade", cell: (r) => r.gradeLevel },
  { header: "Detail", cell: (r) => r.detail },
  { header: "Denominator", cell: (r) => (r.inDenominator ? "In" : "Out") },
  { header: "Numerator", cell: (r) => (r.inNumerator ? "Yes" : "No") },
  { header: "Why", cell: (r) => r.reason },
];

/** The students behind a figure, with why each is in or out. */
export function DrillTable({ drill, show }: { drill: Drill; show: "all" | "numerator" | "denominator" | "excluded" }) {
  const rows = drill.rows.filter((r) =>
    show === "numerator" ? r.inNumerator : show === "denominator" ? r.inDenominator && !r.inNumerator : show === "excluded" ? !r.inDenominator : true,
  );
  return (
    <TableFrame className="mt-3">
      <DataTable
        caption="Students behind the figure, with why each is counted or not"
        columns={COLUMNS}
        rows={rows.slice(0, LIMIT)}
        rowKey={(r, i) => `${r.studentId}-${i}`}
        empty="No students."
      />
      {rows.length > LIMIT && (
        <p className="px-3 py-2 text-sm text-slate-700">
          Showing the first {LIMIT} of {rows.length.toLocaleString("en-US")} rows; pick a school or a group to narrow the list.
        </p>
      )}
    </TableFrame>
  );
}
