import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { DomainError } from "@/lib/safe-action";
import { districtDay } from "@/lib/time";
import type { OutreachInput } from "./schema";

// An outreach attempt to a student who left (the Re-engagement list): a Contact row with
// outreach = true, written with its audit event ("contact.create", details {outreach: true}) in one
// transaction. The family contact log (lib/family/contacts.ts addContact) writes the same table but
// takes no outreach flag (issue 16 work in progress): fold this into it once it does.

/** Outreach is for a student who left; an enrolled student's family contact goes in the family log. */
export const NOT_LEFT = "This student has not left: log a family contact on the student page instead.";

export async function logOutreach(viewer: Viewer, input: OutreachInput, now: Date = new Date()): Promise<{ id: string; studentId: string }> {
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true, status: true } });
  if (!student) throw new NotFoundError("Student");
  if (student.status !== "DROPPED_OUT" && student.status !== "TRANSFERRED_OUT") throw new DomainError(NOT_LEFT);
  if (input.occurredOn > districtDay(now)) throw new DomainError("The day cannot be in the future", "occurredOn");
  return db().$transaction(async (tx) => {
    const c = await tx.contact.create({
      data: {
        studentId: student.id, withWhom: input.withWhom, method: input.method, outcome: input.outcome, outreach: true,
        occurredOn: input.occurredOn, summary: input.summary, nextStep: input.nextStep, authorId: viewer.id,
      },
      select: { id: true },
    });
    await recordAudit(viewer, { action: "contact.create", studentId: student.id, entity: "Contact", entityId: c.id, details: { outreach: true } }, tx);
    return { id: c.id, studentId: student.id };
  });
}
