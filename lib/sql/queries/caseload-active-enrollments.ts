import "server-only";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { caseloadFilterKey, caseloadFilterValues, caseloadWhere, type CaseloadFilter, type CaseloadFilterValues } from "@/lib/sql/fragments/caseload-filter";
import { masteryFailed } from "@/lib/sql/fragments/mastery-failed";

const query = preparedQuery((v: CaseloadFilterValues, filter: CaseloadFilter) => {
  const db = sqlDb();
  return db
    .selectFrom("Enrollment as e")
    .innerJoin("OnlineCourse as c", "c.id", "e.courseId")
    .select(["e.id", "e.studentId", "c.title", "e.progress", "e.startDate", "e.targetDate", "e.lastActivityOn", masteryFailed().as("masteryFailed")])
    .where("e.status", "=", "ACTIVE")
    .where("e.studentId", "in", db.selectFrom("Student as s").select("s.id").where(caseloadWhere(filter, v)))
    .orderBy("e.startDate")
    .orderBy("e.id");
}, caseloadFilterKey);

/**
 * The active online enrollments of the caseload's students (lib/students/caseload.ts, statement 2
 * of 2: the same `filter` as caseload-students.ts), with the pace inputs and the mastery-failed
 * risk input (lib/sql/fragments/mastery-failed.ts), oldest start first. Prepared: every request.
 */
export async function caseloadActiveEnrollments(filter: CaseloadFilter) {
  return (await query(caseloadFilterValues(filter), filter)).rows;
}
