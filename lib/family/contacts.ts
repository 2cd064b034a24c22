import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, isUniqueViolation, sqlRows } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { DomainError } from "@/lib/safe-action";
import { districtDay } from "@/lib/time";
import { doNotContactMessage, FAMILY_INITIATED_PREFIX } from "./rules";
import type { AddContactInput } from "./schema";

// The family contact log (issue 16). Anyone who can reach the student logs a contact and reads the
// log. Contact.occurredOn is the contact's district day (UTC midnight), never later than today: the
// lead's Today list reads a student's latest contact as max("occurredOn") (lastContactOn below).

export const KEY_REUSED = "This idempotency key was already used for another contact.";

/**
 * Logs a contact, once per `clientKey` (as lib/notes/notes.ts addNote: a repeat answers the first
 * contact; two in flight race on the (authorId, clientKey) unique index and the loser answers the
 * winner). A guardian flagged do-not-contact is refused unless the family started the contact
 * ("The family contacted us"); such a contact's summary starts with FAMILY_INITIATED_PREFIX, so
 * the log says why a flagged guardian appears in it (the schema has no column for it).
 */
export async function addContact(viewer: Viewer, input: AddContactInput, today: Date = districtDay()): Promise<{ id: string; studentId: string }> {
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true } });
  if (!student) throw new NotFoundError("Student");
  if (input.occurredOn.getTime() > today.getTime()) throw new DomainError("The day cannot be in the future", "occurredOn");
  let withWhom = input.withWhom ?? "";
  if (input.guardianId !== undefined) {
    const g = await db().guardian.findFirst({ where: { id: input.guardianId, studentId: student.id }, select: { name: true, noContact: true } });
    if (!g) throw new DomainError("Choose one of the student's guardians", "guardianId");
    if (g.noContact && !input.familyInitiated) throw new DomainError(doNotContactMessage(g.name), "guardianId");
    withWhom = g.name;
  }
  const summary = input.familyInitiated ? `${FAMILY_INITIATED_PREFIX}${input.summary}` : input.summary;
  const data = {
    studentId: student.id, guardianId: input.guardianId ?? null, withWhom, method: input.method, outcome: input.outcome,
    occurredOn: input.occurredOn, summary, nextStep: input.nextStep, authorId: viewer.id, clientKey: input.clientKey ?? null,
  };
  const key = input.clientKey;
  if (key) {
    const earlier = await contactWithKey(viewer, key);
    if (earlier) return same(earlier, data);
  }
  try {
    return await db().$transaction(async (tx) => {
      const c = await tx.contact.create({ data, select: { id: true } });
      await recordAudit(viewer, { action: "contact.create", studentId: student.id, entity: "Contact", entityId: c.id }, tx);
      return { id: c.id, studentId: student.id };
    });
  } catch (e) {
    const winner = key && isUniqueViolation(e) ? await contactWithKey(viewer, key) : null;
    if (!winner) throw e;
    return same(winner, data);
  }
}

function contactWithKey(viewer: Viewer, clientKey: string) {
  return db().contact.findUnique({ where: { authorId_clientKey: { authorId: viewer.id, clientKey } }, select: { id: true, studentId: true, summary: true, occurredOn: true } });
}

function same(c: { id: string; studentId: string; summary: string; occurredOn: Date }, data: { studentId: string; summary: string; occurredOn: Date }) {
  if (c.studentId !== data.studentId || c.summary !== data.summary || c.occurredOn.getTime() !== data.occurredOn.getTime()) throw new DomainError(KEY_REUSED);
  return { id: c.id, studentId: c.studentId };
}

/**
 * The student's family contacts, newest day first. A contact migrated from a FAMILY_CONTACT note
 * shows the note's current text (the note may have been edited since; the notes list leaves such
 * notes out, so the text is shown once).
 */
export async function listContacts(viewer: Viewer, studentId: string) {
  const rows = await db().contact.findMany({
    where: { studentId, outreach: false, student: studentScope(viewer) },
    select: {
      id: true, withWhom: true, method: true, outcome: true, occurredOn: true, summary: true, nextStep: true, createdAt: true, noteId: true,
      author: { select: { name: true } }, guardian: { select: { id: true, relationship: true } }, note: { select: { body: true } },
    },
    orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(({ note, ...c }) => ({ ...c, summary: note?.body ?? c.summary }));
}
export type ContactView = Awaited<ReturnType<typeof listContacts>>[number];

/**
 * Each student's latest contact day (family contacts and outreach alike), for the given students,
 * scoped like every read. The Today list may instead read max("occurredOn") FROM "Contact" straight
 * in its SQL; the column is the contact's district day, so the two agree.
 */
export async function lastContactOn(viewer: Viewer, studentIds: string[]): Promise<Map<string, Date>> {
  if (studentIds.length === 0) return new Map();
  const scoped = await db().student.findMany({ where: { AND: [{ id: { in: studentIds } }, studentScope(viewer)] }, select: { id: true } });
  if (scoped.length === 0) return new Map();
  const rows = await sqlRows<{ studentId: string; day: Date }>(Prisma.sql`
    SELECT c."studentId", max(c."occurredOn") AS day FROM "Contact" c
    WHERE c."studentId" IN (${Prisma.join(scoped.map((s) => s.id))}) GROUP BY c."studentId"`);
  return new Map(rows.map((r) => [r.studentId, r.day]));
}
