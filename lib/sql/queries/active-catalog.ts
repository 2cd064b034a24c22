import "server-only";
import { sql } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery(() =>
  sqlDb()
    .selectFrom("OnlineCourse as c")
    .innerJoin("Provider as p", "p.id", "c.providerId")
    .select((eb) => [
      "c.id",
      "c.title",
      "c.subjectArea",
      "c.programType",
      sql<number>`${eb.ref("c.credits")}::float8`.as("credits"),
      "c.expectedWeeks",
      "c.recovers",
      jsonBuildObject({ name: eb.ref("p.name") }).as("provider"),
    ])
    .where((eb) => eb.ref("c.active"))
    .orderBy("c.subjectArea")
    .orderBy("c.title")
    .orderBy("c.id"),
);

/**
 * The active catalog courses with their provider, by subject area and title: what the student
 * page (lib/students/record.ts) offers to enroll in and to recover a failed course with. The
 * catalog is not student data: no scope. Prepared: every page view.
 */
export async function activeCatalog() {
  return (await query({}, undefined)).rows;
}
