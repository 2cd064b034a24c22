import { reportRoute } from "@/lib/reports/http";
import { yearParams } from "@/lib/reports/schema";
import { getProgram } from "@/lib/reports/queries";

// GET /api/reports/program?year=2024-25&school=…: online program results by program type and provider.
export const GET = reportRoute(yearParams, (viewer, p) => getProgram(viewer, { year: p.year, school: p.school }));
