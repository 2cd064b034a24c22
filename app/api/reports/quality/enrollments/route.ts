import { reportRoute } from "@/lib/reports/http";
import { qualityDrillParams } from "@/lib/reports/schema";
import { getQualityDrill } from "@/lib/reports/queries";

// GET /api/reports/quality/enrollments?year=2024-25&row=course:…::&show=tooFast[&school=…&group=…]:
// the enrollments behind one figure of the program quality report, scoped like every student read.
export const GET = reportRoute(qualityDrillParams, (viewer, p) => getQualityDrill(viewer, p));
