import { FIGURE_KEYS, type Figure, type FigureKey } from "@/lib/reports/figures";
import type { CompleterFigures } from "@/lib/reports/queries";
import { latestCompleteYear, yearFinal } from "@/lib/reports/periods";
import { districtDay, isoDay, yearLabel } from "@/lib/calendar";
import { FigureCards } from "./figure-cards";
import { CompleterGradesTable } from "./completer-grades-table";
import { fmtRate, query } from "./format";

// The top of a summary, the same on a school's (app/(app)/reports/page.tsx) and the district's
// (app/(app)/reports/district/page.tsx): the year picker's years, the key figures with the period
// each counts, and the credit-recovery completers with what became of them.

/** The picker's school years, latest first, and those not final yet (lib/reports/periods.ts). */
export function summaryYears() {
  const latest = latestCompleteYear();
  const years = Array.from({ length: 9 }, (_, i) => latest + 1 - i);
  const today = isoDay(districtDay());
  return { years, open: years.filter((y) => !yearFinal(y, today)) };
}

/** What each key figure of `year` counts: a cohort, a school year, completions or starts in it. */
export function summaryPeriods(year: number, cohorts: { acgr4: number; acgr5: number }): Record<FigureKey, string> {
  return {
    acgr4: `Class of ${cohorts.acgr4}`,
    acgr5: `Class of ${cohorts.acgr5}`,
    dropout: yearLabel(year),
    completers: `Completed in ${yearLabel(year)}`,
    program: `Started in ${yearLabel(year)}`,
  };
}

type Props = {
  /** The section's heading (for screen readers): "Key figures", "District figures". */
  heading: string;
  year: number;
  cohorts: { acgr4: number; acgr5: number };
  figures: Record<FigureKey, Figure>;
  completers: CompleterFigures;
  /** The page's own query (year, school): every figure's drill-down and the CSV keep it. */
  here: Record<string, string | number | undefined>;
};

export function KeyFigures({ heading, year, cohorts, figures, completers, here }: Props) {
  const drill = Object.fromEntries(FIGURE_KEYS.map((k) => [k, here])) as Record<FigureKey, typeof here>;
  return (
    <section aria-labelledby="key-heading" className="mt-6">
      <h2 id="key-heading" className="sr-only">
        {heading}
      </h2>
      <FigureCards figures={figures} periods={summaryPeriods(year, cohorts)} drill={drill} />
      <p className="mt-2 text-sm text-slate-700">
        Credit-recovery completers in {yearLabel(year)}: {completers.completers ?? "hidden"}; graduated by the end of the year{" "}
        {fmtRate(completers.byYearEnd.rate, completers.byYearEnd.coded)}, graduated by now {fmtRate(completers.byNow.rate, completers.byNow.coded)}.
      </p>
      <CompleterGradesTable rows={completers.byGrade} period={`in ${yearLabel(year)}`} exportHref={query("/api/reports/export", { table: "completers", ...here })} />
    </section>
  );
}
