import "server-only";
import { db } from "@/lib/db";
import { ErrorList, ImportFileError, type ImportReport } from "@/lib/imports/report";
import { buildReport, type ImportContext } from "@/lib/imports/record";
import { planProgressRows, writeProviderProgress, type ProgressRead } from "@/lib/imports/progress";
import { readGradebook, type GradebookSet } from "@/lib/imports/gradebook/read";
import { gradebookRows, type Catalog, type KnownStudents } from "@/lib/imports/gradebook/convert";

// OneRoster 1.2 gradebook (lineItems.csv + results.csv, lib/imports/FORMATS.md §3a) → assessment
// results, through the provider progress import's plan and write: the same enrollment matching,
// progress and lastActivityOn rules, version check, all-or-nothing / --partial / --dry-run, and one
// transaction with the run record.

/** Why a result with this scoreStatus is not recorded (one warning per status, with the count). */
const NOT_RECORDED: Record<string, string> = {
  "partially graded": "not graded yet; it is recorded once the provider sends it fully graded",
  submitted: "not graded yet; it is recorded once the provider sends it fully graded",
  "not submitted": "nothing was handed in, which is not a score of 0: the assessment stays without a result",
  exempt: "the student is excused from it; CreditTrack records no exemption, so the assessment stays without a result and counts as not passed in progress",
  tobedeleted: "an import never deletes a recorded result",
};

export async function importGradebook(ctx: ImportContext): Promise<ImportReport> {
  return writeGradebook(ctx, await readGradebookSet(ctx));
}

/** What the read of a set decided: the progress plan (and report), and each recorded result's student. */
export type GradebookRead = ProgressRead & { studentOfLine: Map<number, string> };

/** Reads the set and the state it touches and plans the writes, outside the write's transaction. */
export async function readGradebookSet(ctx: ImportContext): Promise<GradebookRead> {
  const { opts, source } = ctx;
  const errors = new ErrorList();
  const warnings = new ErrorList();
  const set = await readGradebook(source, errors, warnings, opts.onProgress);
  opts.onProgress?.({ phase: "validate", done: 0, total: 1 });
  const [catalog, students] = await Promise.all([loadCatalog(), loadStudents(set)]);
  const { rows, planErrors } = gradebookRows(set, catalog, students, errors);
  const plan = await planProgressRows(rows, planErrors, opts);
  for (const [status, { count, line }] of set.skipped) {
    plan.counts.results!.skipped += count;
    const what = status === "tobedeleted" ? "status tobedeleted" : `scoreStatus "${status}"`;
    warnings.add({
      file: "results.csv",
      line,
      column: status === "tobedeleted" ? "status" : "scoreStatus",
      value: status,
      message: `${count} ${count === 1 ? "result" : "results"} with ${what} ${count === 1 ? "was" : "were"} not recorded (first at line ${line}): ${NOT_RECORDED[status]}.`,
    });
  }
  const report = buildReport("gradebook", opts, set.rows, plan.counts, errors, warnings);
  return { report, plan, studentOfLine: new Map(set.results.map((r) => [r.line, r.student])) };
}

/**
 * Writes the plan as the progress import does (writeProviderProgress): an enrollment changed since
 * the read refuses the set, and the error names the result's studentSourcedId.
 */
export async function writeGradebook(ctx: ImportContext, read: GradebookRead): Promise<ImportReport> {
  try {
    return await writeProviderProgress(ctx, read);
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    throw new ImportFileError(
      e.errors.map((x) => (x.file === "results.csv" && x.column === "student_id" ? { ...x, column: "studentSourcedId", value: read.studentOfLine.get(x.line) ?? x.value } : x)),
    );
  }
}

async function loadCatalog(): Promise<Catalog> {
  const [providers, courses] = await Promise.all([
    db().provider.findMany({ select: { code: true }, orderBy: { code: "asc" } }),
    db().onlineCourse.findMany({ select: { providerCourseCode: true, provider: { select: { code: true } } } }),
  ]);
  const byCode = new Map<string, string[]>();
  for (const c of courses) byCode.set(c.providerCourseCode, [...(byCode.get(c.providerCourseCode) ?? []), c.provider.code]);
  return { providers: providers.map((p) => p.code), courses: byCode };
}

const CHUNK = 5000; // ids per query (PostgreSQL binds at most 32,767 parameters)

/** The students the recorded results name: by the users.csv identifier (SIS id), else by sourcedId. */
async function loadStudents(set: GradebookSet): Promise<KnownStudents> {
  const sisIds = new Set<string>();
  const sourcedIds = new Set<string>();
  for (const r of set.results) {
    const id = set.users.get(r.student)?.identifier;
    if (id) sisIds.add(id);
    else sourcedIds.add(r.student);
  }
  const known: KnownStudents = { sisIds: new Set(), bySourcedId: new Map() };
  const sis = [...sisIds];
  for (let i = 0; i < sis.length; i += CHUNK) {
    for (const s of await db().student.findMany({ where: { sisId: { in: sis.slice(i, i + CHUNK) } }, select: { sisId: true } })) known.sisIds.add(s.sisId);
  }
  const sourced = [...sourcedIds];
  for (let i = 0; i < sourced.length; i += CHUNK) {
    for (const s of await db().student.findMany({ where: { sourcedId: { in: sourced.slice(i, i + CHUNK) } }, select: { sisId: true, sourcedId: true } })) {
      known.bySourcedId.set(s.sourcedId!, s.sisId);
      known.sisIds.add(s.sisId);
    }
  }
  return known;
}
