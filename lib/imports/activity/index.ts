import "server-only";
import { columns } from "@/lib/sql/fragments/columns";
import fs from "node:fs";
import { db, type Tx } from "@/lib/db";
import { enrollmentsDataAsOf } from "@/lib/sql/queries/enrollments-data-as-of";
import { enrollmentsLastActivity } from "@/lib/sql/queries/enrollments-last-activity";
import { readCsv, readHeader } from "@/lib/imports/csv";
import { parseRow } from "@/lib/imports/validate";
import { bulkInsert, CHUNK, chunks, lockVersions, studentIdsBySisId } from "@/lib/imports/bulk";
import { ErrorList, ImportFileError, type ImportReport } from "@/lib/imports/report";
import { buildReport, commitImport, type ImportContext } from "@/lib/imports/record";
import { ACTIVITY_COLUMNS, REQUIRED_ACTIVITY, activityHeaderProblems, activityRow } from "@/lib/imports/activity/schema";
import { activityPlanner, slot, type ActEnr, type ActivityPlan, type ActivityState } from "@/lib/imports/activity/plan";
import { providerEnrollmentKey } from "@/lib/enrollments/source-key";
import { districtDay, districtDayStart, districtTimeZone } from "@/lib/calendar";
import { dayIn } from "@/lib/imports/activity/time";

// Activity and time on task (issue #15, lib/imports/FORMATS.md §3c): a vendor's usage report →
// ActivitySession rows, Enrollment.lastActivityOn (only ever later: the inactivity rule reads it)
// and Enrollment.dataAsOf, in one transaction with the run record (commitImport: the capture
// triggers record every row for the run's revert). Read twice like provider progress, so memory
// grows with the enrollments named and the rows to write, not with the rows read.

export async function importActivity(ctx: ImportContext): Promise<ImportReport> {
  const { opts, source } = ctx;
  const errors = new ErrorList();
  const warnings = new ErrorList();
  const headerProblems = [];
  for (const [file, path] of source.files) {
    for (const message of activityHeaderProblems(new Set((await readHeader(path)).map((h) => h.toLowerCase()))))
      headerProblems.push({ file, line: 1, column: null, value: null, message });
  }
  if (headerProblems.length) throw new ImportFileError(headerProblems);

  const named: Named = { sisIds: new Set(), courses: new Set(), keys: new Set(), first: null, last: null };
  let count = 0;
  for (const [file, path] of source.files) {
    const size = fs.statSync(path).size;
    const onBytes = (b: number) => opts.onProgress?.({ phase: "read", file, done: b, total: 2 * size });
    await readCsv(path, { file, required: REQUIRED_ACTIVITY, columns: ACTIVITY_COLUMNS, warnings, onBytes }, ({ line, row }) => {
      count++;
      const r = parseRow(activityRow, row, { file, line }, errors);
      if (!r) return;
      named.sisIds.add(r.student_id);
      if (r.course_code) named.courses.add(`${r.provider}\u0000${r.course_code}\u0000${r.student_id}`);
      if (r.enrollment_id) named.keys.add(providerEnrollmentKey(r.provider, r.enrollment_id));
      const day = r.date ?? dayIn(r.session_start!, districtTimeZone());
      if (!named.first || day < named.first) named.first = day;
      if (!named.last || day > named.last) named.last = day;
    });
  }
  opts.onProgress?.({ phase: "validate", done: 0, total: 1 });
  const planner = activityPlanner(await loadState(named, districtDay(opts.asOf ?? new Date())), errors, warnings);
  const again = new ErrorList(); // the first pass reported them
  for (const [file, path] of source.files) {
    const size = fs.statSync(path).size;
    const onBytes = (b: number) => opts.onProgress?.({ phase: "read", file, done: size + b, total: 2 * size });
    await readCsv(path, { file, required: REQUIRED_ACTIVITY, columns: ACTIVITY_COLUMNS, onBytes }, ({ line, row }) => {
      const r = parseRow(activityRow, row, { file, line }, again);
      if (r) planner.add({ file, line, r });
    });
  }
  const plan = planner.finish();
  const report = buildReport("activity", opts, count, plan.counts, errors, warnings);
  return commitImport(ctx, report, (tx) => writeActivity(tx, plan, (done, total) => opts.onProgress?.({ phase: "write", done, total })));
}

type Named = { sisIds: Set<string>; courses: Set<string>; keys: Set<string>; first: Date | null; last: Date | null };

/**
 * The catalog, the file's students, the enrollments its rows can match (the student's in a named
 * course, or the one holding a named provider key), and those enrollments' stored rows on the
 * file's days only (a file of one week does not load a year of sessions).
 */
async function loadState(named: Named, today: Date): Promise<ActivityState> {
  const zone = districtTimeZone();
  const [providerList, courseList] = await Promise.all([
    db().provider.findMany({ select: { id: true, code: true } }),
    db().onlineCourse.findMany({ select: { id: true, providerId: true, providerCourseCode: true } }),
  ]);
  const providers = new Map(providerList.map((p) => [p.code, p.id]));
  const courses = new Map(courseList.map((c) => [`${c.providerId}|${c.providerCourseCode}`, c.id]));
  const students = await studentIdsBySisId(named.sisIds);
  const pairs = new Set<string>();
  for (const entry of named.courses) {
    const [provider, code, sisId] = entry.split("\u0000") as [string, string, string];
    const course = courses.get(`${providers.get(provider)}|${code}`);
    const student = students.get(sisId);
    if (course && student) pairs.add(`${student}|${course}`);
  }
  const enrollments: ActEnr[] = [];
  for (const ids of chunks([...new Set(students.values())])) {
    const found = await db().enrollment.findMany({
      where: { studentId: { in: ids } },
      select: { id: true, studentId: true, courseId: true, status: true, sourceKey: true, endedOn: true, lastActivityOn: true, version: true, createdAt: true },
    });
    for (const e of found) if (pairs.has(`${e.studentId}|${e.courseId}`) || (e.sourceKey !== null && named.keys.has(e.sourceKey))) enrollments.push(e);
  }
  const existing: ActivityState["existing"] = new Map();
  if (named.first && named.last) {
    for (const ids of chunks(enrollments.map((e) => e.id))) {
      const rows = await db().activitySession.findMany({
        where: { enrollmentId: { in: ids }, day: { gte: named.first, lte: named.last } },
        select: { enrollmentId: true, dayTotal: true, startedAt: true, endedAt: true, seconds: true, day: true },
      });
      for (const s of rows) {
        const mine = existing.get(s.enrollmentId) ?? new Map();
        existing.set(s.enrollmentId, mine);
        mine.set(slot(s.dayTotal, +s.startedAt), { seconds: s.seconds, endedAt: s.endedAt ? +s.endedAt : null, day: +s.day });
      }
    }
  }
  return { providers, courses, students, enrollments, existing, today, dayOf: (t) => dayIn(t, zone), dayStart: (d) => districtDayStart(d) };
}

const SESSION = columns("ActivitySession", ["id", "enrollmentId", "startedAt", "endedAt", "day", "seconds", "dayTotal"]);

/**
 * One upsert on the natural key writes new and corrected rows alike (a row written by another
 * import meanwhile is updated, not duplicated). Last activity moves only later (GREATEST, in SQL:
 * a result recorded meanwhile cannot be undone by this plan), and each enrollment whose row moves
 * gets a new version, as provider progress does. The enrollments are locked first and must still exist.
 */
async function writeActivity(tx: Tx, plan: ActivityPlan, onWritten?: (done: number, total: number) => void): Promise<void> {
  const ids = plan.touched.map((t) => t.id);
  const now = await lockVersions(tx, "Enrollment", ids);
  const gone = plan.touched.filter((t) => !now.has(t.id));
  if (gone.length) {
    throw new ImportFileError(
      gone.map((t) => ({
        file: t.file,
        line: t.line,
        column: null,
        value: null,
        message: "this row's enrollment was deleted while the file was read; nothing was written: import the file again.",
      })),
    );
  }
  let done = 0;
  for (const slice of plan.sessions.slices(CHUNK)) {
    await bulkInsert(tx, "ActivitySession", SESSION, slice, {
      conflict: { on: ["enrollmentId", "dayTotal", "startedAt"], update: ["seconds", "endedAt", "day"], touch: true, onlyIfChanged: true },
    });
    onWritten?.((done += slice.length), plan.sessions.count);
  }
  for (const slice of chunks(plan.lastActivity)) await enrollmentsLastActivity(tx, slice);
  // "As of" on the enrollment (lib/imports/progress/as-of.ts), not on the provider: Provider.resultsAsOf
  // says how fresh its results are, and a usage report carries none.
  const at = new Date();
  for (const slice of chunks(ids)) await enrollmentsDataAsOf(tx, slice, at);
}
