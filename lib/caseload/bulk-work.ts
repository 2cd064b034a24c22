import "server-only";
import { createHash } from "node:crypto";
import { db, isUniqueViolation, type Tx } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { DomainError } from "@/lib/safe-action";
import { districtDay } from "@/lib/calendar";
import { checkContactDay, KEY_REUSED as CONTACT_KEY_REUSED } from "@/lib/family/contacts";
import { fieldsOf, KEY_REUSED as PLAN_KEY_REUSED, ownerWhere } from "@/lib/plans/plans";
import type { BulkContactInput, BulkPlanInput } from "./schema";

// The caseload's bulk family contact and bulk plan start (issue 16: bulk actions are
// transactions). As addNoteToStudents (bulk.ts): every id re-checked against the viewer's scope
// inside the transaction (one out of scope or missing: not found, nothing written), then one row
// per student and one audit event per student, as the single path audits it, with {bulk, students}.

/**
 * Each student's idempotency key, derived from the form's key: Contact and InterventionPlan are
 * unique on (author, clientKey), so one form key cannot be stored on several rows. A SHA-256 of
 * the form key and the student id, base64url (43 characters), keeps the keys' shape
 * ([A-Za-z0-9_-]{16,100}, lib/notes/schema.ts) and cannot collide with a single form's own key
 * (a UUID has dashes at fixed places; the single forms never send 43 characters without them).
 */
export function studentKey(formKey: string, studentId: string): string {
  return createHash("sha256").update(`${formKey}\n${studentId}`).digest("base64url");
}

async function scoped(tx: Tx, viewer: Viewer, ids: string[]) {
  const found = await tx.student.findMany({
    where: { AND: [{ id: { in: ids } }, studentScope(viewer)] },
    select: { id: true, firstName: true, lastName: true, schoolId: true, counselorId: true },
  });
  if (found.length !== ids.length) {
    const seen = new Set(found.map((s) => s.id));
    throw new NotFoundError(
      "Student",
      ids.find((id) => !seen.has(id)),
    );
  }
  return found;
}

/**
 * A repeat of a form already stored (a double submit, or a retry after the answer was lost):
 * every student's row under their derived key, the same as this one, answers without writing;
 * none stored: null (write). Anything else — some of them, or other content — reuses a key.
 */
async function repeatOf<T>(found: T[], total: number, same: (row: T) => boolean, reused: string): Promise<number | null> {
  if (found.length === 0) return null;
  if (found.length !== total || !found.every(same)) throw new DomainError(reused);
  return found.length;
}

/** Names as the caseload shows them ("Lee, Ana"), joined in words: "Lee, Ana; Ruiz, Ben and 3 more". */
function someNames(names: string[]): string {
  const shown = names.slice(0, 5).join("; ");
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

/**
 * One family contact for every selected student, the single form's fields and rules
 * (lib/family/contacts.ts addContact): the day not after today. Guardian flags: a bulk contact
 * names no guardian, so a selected student who has any guardian marked do-not-contact refuses the
 * whole action, naming the students; the counselor unticks them and logs their contacts on their
 * own pages, with the guardian. The single path's "the family contacted us" (which lets a contact
 * past one named guardian's flag) has no bulk form (lib/caseload/schema.ts says why).
 */
export async function logContactForStudents(viewer: Viewer, input: BulkContactInput, today: Date = districtDay()): Promise<{ logged: number }> {
  const ids = input.studentId;
  const summary = input.summary;
  const formKey = input.clientKey;
  const keys = formKey ? ids.map((id) => studentKey(formKey, id)) : [];
  const repeat = async () => {
    if (!formKey) return null;
    const found = await db().contact.findMany({ where: { authorId: viewer.id, clientKey: { in: keys } }, select: { studentId: true, summary: true, occurredOn: true } });
    return repeatOf(found, ids.length, (c) => c.summary === summary && c.occurredOn.getTime() === input.occurredOn.getTime() && ids.includes(c.studentId), CONTACT_KEY_REUSED);
  };
  const earlier = await repeat();
  if (earlier !== null) return { logged: earlier };
  try {
    return await db().$transaction(async (tx) => {
      const students = await scoped(tx, viewer, ids);
      // The single path's rule (lib/family/contacts.ts addContact), after the scope check as there.
      checkContactDay(input.occurredOn, today);
      const flagged = await tx.guardian.findMany({ where: { studentId: { in: ids }, noContact: true }, select: { studentId: true }, distinct: ["studentId"] });
      if (flagged.length > 0) {
        const ofFlagged = new Set(flagged.map((g) => g.studentId));
        const names = students
          .filter((s) => ofFlagged.has(s.id))
          .map((s) => `${s.lastName}, ${s.firstName}`)
          .sort();
        throw new DomainError(
          `${someNames(names)}: ${names.length === 1 ? "a guardian is" : "each has a guardian"} marked do-not-contact. Untick ${names.length === 1 ? "that student" : "them"} and log ${names.length === 1 ? "the contact" : "their contacts"} on ${names.length === 1 ? "the student's own page" : "their own pages"}, with the guardian. Nothing was logged.`,
        );
      }
      const rows = await tx.contact.createManyAndReturn({
        data: ids.map((studentId, i) => ({
          studentId,
          guardianId: null,
          withWhom: input.withWhom ?? "",
          method: input.method,
          outcome: input.outcome,
          occurredOn: input.occurredOn,
          summary,
          nextStep: input.nextStep,
          authorId: viewer.id,
          clientKey: formKey ? keys[i] : null,
        })),
        select: { id: true, studentId: true },
      });
      await tx.auditEvent.createMany({
        data: rows.map((c) => ({
          userId: viewer.id,
          action: "contact.create",
          studentId: c.studentId,
          entity: "Contact",
          entityId: c.id,
          details: { bulk: true, students: rows.length },
        })),
      });
      return { logged: rows.length };
    });
  } catch (e) {
    // Two submits in flight: the loser meets the winner's keys and answers the winner.
    const winner = formKey && isUniqueViolation(e) ? await repeat() : null;
    if (winner === null) throw e;
    return { logged: winner };
  }
}

/**
 * One intervention plan for every selected student, the start form's fields and rules
 * (lib/plans/plans.ts createPlan): the owner must be able to reach every selected student (their
 * counselor, an administrator of their school, or a district administrator: ownerWhere), checked
 * in one query. Audited as createPlan ("plan.create", type and tier) with {bulk, students}.
 */
export async function startPlanForStudents(viewer: Viewer, input: BulkPlanInput): Promise<{ started: number }> {
  const ids = input.studentId;
  const formKey = input.clientKey;
  const keys = formKey ? ids.map((id) => studentKey(formKey, id)) : [];
  const repeat = async () => {
    if (!formKey) return null;
    const found = await db().interventionPlan.findMany({ where: { createdById: viewer.id, clientKey: { in: keys } }, select: { studentId: true, goal: true, type: true } });
    return repeatOf(found, ids.length, (p) => p.goal === input.goal && p.type === input.type && ids.includes(p.studentId), PLAN_KEY_REUSED);
  };
  const earlier = await repeat();
  if (earlier !== null) return { started: earlier };
  try {
    return await db().$transaction(async (tx) => {
      const students = await scoped(tx, viewer, ids);
      const owner = await tx.user.findFirst({ where: { AND: [{ id: input.ownerId }, ...students.map(ownerWhere)] }, select: { id: true } });
      if (!owner) throw new DomainError("Choose someone who can see every selected student: yourself, their counselor or an administrator of their school", "ownerId");
      const plans = await tx.interventionPlan.createManyAndReturn({
        data: ids.map((studentId, i) => ({ studentId, createdById: viewer.id, clientKey: formKey ? keys[i] : null, ...fieldsOf(input) })),
        select: { id: true, studentId: true },
      });
      await tx.auditEvent.createMany({
        data: plans.map((p) => ({
          userId: viewer.id,
          action: "plan.create",
          studentId: p.studentId,
          entity: "InterventionPlan",
          entityId: p.id,
          details: { type: input.type, tier: input.tier, bulk: true, students: plans.length },
        })),
      });
      return { started: plans.length };
    });
  } catch (e) {
    const winner = formKey && isUniqueViolation(e) ? await repeat() : null;
    if (winner === null) throw e;
    return { started: winner };
  }
}
