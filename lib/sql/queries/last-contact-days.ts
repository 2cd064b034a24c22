import "server-only";
import { sqlDb } from "@/lib/sql/db";

/** Each of the given students' latest contact day (family contacts and outreach alike): max("occurredOn"). */
export function lastContactDays(studentIds: string[]) {
  return sqlDb()
    .selectFrom("Contact as c")
    .select((eb) => ["c.studentId", eb.fn.max("c.occurredOn").as("day")])
    .where("c.studentId", "in", studentIds)
    .groupBy("c.studentId")
    .execute();
}
