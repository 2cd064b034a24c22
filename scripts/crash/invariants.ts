// Whole-database checks that nothing is half-written, after a crash (scripts/crash-test.ts):
// - every enrollment's stored progress and lastActivityOn equal what its results give (or a later
//   day of time on task, from an activity import)
//   (lib/enrollments/rules: progressOf, lastActivity — the definitions the writes use);
// - every result belongs to an existing enrollment;
// - every completed enrollment has its transcript credit, and every online credit its enrollment;
// - every student's status is the one their status history's last event gives, in the recorded
//   order (effectiveDate, sequence) — lib/imports/rules statusAfter, restated in SQL.
// A test oracle (the crash test's and lib/test/seed.int.test.ts's): its SQL restates the rules
// apart from the product's on purpose, so it is on the typed boundary's allow-list (lib/sql/db.ts).
import type { Db } from "@/lib/db";
import { lastActivity, progressOf } from "@/lib/enrollments/rules";

const PAGE = 500;

export async function checkInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await db.enrollment.findMany({
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        progress: true,
        lastActivityOn: true,
        courseVersion: true,
        course: { select: { masteryThreshold: true, assessments: true } },
        results: { select: { assessmentId: true, score: true, attempt: true, takenOn: true } },
        activity: { where: { seconds: { gt: 0 } }, select: { day: true }, orderBy: { day: "desc" }, take: 1 },
      },
    });
    for (const e of page) {
      // Graded on the enrollment's own course version (lib/catalog/write.ts).
      const assessments = e.course.assessments
        .filter((a) => a.version === e.courseVersion)
        .map((a) => ({ id: a.id, position: a.position, kind: a.kind, weight: Number(a.weight), maxScore: Number(a.maxScore) }));
      const results = e.results.map((r) => ({ ...r, score: Number(r.score) }));
      const progress = progressOf(assessments, results, e.course.masteryThreshold);
      // The latest result, or a later day of time on task (lib/imports/FORMATS.md §3c).
      const resultDay = lastActivity(results);
      const activityDay = e.activity[0]?.day ?? null;
      const last = activityDay && (!resultDay || activityDay > resultDay) ? activityDay : resultDay;
      if (progress !== e.progress) problems.push(`enrollment ${e.id}: progress ${e.progress}, its results give ${progress}`);
      if ((last?.getTime() ?? null) !== (e.lastActivityOn?.getTime() ?? null))
        problems.push(`enrollment ${e.id}: lastActivityOn ${e.lastActivityOn?.toISOString()}, its results give ${last?.toISOString()}`);
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1].id;
  }
  const count = async (label: string, sql: string) => {
    const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(sql);
    if (Number(n) > 0) problems.push(`${n} ${label}`);
  };
  await count("results without their enrollment", `SELECT count(*)::int AS n FROM "AssessmentResult" r LEFT JOIN "Enrollment" e ON e.id = r."enrollmentId" WHERE e.id IS NULL`);
  await count(
    "completed enrollments without their transcript credit",
    `SELECT count(*)::int AS n FROM "Enrollment" e WHERE e.status = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM "TranscriptCourse" t WHERE t."enrollmentId" = e.id)`,
  );
  await count(
    "online transcript credits whose enrollment is not completed",
    `SELECT count(*)::int AS n FROM "TranscriptCourse" t JOIN "Enrollment" e ON e.id = t."enrollmentId" WHERE e.status <> 'COMPLETED'`,
  );
  await count(
    "students whose status is not their history's last event",
    `SELECT count(*)::int AS n FROM "Student" s
     JOIN LATERAL (SELECT e.kind FROM "StatusEvent" e WHERE e."studentId" = s.id ORDER BY e."effectiveDate" DESC, e.sequence DESC LIMIT 1) l ON TRUE
     WHERE s.status::text <> CASE l.kind WHEN 'ENTERED' THEN 'ENROLLED' WHEN 'REENGAGED' THEN 'ENROLLED' WHEN 'EARNED_EQUIVALENCY' THEN 'DROPPED_OUT' ELSE l.kind::text END`,
  );
  return problems;
}
