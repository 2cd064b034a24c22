import "server-only";
import fs from "node:fs";
import { db } from "@/lib/db";
import { readCsv, readHeader } from "@/lib/imports/csv";
import { parseRow } from "@/lib/imports/validate";
import { emptyCounts, ErrorList, type ImportReport, type Progress } from "@/lib/imports/report";
import { buildReport, commitImport, type ImportContext } from "@/lib/imports/record";
import { extractKindOf, REQUIRED, statusEventRow, studentRow, transcriptRow, type ExtractFileKind } from "@/lib/imports/extract/schema";
import { planStudents, planEvents, planTranscript, type ExtractState } from "@/lib/imports/extract/plan";
import { writeExtract } from "@/lib/imports/extract/write";

// District student extract: students.csv (flags, cohort, counselor), status events, transcript.
// One CSV, or a folder/zip of them; all files of one run are written in one transaction.

type Parsed = {
  students: { line: number; file: string; r: NonNullable<ReturnType<typeof studentRow.parse>> }[];
  events: { line: number; file: string; r: NonNullable<ReturnType<typeof statusEventRow.parse>> }[];
  transcript: { line: number; file: string; r: NonNullable<ReturnType<typeof transcriptRow.parse>> }[];
};

export async function importDistrictExtract(ctx: ImportContext): Promise<ImportReport> {
  const { opts, source } = ctx;
  const errors = new ErrorList();
  const warnings = new ErrorList();
  const parsed: Parsed = { students: [], events: [], transcript: [] };
  let rows = 0;
  const files = [...source.files.entries()].filter(([n]) => n !== "manifest.csv");
  const total = files.reduce((n, [, p]) => n + fs.statSync(p).size, 0);
  let base = 0;
  for (const [file, path] of files) {
    const kind: ExtractFileKind = extractKindOf(await readHeader(path));
    const onBytes = (b: number) => opts.onProgress?.({ phase: "read", file, done: base + b, total } satisfies Progress);
    await readCsv(path, { file, required: REQUIRED[kind], onBytes }, ({ line, row }) => {
      rows++;
      const where = { file, line };
      if (kind === "students") {
        const r = parseRow(studentRow, row, where, errors);
        if (r) parsed.students.push({ ...where, r });
      } else if (kind === "events") {
        const r = parseRow(statusEventRow, row, where, errors);
        if (r) parsed.events.push({ ...where, r });
      } else {
        const r = parseRow(transcriptRow, row, where, errors);
        if (r) parsed.transcript.push({ ...where, r });
      }
    });
    base += fs.statSync(path).size;
  }
  opts.onProgress?.({ phase: "validate", done: 0, total: 1 });
  const state = await loadState();
  const counts = emptyCounts("students", "statusEvents", "transcript");
  const plan = {
    students: planStudents(parsed.students, state, errors, counts.students),
    events: planEvents(parsed.events, state, errors, counts.statusEvents),
    transcript: planTranscript(parsed.transcript, state, errors, counts.transcript),
  };
  const report = buildReport("students", opts, rows, counts, errors, warnings);
  return commitImport(ctx, report, (tx) => writeExtract(tx, plan, state, (done, t) => opts.onProgress?.({ phase: "write", done, total: t })));
}

async function loadState(): Promise<ExtractState> {
  const [students, counselors, schools, events, transcript] = await Promise.all([
    db().student.findMany({
      select: {
        id: true, sisId: true, stateId: true, schoolId: true, gradeLevel: true, cohortYear: true, firstNinthGradeYear: true, englishLearner: true,
        specialEducation: true, lowIncome: true, attendanceRate: true, suspensions: true, coursesFailedThisYear: true, counselorId: true, status: true, statusDate: true,
      },
    }),
    db().user.findMany({ where: { role: "COUNSELOR" }, select: { id: true, email: true, sourcedId: true, active: true } }),
    db().school.findMany({ select: { id: true, stateCode: true } }),
    db().statusEvent.findMany({ select: { id: true, studentId: true, kind: true, effectiveDate: true, schoolId: true, gradeLevel: true, transferIn: true, documented: true, credential: true, reason: true, sourceKey: true, sequence: true } }),
    db().transcriptCourse.findMany({ where: { sourceKey: { not: null } }, select: { id: true, studentId: true, courseCode: true, courseTitle: true, subjectArea: true, schoolYear: true, term: true, grade: true, creditsAttempted: true, creditsEarned: true, sourceKey: true } }),
  ]);
  return {
    students: new Map(students.map((s) => [s.sisId, { ...s, attendanceRate: s.attendanceRate === null ? null : Number(s.attendanceRate) }])),
    stateIds: new Map(students.filter((s) => s.stateId).map((s) => [s.stateId!, s.sisId])),
    counselors: new Map(counselors.flatMap((c) => [[c.email, c.id] as const, ...(c.sourcedId ? [[c.sourcedId, c.id] as const] : [])])),
    schools: new Map(schools.map((s) => [s.stateCode, s.id])),
    events,
    transcript: new Map(transcript.map((t) => [t.sourceKey!, { ...t, creditsAttempted: Number(t.creditsAttempted), creditsEarned: Number(t.creditsEarned) }])),
  };
}
