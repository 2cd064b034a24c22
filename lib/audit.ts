import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/access";
import { isExpression, sql, type Expression } from "kysely";
import { db, type Tx } from "@/lib/db";
import { executeIn, sqlDb } from "@/lib/sql/db";
import { isStorableText } from "@/lib/storable";

// Audit trail: who read or changed which student record, when, what. Writes pass their
// transaction so the event commits (or rolls back) with the change it describes.
// What is recorded (issue 14): every sign-in, every write, every student record read, every list
// of students (caseload, drill-down, early warning) with its filter and count, every export with
// its filter and count, and every refused attempt. Drill-downs and exports also name each student
// they showed (AuditEventStudent, indexed by student), so "who looked at this student?" finds them. lib/audit/labels.ts has the words
// the audit page shows for each action.

export type AuditInput = {
  action: string; // "student.read", "enrollment.create", "result.record", …
  studentId?: string | null;
  entity?: string;
  entityId?: string;
  details?: Prisma.InputJsonValue;
  /** The students a list or drill-down showed: one AuditEventStudent row each, written with the event. */
  studentIds?: string[];
};

/**
 * The one audit writer: every path that records an event builds its row here (recordAudit below,
 * and the statements that write their event in the same statement as their read or write —
 * lib/sql/queries/ — through auditRow). `at` is the app's clock, as everywhere else in the trail.
 */
export function auditRow(viewer: Pick<Viewer, "id"> | null, input: Omit<AuditInput, "studentIds">, at = new Date()) {
  return {
    at,
    userId: viewer?.id ?? null,
    action: input.action,
    studentId: input.studentId ?? null,
    entity: input.entity ?? null,
    entityId: input.entityId ?? null,
    details: input.details === undefined ? null : sql<unknown>`${JSON.stringify(input.details)}::jsonb`,
  };
}

/** The columns auditRow fills, in the order auditSelect lists them. */
export const AUDIT_COLUMNS = ["at", "userId", "action", "studentId", "entity", "entityId", "details"] as const;

type OrExpression<T> = T | Expression<T>;

/**
 * auditRow as the select list of `INSERT INTO "AuditEvent" (AUDIT_COLUMNS) SELECT … FROM rows`: an
 * event written in the same statement as what it records and depending on it (a data-modifying
 * CTE's RETURNING, the rows a read shows) — no row selected, no event. action, studentId, entityId
 * and details may be expressions over those rows; every other value is auditRow's.
 */
export function auditSelect(
  viewer: Pick<Viewer, "id"> | null,
  input: {
    action: OrExpression<string>;
    studentId?: OrExpression<string | null>;
    entity?: string;
    entityId?: OrExpression<string | null>;
    details?: Prisma.InputJsonValue | Expression<unknown>;
  },
  at = new Date(),
) {
  const plain = <T>(v: T | Expression<unknown>): T | undefined => (isExpression(v) ? undefined : v);
  const row = auditRow(
    viewer,
    { action: plain(input.action) ?? "", studentId: plain(input.studentId), entity: input.entity, entityId: plain(input.entityId) ?? undefined, details: plain(input.details) },
    at,
  );
  const text = (given: OrExpression<string | null> | undefined, value: string | null) => (isExpression(given) ? given : sql<string | null>`${value}::text`);
  return [
    sql<Date>`${row.at}::timestamp`.as("at"),
    sql<string | null>`${row.userId}::text`.as("userId"),
    sql<string>`${text(input.action, row.action)}`.as("action"),
    sql<string | null>`${text(input.studentId, row.studentId)}`.as("studentId"),
    sql<string | null>`${row.entity}::text`.as("entity"),
    sql<string | null>`${text(input.entityId, row.entityId)}`.as("entityId"),
    sql<unknown>`${isExpression(input.details) ? input.details : (row.details ?? sql`NULL::jsonb`)}`.as("details"),
  ];
}

/** One statement: the event, and one AuditEventStudent row per student the list showed. */
export function auditStatement(viewer: Pick<Viewer, "id"> | null, input: AuditInput) {
  const ids = [...new Set(input.studentIds ?? [])];
  const event = sqlDb().insertInto("AuditEvent").values(auditRow(viewer, input));
  if (!ids.length) return event;
  return sqlDb()
    .with("ev", () => event.returning("id"))
    .insertInto("AuditEventStudent")
    .columns(["eventId", "studentId"])
    .expression((eb) => eb.selectFrom("ev").select(["ev.id", sql<string>`jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)`.as("studentId")]));
}

/** Records one event: in the caller's transaction when given (it commits or rolls back with the change it describes). */
export async function recordAudit(viewer: Viewer | null, input: AuditInput, tx?: Tx): Promise<void> {
  const statement = auditStatement(viewer, input);
  if (tx) await executeIn(tx, statement);
  else await statement.execute();
}

/** A list filter as compact JSON for an event's details: unset, empty and default values left out. */
export function filterDetails(filter: Record<string, unknown>): Record<string, Prisma.InputJsonValue> {
  const out: Record<string, Prisma.InputJsonValue> = {};
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined || v === null || v === "" || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v as Prisma.InputJsonValue;
  }
  return out;
}

/**
 * A refused attempt: `access.refused` for a role refused a page, route or action (with its path
 * or reason), `<thing>.read.refused` / `<thing>.write.refused` for an id out of scope or
 * nonexistent (with the id asked for, and the student it is or belongs to, when it exists). Text PostgreSQL cannot
 * store (a NUL) is recorded as unstorable rather than failing the refusal.
 */
export async function recordRefusal(viewer: Viewer | null, input: { action: string; entity?: string; id?: string | null; path?: string; reason?: string }): Promise<void> {
  const storable = (s: string | null | undefined) => (s != null && s.length <= 200 && isStorableText(s) ? s : undefined);
  const id = storable(input.id);
  const studentId = id ? await studentOf(input.entity, id) : null;
  const details = filterDetails({
    path: storable(input.path?.slice(0, 200)),
    reason: input.reason,
    unstorableId: input.id != null && id === undefined ? true : undefined,
  });
  await recordAudit(viewer, { action: input.action, studentId, entity: input.entity, entityId: id, ...(Object.keys(details).length ? { details } : {}) });
}

/** The student a refused id belongs to, when it exists, so "who looked at this student?" finds the attempt. */
async function studentOf(entity: string | undefined, id: string): Promise<string | null> {
  switch (entity) {
    case "Student":
      return (await db().student.findUnique({ where: { id }, select: { id: true } }))?.id ?? null;
    case "Enrollment":
      return (await db().enrollment.findUnique({ where: { id }, select: { studentId: true } }))?.studentId ?? null;
    case "Note":
      return (await db().note.findUnique({ where: { id }, select: { studentId: true } }))?.studentId ?? null;
    default:
      return null;
  }
}
