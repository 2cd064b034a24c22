import "server-only";
import { db } from "@/lib/db";
import { ErrorList, type ImportReport } from "@/lib/imports/report";
import { buildReport, commitImport, type ImportContext } from "@/lib/imports/record";
import { readRoster } from "@/lib/imports/oneroster/read";
import { planRoster, type Existing } from "@/lib/imports/oneroster/plan";
import { writeRoster } from "@/lib/imports/oneroster/write";

// OneRoster 1.1 / 1.2 CSV set → schools, counselors, students (one transaction for the whole set:
// its files reference each other).

export async function importOneRoster(ctx: ImportContext): Promise<ImportReport> {
  const { opts } = ctx;
  const errors = new ErrorList();
  const warnings = new ErrorList();
  const existing = await loadExisting();
  const known = {
    schools: new Set(existing.schools.flatMap((s) => (s.sourcedId ? [s.sourcedId] : []))),
    users: new Set([...existing.users, ...existing.students].flatMap((u) => (u.sourcedId ? [u.sourcedId] : []))),
  };
  const set = await readRoster(ctx.source, known, errors, opts.onProgress);
  opts.onProgress?.({ phase: "validate", done: 0, total: 1 });
  const plan = planRoster(set, existing, errors, warnings, opts.asOf ?? new Date());
  await keepRecordsWithHistory(plan, warnings);
  const report = buildReport("oneroster", opts, set.rows, plan.counts, errors, warnings);
  return commitImport(ctx, report, (tx) => writeRoster(tx, plan, (done, total) => opts.onProgress?.({ phase: "write", done, total })));
}

async function loadExisting(): Promise<Existing> {
  const [schools, users, students] = await Promise.all([
    db().school.findMany({ select: { id: true, name: true, stateCode: true, sourcedId: true } }),
    db().user.findMany({ select: { id: true, name: true, email: true, role: true, schoolId: true, sourcedId: true, active: true } }),
    db().student.findMany({
      select: { id: true, sourcedId: true, sisId: true, firstName: true, middleName: true, lastName: true, birthDate: true, schoolId: true, gradeLevel: true, raceEthnicity: true, gender: true, counselorId: true },
    }),
  ]);
  return { schools, users, students };
}

/**
 * A delta "tobedeleted" removes a student or school only when CreditTrack holds nothing about it
 * beyond the roster. A student with enrollments, transcript, status history or notes is kept
 * (their exit belongs in the status history, from the district extract) and a warning says so.
 */
async function keepRecordsWithHistory(plan: ReturnType<typeof planRoster>, warnings: ErrorList): Promise<void> {
  if (plan.students.delete.length) {
    const kept = await db().student.findMany({
      where: {
        id: { in: plan.students.delete },
        OR: [{ enrollments: { some: {} } }, { transcript: { some: {} } }, { statusEvents: { some: {} } }, { notes: { some: {} } }],
      },
      select: { id: true, sourcedId: true },
    });
    const keep = new Set(kept.map((k) => k.id));
    for (const k of kept) warnings.add({ file: "users.csv", line: 0, column: "status", value: "tobedeleted", message: `student ${k.sourcedId} has records in CreditTrack and was kept; record the exit in the district extract` });
    plan.students.delete = plan.students.delete.filter((id) => !keep.has(id));
    plan.counts.students.deleted = plan.students.delete.length;
    plan.counts.students.unchanged += keep.size;
  }
  if (plan.schools.delete.length) {
    const kept = await db().school.findMany({
      where: { id: { in: plan.schools.delete }, OR: [{ students: { some: {} } }, { users: { some: {} } }, { statusEvents: { some: {} } }, { studentYears: { some: {} } }] },
      select: { id: true, sourcedId: true },
    });
    const keep = new Set(kept.map((k) => k.id));
    for (const k of kept) warnings.add({ file: "orgs.csv", line: 0, column: "status", value: "tobedeleted", message: `school ${k.sourcedId} still has students or staff and was kept` });
    plan.schools.delete = plan.schools.delete.filter((id) => !keep.has(id));
    plan.counts.schools.deleted = plan.schools.delete.length;
    plan.counts.schools.unchanged += keep.size;
  }
}
