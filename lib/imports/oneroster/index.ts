import "server-only";
import { db } from "@/lib/db";
import { emptyCounts, ErrorList, type Counts, type ImportReport } from "@/lib/imports/report";
import { buildReport, commitImport, type ImportContext } from "@/lib/imports/record";
import { readRoster } from "@/lib/imports/oneroster/read";
import { planRoster, type Existing } from "@/lib/imports/oneroster/plan";
import { writeRoster } from "@/lib/imports/oneroster/write";
import { rosterFingerprint } from "@/lib/sql/queries/roster-fingerprint";
import { rosterStudents } from "@/lib/sql/queries/roster-students";
import { planGuardians, type ExistingGuardian } from "@/lib/imports/oneroster/agents";

// OneRoster 1.1 / 1.2 CSV set → schools, counselors, students, guardians (one transaction for the whole set:
// its files reference each other).

export async function importOneRoster(ctx: ImportContext): Promise<ImportReport> {
  const { opts } = ctx;
  const again = opts.full ? null : await alreadyImported(ctx);
  if (again) return commitImport(ctx, again, async () => {}, rosterFingerprint);
  const errors = new ErrorList();
  const warnings = new ErrorList();
  const existing = await loadExisting();
  const known = {
    schools: new Set(existing.schools.flatMap((s) => (s.sourcedId ? [s.sourcedId] : []))),
    users: new Set([...existing.users, ...existing.students].flatMap((u) => (u.sourcedId ? [u.sourcedId] : []))),
    students: new Set(existing.students.flatMap((u) => (u.sourcedId ? [u.sourcedId] : []))),
  };
  const set = await readRoster(ctx.source, known, errors, warnings, opts.onProgress);
  opts.onProgress?.({ phase: "validate", done: 0, total: 1 });
  const plan = planRoster(set, existing, errors, warnings, opts.asOf ?? new Date());
  await keepRecordsWithHistory(plan, warnings);
  plan.guardians = planGuardians(set, storedStudents(existing, plan), await loadGuardians(), plan.counts, warnings);
  const report = buildReport("oneroster", opts, set.rows, plan.counts, errors, warnings);
  const before = new Map(existing.users.map((u) => [u.id, u]));
  const audit = { viewer: ctx.viewer, runId: ctx.runId, before };
  return commitImport(ctx, report, (tx) => writeRoster(tx, plan, (done, total) => opts.onProgress?.({ phase: "write", done, total }), audit), rosterFingerprint);
}

/**
 * A set whose checksum matches the last successful import, when the rostered tables have not
 * changed since (same fingerprint), would compare equal row for row: report it unchanged without
 * reading it again. `--full` compares anyway.
 */
async function alreadyImported(ctx: ImportContext): Promise<ImportReport | null> {
  const last = await db().importRun.findFirst({
    where: { kind: "oneroster", status: "succeeded", dryRun: false, finishedAt: { not: null } },
    orderBy: { finishedAt: "desc" },
    select: { id: true, checksum: true, counts: true },
  });
  const prev = last?.counts as (Counts & { rows?: number; fingerprint?: string }) | null;
  if (!last || last.checksum !== ctx.source.checksum || !prev?.fingerprint || prev.fingerprint !== (await rosterFingerprint())) return null;
  const counts = emptyCounts("schools", "counselors", "students", "guardians", "otherUsers", "otherOrgs");
  for (const k of Object.keys(counts)) {
    const c = prev[k];
    if (c && typeof c === "object") counts[k] = { created: 0, updated: 0, deleted: 0, unchanged: c.created + c.updated + c.unchanged, skipped: c.skipped };
  }
  const report = buildReport("oneroster", ctx.opts, prev.rows ?? 0, counts, new ErrorList(), new ErrorList());
  return { ...report, shortcut: `same file and unchanged database as run ${last.id}` };
}

async function loadExisting(): Promise<Existing> {
  const [schools, users, students] = await Promise.all([
    db().school.findMany({ select: { id: true, name: true, stateCode: true, sourcedId: true } }),
    db().user.findMany({ select: { id: true, name: true, email: true, role: true, schoolId: true, sourcedId: true, active: true, deactivatedAt: true } }),
    // Plain rows (not Prisma models): 60,000 students stay a few MB and a fraction of a second.
    rosterStudents(),
  ]);
  return { schools, users, students };
}

/**
 * A delta "tobedeleted" removes a student or school only when CreditTrack holds nothing about it
 * beyond the roster. A student with enrollments, transcript, status history, state test results,
 * notes, intervention plans, family contacts or a guardian entered in CreditTrack (not from the
 * roster) is kept (their exit belongs in the status history, from the district extract) and a
 * warning says so.
 */
async function keepRecordsWithHistory(plan: ReturnType<typeof planRoster>, warnings: ErrorList): Promise<void> {
  if (plan.students.delete.length) {
    const kept = await db().student.findMany({
      where: {
        id: { in: plan.students.delete },
        OR: [
          { enrollments: { some: {} } },
          { transcript: { some: {} } },
          { statusEvents: { some: {} } },
          { stateTests: { some: {} } },
          { notes: { some: {} } },
          { plans: { some: {} } },
          { contacts: { some: {} } },
          { guardians: { some: { sourcedId: null } } },
        ],
      },
      select: { id: true, sourcedId: true },
    });
    const keep = new Set(kept.map((k) => k.id));
    for (const k of kept)
      warnings.add({
        file: "users.csv",
        line: 0,
        column: "status",
        value: "tobedeleted",
        message: `student ${k.sourcedId} has records in CreditTrack and was kept; record the exit in the district extract`,
      });
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
    for (const k of kept)
      warnings.add({ file: "orgs.csv", line: 0, column: "status", value: "tobedeleted", message: `school ${k.sourcedId} still has students or staff and was kept` });
    plan.schools.delete = plan.schools.delete.filter((id) => !keep.has(id));
    plan.counts.schools.deleted = plan.schools.delete.length;
    plan.counts.schools.unchanged += keep.size;
  }
}

/** users.csv sourcedId → Student.id of every student the import keeps: held already, created or updated, not deleted. */
function storedStudents(existing: Existing, plan: ReturnType<typeof planRoster>): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of existing.students) if (s.sourcedId) out.set(s.sourcedId, s.id);
  for (const s of [...plan.students.create, ...plan.students.update]) out.set(s.sourcedId, s.id);
  const gone = new Set(plan.students.delete);
  for (const [sid, id] of out) if (gone.has(id)) out.delete(sid);
  return out;
}

/** Guardians an import wrote before (a sourcedId): the key of the next import's upsert. */
async function loadGuardians(): Promise<ExistingGuardian[]> {
  const rows = await db().guardian.findMany({ where: { sourcedId: { not: null } }, select: { id: true, studentId: true, sourcedId: true, name: true, phone: true, email: true } });
  return rows.map((g) => ({ ...g, sourcedId: g.sourcedId! }));
}
