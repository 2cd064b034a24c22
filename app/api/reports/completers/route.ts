import { reportRoute } from "@/lib/reports/http";
import { yearParams } from "@/lib/reports/schema";
import { getCompleters } from "@/lib/reports/queries";

// GET /api/reports/completers?year=2024-25&school=…: credit-recovery completers who graduated.
export const GET = reportRoute(yearParams, (viewer, p) => getCompleters(viewer, { year: p.year, school: p.school }));
