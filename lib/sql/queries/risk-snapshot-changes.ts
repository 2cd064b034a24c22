import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import type { RiskLevel } from "@/lib/generated/kysely/enums";

/** One student's computed snapshot values (lib/today/snapshot.ts snapshotValues): reasons as one comma-joined text. */
export type SnapshotValues = { id: string; level: RiskLevel; reasons: string; behind: number; inactive: number; credits: number };

/**
 * Writes one school's snapshot for `day` (YYYY-MM-DD) in ONE statement: the computed values
 * against each student's latest row before the day; changed ones are upserted for the day, and a
 * same-day row that no longer differs from the row before it (a rerun after a correction) is
 * deleted (data-modifying WITHs run whether or not they are read). The rows travel as one array
 * parameter per column (unnest). Answers how many rows the day holds for these students.
 */
export async function riskSnapshotChanges(day: string, rows: readonly SnapshotValues[]): Promise<number> {
  const onDay = sql<Date>`${day}::date`;
  const col = <K extends keyof SnapshotValues>(k: K) => rows.map((r) => r[k]);
  const input = sql<{
    id: string;
    level: string;
    reasons: string;
    behind: number;
    inactive: number;
    credits: string;
  }>`unnest(${col("id")}::text[], ${col("level")}::text[], ${col("reasons")}::text[], ${col("behind")}::int[], ${col("inactive")}::int[], ${col("credits")}::numeric[])`.as<"i">(
    sql`i(id, level, reasons, behind, inactive, credits)`,
  );
  const { n } = await sqlDb()
    .with("input", (db) => db.selectFrom(input).selectAll())
    .with("computed", (db) =>
      db
        .selectFrom("input as i")
        .innerJoin("Student as s", "s.id", "i.id")
        .select((eb) => [
          "i.id",
          sql<RiskLevel>`${eb.ref("i.level")}::"RiskLevel"`.as("level"),
          sql<string[] | null>`string_to_array(nullif(${eb.ref("i.reasons")}, ''), ',')`.as("reasons"),
          "i.behind",
          "i.inactive",
          "i.credits",
          "s.counselorId",
          "s.schoolId",
        ]),
    )
    .with("prior", (db) =>
      db
        .selectFrom("RiskSnapshot as r")
        .distinctOn("r.studentId")
        .select(["r.studentId", "r.level", "r.reasons", "r.behindCourses", "r.inactiveCourses", "r.counselorId"])
        .where("r.studentId", "in", db.selectFrom("input").select("id"))
        .where("r.day", "<", onDay)
        .orderBy("r.studentId")
        .orderBy("r.day", "desc"),
    )
    .with("diff", (db) =>
      db
        .selectFrom("computed as c")
        .leftJoin("prior as p", "p.studentId", "c.id")
        .selectAll("c")
        .select((eb) =>
          eb
            .or([
              eb("p.studentId", "is", null),
              eb("p.level", "<>", eb.ref("c.level")),
              eb("p.reasons", "<>", sql<string[]>`coalesce(${eb.ref("c.reasons")}, '{}')`),
              eb("p.behindCourses", "<>", eb.ref("c.behind")),
              eb("p.inactiveCourses", "<>", eb.ref("c.inactive")),
              eb("p.counselorId", "is distinct from", eb.ref("c.counselorId")),
            ])
            .as("changed"),
        ),
    )
    .with("upserted", (db) =>
      db
        .insertInto("RiskSnapshot")
        .columns(["studentId", "day", "level", "reasons", "counselorId", "schoolId", "behindCourses", "inactiveCourses", "creditsEarned"])
        .expression((eb) =>
          eb
            .selectFrom("diff")
            .select((d) => [
              "id",
              onDay.as("day"),
              "level",
              sql<string[]>`coalesce(${d.ref("reasons")}, '{}')`.as("reasons"),
              "counselorId",
              "schoolId",
              "behind",
              "inactive",
              "credits",
            ])
            .where((d) => d.ref("changed")),
        )
        .onConflict((oc) =>
          oc.columns(["studentId", "day"]).doUpdateSet((eb) => ({
            level: eb.ref("excluded.level"),
            reasons: eb.ref("excluded.reasons"),
            counselorId: eb.ref("excluded.counselorId"),
            schoolId: eb.ref("excluded.schoolId"),
            behindCourses: eb.ref("excluded.behindCourses"),
            inactiveCourses: eb.ref("excluded.inactiveCourses"),
            creditsEarned: eb.ref("excluded.creditsEarned"),
          })),
        )
        .returning(sql.lit(1).as("one")),
    )
    // Kysely 0.28 cannot type a DELETE … USING as a WITH's body: the statement is typed by the
    // builder and handed to the WITH as an expression.
    .with(
      "unchanged",
      (db) =>
        sql`(${db
          .deleteFrom("RiskSnapshot as r")
          .using("diff as d")
          .whereRef("r.studentId", "=", "d.id")
          .where("r.day", "=", onDay)
          .where((eb) => eb.not(eb.ref("d.changed")))})`,
    )
    .selectFrom("upserted")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return n;
}
