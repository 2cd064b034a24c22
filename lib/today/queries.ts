import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { PREPARED, sqlRows } from "@/lib/db";
import { can, readableNoteSql, studentScopeSql, type Viewer } from "@/lib/access";
import { districtTimeZone } from "@/lib/calendar";
import { caseloadRows } from "@/lib/students/caseload";
import { caseloadParamsSchema } from "@/lib/students/schema";
import type { RiskLevel } from "@/lib/students/rules";
import { PLAN_TYPE_LABELS, type PlanType } from "@/lib/plans/schema";
import { baselineDay, rankToday, REENGAGED_DAYS, type Dismissal, type TodayEntry, type TodayFacts } from "./rules";
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

type FactsRow = {
  id: string;
  counselorId: string | null;
  counselorName: string | null;
  lastContactDay: Date | null;
  followUps: { planId: string; type: string; nextFollowUp: string }[];
  baseDay: Date | null;
  baseLevel: RiskLevel | null;
  baseReasons: string[] | null;
  baseBehind: number | null;
  latestLevel: RiskLevel | null;
  levelSince: Date | null;
  reengagedEvent: string | null;
  reengagedOn: Date | null;
};

export async function getToday(viewer: Viewer, asOf: Date, filter: TodayFilter): Promise<TodayList> {
  const [visit] = await sqlRows<{ at: Date | null }>(
    Prisma.sql`
    SELECT max(at) AS at FROM "AuditEvent" WHERE "userId" = ${viewer.id} AND action = 'today.view' AND at < ${asOf}`,
    PREPARED,
  );
  // The visit's day in UTC is close enough for a baseline measured in days (a week, or more).
  const lastVisit = visit?.at ? new Date(Date.UTC(visit.at.getUTCFullYear(), visit.at.getUTCMonth(), visit.at.getUTCDate())) : null;
  const history = await snapshotCoverage();
  const base = baselineDay(asOf, lastVisit);
  if (can(viewer, "students.allSchools") && !filter.school) {
    return { entries: [], considered: 0, baseline: base, lastVisit, history, needsSchool: true };
  }
  const p = caseloadParamsSchema.parse({ school: filter.school, counselor: filter.counselor });
  const scope = Prisma.sql`${studentScopeSql(viewer)} AND s.status = 'ENROLLED'
    ${filter.school ? Prisma.sql`AND s."schoolId" = ${filter.school}` : Prisma.empty}
    ${filter.counselor ? Prisma.sql`AND s."counselorId" = ${filter.counselor}` : Prisma.empty}`;
  const baseIso = base.toISOString().slice(0, 10);
  const asOfIso = asOf.toISOString().slice(0, 10);
  const reengagedFrom = new Date(asOf.getTime() - REENGAGED_DAYS * 86_400_000).toISOString().slice(0, 10);
  const [{ all }, facts, dismissals] = await Promise.all([
    caseloadRows(viewer, p, asOf, { action: "today.view", filter: { ...filter } }),
    sqlRows<FactsRow>(
      Prisma.sql`
      SELECT s.id, s."counselorId", u.name AS "counselorName",
             greatest((SELECT max(c."occurredOn") FROM "Contact" c WHERE c."studentId" = s.id),
                      -- Notes the viewer may read (a restricted note is not theirs to know of), on the
                      -- district's calendar like a contact's day.
                      (SELECT (max(n."createdAt") AT TIME ZONE 'UTC' AT TIME ZONE ${districtTimeZone()})::date FROM "Note" n
                        WHERE n."studentId" = s.id AND ${readableNoteSql(viewer)})) AS "lastContactDay",
             (SELECT coalesce(json_agg(json_build_object('planId', pl.id, 'type', pl.type, 'nextFollowUp', pl."nextFollowUp")), '[]'::json)
                FROM "InterventionPlan" pl
               WHERE pl."studentId" = s.id AND pl.status = 'ACTIVE' AND pl."nextFollowUp" <= ${asOfIso}::date) AS "followUps",
             b.day AS "baseDay", b.level::text AS "baseLevel", b.reasons AS "baseReasons", b."behindCourses" AS "baseBehind",
             cur.level::text AS "latestLevel",
             -- The first day of the latest level's unbroken run (rows change on reasons too).
             (SELECT min(r.day) FROM "RiskSnapshot" r
               WHERE r."studentId" = s.id AND r.day <= ${asOfIso}::date
                 AND r.day > coalesce((SELECT max(x.day) FROM "RiskSnapshot" x
                                        WHERE x."studentId" = s.id AND x.day <= ${asOfIso}::date AND x.level <> cur.level), '1900-01-01'::date)) AS "levelSince",
             re.id AS "reengagedEvent", re."effectiveDate" AS "reengagedOn"
      FROM "Student" s
      LEFT JOIN "User" u ON u.id = s."counselorId"
      LEFT JOIN LATERAL (SELECT r.day, r.level, r.reasons, r."behindCourses" FROM "RiskSnapshot" r
                         WHERE r."studentId" = s.id AND r.day <= ${baseIso}::date ORDER BY r.day DESC LIMIT 1) b ON TRUE
      LEFT JOIN LATERAL (SELECT r.level FROM "RiskSnapshot" r
                         WHERE r."studentId" = s.id AND r.day <= ${asOfIso}::date ORDER BY r.day DESC LIMIT 1) cur ON TRUE
      LEFT JOIN LATERAL (SELECT e.id, e."effectiveDate" FROM "StatusEvent" e
                         WHERE e."studentId" = s.id AND e.kind = 'REENGAGED' AND e."effectiveDate" >= ${reengagedFrom}::date
                         ORDER BY e."effectiveDate" DESC, e.sequence DESC LIMIT 1) re ON TRUE
      WHERE ${scope}`,
      PREPARED,
    ),
    sqlRows<Dismissal>(
      Prisma.sql`
      SELECT "studentId", reason, key, until FROM "TodayDismissal"
      WHERE "userId" = ${viewer.id} AND (until IS NULL OR until > ${asOfIso}::date)`,
      PREPARED,
    ),
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
        type: (PLAN_TYPE_LABELS[x.type as PlanType] ?? x.type).toLowerCase(),
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
  return sqlRows<{ id: string; name: string }>(Prisma.sql`
    SELECT id, name FROM "User" WHERE role = 'COUNSELOR' AND "schoolId" = ${school} AND active ORDER BY name`);
}
