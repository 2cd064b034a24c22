import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, type Viewer } from "@/lib/access";
import { listCaseload } from "@/lib/students/caseload";
import { caseloadOf, enrolledAtSchool, enrolledCaseloadCounts } from "@/lib/users/caseload";
import { caseloadParamsSchema } from "@/lib/students/schema";
import type { RiskLevel } from "@/lib/students/rules";
import { districtDay } from "@/lib/calendar";
import { assertCanReport, reportSchool, reportSchools, type ReportSchool } from "./queries";

// Figures 6 and 7 for one school: early-warning counts of currently enrolled students, using the
// caseload's own risk rule and inputs (lib/students: riskFor over attendance, course failures,
// suspensions, credits and online engagement), and caseload sizes per counselor. These describe
// today, not a school year. The caseload query is called with the viewer's own scope and the
// chosen school as its filter (the school is first checked against that scope by reportSchool):
// the same students a school admin of that school reaches, without pretending to be one.

export type EarlyWarning = {
  school: ReportSchool;
  risk: Record<RiskLevel, number>;
  caseloads: { counselorId: string | null; name: string; students: number }[];
};

export async function getEarlyWarning(viewer: Viewer, input: { school?: string }, asOf: Date = districtDay()): Promise<EarlyWarning> {
  assertCanReport(viewer);
  const school = input.school ? await reportSchool(viewer, input.school) : (await reportSchools(viewer))[0];
  if (!school) throw new NotFoundError("School");
  const [page, counselors, counts, all] = await Promise.all([
    // Audited as this report (its school and the number of students counted), not as a caseload view.
    listCaseload(viewer, caseloadParamsSchema.parse({ school: school.id }), asOf, { action: "report.early_warning", filter: { school: school.id } }),
    db().user.findMany({ where: { schoolId: school.id, role: "COUNSELOR", active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    // The same count as the Users page's caseload column (lib/users/caseload.ts says which students).
    enrolledCaseloadCounts({ schoolId: school.id }),
    enrolledAtSchool(school.id),
  ]);
  const caseloads: EarlyWarning["caseloads"] = counselors.map((c) => ({ counselorId: c.id, name: c.name, students: caseloadOf(counts, { id: c.id, schoolId: school.id }) }));
  // Students of this school without a counselor, or whose counselor is inactive or at another school, count as unassigned here.
  const assigned = caseloads.reduce((s, c) => s + c.students, 0);
  if (all > assigned) caseloads.push({ counselorId: null, name: "No counselor assigned", students: all - assigned });
  return { school, risk: page.riskCounts, caseloads };
}
