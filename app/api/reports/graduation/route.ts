import { reportRoute } from "@/lib/reports/http";
import { graduationParams } from "@/lib/reports/schema";
import { getGraduation } from "@/lib/reports/queries";

// GET /api/reports/graduation?cohort=2024&school=<id or state code>: 4- and 5-year ACGR with groups (suppressed).
export const GET = reportRoute(graduationParams, (viewer, p) => getGraduation(viewer, { cohort: p.cohort, school: p.school }));
