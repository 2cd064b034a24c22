import "server-only";
import { sql } from "kysely";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_COLUMNS, auditSelect } from "@/lib/audit";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { lastActiveDay } from "@/lib/sql/fragments/last-active-day";

/** One new result: its id, the assessment, score, attempt, day (YYYY-MM-DD) and whether proctored (null = not stated). */
export type NewResult = { id: string; assessmentId: string; score: number; attempt: number; takenOn: string; proctored: boolean | null };

type Values = { userId: string; enrollmentId: string; version: number; progress: number; lastActivityOn: string | null; results: string; details: string; at: Date };

const query = preparedQuery((v: Values) => {
  const r = sql<NewResult>`json_to_recordset(${v.results}::json)`.as<"r">(sql`r(id text, "assessmentId" text, score numeric, attempt int, "takenOn" date, proctored boolean)`);
  return sqlDb()
    .with("upd", (db) =>
      db
        .updateTable("Enrollment as e")
        .set((eb) => ({
          progress: v.progress,
          lastActivityOn: eb.fn("greatest", [sql<Date>`${v.lastActivityOn}::date`, lastActiveDay(v.enrollmentId)]),
          version: eb("e.version", "+", 1),
          updatedAt: sql<Date>`now()`,
        }))
        .where("e.id", "=", v.enrollmentId)
        .where("e.version", "=", v.version)
        .where("e.status", "=", sql.lit("ACTIVE"))
        .returning(["e.id", "e.studentId"]),
    )
    .with("ins", (db) =>
      db
        .insertInto("AssessmentResult")
        .columns(["id", "enrollmentId", "assessmentId", "score", "attempt", "takenOn", "proctored", "recordedById"])
        .expression((eb) =>
          eb
            .selectFrom("upd")
            .crossJoin(r)
            .select(["r.id", "upd.id as enrollmentId", "r.assessmentId", "r.score", "r.attempt", "r.takenOn", "r.proctored", eb.val(v.userId).as("recordedById")]),
        )
        .returning(sql.lit(1).as("one")),
    )
    .with("audit", (db) =>
      db
        .insertInto("AuditEvent")
        .columns(AUDIT_COLUMNS)
        .expression((eb) =>
          eb
            .selectFrom("upd")
            .select((u) =>
              auditSelect(
                { id: v.userId },
                { action: "result.record", studentId: u.ref("upd.studentId"), entity: "Enrollment", entityId: u.ref("upd.id"), details: sql`${v.details}::jsonb` },
                v.at,
              ),
            ),
        )
        .returning(sql.lit(1).as("one")),
    )
    .selectNoFrom((eb) =>
      eb
        .selectFrom("upd")
        .select(sql<number>`count(*)::int`.as("n"))
        .$asScalar()
        .as("updated"),
    );
});

/**
 * A counselor's results for one enrollment, in ONE statement (lib/enrollments/results.ts): the
 * version-checked update of the enrollment (progress; last activity = the later of `lastActivityOn`
 * and its last active day, lib/sql/fragments/last-active-day.ts), the new AssessmentResult rows and
 * the `result.record` audit event (lib/audit.ts auditSelect). The rows and the event hang off the
 * update's RETURNING, so a stale version or an ended enrollment (0 rows updated) writes nothing.
 * Returns the number of enrollments updated (1, or 0 on a conflict). Prepared: the counselor's most
 * frequent write; the results travel as one JSON parameter, so the text is the same for any number.
 */
export async function recordedResults(
  who: { id: string },
  w: { enrollmentId: string; version: number; progress: number; lastActivityOn: string | null; results: NewResult[]; details: Prisma.InputJsonValue },
  at = new Date(),
): Promise<number> {
  const { enrollmentId, version, progress, lastActivityOn } = w;
  const v = { userId: who.id, enrollmentId, version, progress, lastActivityOn, results: JSON.stringify(w.results), details: JSON.stringify(w.details), at };
  // A WITH and a scalar select: always one row.
  return (await query(v, undefined)).rows[0].updated ?? 0;
}
