import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { lastContactDays } from "@/lib/sql/queries/last-contact-days";
import { studentContacts } from "@/lib/sql/queries/student-contacts";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { DomainError } from "@/lib/safe-action";
import { districtDay } from "@/lib/calendar";
import { doNotContactMessage, FAMILY_INITIATED_PREFIX, hasLeft, NOT_LEFT } from "./rules";
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
 * `outreach`: an outreach attempt to a student who left (the Re-engagement list, issue 16:
 * "outreach attempts are logged like family contacts"), refused for a student who has not left;
 * its audit event says so. One write path and one idempotency path for both: a key answers only a
 * contact of the same kind.
 */
export async function addContact(viewer: Viewer, input: ContactInput, today: Date = districtDay(), opts: { outreach?: boolean } = {}): Promise<{ id: string; studentId: string }> {
  const outreach = opts.outreach === true;
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true, status: true } });
  if (!student) throw new NotFoundError("Student");
  const summary = input.familyInitiated ? `${FAMILY_INITIATED_PREFIX}${input.summary}` : input.summary;
  const key = input.clientKey;
  // A repeat answers the first contact before the rules run again: the student may have been
  // re-engaged since the first attempt was written.
  const mine = { studentId: student.id, summary, occurredOn: input.occurredOn, outreach };
  if (key) {
    const earlier = await contactWithKey(viewer, key);
    if (earlier) return same(earlier, mine);
  }
  if (outreach && !hasLeft(student.status)) throw new DomainError(NOT_LEFT);
  checkContactDay(input.occurredOn, today);
  let withWhom = input.withWhom ?? "";
  if (input.guardianId !== undefined) {
    const g = await db().guardian.findFirst({ where: { id: input.guardianId, studentId: student.id }, select: { name: true, noContact: true } });
    if (!g) throw new DomainError("Choose one of the student's guardians", "guardianId");
    if (g.noContact && !input.familyInitiated) throw new DomainError(doNotContactMessage(g.name), "guardianId");
    withWhom = g.name;
  }
  const data = {
    studentId: student.id,
    guardianId: input.guardianId ?? null,
    withWhom,
    method: input.method,
    outcome: input.outcome,
    outreach,
    occurredOn: input.occurredOn,
    summary,
    nextStep: input.nextStep,
    authorId: viewer.id,
    clientKey: key ?? null,
  };
  try {
    return await db().$transaction(async (tx) => {
      const c = await tx.contact.create({ data, select: { id: true } });
      await recordAudit(viewer, { action: "contact.create", studentId: student.id, entity: "Contact", entityId: c.id, ...(outreach ? { details: { outreach: true } } : {}) }, tx);
      return { id: c.id, studentId: student.id };
    });
  } catch (e) {
    const winner = key && isUniqueViolation(e) ? await contactWithKey(viewer, key) : null;
    if (!winner) throw e;
    return same(winner, mine);
  }
}

/** What addContact writes from: the family form's input, or an outreach attempt's (no guardian, not family-initiated). */
export type ContactInput = Omit<AddContactInput, "familyInitiated" | "guardianId"> & { familyInitiated?: boolean; guardianId?: string };

/** A contact's day is the district's day or earlier; shared with the caseload's bulk contact (lib/caseload/bulk-work.ts). */
export function checkContactDay(day: Date, today: Date): void {
  if (day.getTime() > today.getTime()) throw new DomainError("The day cannot be in the future", "occurredOn");
}

function contactWithKey(viewer: Viewer, clientKey: string) {
  return db().contact.findUnique({
    where: { authorId_clientKey: { authorId: viewer.id, clientKey } },
    select: { id: true, studentId: true, summary: true, occurredOn: true, outreach: true },
  });
}

type Keyed = { studentId: string; summary: string; occurredOn: Date; outreach: boolean };
function same(c: Keyed & { id: string }, mine: Keyed) {
  if (c.outreach !== mine.outreach || c.studentId !== mine.studentId || c.summary !== mine.summary || c.occurredOn.getTime() !== mine.occurredOn.getTime())
    throw new DomainError(KEY_REUSED);
  return { id: c.id, studentId: c.studentId };
}

/**
 * The student's family contacts and outreach attempts (`outreach`, marked in the log), newest day first. A contact migrated from a FAMILY_CONTACT note
 * shows the note's current text (the note may have been edited since; the notes list leaves such
 * notes out, so the text is shown once).
 */
export async function listContacts(viewer: Viewer, studentId: string) {
  const rows = await studentContacts(studentId, viewer);
  return rows.map(({ authorName, guardianId, guardianRelationship, ...c }) => ({
    ...c,
    author: { name: authorName },
    guardian: guardianId === null ? null : { id: guardianId, relationship: guardianRelationship! },
  }));
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
  const rows = await lastContactDays(scoped.map((s) => s.id));
  return new Map(rows.map((r) => [r.studentId, r.day]));
}
