import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { dayActiveSeconds } from "@/lib/sql/fragments/last-active-day";
import { textArray } from "@/lib/sql/fragments/text-array";

const query = preparedQuery((v: { enrollmentIds: readonly string[] }) =>
  sqlDb()
    .selectFrom("ActivitySession as act")
    .select(["act.enrollmentId", "act.day", sql<number>`${dayActiveSeconds()}::int`.as("seconds")])
    .where((eb) => eb("act.enrollmentId", "=", eb.fn.any(textArray(v.enrollmentIds))))
    .groupBy(["act.enrollmentId", "act.day"]),
);

/**
 * The active seconds of each day with activity of the given enrollments (lib/enrollments/activity.ts
 * activeTime: the student page's time on task and the guardrail input), by the one rule of a day
 * (lib/sql/fragments/last-active-day.ts dayActiveSeconds). The ids are one array parameter: the same
 * statement for any number of them. Prepared: the student page reads it.
 */
export async function enrollmentDaySeconds(enrollmentIds: readonly string[]) {
  return (await query({ enrollmentIds }, undefined)).rows;
}
