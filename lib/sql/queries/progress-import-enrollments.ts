import "server-only";
import { sql, type SqlBool } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { lastActiveDay } from "@/lib/sql/fragments/last-active-day";
import { textArray } from "@/lib/sql/fragments/text-array";

/**
 * Every enrollment of these students (one chunk), for the provider progress import's read
 * (lib/imports/progress): whether it is on the transcript (`credited`) and its latest day of
 * activity (lib/sql/fragments/last-active-day.ts). Through the pool's driver, not Prisma: Prisma's
 * row conversion (a Decimal per value) made garbage per row, and a file names tens of thousands.
 * Numerics come as strings (the driver's). In id order: the plan takes the latest-created of a
 * student's enrollments in a course, and of two created at the same instant the first read.
 */
export async function progressImportEnrollments(studentIds: readonly string[]) {
  return sqlDb()
    .selectFrom("Enrollment as e")
    .select((eb) => [
      "e.id",
      "e.studentId",
      "e.courseId",
      "e.courseVersion",
      "e.version",
      "e.status",
      "e.sourceKey",
      "e.startDate",
      "e.targetDate",
      "e.progress",
      "e.lastActivityOn",
      "e.finalGrade",
      "e.creditAwarded",
      "e.endedOn",
      "e.endReason",
      "e.createdAt",
      eb.exists(eb.selectFrom("TranscriptCourse as t").select(sql.lit(1).as("one")).whereRef("t.enrollmentId", "=", "e.id")).as("credited"),
      lastActiveDay(eb.ref("e.id")).as("activityOn"),
    ])
    .where(sql<SqlBool>`${sql.ref("e.studentId")} = ANY(${textArray(studentIds)})`)
    .orderBy("e.id")
    .execute();
}
