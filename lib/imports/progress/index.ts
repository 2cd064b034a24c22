import "server-only";
import fs from "node:fs";
import { db, isUniqueViolation, type Tx } from "@/lib/db";
import { readCsv } from "@/lib/imports/csv";
import { parseRow } from "@/lib/imports/validate";
import { bulkInsert, bulkUpdate, bumpVersions, lockVersions, type Col } from "@/lib/imports/bulk";
import { ErrorList, ImportFileError, type ImportOptions, type ImportReport, type RowError } from "@/lib/imports/report";
import { buildReport, commitImport, type ImportContext } from "@/lib/imports/record";
import { progressRow, REQUIRED_PROGRESS, type ProgressRow } from "@/lib/imports/progress/schema";
import { districtPassingGrade } from "@/lib/enrollments/passing-grade";
import { formulaUnescaped } from "@/lib/exports/csv";
import { recordDataAsOf } from "@/lib/imports/progress/as-of";
import { planProgress, type Course, type ProgressPlan, type ProgressState, type ReadEnrollment } from "@/lib/imports/progress/plan";

// Provider progress CSV → assessment results, enrollment progress/lastActivityOn and completions
// (credit on the transcript), all in one transaction with the run record.

export async function importProviderProgress(ctx: ImportContext): Promise<ImportReport> {
  return writeProviderProgress(ctx, await readProviderProgress(ctx));
}

/** What the read of a progress file decided: the report (counts, errors) and the plan of writes. */
export type ProgressRead = { report: ImportReport; plan: ProgressPlan };

/**
 * Reads the file and the state it touches and plans the writes (lib/imports/progress/plan.ts).
 * Outside the write's transaction: writeProviderProgress checks the state did not change meanwhile.
 */
export async function readProviderProgress(ctx: ImportContext): Promise<ProgressRead> {
  const { opts, source } = ctx;
  const errors = new ErrorList();
  const warnings = new ErrorList();
  const rows: { file: string; line: number; r: ProgressRow }[] = [];
  let count = 0;
  for (const [file, path] of source.files) {
    const total = fs.statSync(path).size;
    await readCsv(path, { file, required: REQUIRED_PROGRESS, onBytes: (b) => opts.onProgress?.({ phase: "read", file, done: b, total }) }, ({ line, row }) => {
      count++;
      // The enrollments export writes these columns escaped against spreadsheet formulas ('=…): read them back as they were.
      const r = parseRow(progressRow, unescapedRow(row), { file, line }, errors);
      if (r) rows.push({ file, line, r });
    });
  }
  opts.onProgress?.({ phase: "validate", done: 0, total: 1 });
  const state = await loadState(rows.map((x) => x.r));
  const plan = planProgress(rows, state, errors, { createEnrollments: !!opts.createEnrollments });
  const report = buildReport("progress", opts, count, plan.counts, errors, warnings);
  return { report, plan };
}

/**
 * Writes a plan in one transaction with the run record. The plan was made from a read outside this
 * transaction: every existing enrollment it touched is locked first (SELECT … FOR UPDATE) and its
 * version compared with the one read. A counselor's result or completion, or an administrator's
 * credit reversal, bumps that version; then the file is refused, naming the enrollments, and nothing
 * is written (the stale plan would put back a reversed credit, or a second transcript row). Importing
 * the file again plans from the new state. Every enrollment written here gets a new version.
 */
export async function writeProviderProgress(ctx: ImportContext, { report, plan }: ProgressRead): Promise<ImportReport> {
  return commitImport(ctx, report, async (tx) => {
    const now = await lockVersions(tx, "Enrollment", plan.read.map((e) => e.id));
    const changed = plan.read.filter((e) => now.get(e.id) !== e.version);
    if (changed.length > 0) throw new ImportFileError(changed.map(changedWhileRead));
    try {
      await writeProgress(tx, plan, ctx.viewer?.id ?? null);
      await recordDataAsOf(tx, [...plan.read.map((e) => e.id), ...plan.enrollments.create.map((e) => e.id)], new Date());
    } catch (e) {
      // An enrollment the plan creates was created meanwhile (one ACTIVE per student and course).
      if (isUniqueViolation(e)) throw new ImportFileError([{ file: ctx.source.name, line: 0, column: null, value: null, message: `An enrollment this file creates was created by someone else while the file was read; ${NOTHING}` }]);
      throw e;
    }
  });
}

const unescapedRow = (row: Record<string, string>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, formulaUnescaped(v)]));

const NOTHING = "nothing was written: import the file again.";
const changedWhileRead = (e: ReadEnrollment): RowError => ({
  file: e.file, line: e.line, column: "student_id", value: e.sisId,
  message: `The enrollment of student ${e.sisId} in ${e.courseCode} changed while the file was read (a result, a completion or a credit reversal was recorded meanwhile); ${NOTHING}`,
});

async function loadState(rows: ProgressRow[]): Promise<ProgressState> {
  const sisIds = [...new Set(rows.map((r) => r.student_id))];
  const [providers, courses, students, district] = await Promise.all([
    db().provider.findMany({ select: { id: true, code: true } }),
    db().onlineCourse.findMany({ include: { assessments: { orderBy: [{ version: "asc" }, { position: "asc" }] } } }),
    db().student.findMany({ where: { sisId: { in: sisIds } }, select: { id: true, sisId: true } }),
    districtPassingGrade(),
  ]);
  const studentIds = students.map((s) => s.id);
  const enrollments = await db().enrollment.findMany({
    where: { studentId: { in: studentIds } },
    select: { id: true, studentId: true, courseId: true, courseVersion: true, version: true, status: true, sourceKey: true, startDate: true, targetDate: true, progress: true, lastActivityOn: true, finalGrade: true, creditAwarded: true, endedOn: true, endReason: true, createdAt: true, awardedCredit: { select: { id: true } } },
  });
  const results = await db().assessmentResult.findMany({
    where: { enrollmentId: { in: enrollments.map((e) => e.id) } },
    select: { id: true, enrollmentId: true, assessmentId: true, score: true, attempt: true, takenOn: true },
  });
  const byEnrollment = new Map<string, ProgressState["results"] extends Map<string, infer V> ? V : never>();
  for (const r of results) byEnrollment.set(r.enrollmentId, [...(byEnrollment.get(r.enrollmentId) ?? []), { ...r, score: Number(r.score) }]);
  return {
    providers: new Map(providers.map((p) => [p.code, p.id])),
    courses: new Map(
      courses.map((c) => [
        `${c.providerId}|${c.providerCourseCode}`,
        { ...c, credits: Number(c.credits), versions: versionsOf(c.assessments) },
      ]),
    ),
    students: new Map(students.map((s) => [s.sisId, s.id])),
    enrollments: enrollments.map(({ awardedCredit: _, ...e }) => ({ ...e, finalGrade: e.finalGrade === null ? null : Number(e.finalGrade), creditAwarded: e.creditAwarded === null ? null : Number(e.creditAwarded) })),
    results: byEnrollment,
    credited: new Set(enrollments.filter((e) => e.awardedCredit).map((e) => e.id)),
    districtPassingGrade: district,
  };
}

/** A course's assessments by version (each version holds its full set, in position order). */
function versionsOf(rows: { id: string; version: number; position: number; title: string; kind: "FORMATIVE" | "SUMMATIVE"; weight: unknown; maxScore: unknown }[]) {
  const out: Course["versions"] = new Map();
  for (const a of rows) out.set(a.version, [...(out.get(a.version) ?? []), { id: a.id, position: a.position, title: a.title, kind: a.kind, weight: Number(a.weight), maxScore: Number(a.maxScore) }]);
  return out;
}

const id: Col = { name: "id", type: "text" };
const ENROLLMENT: Col[] = [
  { name: "status", type: '"EnrollmentStatus"' }, { name: "sourceKey", type: "text" }, { name: "startDate", type: "date" }, { name: "targetDate", type: "date" },
  { name: "progress", type: "int" }, { name: "lastActivityOn", type: "date" }, { name: "finalGrade", type: "numeric" }, { name: "creditAwarded", type: "numeric" },
  { name: "endedOn", type: "date" }, { name: "endReason", type: "text" },
];
const RESULT: Col[] = [{ name: "enrollmentId", type: "text" }, { name: "assessmentId", type: "text" }, { name: "score", type: "numeric" }, { name: "attempt", type: "int" }, { name: "takenOn", type: "date" }];
const CREDIT: Col[] = [
  { name: "studentId", type: "text" }, { name: "courseCode", type: "text" }, { name: "courseTitle", type: "text" }, { name: "subjectArea", type: '"SubjectArea"' },
  { name: "schoolYear", type: "int" }, { name: "term", type: "text" }, { name: "grade", type: "text" }, { name: "creditsAttempted", type: "numeric" },
  { name: "creditsEarned", type: "numeric" }, { name: "enrollmentId", type: "text" },
];

async function writeProgress(tx: Tx, plan: ProgressPlan, recordedById: string | null): Promise<void> {
  await bulkInsert(tx, "Enrollment", [id, { name: "studentId", type: "text" }, { name: "courseId", type: "text" }, { name: "courseVersion", type: "int" }, ...ENROLLMENT], plan.enrollments.create);
  await bulkInsert(
    tx,
    "AssessmentResult",
    [id, ...RESULT, { name: "recordedById", type: "text" }, { name: "source", type: '"ResultSource"' }],
    plan.results.create.map((r) => ({ ...r, recordedById, source: "IMPORT" })),
    { stamps: "created", onConflict: `ON CONFLICT ("enrollmentId", "assessmentId", "attempt") DO NOTHING` },
  );
  await bulkUpdate(tx, "AssessmentResult", id, [{ name: "score", type: "numeric" }, { name: "takenOn", type: "date" }], plan.results.update, { touch: false });
  await bulkUpdate(tx, "Enrollment", id, ENROLLMENT, plan.enrollments.update, { bumpVersion: true });
  await bulkInsert(tx, "TranscriptCourse", [id, ...CREDIT], plan.credits, { stamps: "created" });
  // An enrollment whose results or credit changed while its own row did not still gets a new
  // version, as recording a result does (lib/enrollments/results.ts): a form opened before is stale.
  const rowWritten = new Set([...plan.enrollments.create, ...plan.enrollments.update].map((e) => e.id));
  const dependents = [...plan.results.create, ...plan.results.update, ...plan.credits].map((r) => r.enrollmentId).filter((e) => !rowWritten.has(e));
  await bumpVersions(tx, "Enrollment", [...new Set(dependents)]);
}

/** A valid row and where it was read (its errors are reported there). */
export type ProgressInputRow = { file: string; line: number; r: ProgressRow };

/**
 * Plans rows another format was converted into (the OneRoster gradebook, lib/imports/gradebook/):
 * the same state, matching and rules as a progress file's rows; write the plan with
 * writeProviderProgress.
 */
export async function planProgressRows(rows: ProgressInputRow[], errors: ErrorList, opts: ImportOptions): Promise<ProgressPlan> {
  return planProgress(rows, await loadState(rows.map((x) => x.r)), errors, { createEnrollments: !!opts.createEnrollments });
}
