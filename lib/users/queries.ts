import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError, type Viewer } from "@/lib/access";
import type { Role } from "@/lib/generated/prisma/client";

export type StaffRow = { id: string; name: string; email: string; role: Role; school: string | null; active: boolean; caseload: number };

/** Every staff account of the district, for district admins only (others: forbidden). */
export async function listStaff(viewer: Viewer): Promise<StaffRow[]> {
  if (viewer.role !== "DISTRICT_ADMIN") throw new ForbiddenError();
  const users = await db().user.findMany({
    orderBy: [{ active: "desc" }, { role: "asc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, active: true, school: { select: { name: true } }, _count: { select: { caseload: true } } },
  });
  return users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, school: u.school?.name ?? null, active: u.active, caseload: u._count.caseload }));
}
