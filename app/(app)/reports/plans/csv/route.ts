import { z } from "zod";
import { reportRoute } from "@/lib/reports/http";
import { getPlansReport } from "@/lib/plans/report";
import { PLAN_TABLES, planTableCsv } from "@/lib/plans/report-csv";

// GET /reports/plans/csv?table=risk|types|owners&school=…: one table of the plans report as CSV,
// with the columns and the suppression the page shows (lib/plans/report-csv.ts); audited as
// `report.export`, refused to counselors (403) and for a school out of scope (404).
const params = z.object({
  table: z.enum(PLAN_TABLES, { error: "table must be risk, types or owners" }),
  school: z.string().min(1).max(64).optional(),
});

export const GET = reportRoute(params, async (viewer, p) => {
  const report = await getPlansReport(viewer, { school: p.school });
  const name = `credittrack-plans-${p.table}-${report.school?.stateCode ?? "district"}.csv`;
  return new Response(planTableCsv(p.table, report), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "private, no-store" },
  });
});
