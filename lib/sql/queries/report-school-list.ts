import "server-only";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery(
  (v: { schools: string[] | null }, all: boolean) =>
    sqlDb()
      .selectFrom("School")
      .select(["id", "name"])
      .$if(!all, (q) => q.where((eb) => eb("id", "=", eb.fn.any(eb.val(v.schools as string[])))))
      .orderBy("name")
      .orderBy("id"),
  (all) => (all ? "all" : "some"),
);

/**
 * The schools of a report's view by name (`schools` null: every school; else those — the caller's
 * scope, already checked): its units and the roll note's names (lib/reports/queries.ts). Prepared:
 * every report request.
 */
export async function reportSchoolList(schools: string[] | null) {
  return (await query({ schools }, schools === null)).rows;
}
