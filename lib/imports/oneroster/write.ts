import "server-only";
import type { Tx } from "@/lib/db";
import { bulkDelete, bulkInsert, bulkUpdate, type Col } from "@/lib/imports/bulk";
import type { RosterPlan } from "@/lib/imports/oneroster/plan";

// Applies a roster plan inside the caller's transaction. Schools and counselors are few (Prisma
// calls); students are many (bulk statements).

const STUDENT_COLS: Col[] = [
  { name: "sourcedId", type: "text" },
  { name: "sisId", type: "text" },
  { name: "firstName", type: "text" },
  { name: "middleName", type: "text" },
  { name: "lastName", type: "text" },
  { name: "birthDate", type: "date" },
  { name: "schoolId", type: "text" },
  { name: "gradeLevel", type: "int" },
  { name: "raceEthnicity", type: '"RaceEthnicity"' },
  { name: "gender", type: '"Gender"' },
  { name: "counselorId", type: "text" },
];

export async function writeRoster(tx: Tx, plan: RosterPlan, onStep?: (done: number, total: number) => void): Promise<void> {
  const total = plan.students.create.length + plan.students.update.length + plan.students.delete.length + 3;
  let done = 0;
  const step = (n: number) => onStep?.((done += n), total);

  for (const s of plan.schools.create) await tx.school.create({ data: s });
  for (const s of plan.schools.update) await tx.school.update({ where: { id: s.id }, data: { name: s.name, stateCode: s.stateCode, sourcedId: s.sourcedId } });
  step(1);
  if (plan.counselors.create.length) await tx.user.createMany({ data: plan.counselors.create.map((c) => ({ ...c, role: "COUNSELOR" as const })) });
  for (const c of plan.counselors.update) await tx.user.update({ where: { id: c.id }, data: { name: c.name, email: c.email, schoolId: c.schoolId, sourcedId: c.sourcedId, active: c.active } });
  step(1);

  // Students whose records were deleted go first, so their ids and SIS ids are free again.
  await bulkDelete(tx, "Student", plan.students.delete);
  step(plan.students.delete.length);
  for (let i = 0; i < plan.students.create.length; i += 5000) {
    const chunk = plan.students.create.slice(i, i + 5000);
    await bulkInsert(tx, "Student", [{ name: "id", type: "text" }, ...STUDENT_COLS, { name: "cohortYear", type: "int" }], chunk);
    step(chunk.length);
  }
  for (let i = 0; i < plan.students.update.length; i += 5000) {
    const chunk = plan.students.update.slice(i, i + 5000);
    await bulkUpdate(tx, "Student", { name: "id", type: "text" }, STUDENT_COLS, chunk, { bumpVersion: true });
    step(chunk.length);
  }
  for (const id of plan.schools.delete) await tx.school.delete({ where: { id } });
  step(1);
}
