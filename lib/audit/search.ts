import "server-only";
import { z } from "zod";
import { isPlausibleDay } from "@/lib/dates";
import { isStorableText } from "@/lib/storable";
import { db } from "@/lib/db";
import { NotFoundError, type Viewer } from "@/lib/access";
import type { Prisma } from "@/lib/generated/prisma/client";

// The audit log, searchable by district administrators only (it spans every school).

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

export async function searchAudit(viewer: Viewer, filter: AuditFilter) {
  if (viewer.role !== "DISTRICT_ADMIN") throw new NotFoundError("Page");
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.user) where.user = { email: { contains: filter.user.toLowerCase() } };
  if (filter.student) where.student = { OR: [{ sisId: filter.student }, { lastName: { contains: filter.student, mode: "insensitive" } }] };
  if (filter.action) where.action = { startsWith: filter.action };
  if (filter.from || filter.to) {
    where.at = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
      ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    };
  }
  const [total, rows] = await Promise.all([
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({
      where,
      orderBy: { at: "desc" },
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { user: { select: { name: true, email: true } }, student: { select: { id: true, sisId: true, firstName: true, lastName: true } } },
    }),
  ]);
  return { total, rows: rows.map((r) => ({ ...r, id: r.id.toString() })) };
}
