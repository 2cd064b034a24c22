import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { ConflictError, DomainError } from "@/lib/safe-action";
import { districtDay } from "@/lib/calendar";
import type { StatusChangeInput } from "./schema";
import { assignCounselor } from "./assign-counselor";

// Status changes: the exits (graduated, dropped out, transferred out) and the return (re-engaged).
// The StatusEvent history is the truth; Student.status/statusDate is its latest state, so both are
// written in one transaction, guarded by the student's version (a stale form is refused).

const NEXT_STATUS = { GRADUATED: "GRADUATED", DROPPED_OUT: "DROPPED_OUT", TRANSFERRED_OUT: "TRANSFERRED_OUT", REENGAGED: "ENROLLED" } as const;

/**
 * Which current status each change starts from: exits from enrolled; re-engagement after dropping
 * out or after a transfer out without documentation (`lastTransferDocumented` false or unknown) —
 * a student ACGR keeps in the cohort as a non-graduate (lib/reports/acgr.ts), the Re-engagement
 * list's "left without a documented transfer" (lib/reengagement/queries.ts).
 */
export function statusChangeAllowed(current: string, kind: StatusChangeInput["kind"], lastTransferDocumented = false): boolean {
  if (kind === "REENGAGED") return current === "DROPPED_OUT" || (current === "TRANSFERRED_OUT" && !lastTransferDocumented);
  return current === "ENROLLED";
}

const KINDS = ["GRADUATED", "DROPPED_OUT", "TRANSFERRED_OUT", "REENGAGED"] as const;

/**
 * What the status form offers, by the same rule the server applies (statusChangeAllowed) on the
 * history's last event (`last`: the newest by effectiveDate, sequence): the kinds, or none and why.
 */
export function statusChoices(current: string, last: { kind: string; documented: boolean | null } | undefined): { kinds: StatusChangeInput["kind"][]; none: string | null } {
  const documented = last?.kind === "TRANSFERRED_OUT" && last.documented === true;
  const kinds = KINDS.filter((k) => statusChangeAllowed(current, k, documented));
  if (kinds.length > 0) return { kinds, none: null };
  const none =
    current === "GRADUATED"
      ? "No status change applies to a student who graduated."
      : documented
        ? "No status change applies: the transfer out is documented (the student is enrolled elsewhere), so the student is not re-engaged here."
        : "No status change applies to this status.";
  return { kinds, none };
}

export const REENGAGE_REFUSED = "Only a student who dropped out or left without a documented transfer can be re-engaged.";

/**
 * `assign`: a counselor set on the student in the same write (re-engagement, from the list or the
 * status form: lib/reengagement/reengage.ts, which checks the counselor is one of the school's),
 * pinned and with the old counselor's active plans (./assign-counselor.ts). A re-engagement goes
 * through reengageStudent, which makes sure the student ends with an active counselor.
 */
export async function changeStudentStatus(viewer: Viewer, input: StatusChangeInput, now: Date = new Date(), assign?: { counselorId: string }) {
  const student = await db().student.findFirst({
    where: { AND: [{ id: input.studentId }, studentScope(viewer)] },
    select: { id: true, status: true, version: true, schoolId: true, gradeLevel: true, counselorId: true },
  });
  if (!student) throw new NotFoundError("Student");
  if (student.version !== input.version) throw new ConflictError();
  // The last change is the history's last event by (effectiveDate, sequence) — Student.statusDate is
  // empty while enrolled, so it cannot say when a re-entry was. A change dated that same day is
  // recorded after it (the new event takes the next sequence), so it becomes the current status.
  const last = await db().statusEvent.findFirst({
    where: { studentId: student.id },
    orderBy: [{ effectiveDate: "desc" }, { sequence: "desc" }],
    select: { effectiveDate: true, kind: true, documented: true },
  });
  const lastTransferDocumented = last?.kind === "TRANSFERRED_OUT" && last.documented === true;
  if (!statusChangeAllowed(student.status, input.kind, lastTransferDocumented)) {
    throw new DomainError(input.kind === "REENGAGED" ? REENGAGE_REFUSED : "Only a currently enrolled student can graduate, drop out or transfer out.", "kind");
  }
  if (input.effectiveDate > districtDay(now)) throw new DomainError("The date cannot be in the future.", "effectiveDate");
  if (last && input.effectiveDate < last.effectiveDate) {
    throw new DomainError(`The date cannot be before the student's last status change (${last.effectiveDate.toISOString().slice(0, 10)}).`, "effectiveDate");
  }
  const status = NEXT_STATUS[input.kind];
  await db().$transaction(async (tx) => {
    const where = { id: student.id, version: input.version };
    const data = { status, statusDate: input.effectiveDate } as const;
    let plans = 0;
    if (assign) {
      plans = (await assignCounselor(tx, viewer, [student], assign.counselorId, { where, data })).plans;
    } else {
      const updated = await tx.student.updateMany({ where, data: { ...data, version: { increment: 1 } } });
      if (updated.count === 0) throw new ConflictError();
    }
    const event = await tx.statusEvent.create({
      data: {
        studentId: student.id,
        kind: input.kind,
        effectiveDate: input.effectiveDate,
        schoolId: student.schoolId,
        gradeLevel: student.gradeLevel,
        credential: input.kind === "GRADUATED" ? input.credential : null,
        reason: input.kind === "DROPPED_OUT" ? input.reason : null,
        documented: input.kind === "TRANSFERRED_OUT" ? input.documented : null,
        recordedById: viewer.id,
      },
      select: { id: true },
    });
    await recordAudit(
      viewer,
      {
        action: "student.status",
        studentId: student.id,
        entity: "StatusEvent",
        entityId: event.id,
        details: { from: student.status, to: status, ...(assign ? { counselorId: assign.counselorId, plans } : {}) },
      },
      tx,
    );
  });
  return { studentId: student.id, status, kind: input.kind };
}
