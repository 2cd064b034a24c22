import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { ConflictError } from "@/lib/safe-action";

type Assigned = { id: string; counselorId: string | null };

/**
 * Puts students on a counselor's caseload because a person chose that counselor: an
 * administrator's move (lib/users/reassign.ts) or a re-engagement (lib/reengagement/reengage.ts).
 * In the caller's transaction:
 * - each student's counselorId, the pin (counselorPinnedAt/ById: the next roster import keeps the
 *   choice until the file names the same counselor, lib/imports/FORMATS.md, commit 0cc8660) and
 *   version + 1, in ONE write with `data` (e.g. a status change), only where `where` still holds —
 *   else nothing is written (ConflictError with `conflict`);
 * - an ACTIVE intervention plan the student's old counselor owned passes to the new one (issue 16:
 *   plans follow the student, commit 873f032) — the old counselor can no longer see the student yet
 *   would keep its overdue follow-ups. A plan someone else owns stays theirs.
 */
export async function assignCounselor(
  tx: Tx,
  viewer: Viewer,
  students: Assigned[],
  toId: string,
  opts: { where: Prisma.StudentWhereInput; data?: Prisma.StudentUpdateManyMutationInput; conflict?: string },
): Promise<{ moved: number; plans: number }> {
  const { count } = await tx.student.updateMany({
    where: { AND: [{ id: { in: students.map((s) => s.id) } }, opts.where] },
    data: { ...opts.data, counselorId: toId, counselorPinnedAt: new Date(), counselorPinnedById: viewer.id, version: { increment: 1 } },
  });
  if (count !== students.length) throw new ConflictError(opts.conflict);
  const byOld = new Map<string, string[]>();
  for (const s of students) if (s.counselorId && s.counselorId !== toId) byOld.set(s.counselorId, [...(byOld.get(s.counselorId) ?? []), s.id]);
  let plans = 0;
  for (const [old, ids] of byOld) {
    const r = await tx.interventionPlan.updateMany({ where: { studentId: { in: ids }, ownerId: old, status: "ACTIVE" }, data: { ownerId: toId, version: { increment: 1 } } });
    plans += r.count;
  }
  return { moved: count, plans };
}
