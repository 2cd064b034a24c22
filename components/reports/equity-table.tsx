import Link from "next/link";
import type { EquityRow } from "@/lib/reports/equity";
import { gapTone } from "@/lib/reports/equity";
import { FIGURES, FIGURE_KEYS, type FigureKey } from "@/lib/reports/figures";
import { notFinalText, type Period } from "@/lib/reports/periods";
import { HIDDEN_NOTE, fmtCount, fmtGap, fmtRate, query } from "./format";
import { RowTh, Table, TableFrame, Td, Th } from "@/components/ui/table";
import { BarChart } from "./bar-chart";

const TONE = {
  worse: "bg-red-50 text-red-900",
  better: "bg-green-50 text-green-900",
  even: "text-slate-800",
  none: "text-slate-600",
} as const;
const TONE_WORD = { worse: " (worse)", better: " (better)", even: "", none: "" } as const;

type Props = {
  figure: FigureKey;
  rows: EquityRow[];
  /** The page's URL parameters, to switch the figure. */
  pageHref: (figure: FigureKey) => string;
  drill: Record<string, string | number | undefined>;
  exportHref: string;
  /** The figure's note (figures.ts), e.g. no October 1 roll: said above the groups. */
  note?: string;
  /** Whether the figure is final (periods.ts): a figure still open says so in the heading. */
  period?: Period;
};

/** Equity view of one figure: every group's value, size and gaps, suppressed groups as "—". */
export function EquityTable({ figure, rows, pageHref, drill, exportHref, note, period }: Props) {
  const def = FIGURES[figure];
  // Course completion is a rate per enrollment: the group's students and its enrollments ended differ.
  const enrollments = figure === "program";
  return (
    <section aria-labelledby="equity-heading" className="mt-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="equity-heading" className="text-xl font-semibold">
          Equity view: {def.label}
          {period && !period.final && <span className="ml-2 text-base font-semibold text-amber-800"> ({notFinalText(period.closesOn)})</span>}
        </h2>
        <a href={exportHref} className="text-sm text-blue-800 underline" download>
          Download CSV
        </a>
      </div>
      <nav aria-label="Equity figure" className="mt-2">
        <ul className="flex flex-wrap gap-2 text-sm">
          {FIGURE_KEYS.map((k) => (
            <li key={k}>
              <Link
                href={pageHref(k)}
                aria-current={k === figure ? "page" : undefined}
                className={`rounded border px-2 py-1 ${k === figure ? "border-blue-900 bg-blue-900 text-white" : "border-slate-300 bg-white text-blue-900"}`}
              >
                {FIGURES[k].short}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {note && <p className="mt-2 text-sm font-medium text-amber-800">{note}</p>}
      <BarChart
        title={`${def.label} by student group`}
        bars={rows.map((r) => ({
          key: r.key,
          label: r.label,
          value: r.value,
          text: fmtRate(r.value, r.coded),
          gap: r.key === "all" ? undefined : r.gapToAll,
          strong: r.key === "all",
        }))}
        reference={{ value: rows.find((r) => r.key === "all")?.value ?? null, label: "all students" }}
        notFinal={period && !period.final ? notFinalText(period.closesOn) : undefined}
      />
      {/* relative: the gaps' screen-reader words (sr-only, absolutely positioned) stay inside this box, not widening the page at 390 px. */}
      <TableFrame className="relative mt-3">
        <Table caption={`${def.label} by student group, with gaps in percentage points; small groups are hidden`}>
          <thead>
            <tr>
              <Th>Group</Th>
              <Th numeric>{def.short}</Th>
              <Th numeric>{enrollments ? "Students" : `Students (${def.denominator})`}</Th>
              {enrollments && <Th numeric>Enrollments ended</Th>}
              <Th numeric>Gap to all students</Th>
              <Th numeric>Gap to highest group</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const toAll = gapTone(r.gapToAll, def.higherIsBetter);
              const toTop = gapTone(r.gapToHighest, def.higherIsBetter);
              return (
                <tr key={r.key} className={r.key === "all" ? "font-semibold" : undefined}>
                  <RowTh>{r.label}</RowTh>
                  <Td numeric>
                    {r.value == null ? (
                      <span title={r.coded ? "Within one student of none or all" : "Hidden to protect students’ privacy"}>{fmtRate(null, r.coded)}</span>
                    ) : (
                      <Link
                        href={query("/reports/drill", { figure, ...drill, group: r.key })}
                        className="text-blue-900 underline"
                        aria-label={`${r.label}: ${fmtRate(r.value)} — list the students`}
                      >
                        {fmtRate(r.value)}
                      </Link>
                    )}
                  </Td>
                  <Td numeric>{fmtCount(r.n)}</Td>
                  {enrollments && <Td numeric>{fmtCount(r.denominator)}</Td>}
                  <Td numeric className={TONE[toAll]}>
                    {fmtGap(r.gapToAll)}
                    <span className="sr-only">{TONE_WORD[toAll]}</span>
                  </Td>
                  <Td numeric className={TONE[toTop]}>
                    {fmtGap(r.gapToHighest)}
                    <span className="sr-only">{TONE_WORD[toTop]}</span>
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </TableFrame>
      <p className="mt-2 text-xs text-slate-700">
        {HIDDEN_NOTE} Red: worse than the comparison; green: better.{" "}
        <Link href="/reports/definitions" className="underline">
          How each figure is defined
        </Link>
      </p>
    </section>
  );
}
