import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { DomainError } from "@/lib/safe-action";
import { districtDay, daysBetween } from "@/lib/calendar";
import { reasonInSentence } from "./rules";
import type { DismissInput } from "./schema";

// Setting a Today entry aside (issue 16). A dismissal is the viewer's own (another person's list is
// untouched), for one occurrence of one reason: the entry comes back when the occurrence changes (a
// new follow-up date, new activity then a new idle spell) or, when snoozed, on the chosen day.

export const SNOOZE_MAX_DAYS = 90;

export async function dismissEntry(viewer: Viewer, input: DismissInput, today: Date = districtDay()): Promise<{ studentId: string; name: string; message: string }> {
  const student = await db().student.findFirst({ where: { AND: [{ id: input.studentId }, studentScope(viewer)] }, select: { id: true, firstName: true, lastName: true } });
  if (!student) throw new NotFoundError("Student");
  const until = input.how === "snooze" ? input.until! : null;
  if (until) {
    const days = daysBetween(today, until);
    if (days < 1) throw new DomainError("Choose a day after today", "until");
    if (days > SNOOZE_MAX_DAYS) throw new DomainError(`Snooze for at most ${SNOOZE_MAX_DAYS} days`, "until");
  }
  await db().$transaction(async (tx) => {
    const row = await tx.todayDismissal.upsert({
      where: { userId_studentId_reason_key: { userId: viewer.id, studentId: student.id, reason: input.reason, key: input.key } },
      create: { userId: viewer.id, studentId: student.id, reason: input.reason, key: input.key, until, note: input.note },
      update: { until, note: input.note, createdAt: new Date() },
      select: { id: true },
    });
    await recordAudit(
      viewer,
      {
        action: "today.dismiss",
        studentId: student.id,
        entity: "TodayDismissal",
        entityId: row.id,
        details: { reason: input.reason, how: input.how, until: until?.toISOString().slice(0, 10) ?? null },
      },
      tx,
    );
  });
  const name = `${student.firstName} ${student.lastName}`;
  const what = reasonInSentence(input.reason);
  return { studentId: student.id, name, message: until ? `${name} (${what}) snoozed until ${until.toISOString().slice(0, 10)}.` : `${name} (${what}) dismissed.` };
}

/** Puts a dismissed or snoozed entry back (the viewer's own only). */
export async function restoreEntry(viewer: Viewer, dismissalId: string): Promise<{ message: string }> {
  const d = await db().todayDismissal.findFirst({
    where: { id: dismissalId, userId: viewer.id, student: studentScope(viewer) },
    select: { id: true, studentId: true, student: { select: { firstName: true, lastName: true } } },
  });
  if (!d) throw new NotFoundError("Dismissal", dismissalId);
  await db().$transaction(async (tx) => {
    await tx.todayDismissal.delete({ where: { id: d.id } });
    await recordAudit(viewer, { action: "today.restore", studentId: d.studentId, entity: "TodayDismissal", entityId: d.id }, tx);
  });
  return { message: `${d.student.firstName} ${d.student.lastName} is back on Today (from the next time it is opened).` };
}

/** The viewer's entries set aside and not yet back, newest first (for "Set aside" on the page). */
export async function setAside(viewer: Viewer, today: Date) {
  return db().todayDismissal.findMany({
    where: { userId: viewer.id, student: studentScope(viewer), OR: [{ until: null }, { until: { gt: today } }] },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, reason: true, until: true, note: true, createdAt: true, student: { select: { id: true, firstName: true, lastName: true } } },
  });
}
