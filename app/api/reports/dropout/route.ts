import { reportRoute } from "@/lib/reports/http";
import { yearParams } from "@/lib/reports/schema";
import { getDropout } from "@/lib/reports/queries";

// GET /api/reports/dropout?year=2024-25&school=…: MA DESE annual dropout rate with groups (suppressed).
export const GET = reportRoute(yearParams, (viewer, p) => getDropout(viewer, { year: p.year, school: p.school }));
