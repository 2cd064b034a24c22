import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("CourseAssessment as a")
    .select((eb) => [
      "a.id",
      "a.courseId",
      "a.version",
      "a.position",
      "a.title",
      "a.kind",
      sql<number>`${eb.ref("a.weight")}::float8`.as("weight"),
      sql<number>`${eb.ref("a.maxScore")}::float8`.as("maxScore"),
    ])
    .where((eb) =>
      eb(
        eb.refTuple("a.courseId", "a.version"),
        "in",
        eb
          .selectFrom("Enrollment as e")
          .select(["e.courseId", "e.courseVersion"])
          .where("e.studentId", "in", scopedStudent(db, v.id, scopeSlots(who, v)))
          .$asTuple("courseId", "courseVersion"),
      ),
    )
    .orderBy("a.courseId")
    .orderBy("a.version")
    .orderBy("a.position");
}, scopeKey);

/**
 * The assessments of every course version one student is enrolled on (each enrollment is graded
 * on its own version, lib/catalog/write.ts), for the student page (lib/students/record.ts), by
 * course, version and position. Nothing for a student out of `who`'s scope. Prepared.
 */
export async function studentCourseAssessments(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows;
}
