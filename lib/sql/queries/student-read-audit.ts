import "server-only";
import { sql } from "kysely";
import { AUDIT_COLUMNS, auditSelect } from "@/lib/audit";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues & { id: string; at: Date }, shape: ScopeActor) => {
  const db = sqlDb();
  const who = scopeSlots(shape, v);
  const { id, at } = v;
  const ev = db
    .selectNoFrom((eb) =>
      eb
        .case()
        .when(eb.exists(scopedStudent(db, id, who)))
        .then(sql.lit("student.read"))
        .else(sql.lit("student.read.refused"))
        .end()
        .as("action"),
    )
    .as("ev");
  return db
    .insertInto("AuditEvent")
    .columns(AUDIT_COLUMNS)
    .expression((eb) =>
      eb
        .selectFrom(ev)
        .select((x) =>
          auditSelect(
            who,
            {
              action: x.ref("ev.action"),
              studentId: x.selectFrom("Student as s").select("s.id").where("s.id", "=", id).$asScalar().$castTo<string | null>(),
              entity: "Student",
              entityId: id,
            },
            at,
          ),
        )
        .where((x) =>
          x.not(
            x.exists(
              x
                .selectFrom("AuditEvent as a")
                .select(sql.lit(1).as("one"))
                .where("a.userId", "=", who.id)
                .whereRef("a.action", "=", "ev.action")
                .where("a.entity", "=", sql.lit("Student"))
                .where("a.entityId", "=", id)
                .where("a.at", ">", sql<Date>`${at}::timestamp - interval '1 second'`),
            ),
          ),
        ),
    );
}, scopeKey);

/**
 * A student record read's audit event in one statement (issues 6 and 14; lib/students/record.ts
 * runs it beside the reads, in the same round trip): `student.read` for a student in `who`'s scope,
 * `student.read.refused` for an id out of scope or nonexistent (the id asked for in entityId; the
 * student, when it exists, in studentId, so "who looked at this student?" finds refused attempts
 * too). An identical event (same user, action, entity and id) less than one second before is not
 * written again: a save re-renders the page two or three times, and that is one look. Built by
 * lib/audit.ts auditSelect, the one writer. Prepared: every page view.
 */
export async function studentReadAudit(id: string, who: ScopeActor, at = new Date()): Promise<void> {
  await query({ id, at, ...scopeValues(who) }, who);
}
