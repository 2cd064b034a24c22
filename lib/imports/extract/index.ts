import "server-only";
import fs from "node:fs";
import { db } from "@/lib/db";
import { readCsv, readHeader } from "@/lib/imports/csv";
import { parseRow } from "@/lib/imports/validate";
import { emptyCounts, ErrorList, ImportFileError, type ImportReport, type Progress, type RowError } from "@/lib/imports/report";
import { buildReport, commitImport, type ImportContext } from "@/lib/imports/record";
import {
  COLUMNS,
  extractKindOf,
  REQUIRED,
  rollRow,
  sequenceRow,
  stateTestRow,
  statusEventRow,
  studentRow,
  transcriptRow,
  type ExtractFileKind,
} from "@/lib/imports/extract/schema";
import { planStudents, planEvents, planTranscript, type ExtractState } from "@/lib/imports/extract/plan";
import { writeExtract } from "@/lib/imports/extract/write";
import { loadRollState, planRoll, writeRoll } from "@/lib/imports/extract/roll";
import { loadSequence, planSequence, writeSequence } from "@/lib/imports/extract/sequence";
import { loadStateTests, planStateTests, writeStateTests } from "@/lib/imports/extract/state-tests";

// District student extract: students.csv (flags, cohort, counselor), status events, transcript,
// the October 1 roll (StudentYear), the course sequence and state test results (issue #18).
// One CSV, or a folder/zip of them; all files of one run are written in one transaction.

type Parsed = {
  students: { line: number; file: string; r: NonNullable<ReturnType<typeof studentRow.parse>> }[];
  events: { line: number; file: string; r: NonNullable<ReturnType<typeof statusEventRow.parse>> }[];
  transcript: { line: number; file: string; r: NonNullable<ReturnType<typeof transcriptRow.parse>> }[];
  roll: { line: number; file: string; r: NonNullable<ReturnType<typeof rollRow.parse>> }[];
  sequence: { line: number; file: string; r: NonNullable<ReturnType<typeof sequenceRow.parse>> }[];
  stateTests: { line: number; file: string; r: NonNullable<ReturnType<typeof stateTestRow.parse>> }[];
};

export async function importDistrictExtract(ctx: ImportContext): Promise<ImportReport> {
  const { opts, source } = ctx;
  const errors = new ErrorList();
  const warnings = new ErrorList();
  const parsed: Parsed = { students: [], events: [], transcript: [], roll: [], sequence: [], stateTests: [] };
  let rows = 0;
  const files = [...source.files.entries()].filter(([n]) => n !== "manifest.csv");
  const total = files.reduce((n, [, p]) => n + fs.statSync(p).size, 0);
  let base = 0;
  // Every file's kind first: one answer naming each file whose header is not recognised.
  const kinds = new Map<string, ExtractFileKind>();
  const headerErrors: RowError[] = [];
  for (const [file, path] of files) {
    try {
      kinds.set(file, extractKindOf(await readHeader(path), file));
    } catch (e) {
      if (!(e instanceof ImportFileError)) throw e;
      headerErrors.push(...e.errors);
    }
  }
  if (headerErrors.length) throw new ImportFileError(headerErrors);
  for (const [file, path] of files) {
    const kind = kinds.get(file)!;
    const onBytes = (b: number) => opts.onProgress?.({ phase: "read", file, done: base + b, total } satisfies Progress);
    await readCsv(path, { file, required: REQUIRED[kind], columns: COLUMNS[kind], onBytes, warnings }, ({ line, row }) => {
      rows++;
      const where = { file, line };
      if (kind === "students") {
        const r = parseRow(studentRow, row, where, errors);
        if (r) parsed.students.push({ ...where, r });
      } else if (kind === "events") {
        const r = parseRow(statusEventRow, row, where, errors);
        if (r) parsed.events.push({ ...where, r });
      } else if (kind === "transcript") {
        const r = parseRow(transcriptRow, row, where, errors);
        if (r) parsed.transcript.push({ ...where, r });
      } else if (kind === "roll") {
        const r = parseRow(rollRow, row, where, errors);
        if (r) parsed.roll.push({ ...where, r });
      } else if (kind === "sequence") {
        const r = parseRow(sequenceRow, row, where, errors);
        if (r) parsed.sequence.push({ ...where, r });
      } else {
        const r = parseRow(stateTestRow, row, where, errors);
        if (r) parsed.stateTests.push({ ...where, r });
      }
    });
    base += fs.statSync(path).size;
  }
  opts.onProgress?.({ phase: "validate", done: 0, total: 1 });
  const [state, rollState, sequence, stateTests] = await Promise.all([
    loadState(),
    loadRollState(parsed.roll.length),
    loadSequence(parsed.sequence.length),
    loadStateTests(parsed.stateTests),
  ]);
  const counts = emptyCounts("students", "statusEvents", "transcript", "roll", "sequence", "stateTests");
  const plan = {
    students: planStudents(parsed.students, state, errors, counts.students),
    events: planEvents(parsed.events, state, errors, counts.statusEvents),
    transcript: planTranscript(parsed.transcript, state, errors, counts.transcript),
    roll: planRoll(parsed.roll, rollState, errors, warnings, counts.roll),
    sequence: planSequence(parsed.sequence, sequence, errors, counts.sequence),
    stateTests: planStateTests(parsed.stateTests, stateTests, errors, counts.stateTests),
  };
  const report = buildReport("students", opts, rows, counts, errors, warnings);
  return commitImport(ctx, report, async (tx) => {
    await writeExtract(tx, plan, state, (done, t) => opts.onProgress?.({ phase: "write", done, total: t }));
    await writeRoll(tx, plan.roll);
    await writeSequence(tx, plan.sequence);
    await writeStateTests(tx, plan.stateTests);
  });
}

async function loadState(): Promise<ExtractState> {
  const [students, counselors, schools, events, transcript] = await Promise.all([
    db().student.findMany({
      select: {
        id: true,
        sisId: true,
        stateId: true,
        schoolId: true,
        gradeLevel: true,
        cohortYear: true,
        firstNinthGradeYear: true,
        englishLearner: true,
        specialEducation: true,
        lowIncome: true,
        attendanceRate: true,
        suspensions: true,
        coursesFailedThisYear: true,
        counselorId: true,
        status: true,
        statusDate: true,
      },
    }),
    db().user.findMany({ where: { role: "COUNSELOR" }, select: { id: true, email: true, sourcedId: true, active: true } }),
    db().school.findMany({ select: { id: true, stateCode: true } }),
    db().statusEvent.findMany({
      select: {
        id: true,
        studentId: true,
        kind: true,
        effectiveDate: true,
        schoolId: true,
        gradeLevel: true,
        transferIn: true,
        documented: true,
        credential: true,
        reason: true,
        sourceKey: true,
        sequence: true,
      },
    }),
    db().transcriptCourse.findMany({
      where: { sourceKey: { not: null } },
      select: {
        id: true,
        studentId: true,
        courseCode: true,
        courseTitle: true,
        subjectArea: true,
        schoolYear: true,
        term: true,
        grade: true,
        creditsAttempted: true,
        creditsEarned: true,
        sourceKey: true,
      },
    }),
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
