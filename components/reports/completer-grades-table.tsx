import { fateShown, type CompleterGradeRow } from "@/lib/reports/completer-grades";
import { FATES, FATE_LABEL } from "@/lib/reports/completers";
import { fmtCount } from "./format";
import { RowTh, Table, TableFrame, Td, Th } from "@/components/ui/table";

/** Credit-recovery completers by grade at completion and what became of them; hidden counts read "—", coded ones "≤ 1" / "≥ n" (completer-grades.ts). */
export function CompleterGradesTable({ rows, period, exportHref }: { rows: CompleterGradeRow[]; period: string; exportHref: string }) {
  if (rows.length === 0) return null;
  return (
    <TableFrame className="mt-3">
      <Table
        aria-label="Completers by grade"
        captionClassName="px-3 pt-2 text-left text-sm font-medium text-slate-800"
        caption={`Credit-recovery completers ${period} by grade at completion, and what became of them (as of today)`}
      >
        <thead>
          <tr>
            <Th>Grade at completion</Th>
            <Th numeric>Completers</Th>
            {FATES.map((f) => (
              <Th key={f} numeric>
                {FATE_LABEL[f]}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.grade}>
              <RowTh>{r.group}</RowTh>
              <Td numeric>{fmtCount(r.completers)}</Td>
              {FATES.map((f) => (
                <Td key={f} numeric>
                  {shown(fateShown(r, f))}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      <p className="px-3 pb-2 text-xs text-slate-700">
        Grade on that year’s October 1 roll, or implied by the student’s class when there is none. “—”: hidden to protect students’ privacy — fewer than 6 completers, or a count
        from which a small group or another hidden count could be worked out. “≤ 1” / “≥ n”: a count within one student of none or of all.{" "}
        <a href={exportHref} className="text-blue-800 underline" download>
          Download the completers table as CSV
        </a>
      </p>
    </TableFrame>
  );
}

const shown = (v: number | string | null) => (v == null ? "—" : typeof v === "number" ? fmtCount(v) : v);
