import "server-only";
import { sql } from "kysely";
import type { Viewer } from "@/lib/access";
import { auditRow } from "@/lib/audit";
import { sqlDb } from "@/lib/sql/db";
import { studentInScope } from "@/lib/sql/fragments/scope";

/**
 * Which students an export names: every student in the viewer's scope ("students"), those of them
 * with an online enrollment ("enrollments"), or the listed ids (a caseload view or selection).
 */
export type ExportedStudents = "students" | "enrollments" | { ids: string[] };

/**
 * An export's audit event (lib/exports/audit.ts) in one statement: the event — built by auditRow,
 * the one audit writer, with the number of students counted in SQL — and one AuditEventStudent
 * row per distinct student exported.
 */
export function exportAudit(viewer: Viewer, action: string, students: ExportedStudents, filter: Record<string, string>, at = new Date()) {
  const db = sqlDb();
  return db
    .with("x", (db) => {
      if (students === "students") return db.selectFrom("Student as s").select("s.id").distinct().where(studentInScope(viewer));
      if (students === "enrollments")
        return db.selectFrom("Enrollment as e").innerJoin("Student as s", "s.id", "e.studentId").select("e.studentId as id").distinct().where(studentInScope(viewer));
      return db
        .selectFrom(sql<{ id: string }>`unnest(${students.ids}::text[])`.as<"u">(sql`u(id)`))
        .select("u.id")
        .distinct();
    })
    .with("ev", (db) =>
      db
        .insertInto("AuditEvent")
        .values({
          ...auditRow(viewer, { action, entity: "Student" }, at),
          details: sql<unknown>`jsonb_build_object('filter', ${JSON.stringify(filter)}::jsonb, 'students', (SELECT count(*) FROM x))`,
        })
        .returning("id"),
    )
    .insertInto("AuditEventStudent")
    .columns(["eventId", "studentId"])
    .expression((eb) => eb.selectFrom("ev").crossJoin("x").select(["ev.id", "x.id"]));
}
