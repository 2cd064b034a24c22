import "server-only";
import type { Tx } from "@/lib/db";
import { bulkDelete, bulkInsert, bulkUpdate } from "@/lib/imports/bulk";
import { column, columns } from "@/lib/sql/fragments/columns";
import { counselorChanges, type ExistingUser, type RosterPlan } from "@/lib/imports/oneroster/plan";
import { recordAudit } from "@/lib/audit";
import { revokeSessions } from "@/lib/auth/sessions";
import type { Viewer } from "@/lib/access";

/** Who ran the import and the accounts as they were, for one audit event per account it changes. */
export type RosterAudit = { viewer: Viewer | null; runId?: string; before: Map<string, ExistingUser> };

// Applies a roster plan inside the caller's transaction. Schools and counselors are few (Prisma
// calls); students are many (bulk statements).

const STUDENT_COLS = columns("Student", [
  "sourcedId",
  "sisId",
  "firstName",
  "middleName",
  "lastName",
  "birthDate",
  "schoolId",
  "gradeLevel",
  "raceEthnicity",
  "gender",
  "counselorId",
  // Kept as read, or cleared when the file names the counselor an administrator assigned (./plan.ts).
  "counselorPinnedAt",
  "counselorPinnedById",
]);

export async function writeRoster(tx: Tx, plan: RosterPlan, onStep?: (done: number, total: number) => void, audit?: RosterAudit): Promise<void> {
  const total = plan.students.create.length + plan.students.update.length + plan.students.delete.length + 3;
  let done = 0;
  const step = (n: number) => onStep?.((done += n), total);

  for (const s of plan.schools.create) await tx.school.create({ data: s });
  for (const s of plan.schools.update) await tx.school.update({ where: { id: s.id }, data: { name: s.name, stateCode: s.stateCode, sourcedId: s.sourcedId } });
  step(1);
  if (plan.counselors.create.length) await tx.user.createMany({ data: plan.counselors.create.map((c) => ({ ...c, role: "COUNSELOR" as const })) });
  for (const c of plan.counselors.update) {
    await tx.user.update({ where: { id: c.id }, data: { name: c.name, email: c.email, schoolId: c.schoolId, sourcedId: c.sourcedId, active: c.active } });
    // A roster that ends an account ends its sessions too, as an in-app deactivation does.
    if (!c.active && audit?.before.get(c.id)?.active) await revokeSessions(c.id, "deactivated", tx);
  }
  // One audit event per account the import creates or changes, naming the import run.
  if (audit) {
    for (const c of plan.counselors.create) {
      await recordAudit(
        audit.viewer,
        { action: "user.create", entity: "User", entityId: c.id, details: { importRunId: audit.runId ?? null, changes: counselorChanges(undefined, c) as never } },
        tx,
      );
    }
    for (const c of plan.counselors.update) {
      const was = audit.before.get(c.id);
      const changes = counselorChanges(was, c);
      await recordAudit(
        audit.viewer,
        {
          action: was?.active && !c.active ? "user.deactivate" : !was?.active && c.active ? "user.reactivate" : "user.update",
          entity: "User",
          entityId: c.id,
          details: { importRunId: audit.runId ?? null, changes: changes as never },
        },
        tx,
      );
    }
  }
  step(1);

  // Students whose records were deleted go first, so their ids and SIS ids are free again.
  await bulkDelete(tx, "Student", plan.students.delete);
  step(plan.students.delete.length);
  for (let i = 0; i < plan.students.create.length; i += 5000) {
    const chunk = plan.students.create.slice(i, i + 5000);
    await bulkInsert(tx, "Student", [column("Student", "id"), ...STUDENT_COLS, column("Student", "cohortYear")], chunk);
    step(chunk.length);
  }
  for (let i = 0; i < plan.students.update.length; i += 5000) {
    const chunk = plan.students.update.slice(i, i + 5000);
    await bulkUpdate(tx, "Student", column("Student", "id"), STUDENT_COLS, chunk, { bumpVersion: true });
    step(chunk.length);
  }
  for (const id of plan.schools.delete) await tx.school.delete({ where: { id } });
  // Guardians (./agents.ts): created, or their name, phone and email brought up to date (the
  // version goes up, so a guardian form opened before the import is refused as stale).
  if (plan.guardians) {
    await bulkInsert(tx, "Guardian", [column("Guardian", "id"), ...GUARDIAN_COLS, column("Guardian", "relationship")], plan.guardians.create);
    await bulkUpdate(tx, "Guardian", column("Guardian", "id"), GUARDIAN_COLS.slice(2), plan.guardians.update, { bumpVersion: true });
  }
  step(1);
}

const GUARDIAN_COLS = columns("Guardian", ["studentId", "sourcedId", "name", "phone", "email"]);
