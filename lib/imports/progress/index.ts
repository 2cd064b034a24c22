import "server-only";
import fs from "node:fs";
import { db, isUniqueViolation, type Tx } from "@/lib/db";
import { readCsv } from "@/lib/imports/csv";
import { parseRow } from "@/lib/imports/validate";
import { bulkInsert, bulkUpdate, bumpVersions, chunks, lockVersions, studentIdsBySisId } from "@/lib/imports/bulk";
import { column, columns } from "@/lib/sql/fragments/columns";
import { ErrorList, ImportFileError, type ImportOptions, type ImportReport, type RowError } from "@/lib/imports/report";
import { buildReport, commitImport, type ImportContext } from "@/lib/imports/record";
import { progressRow, REQUIRED_PROGRESS, type ProgressRow } from "@/lib/imports/progress/schema";
import { districtPassingGrade } from "@/lib/enrollments/passing-grade";
import { rigorPolicies } from "@/lib/enrollments/rigor-policy";
import { activeSecondsOf } from "@/lib/enrollments/activity";
import { formulaUnescaped } from "@/lib/exports/csv";
import { recordDataAsOf } from "@/lib/imports/progress/as-of";
import { providerEnrollmentKey } from "@/lib/enrollments/source-key";
import { progressImportEnrollments } from "@/lib/sql/queries/progress-import-enrollments";
import { progressImportResults } from "@/lib/sql/queries/progress-import-results";
import { progressImportResultCount } from "@/lib/sql/queries/progress-import-result-count";
import { LoadedResults } from "@/lib/imports/progress/loaded-results";
import { planProgress, progressPlanner, resRow, type Course, type ProgressPlan, type ProgressState, type ReadEnrollment } from "@/lib/imports/progress/plan";

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
  // Two passes over the file, so no row is held: the first validates every row and notes what the
  // plan will look up (students, enrollments); the state is loaded; the second feeds each valid row
  // to the planner in file order. Memory grows with the enrollments the file names and the results
  // it plans to write, not with the rows read (lib/imports/FORMATS.md, "Streaming").
  const named = nothingNamed();
  let count = 0;
  for (const [file, path] of source.files) {
    const size = fs.statSync(path).size;
    // Reading is both passes: the first is the first half of the "read" progress.
    const onBytes = (b: number) => opts.onProgress?.({ phase: "read", file, done: b, total: 2 * size });
    await readCsv(path, { file, required: REQUIRED_PROGRESS, columns: PROGRESS_COLUMNS, warnings, onBytes }, ({ line, row }) => {
      count++;
      const r = parsed(row, file, line, errors);
      if (r) note(named, r);
    });
  }
  opts.onProgress?.({ phase: "validate", done: 0, total: 1 });
  const state = await loadState(named, (done, total) => opts.onProgress?.({ phase: "validate", done, total }));
  const planner = progressPlanner(state, errors, { createEnrollments: !!opts.createEnrollments });
  const dates = new Map<number, Date>(); // one Date per day: a new result keeps its row's date
  const again = new ErrorList(); // the first pass reported them
  for (const [file, path] of source.files) {
    const size = fs.statSync(path).size;
    const onBytes = (b: number) => opts.onProgress?.({ phase: "read", file, done: size + b, total: 2 * size });
    await readCsv(path, { file, required: REQUIRED_PROGRESS, columns: PROGRESS_COLUMNS, onBytes }, ({ line, row }) => {
      const r = parsed(row, file, line, again);
      if (!r) return;
      r.date = dates.get(+r.date) ?? (dates.set(+r.date, r.date), r.date);
      planner.add({ file, line, r });
    });
  }
  const plan = planner.finish();
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
    const now = await lockVersions(
      tx,
      "Enrollment",
      plan.read.map((e) => e.id),
    );
    const changed = plan.read.filter((e) => now.get(e.id) !== e.version);
    if (changed.length > 0) throw new ImportFileError(changed.map(changedWhileRead));
    try {
      await writeProgress(tx, plan, ctx.viewer?.id ?? null, (done, total) => ctx.opts.onProgress?.({ phase: "write", done, total }));
      await recordDataAsOf(tx, [...plan.read.map((e) => e.id), ...plan.enrollments.create.map((e) => e.id)], new Date());
    } catch (e) {
      // An enrollment the plan creates was created meanwhile (one ACTIVE per student and course).
      if (isUniqueViolation(e))
        throw new ImportFileError([
          { file: ctx.source.name, line: 0, column: null, value: null, message: `An enrollment this file creates was created by someone else while the file was read; ${NOTHING}` },
        ]);
      throw e;
    }
  });
}

const PROGRESS_COLUMNS = Object.keys(progressRow.shape);

/** What the valid rows name: SIS ids, provider + course + SIS id, and provider enrollment keys. */
type Named = { sisIds: Set<string>; courses: Set<string>; keys: Set<string> };
const nothingNamed = (): Named => ({ sisIds: new Set(), courses: new Set(), keys: new Set() });
function note(named: Named, r: ProgressRow): void {
  named.sisIds.add(r.student_id);
  named.courses.add(`${r.provider}\u0000${r.course_code}\u0000${r.student_id}`);
  if (r.enrollment_id) named.keys.add(providerEnrollmentKey(r.provider, r.enrollment_id));
}

// The enrollments export writes these columns escaped against spreadsheet formulas ('=…): read them back as they were.
const parsed = (row: Record<string, string>, file: string, line: number, errors: ErrorList) => parseRow(progressRow, unescapedRow(row), { file, line }, errors);

const unescapedRow = (row: Record<string, string>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, formulaUnescaped(v)]));

const NOTHING = "nothing was written: import the file again.";
const changedWhileRead = (e: ReadEnrollment): RowError => ({
  file: e.file,
  line: e.line,
  column: "student_id",
  value: e.sisId,
  message: `The enrollment of student ${e.sisId} in ${e.courseCode} changed while the file was read (a result, a completion or a credit reversal was recorded meanwhile); ${NOTHING}`,
});

/**
 * Students (their enrollments) or enrollments (their results) read per statement. Each statement's
 * rows are alive together, and what outlives a young-generation collection stays until a full one:
 * with 5,000 a city's file reached 430 MB while its enrollments were read, 330 MB with 1,000
 * (peak RSS; 82,000 students, 280,000 of their enrollments read); the preview took 18–23 s either way.
 */
const LOAD_CHUNK = 1000;

/**
 * The state the plan reads: the catalog, the file's students, and of their enrollments only those a
 * row can match (plan.ts: the student's enrollments in the row's course, or the one holding the row's
 * provider key), with those enrollments' results. A student's other enrollments and their results
 * are not loaded: the district's seeded students have four enrollments and forty results each.
 * `named` is emptied as it is used (its sets were the largest thing held besides the state); `onLoaded`
 * hears of each chunk loaded (the command line collects garbage on it).
 */
async function loadState(named: Named, onLoaded?: (done: number, total: number) => void): Promise<ProgressState> {
  const [providerList, courseList, district, policies] = await Promise.all([
    db().provider.findMany({ select: { id: true, code: true } }),
    db().onlineCourse.findMany({ include: { assessments: { orderBy: [{ version: "asc" }, { position: "asc" }] } } }),
    districtPassingGrade(),
    rigorPolicies(),
  ]);
  const providers = new Map(providerList.map((p) => [p.code, p.id]));
  const courses = new Map(courseList.map((c) => [`${c.providerId}|${c.providerCourseCode}`, { ...c, credits: Number(c.credits), versions: versionsOf(c.assessments) }]));
  const students = await studentIdsBySisId(named.sisIds);
  named.sisIds.clear();
  const pairs = new Set<string>();
  for (const entry of named.courses) {
    const [provider, courseCode, sisId] = entry.split("\u0000") as [string, string, string];
    const course = courses.get(`${providers.get(provider)}|${courseCode}`);
    const studentId = students.get(sisId);
    if (course && studentId) pairs.add(`${studentId}|${course.id}`);
  }
  named.courses.clear();
  const keys = named.keys;
  // Through the pool's driver (lib/sql), not Prisma: Prisma's row conversion (a Decimal per score)
  // made ~1.5 KB of garbage per result loaded, and a file names tens of thousands of enrollments.
  // One copy of each value enrollments repeat (their students' and courses' ids, statuses, reasons,
  // days): the driver gives each row its own, and a city's file names ~130,000 enrollments.
  const one = interner([...students.values(), ...courseList.map((c) => c.id)]);
  const enrollments: ProgressState["enrollments"] = [];
  const credited = new Set<string>();
  const studentIds = [...new Set(students.values())];
  let done = 0;
  for (const ids of chunks(studentIds, LOAD_CHUNK)) {
    const found = await progressImportEnrollments(ids);
    for (const { credited: hasCredit, ...e } of found) {
      if (!pairs.has(`${e.studentId}|${e.courseId}`) && !(e.sourceKey !== null && keys.has(e.sourceKey))) continue;
      // Every field named (not spread from the driver's row, whose fields sit in a store beside it:
      // ~130 bytes more each).
      enrollments.push({
        id: e.id,
        studentId: one.text(e.studentId),
        courseId: one.text(e.courseId),
        courseVersion: e.courseVersion,
        version: e.version,
        status: one.text(e.status),
        sourceKey: e.sourceKey,
        startDate: one.date(e.startDate),
        targetDate: one.date(e.targetDate),
        progress: e.progress,
        lastActivityOn: one.date(e.lastActivityOn),
        finalGrade: e.finalGrade === null ? null : Number(e.finalGrade),
        creditAwarded: e.creditAwarded === null ? null : Number(e.creditAwarded),
        endedOn: one.date(e.endedOn),
        endReason: one.text(e.endReason),
        createdAt: one.date(e.createdAt),
        activityOn: one.date(e.activityOn),
      });
      if (hasCredit) credited.add(e.id);
    }
    onLoaded?.((done += ids.length), studentIds.length + enrollments.length);
  }
  named.keys.clear();
  const enrollmentIds = enrollments.map((e) => e.id);
  const results = new LoadedResults(await progressImportResultCount(enrollmentIds), enrollmentIds);
  for (const ids of chunks(enrollmentIds, LOAD_CHUNK)) {
    for (const r of await progressImportResults(ids)) results.add(r);
    onLoaded?.((done += ids.length), studentIds.length + enrollments.length);
  }
  results.seal();
  // Time on task, for the active-time guardrail: read only when a policy or a course sets one.
  const timed = [...policies.values()].some((p) => p.minActiveMinutesPerCredit !== null) || courseList.some((c) => c.minActiveMinutesPerCredit !== null);
  const activeSeconds = timed ? await activeSecondsOf(enrollments.filter((e) => e.status === "ACTIVE").map((e) => e.id)) : new Map<string, number>();
  return { providers, courses, students, enrollments, results, credited, districtPassingGrade: district, policies, activeSeconds };
}

/**
 * One copy of each equal value: texts (seeded with `texts`, the copies the state holds already) and
 * dates (one Date per instant: the plan replaces a date, never changes one in place).
 */
function interner(texts: string[]) {
  const seen = new Map(texts.map((t) => [t, t]));
  const dates = new Map<number, Date>();
  return {
    text: <T extends string | null>(v: T): T => (v === null ? v : ((seen.get(v) ?? (seen.set(v, v), v)) as T)),
    date: <T extends Date | null | undefined>(d: T): T => (d ? ((dates.get(+d) ?? (dates.set(+d, d), d)) as T) : d),
  };
}

/** A course's assessments by version (each version holds its full set, in position order). */
function versionsOf(rows: { id: string; version: number; position: number; title: string; kind: "FORMATIVE" | "SUMMATIVE"; weight: unknown; maxScore: unknown }[]) {
  const out: Course["versions"] = new Map();
  for (const a of rows)
    out.set(a.version, [...(out.get(a.version) ?? []), { id: a.id, position: a.position, title: a.title, kind: a.kind, weight: Number(a.weight), maxScore: Number(a.maxScore) }]);
  return out;
}

// Every table written here keys on a text "id".
const id = column("Enrollment", "id");
const ENROLLMENT = columns("Enrollment", ["status", "sourceKey", "startDate", "targetDate", "progress", "lastActivityOn", "finalGrade", "creditAwarded", "endedOn", "endReason"]);
const RESULT = columns("AssessmentResult", ["enrollmentId", "assessmentId", "score", "attempt", "takenOn", "proctored"]);
const CREDIT = columns("TranscriptCourse", [
  "studentId",
  "courseCode",
  "courseTitle",
  "subjectArea",
  "schoolYear",
  "term",
  "grade",
  "creditsAttempted",
  "creditsEarned",
  "enrollmentId",
]);

async function writeProgress(tx: Tx, plan: ProgressPlan, recordedById: string | null, onWritten?: (done: number, total: number) => void): Promise<void> {
  await bulkInsert(tx, "Enrollment", [id, ...columns("Enrollment", ["studentId", "courseId", "courseVersion"]), ...ENROLLMENT], plan.enrollments.create);
  // Results as rows a slice at a time: rows for all of them at once would double the plan's largest part.
  // Each slice is reported (the command line collects garbage between them: memory stays flat).
  const total = plan.results.create.length + plan.results.update.length;
  let done = 0;
  for (const slice of chunks(plan.results.create)) {
    await bulkInsert(
      tx,
      "AssessmentResult",
      [id, ...RESULT, ...columns("AssessmentResult", ["recordedById", "source"])],
      slice.map((r) => ({ ...resRow(r), recordedById, source: "IMPORT" })),
      { stamps: "created", conflict: { on: ["enrollmentId", "assessmentId", "attempt"] } },
    );
    onWritten?.((done += slice.length), total);
  }
  for (const slice of chunks(plan.results.update)) {
    await bulkUpdate(tx, "AssessmentResult", id, columns("AssessmentResult", ["score", "takenOn", "proctored"]), slice.map(resRow), { touch: false });
    onWritten?.((done += slice.length), total);
  }
  await bulkUpdate(tx, "Enrollment", id, ENROLLMENT, plan.enrollments.update, { bumpVersion: true });
  await bulkInsert(tx, "TranscriptCourse", [id, ...CREDIT], plan.credits, { stamps: "created" });
  // An enrollment whose results or credit changed while its own row did not still gets a new
  // version, as recording a result does (lib/enrollments/results.ts): a form opened before is stale.
  const rowWritten = new Set([...plan.enrollments.create, ...plan.enrollments.update].map((e) => e.id));
  const dependents = new Set<string>();
  for (const list of [plan.results.create, plan.results.update, plan.credits]) for (const r of list) if (!rowWritten.has(r.enrollmentId)) dependents.add(r.enrollmentId);
  await bumpVersions(tx, "Enrollment", [...dependents]);
}

/** A valid row and where it was read (its errors are reported there). */
export type ProgressInputRow = { file: string; line: number; r: ProgressRow };

/**
 * Plans rows another format was converted into (the OneRoster gradebook, lib/imports/gradebook/):
 * the same state, matching and rules as a progress file's rows; write the plan with
 * writeProviderProgress.
 */
export async function planProgressRows(rows: ProgressInputRow[], errors: ErrorList, opts: ImportOptions): Promise<ProgressPlan> {
  const named = nothingNamed();
  for (const { r } of rows) note(named, r);
  return planProgress(rows, await loadState(named), errors, { createEnrollments: !!opts.createEnrollments });
}
