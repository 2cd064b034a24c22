import "server-only";
import { sqlDb } from "@/lib/sql/db";
import { caseloadWhere, type CaseloadFilter } from "@/lib/sql/fragments/caseload-filter";
import { masteryFailed } from "@/lib/sql/fragments/mastery-failed";

/**
 * The active online enrollments of the caseload's students (lib/students/caseload.ts, statement 2
 * of 2: the same `filter` as caseload-students.ts), with the pace inputs and the mastery-failed
 * risk input (lib/sql/fragments/mastery-failed.ts), oldest start first. Prepared: every request.
 */
export async function caseloadActiveEnrollments(filter: CaseloadFilter) {
  const db = sqlDb({ prepared: true });
  return db
    .selectFrom("Enrollment as e")
    .innerJoin("OnlineCourse as c", "c.id", "e.courseId")
    .select(["e.id", "e.studentId", "c.title", "e.progress", "e.startDate", "e.targetDate", "e.lastActivityOn", masteryFailed().as("masteryFailed")])
    .where("e.status", "=", "ACTIVE")
    .where("e.studentId", "in", db.selectFrom("Student as s").select("s.id").where(caseloadWhere(filter)))
    .orderBy("e.startDate")
    .orderBy("e.id")
    .execute();
}
