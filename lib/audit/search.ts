import "server-only";
import { z } from "zod";
import { districtDayStart, isPlausibleDay } from "@/lib/calendar";
import { isStorableText } from "@/lib/storable";
import { db } from "@/lib/db";
import { assertCan, type Viewer } from "@/lib/access";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_LABELS, auditLabel, describeDetails } from "./labels";

// The audit log, searchable by district administrators only (it spans every school).
// "Who looked at this student?": the student filter (SIS id, exact, or part of a last name) finds
// the events about that student — reads, refused attempts on them, writes — and the lists and
// exports whose student ids (details.ids) include them. Dates are the district's days.

export const auditFilterSchema = z.object({
  user: z.string().trim().max(254).refine(isStorableText).optional().catch(undefined),
  student: z.string().trim().max(64).refine(isStorableText).optional().catch(undefined),
  action: z.string().trim().max(64).refine(isStorableText).optional().catch(undefined),
  from: z.iso.date().refine(isPlausibleDay).optional().catch(undefined),
  to: z.iso.date().refine(isPlausibleDay).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
export const AUDIT_PAGE_SIZE = 50;
/** Students a name matches, at most: "who looked at this student?" is about one student, not a crowd. */
const MAX_STUDENTS = 20;

export function assertCanAudit(viewer: Viewer): void {
  assertCan(viewer, "audit.read");
}

const day = (s: string) => districtDayStart(new Date(`${s}T00:00:00Z`));

async function whereFor(filter: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.user) and.push({ user: { email: { contains: filter.user.toLowerCase() } } });
  if (filter.student) {
    const students = await db().student.findMany({
      where: { OR: [{ sisId: filter.student }, { lastName: { contains: filter.student, mode: "insensitive" } }] },
      select: { id: true },
      orderBy: { id: "asc" },
      take: MAX_STUDENTS,
    });
    const ids = students.map((s) => s.id);
    and.push({ OR: [{ studentId: { in: ids } }, { students: { some: { studentId: { in: ids } } } }] });
  }
  // An action code picked from the list matches exactly; other text matches codes it starts.
  if (filter.action) and.push({ action: filter.action in AUDIT_LABELS ? filter.action : { startsWith: filter.action } });
  if (filter.from || filter.to) {
    and.push({
      at: {
        ...(filter.from ? { gte: day(filter.from) } : {}),
        ...(filter.to ? { lt: day(new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10)) } : {}),
      },
    });
  }
  return and.length ? { AND: and } : {};
}

const include = {
  user: { select: { name: true, email: true } },
  student: { select: { id: true, sisId: true, firstName: true, lastName: true } },
} as const;
type Row = Prisma.AuditEventGetPayload<{ include: typeof include }>;

function present(r: Row, users: Map<string, { name: string; email: string }>) {
  return { ...r, id: r.id.toString(), label: auditLabel(r.action), summary: describeDetails(r.details), record: recordOf(r, users) };
}
export type AuditRow = ReturnType<typeof present>;

/**
 * What an event acted on, in words: the person for an event about a user ("Luis Delgado
 * (luis@…)", not a cuid), otherwise the record's kind and id; nothing for a list event (its
 * students are in the Student column or the count).
 */
function recordOf(r: Row, users: Map<string, { name: string; email: string }>): string | null {
  if (!r.entity || !r.entityId) return null;
  const u = r.entity === "User" ? users.get(r.entityId) : undefined;
  return u ? `${u.name} (${u.email})` : `${r.entity} ${r.entityId}`;
}

/** Rows with their targets' names: one query for the users a page of events acted on. */
async function presentAll(rows: Row[]): Promise<AuditRow[]> {
  const ids = [...new Set(rows.filter((r) => r.entity === "User" && r.entityId).map((r) => r.entityId!))];
  const users = ids.length ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  const byId = new Map(users.map((u) => [u.id, { name: u.name, email: u.email }]));
  return rows.map((r) => present(r, byId));
}

export async function searchAudit(viewer: Viewer, filter: AuditFilter) {
  assertCanAudit(viewer);
  const where = await whereFor(filter);
  const [total, rows] = await Promise.all([
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (filter.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE, include }),
  ]);
  return { total, rows: await presentAll(rows) };
}

/** Every event the filter finds, newest first, a page at a time (for the CSV export). */
export async function* auditEvents(viewer: Viewer, filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditRow[]> {
  assertCanAudit(viewer);
  const where = await whereFor(filter);
  let cursor: bigint | undefined;
  for (;;) {
    const rows = await db().auditEvent.findMany({
      where: cursor === undefined ? where : { AND: [where, { id: { lt: cursor } }] },
      orderBy: { id: "desc" },
      take: pageSize,
      include,
    });
    if (rows.length === 0) return;
    yield await presentAll(rows);
    if (rows.length < pageSize) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

/** How many events a filter finds (the export's own audit event records it). */
export async function countAudit(viewer: Viewer, filter: AuditFilter): Promise<number> {
  assertCanAudit(viewer);
  return db().auditEvent.count({ where: await whereFor(filter) });
}
