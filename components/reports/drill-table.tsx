import Link from "next/link";
import type { Drill } from "@/lib/reports/drill";

const LIMIT = 1000;

/** The students behind a figure, with why each is in or out. */
export function DrillTable({ drill, show }: { drill: Drill; show: "all" | "numerator" | "denominator" | "excluded" }) {
  const rows = drill.rows.filter((r) =>
    show === "numerator" ? r.inNumerator : show === "denominator" ? r.inDenominator && !r.inNumerator : show === "excluded" ? !r.inDenominator : true,
  );
  return (
    <div className="mt-3 overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Students behind the figure, with why each is counted or not</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">Student</th>
            <th scope="col" className="px-3 py-2">SIS id</th>
            <th scope="col" className="px-3 py-2">School</th>
            <th scope="col" className="px-3 py-2">Grade</th>
            <th scope="col" className="px-3 py-2">Detail</th>
            <th scope="col" className="px-3 py-2">Denominator</th>
            <th scope="col" className="px-3 py-2">Numerator</th>
            <th scope="col" className="px-3 py-2">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr><td colSpan={8} className="px-3 py-3 text-slate-700">No students.</td></tr>
          )}
          {rows.slice(0, LIMIT).map((r, i) => (
            <tr key={`${r.studentId}-${i}`} className="border-t border-slate-200">
              <th scope="row" className="px-3 py-1.5 text-left font-normal">
                <Link href={`/students/${r.studentId}`} className="text-blue-900 underline">{r.name}</Link>
              </th>
              <td className="px-3 py-1.5">{r.sisId}</td>
              <td className="px-3 py-1.5">{r.schoolName}</td>
              <td className="px-3 py-1.5">{r.gradeLevel}</td>
              <td className="px-3 py-1.5">{r.detail}</td>
              <td className="px-3 py-1.5">{r.inDenominator ? "In" : "Out"}</td>
              <td className="px-3 py-1.5">{r.inNumerator ? "Yes" : "No"}</td>
              <td className="px-3 py-1.5">{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > LIMIT && <p className="px-3 py-2 text-sm text-slate-700">Showing the first {LIMIT} of {rows.length.toLocaleString("en-US")} rows; pick a school or a group to narrow the list.</p>}
    </div>
  );
}
