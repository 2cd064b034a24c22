import type { GapTrend } from "@/lib/reports/access";
import { GAP_MOVE } from "@/lib/reports/access";
import { yearLabel } from "@/lib/calendar";
import { fmtGap } from "./format";
import { RowTh, Table, TableFrame, Td, Th } from "@/components/ui/table";
import { GAP_SERIES, GapTrendChart } from "./gap-trend-chart";

// Is each gap closing? (issue 18) Each group's gap to all students in each of the last school
// years, and the verdict of lib/reports/access.ts gapTrends: the gap's size in the last year shown
// against the first. Words carry the verdict; colour only repeats it.

const VERDICT_TONE = { closing: "text-green-900", widening: "text-red-900", "about the same": "text-slate-800", "too few years": "text-slate-600" } as const;

export function GapTrendTable({ label, years, final, trend }: { label: string; years: number[]; final: boolean[]; trend: GapTrend[] }) {
  const listed = trend.filter((t) => t.verdict !== "too few years");
  const left = trend.length - listed.length;
  return (
    <section aria-labelledby="gap-trend-heading" className="mt-8">
      <h2 id="gap-trend-heading" className="text-xl font-semibold">
        Is each gap closing? {yearLabel(years[0])} to {yearLabel(years.at(-1)!)}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Each group&rsquo;s gap to all students, in percentage points, as each year&rsquo;s page shows it. Closing or widening: the gap&rsquo;s size moved by {GAP_MOVE} point or
        more between the first and the last year it is shown; a year that is not final is shown but not counted.
      </p>
      <GapTrendChart title={`${label}: the ${GAP_SERIES} groups furthest from all students, gap in points by school year`} years={years} final={final} trend={trend} />
      {listed.length === 0 ? (
        <p className="mt-3 rounded border border-slate-200 bg-white p-3 text-sm">No group&rsquo;s gap is shown in two or more final years.</p>
      ) : (
        <TableFrame className="relative mt-3" label={`${label}: gap trend (scrolls sideways)`}>
          <Table caption={`${label}: each group’s gap to all students by school year, and whether it is closing`}>
            <thead>
              <tr>
                <Th>Group</Th>
                {years.map((y, i) => (
                  <Th key={y} numeric>
                    {yearLabel(y)}
                    {!final[i] && <span className="block text-xs font-normal text-amber-800">not final</span>}
                  </Th>
                ))}
                <Th numeric>Change in size</Th>
                <Th>Trend</Th>
              </tr>
            </thead>
            <tbody>
              {listed.map((t) => (
                <tr key={t.key}>
                  <RowTh>{t.label}</RowTh>
                  {t.gaps.map((g, i) => (
                    <Td key={years[i]} numeric>
                      {fmtGap(g)}
                    </Td>
                  ))}
                  <Td numeric>{fmtGap(t.change)}</Td>
                  <Td className={`font-medium ${VERDICT_TONE[t.verdict]}`}>{t.verdict === "closing" ? "▼ Closing" : t.verdict === "widening" ? "▲ Widening" : "About the same"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </TableFrame>
      )}
      {left > 0 && (
        <p className="mt-2 text-xs text-slate-700">
          {left} {left === 1 ? "group is" : "groups are"} not listed: {left === 1 ? "its" : "their"} gap is shown in fewer than two final years (hidden to protect students&rsquo;
          privacy, no students, or a year not final yet).
        </p>
      )}
    </section>
  );
}
