import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import type { PlanType } from "@/lib/generated/kysely/enums";
import { noteReadable, studentInScope, type ScopeActor, scopeKey, scopeSlots, scopeValues, type ScopeValues } from "@/lib/sql/fragments/scope";

/** What the Today list narrows the enrolled students in scope to (lib/today/queries.ts TodayFilter). */
export type TodayFactsFilter = { school?: string; counselor?: string };

type Days = { asOf: string; baseline: string; reengagedFrom: string; timeZone: string };
type Values = ScopeValues & Days & { school: string | null; counselor: string | null };

const query = preparedQuery(
  (v: Values, { who, filter }: { who: ScopeActor; filter: TodayFactsFilter }) => {
    const actor = scopeSlots(who, v);
    const asOf = sql<Date>`${v.asOf}::date`;
    return sqlDb()
      .selectFrom("Student as s")
      .leftJoin("User as u", "u.id", "s.counselorId")
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom("RiskSnapshot as r")
            .select(["r.day", "r.level", "r.reasons", "r.behindCourses"])
            .whereRef("r.studentId", "=", "s.id")
            .where("r.day", "<=", sql<Date>`${v.baseline}::date`)
            .orderBy("r.day", "desc")
            .limit(sql.lit(1))
            .as("b"),
        (join) => join.onTrue(),
      )
      .leftJoinLateral(
        (eb) =>
          eb.selectFrom("RiskSnapshot as r").select("r.level").whereRef("r.studentId", "=", "s.id").where("r.day", "<=", asOf).orderBy("r.day", "desc").limit(sql.lit(1)).as("cur"),
        (join) => join.onTrue(),
      )
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom("StatusEvent as e")
            .select(["e.id", "e.effectiveDate"])
            .whereRef("e.studentId", "=", "s.id")
            .where("e.kind", "=", sql.lit("REENGAGED"))
            .where("e.effectiveDate", ">=", sql<Date>`${v.reengagedFrom}::date`)
            .orderBy("e.effectiveDate", "desc")
            .orderBy("e.sequence", "desc")
            .limit(sql.lit(1))
            .as("re"),
        (join) => join.onTrue(),
      )
      .select((eb) => [
        "s.id",
        "s.counselorId",
        "u.name as counselorName",
        eb
          .fn<Date | null>("greatest", [
            eb
              .selectFrom("Contact as c")
              .select((c) => c.fn.max("c.occurredOn").as("m"))
              .whereRef("c.studentId", "=", "s.id"),
            eb
              .selectFrom("Note as n")
              .select(sql<Date | null>`(max(${sql.ref("n.createdAt")}) AT TIME ZONE 'UTC' AT TIME ZONE ${v.timeZone})::date`.as("m"))
              .whereRef("n.studentId", "=", "s.id")
              .where(noteReadable(actor)),
          ])
          .as("lastContactDay"),
        eb
          .selectFrom("InterventionPlan as pl")
          .select(
            sql<
              { planId: string; type: PlanType; nextFollowUp: string }[]
            >`coalesce(json_agg(json_build_object('planId', ${sql.ref("pl.id")}, 'type', ${sql.ref("pl.type")}, 'nextFollowUp', ${sql.ref("pl.nextFollowUp")})), '[]'::json)`.as(
              "f",
            ),
          )
          .whereRef("pl.studentId", "=", "s.id")
          .where("pl.status", "=", sql.lit("ACTIVE"))
          .where("pl.nextFollowUp", "<=", asOf)
          .$asScalar()
          .as("followUps"),
        "b.day as baseDay",
        "b.level as baseLevel",
        "b.reasons as baseReasons",
        "b.behindCourses as baseBehind",
        "cur.level as latestLevel",
        // The first day of the latest level's unbroken run (rows change on reasons too).
        eb
          .selectFrom("RiskSnapshot as r")
          .select((r) => r.fn.min("r.day").as("d"))
          .whereRef("r.studentId", "=", "s.id")
          .where("r.day", "<=", asOf)
          .where(
            "r.day",
            ">",
            eb.fn.coalesce(
              eb
                .selectFrom("RiskSnapshot as x")
                .select((x) => x.fn.max("x.day").as("d"))
                .whereRef("x.studentId", "=", "s.id")
                .where("x.day", "<=", asOf)
                .whereRef("x.level", "<>", "cur.level"),
              sql<Date>`'1900-01-01'::date`,
            ),
          )
          .as("levelSince"),
        "re.id as reengagedEvent",
        "re.effectiveDate as reengagedOn",
      ])
      .where(studentInScope(actor))
      .where("s.status", "=", sql.lit("ENROLLED"))
      .$if(!!filter.school, (q) => q.where("s.schoolId", "=", v.school!))
      .$if(!!filter.counselor, (q) => q.where("s.counselorId", "=", v.counselor!));
  },
  ({ who, filter }) => `${scopeKey(who)}|${filter.school ? "school" : ""}|${filter.counselor ? "counselor" : ""}`,
);

/**
 * Today's facts per student (lib/today/queries.ts, statement 3) of the enrolled students `who`
 * reaches (studentInScope) that match `filter`: counselor; latest family contact or note (a note
 * only if `who` may know of it, noteReadable; its day on the district's calendar `timeZone`, like a
 * contact's); due follow-ups of active plans on `asOf`; the risk at `baseline` and since when the
 * current level holds (RiskSnapshot); the latest re-engagement since `reengagedFrom` (days are
 * YYYY-MM-DD). Every request runs it: prepared, one text per filter shape. The enum values and
 * LIMIT 1 stay literals in the text (as before the move), so a generic plan keeps the planner's
 * statistics for them.
 */
export async function todayFacts(who: ScopeActor, filter: TodayFactsFilter, days: Days) {
  return (await query({ ...scopeValues(who), ...days, school: filter.school ?? null, counselor: filter.counselor ?? null }, { who, filter })).rows;
}
