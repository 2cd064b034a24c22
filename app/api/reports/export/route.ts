import { reportRoute } from "@/lib/reports/http";
import { exportParams } from "@/lib/reports/schema";
import { getDistrictSummary, getEquityView, getSchoolSummary } from "@/lib/reports/queries";
import { completerGradesCsv, equityCsv, figureNote, gapTrendCsv, groupsCsv, programCsv, schoolsCsv, trendCsv } from "@/lib/reports/csv";
import type { FigureKey } from "@/lib/reports/figures";
import { csvFileName } from "@/lib/reports/csv-name";
import type { ReportSchool } from "@/lib/reports/queries";

// GET /api/reports/export?table=equity|schools|program|trend|completers|groups|gaps&figure=…&year=…&school=…:
// one table as CSV, with the suppression the screen shows (never the numbers behind a "—"). `groups`
// and `gaps` are the equity page's (/reports/equity): no school is the district for a district admin.
export const GET = reportRoute(exportParams, async (viewer, p) => {
  let body: string;
  let school: ReportSchool | null = null; // whose table: a school's, or (null) the district's
  if (p.table === "schools") {
    body = schoolsCsv(await getDistrictSummary(viewer, { year: p.year }));
  } else if (p.table === "groups" || p.table === "gaps") {
    const v = await getEquityView(viewer, { year: p.year, school: p.school, figure: p.figure });
    school = v.school;
    body = p.table === "groups" ? groupsCsv(v) : gapTrendCsv(v);
  } else {
    const figure = p.figure as FigureKey; // exportParams: only the outcome figures reach here
    const s = await getSchoolSummary(viewer, { year: p.year, school: p.school });
    school = s.school;
    body =
      p.table === "equity"
        ? equityCsv(figure, s.equity[figure], figureNote(s.figures[figure]))
        : p.table === "program"
          ? programCsv(s.program)
          : p.table === "completers"
            ? completerGradesCsv(s.completers.byGrade, figureNote(s.completers.byYearEnd))
            : trendCsv(s.trend);
  }
  const name = csvFileName([p.table, ["equity", "groups", "gaps"].includes(p.table) ? p.figure : null, p.year], school);
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "private, no-store" },
  });
});
