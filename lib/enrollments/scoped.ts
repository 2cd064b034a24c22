import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { EnrollmentStatus, SubjectArea } from "@/lib/generated/prisma/enums";
import { PREPARED, sqlRows } from "@/lib/db";
import { assertLookupId, NotFoundError, studentScopeSql, type Viewer } from "@/lib/access";
import { ConflictError, DomainError } from "@/lib/safe-action";
import type { AssessmentFacts, ResultFacts } from "./rules";

// The enrollment an action works on, reached only through a student in the viewer's scope
// (out of scope and nonexistent look the same), with its course, the assessments of the course
// version it is graded on (Enrollment.courseVersion), and its results.

type EnrollmentRow = {
  id: string;
  studentId: string;
  status: EnrollmentStatus;
  version: number;
  startDate: Date;
  course: { title: string; providerCourseCode: string; subjectArea: SubjectArea; credits: number; masteryThreshold: number };
};

export async function loadScopedEnrollment(viewer: Viewer, enrollmentId: string) {
  assertLookupId(enrollmentId, "Enrollment");
  // Three statements at once, straight to the driver (lib/db.ts sqlRows), each limited to an
  // enrollment of a student in scope: nothing comes back for one out of scope.
  const scoped = Prisma.sql`(SELECT e.id FROM "Enrollment" e JOIN "Student" s ON s.id = e."studentId"
                             WHERE e.id = ${enrollmentId} AND ${studentScopeSql(viewer)})`;
  const [[e], assessments, results] = await Promise.all([
    sqlRows<EnrollmentRow>(
      Prisma.sql`
      SELECT e.id, e."studentId", e.status::text, e.version, e."startDate",
             json_build_object('title', c.title, 'providerCourseCode', c."providerCourseCode", 'subjectArea', c."subjectArea",
                               'credits', c.credits::float8, 'masteryThreshold', c."masteryThreshold") AS course
      FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId"
      WHERE e.id IN ${scoped}`,
      PREPARED,
    ),
    sqlRows<AssessmentFacts>(
      Prisma.sql`
      SELECT a.id, a.position, a.kind::text, a.weight::float8 AS weight, a."maxScore"::float8 AS "maxScore"
      FROM "CourseAssessment" a JOIN "Enrollment" e ON e."courseId" = a."courseId" AND e."courseVersion" = a.version
      WHERE e.id IN ${scoped}
      ORDER BY a.position`,
      PREPARED,
    ),
    sqlRows<ResultFacts>(
      Prisma.sql`
      SELECT r."assessmentId", r.score::float8 AS score, r.attempt, r."takenOn"
      FROM "AssessmentResult" r
      WHERE r."enrollmentId" IN ${scoped}
      ORDER BY r."takenOn", r.attempt, r.id`,
      PREPARED,
    ),
  ]);
  if (!e) throw new NotFoundError("Enrollment");
  return { enrollment: e, assessments, results };
}

/** Refuses a change to an enrollment that has ended, or one changed since the form was loaded. */
export function assertActiveAt(e: { status: string; version: number }, version: number): void {
  if (e.status !== "ACTIVE") throw new DomainError("This enrollment has already ended.");
  if (e.version !== version) throw new ConflictError();
}
