import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
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

export const KEY_REUSED = "This idempotency key was already used for another contact.";

/**
 * Logs an outreach attempt, once per `clientKey` (the form's per-form key), as lib/notes/notes.ts
 * addNote: a repeat answers the first attempt without writing or auditing again; two in flight race
 * on the Contact unique index (authorId, clientKey) and the loser answers the winner. A key reused
 * for a different contact (another student, summary or day, or a family-log contact) is refused.
 */
export async function logOutreach(viewer: Viewer, input: OutreachInput, now: Date = new Date()): Promise<{ id: string; studentId: string }> {
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true, status: true } });
  if (!student) throw new NotFoundError("Student");
  const key = input.clientKey;
  if (key) {
    const earlier = await contactWithKey(viewer, key);
    if (earlier) return sameOutreach(earlier, student.id, input);
  }
  if (student.status !== "DROPPED_OUT" && student.status !== "TRANSFERRED_OUT") throw new DomainError(NOT_LEFT);
  if (input.occurredOn > districtDay(now)) throw new DomainError("The day cannot be in the future", "occurredOn");
  try {
    return await db().$transaction(async (tx) => {
      const c = await tx.contact.create({
        data: {
          studentId: student.id, withWhom: input.withWhom, method: input.method, outcome: input.outcome, outreach: true,
          occurredOn: input.occurredOn, summary: input.summary, nextStep: input.nextStep, authorId: viewer.id, clientKey: key ?? null,
        },
        select: { id: true },
      });
      await recordAudit(viewer, { action: "contact.create", studentId: student.id, entity: "Contact", entityId: c.id, details: { outreach: true } }, tx);
      return { id: c.id, studentId: student.id };
    });
  } catch (e) {
    const winner = key && isUniqueViolation(e) ? await contactWithKey(viewer, key) : null;
    if (!winner) throw e;
    return sameOutreach(winner, student.id, input);
  }
}

function contactWithKey(viewer: Viewer, clientKey: string) {
  return db().contact.findUnique({ where: { authorId_clientKey: { authorId: viewer.id, clientKey } }, select: { id: true, studentId: true, outreach: true, summary: true, occurredOn: true } });
}

function sameOutreach(c: { id: string; studentId: string; outreach: boolean; summary: string; occurredOn: Date }, studentId: string, input: OutreachInput) {
  if (!c.outreach || c.studentId !== studentId || c.summary !== input.summary || c.occurredOn.getTime() !== input.occurredOn.getTime()) throw new DomainError(KEY_REUSED);
  return { id: c.id, studentId: c.studentId };
}
