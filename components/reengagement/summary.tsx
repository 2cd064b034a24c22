import { yearLabel } from "@/lib/calendar";
import { MIN_N } from "@/lib/reports/disclosure";
import type { SummaryYear } from "@/lib/reengagement/summary";
import { REENGAGED_DEFINITION } from "@/lib/reengagement/rules";

const pct = (n: number) => `${n.toLocaleString("en-US", { maximumFractionDigits: 1 })}%`;

/** Students re-engaged per school year and how many later graduated, with the reports' suppression. */
export function ReengagementSummary({ years, unit }: { years: SummaryYear[]; unit: string }) {
  return (
    <section aria-labelledby="summary-h" className="mt-6">
      <h2 id="summary-h" className="text-lg font-semibold">Re-engaged and later graduated: {unit}</h2>
      <p className="mt-1 text-sm">{REENGAGED_DEFINITION}</p>
      <table className="data-table mt-2 w-full max-w-xl">
        <caption className="sr-only">Students re-engaged per school year, and how many of them later graduated</caption>
        <thead>
          <tr>
            <th scope="col">School year</th>
            <th scope="col" className="text-right">Re-engaged</th>
            <th scope="col" className="text-right">Later graduated</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year}>
              <th scope="row">{yearLabel(y.year)}</th>
              <td className="text-right">{y.reengaged ?? "—"}</td>
              <td className="text-right">
                {y.reengaged === null ? "—" : y.coded ? `${y.coded.op} ${pct(y.coded.bound)}` : `${y.graduated} (${pct(y.rate!)})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-sm text-slate-700">
        “—”: no students, fewer than {MIN_N}, or hidden so that a small group cannot be worked out from the others. “≤”/“≥”: within one student of none or all (the count is not shown).
      </p>
    </section>
  );
}
