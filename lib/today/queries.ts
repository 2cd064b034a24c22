import "server-only";
import { can, type Viewer } from "@/lib/access";
import { districtTimeZone } from "@/lib/calendar";
import { caseloadRows } from "@/lib/students/caseload";
import { caseloadParamsSchema } from "@/lib/students/schema";
import { PLAN_TYPE_LABELS } from "@/lib/plans/schema";
import { lastTodayVisit } from "@/lib/sql/queries/last-today-visit";
import { schoolCounselors } from "@/lib/sql/queries/school-counselors";
import { todayDismissals } from "@/lib/sql/queries/today-dismissals";
import { todayFacts } from "@/lib/sql/queries/today-facts";
import { baselineDay, rankToday, REENGAGED_DAYS, type TodayEntry, type TodayFacts } from "./rules";
import { snapshotCoverage } from "./snapshot";

// The Today list's reads (issue 16). Three statements whatever the caseload's size, run in parallel:
//   1–2. the caseload's own two (lib/students/caseload.ts caseloadRows: risk, credits, pace — one
//        rule), with the list's audit event "today.view";
//   3.   per student in scope: counselor, latest note or family contact, due follow-ups of active
//        plans, the risk at the baseline day and since when the current level holds (RiskSnapshot),
//        a recent re-engagement; plus the viewer's dismissals and last visit.

export type TodayFilter = { school?: string; counselor?: string };
export type TodayList = {
  entries: TodayEntry[];
  /** Students the list looked at (enrolled, in scope, matching the filter). */
  considered: number;
  baseline: Date;
  lastVisit: Date | null;
  /** The days the risk history covers (null before the daily snapshot first ran). */
  history: { first: Date | null; latest: Date | null };
  needsSchool: boolean;
};

export async function getToday(viewer: Viewer, asOf: Date, filter: TodayFilter): Promise<TodayList> {
  const visit = await lastTodayVisit(viewer.id, asOf);
  // The visit's day in UTC is close enough for a baseline measured in days (a week, or more).
  const lastVisit = visit ? new Date(Date.UTC(visit.getUTCFullYear(), visit.getUTCMonth(), visit.getUTCDate())) : null;
  const history = await snapshotCoverage();
  const base = baselineDay(asOf, lastVisit);
  if (can(viewer, "students.allSchools") && !filter.school) {
    return { entries: [], considered: 0, baseline: base, lastVisit, history, needsSchool: true };
  }
  const p = caseloadParamsSchema.parse({ school: filter.school, counselor: filter.counselor });
  const asOfIso = asOf.toISOString().slice(0, 10);
  const days = {
    asOf: asOfIso,
    baseline: base.toISOString().slice(0, 10),
    reengagedFrom: new Date(asOf.getTime() - REENGAGED_DAYS * 86_400_000).toISOString().slice(0, 10),
    timeZone: districtTimeZone(),
  };
  const [{ all }, facts, dismissals] = await Promise.all([
    caseloadRows(viewer, p, asOf, { action: "today.view", filter: { ...filter } }),
    todayFacts(viewer, filter, days),
    todayDismissals(viewer.id, asOfIso),
  ]);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const input: TodayFacts[] = [];
  for (const r of all) {
    const f = byId.get(r.id);
    if (!f) continue; // outside the counselor filter
    input.push({
      id: r.id,
      name: r.name,
      sisId: r.sisId,
      gradeLevel: r.gradeLevel,
      counselorName: f.counselorName,
      risk: r.risk,
      creditsStillNeeded: r.creditsStillNeeded,
      creditsRequired: r.creditsRequired,
      courses: r.courses.map((c) => ({ id: c.id, title: c.title, pace: c.pace, targetDate: c.targetDate, daysInactive: c.daysInactive })),
      lastContactDay: f.lastContactDay,
      followUps: f.followUps.map((x) => ({
        planId: x.planId,
        type: (PLAN_TYPE_LABELS[x.type] ?? x.type).toLowerCase(),
        nextFollowUp: new Date(`${x.nextFollowUp.slice(0, 10)}T00:00:00Z`),
      })),
      baseline: f.baseDay && f.baseLevel ? { day: f.baseDay, level: f.baseLevel, reasons: f.baseReasons ?? [], behindCourses: f.baseBehind ?? 0 } : null,
      // Since when the level shown holds: the snapshot's run when the history agrees with today's
      // computation, else it changed today.
      levelSince: f.latestLevel === r.risk.level ? f.levelSince : asOf,
      reengagedOn: f.reengagedEvent && f.reengagedOn ? { eventId: f.reengagedEvent, day: f.reengagedOn } : null,
    });
  }
  return { entries: rankToday(input, dismissals, asOf), considered: input.length, baseline: base, lastVisit, history, needsSchool: false };
}

/** Counselors a school administrator can filter Today by (their school's), with how many students each has. */
export async function todayCounselors(viewer: Viewer, schoolId: string | undefined): Promise<{ id: string; name: string }[]> {
  if (!can(viewer, "students.byCounselor")) return [];
  const school = can(viewer, "students.allSchools") ? schoolId : viewer.schoolId;
  if (!school) return [];
  return schoolCounselors(school);
}
