import { yearLabel } from "@/lib/calendar";
import { MIN_N } from "@/lib/reports/disclosure";
import type { SummaryYear } from "@/lib/reengagement/summary";
import { REENGAGED_DEFINITION } from "@/lib/reengagement/rules";
import { RowTh, Table, Td, Th } from "@/components/ui/table";

const pct = (n: number) => `${n.toLocaleString("en-US", { maximumFractionDigits: 1 })}%`;

/** Students re-engaged per school year and how many later graduated, with the reports' suppression. */
export function ReengagementSummary({ years, unit }: { years: SummaryYear[]; unit: string }) {
  return (
    <section aria-labelledby="summary-h" className="mt-6">
      <h2 id="summary-h" className="text-lg font-semibold">
        Re-engaged and later graduated: {unit}
      </h2>
      <p className="mt-1 text-sm">{REENGAGED_DEFINITION}</p>
      <Table density="roomy" className="mt-2 w-full max-w-xl" caption="Students re-engaged per school year, and how many of them later graduated">
        <thead>
          <tr>
            <Th>School year</Th>
            <Th numeric>Re-engaged</Th>
            <Th numeric>Later graduated</Th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year}>
              <RowTh className="font-bold">{yearLabel(y.year)}</RowTh>
              <Td className="text-right">{y.reengaged ?? "—"}</Td>
              <Td className="text-right">{y.reengaged === null ? "—" : y.coded ? `${y.coded.op} ${pct(y.coded.bound)}` : `${y.graduated} (${pct(y.rate!)})`}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p className="mt-1 text-sm text-slate-700">
        “—”: no students, fewer than {MIN_N}, or hidden so that a small group cannot be worked out from the others. “≤”/“≥”: within one student of none or all (the count is not
        shown).
      </p>
    </section>
  );
}
