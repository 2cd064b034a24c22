import { reportRoute } from "@/lib/reports/http";
import { exportParams } from "@/lib/reports/schema";
import { getDistrictSummary, getSchoolSummary } from "@/lib/reports/queries";
import { completerGradesCsv, equityCsv, figureNote, programCsv, schoolsCsv, trendCsv } from "@/lib/reports/csv";

// GET /api/reports/export?table=equity|schools|program|trend|completers&figure=…&year=…&school=…: one table as
// CSV, with the suppression the screen shows (never the numbers behind a "—").
export const GET = reportRoute(exportParams, async (viewer, p) => {
  let body: string;
  if (p.table === "schools") {
    body = schoolsCsv(await getDistrictSummary(viewer, { year: p.year }));
  } else {
    const s = await getSchoolSummary(viewer, { year: p.year, school: p.school });
    body =
      p.table === "equity"
        ? equityCsv(p.figure, s.equity[p.figure], figureNote(s.figures[p.figure]))
        : p.table === "program"
          ? programCsv(s.program)
          : p.table === "completers"
            ? completerGradesCsv(s.completers.byGrade, figureNote(s.completers.byYearEnd))
            : trendCsv(s.trend);
  }
  const name = `credittrack-${p.table}${p.table === "equity" ? `-${p.figure}` : ""}-${p.year ?? "latest"}.csv`;
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "private, no-store" },
  });
});
