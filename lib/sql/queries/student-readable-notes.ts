import "server-only";
import { sql, type SqlBool } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import { AUDIT_COLUMNS, auditSelect } from "@/lib/audit";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { noteReadable, scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues & { id: string; at: Date }, shape: ScopeActor) => {
  const db = sqlDb();
  const who = scopeSlots(shape, v);
  const { id, at } = v;
  const action = "note.restricted-read";
  return db
    .with("visible", (q) =>
      q
        .selectFrom("Note as n")
        .innerJoin("Student as s", "s.id", "n.studentId")
        .innerJoin("User as u", "u.id", "n.authorId")
        .select((eb) => ["n.id", "n.kind", "n.body", "n.version", "n.createdAt", "n.restricted", jsonBuildObject({ id: eb.ref("u.id"), name: eb.ref("u.name") }).as("author")])
        .where("n.studentId", "in", scopedStudent(db, id, who))
        .where(noteReadable(who))
        .where((eb) => eb.not(eb.exists(eb.selectFrom("Contact as c").select(sql.lit(1).as("one")).whereRef("c.noteId", "=", "n.id")))),
    )
    .with("audited", (q) =>
      q
        .insertInto("AuditEvent")
        .columns(AUDIT_COLUMNS)
        .expression((eb) =>
          eb
            .selectFrom("visible as v")
            .select((x) =>
              auditSelect(
                who,
                { action, studentId: id, entity: "Student", entityId: id, details: sql`jsonb_build_object('noteIds', jsonb_agg(${x.ref("v.id")} ORDER BY ${x.ref("v.id")}))` },
                at,
              ),
            )
            .where((x) =>
              x.and([
                x.ref("v.restricted"),
                x.not(
                  x.exists(
                    x
                      .selectFrom("AuditEvent as a")
                      .select(sql.lit(1).as("one"))
                      .where("a.userId", "=", who.id)
                      .where("a.action", "=", action)
                      .where("a.entityId", "=", id)
                      .where("a.at", ">", sql<Date>`${at}::timestamp - interval '1 second'`),
                  ),
                ),
              ]),
            )
            .having(sql<SqlBool>`count(*) > 0`),
        )
        .returning(sql.lit(1).as("one")),
    )
    .selectFrom("visible as v")
    .select(["v.id", "v.kind", "v.body", "v.version", "v.createdAt", "v.restricted", "v.author"])
    .orderBy("v.createdAt", "desc")
    .orderBy("v.id");
}, scopeKey);

/**
 * The notes on one student that `who` may read (lib/sql/fragments/scope.ts noteReadable: a
 * restricted note only to its author, the school's and district's administrators and those it is
 * shared with), newest first, less the FAMILY_CONTACT notes migrated into the contact log (shown
 * there, not twice) — and, in the SAME statement, the `note.restricted-read` audit event naming the
 * restricted ones read (lib/audit.ts auditSelect), unless `who` had the same event for this student
 * less than a second before (a save re-renders the page: one look). Nothing for a student out of
 * scope. Prepared: every page view.
 */
export async function studentReadableNotes(id: string, who: ScopeActor, at = new Date()) {
  return (await query({ id, at, ...scopeValues(who) }, who)).rows;
}
