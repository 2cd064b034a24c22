import { reportRoute } from "@/lib/reports/http";
import { qualityParams } from "@/lib/reports/schema";
import { getQualityView } from "@/lib/reports/queries";
import { qualityCsv } from "@/lib/reports/csv";
import { z } from "zod";
import { csvFileName } from "@/lib/reports/csv-name";

// GET /api/reports/quality?by=provider|course|program|group&year=2024-25&school=…[&format=csv]: the
// program quality report as the page shows it (JSON, or CSV under the page's column names), with
// the suppression the page shows. No school: the district, for a district administrator.
const params = qualityParams.extend({ format: z.enum(["json", "csv"], { error: "Ask for json or csv" }).default("json") });

export const GET = reportRoute(params, async (viewer, p) => {
  const v = await getQualityView(viewer, { year: p.year, school: p.school, by: p.by });
  if (p.format === "json") return v;
  return new Response(qualityCsv(v), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${csvFileName(["quality", p.by, v.year], v.school)}"`,
      "cache-control": "private, no-store",
    },
  });
});
