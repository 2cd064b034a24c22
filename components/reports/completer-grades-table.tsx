import { fateShown, type CompleterGradeRow } from "@/lib/reports/completer-grades";
import { FATES, FATE_LABEL } from "@/lib/reports/completers";
import { fmtCount } from "./format";

/** Credit-recovery completers by grade at completion and what became of them; hidden counts read "—", coded ones "≤ 1" / "≥ n" (completer-grades.ts). */
export function CompleterGradesTable({ rows, period, exportHref }: { rows: CompleterGradeRow[]; period: string; exportHref: string }) {
  if (rows.length === 0) return null;
  return (
    <div className="mt-3 overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="min-w-full text-sm" aria-label="Completers by grade">
        <caption className="px-3 pt-2 text-left text-sm font-medium text-slate-800">
          Credit-recovery completers {period} by grade at completion, and what became of them (as of today)
        </caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">Grade at completion</th>
            <th scope="col" className="px-3 py-2 text-right">Completers</th>
            {FATES.map((f) => (
              <th key={f} scope="col" className="px-3 py-2 text-right">{FATE_LABEL[f]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.grade} className="border-t border-slate-200">
              <th scope="row" className="px-3 py-1.5 text-left font-normal">{r.group}</th>
              <td className="px-3 py-1.5 text-right tabular-nums">{fmtCount(r.completers)}</td>
              {FATES.map((f) => (
                <td key={f} className="px-3 py-1.5 text-right tabular-nums">{shown(fateShown(r, f))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="px-3 pb-2 text-xs text-slate-700">
        Grade on that year’s October 1 roll, or implied by the student’s class when there is none. “—”: hidden to protect students’ privacy — fewer than 6 completers, or a count from which a small group or another hidden count could be worked out. “≤ 1” / “≥ n”: a count within one student of none or of all.{" "}
        <a href={exportHref} className="text-blue-800 underline" download>Download the completers table as CSV</a>
      </p>
    </div>
  );
}

const shown = (v: number | string | null) => (v == null ? "—" : typeof v === "number" ? fmtCount(v) : v);
