import "server-only";
import { expressionBuilder, sql, type Expression, type SqlBool } from "kysely";
import type { SafeDB } from "@/lib/sql/db";

type Over = SafeDB & { act: SafeDB["ActivitySession"] };

/**
 * lib/enrollments/activity.ts dayActiveSeconds in SQL: an aggregate over one enrollment-day's
 * "ActivitySession" rows aliased `act` (GROUP BY enrollment and day): the day total a report gave,
 * else the sum of the day's sessions. int8 when it sums: cast it where the value is read.
 */
export function dayActiveSeconds() {
  const eb = expressionBuilder<Over, "act">();
  const [dayTotal, seconds] = [eb.ref("act.dayTotal"), eb.ref("act.seconds")];
  return sql<number | string>`(CASE WHEN bool_or(${dayTotal}) THEN max(${seconds}) FILTER (WHERE ${dayTotal}) ELSE sum(${seconds}) END)`;
}

/**
 * The latest day of activity (dayActiveSeconds > 0) of the enrollment `enrollmentId` names — a
 * parameter (a string) or a column of the outer query (`eb.ref("e.id")`) — or NULL: a scalar
 * subquery, read by the ("enrollmentId", "day") index. The one rule by which the activity import,
 * provider progress (lib/imports/progress) and a counselor's result (lib/enrollments/results.ts)
 * move Enrollment.lastActivityOn; lib/enrollments/last-activity.int.test.ts checks they agree.
 */
export function lastActiveDay(enrollmentId: string | Expression<string>) {
  const eb = expressionBuilder<Over>();
  const days = eb
    .selectFrom("ActivitySession as act")
    .select("act.day")
    .where("act.enrollmentId", "=", enrollmentId)
    .groupBy("act.day")
    .having(sql<SqlBool>`${dayActiveSeconds()} > 0`)
    .as("d");
  return eb
    .selectFrom(days)
    .select((d) => d.fn.max("d.day").as("day"))
    .$asScalar()
    .$castTo<Date | null>();
}
