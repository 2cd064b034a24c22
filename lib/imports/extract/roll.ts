import "server-only";
import { columns } from "@/lib/sql/fragments/columns";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { bulkInsert } from "@/lib/imports/bulk";
import type { EntityCounts, ErrorList } from "@/lib/imports/report";
import type { rollRow } from "@/lib/imports/extract/schema";
import { yearLabel } from "@/lib/calendar";

// The October 1 roll of the district extract: StudentYear rows keyed by (student, school year).
// It writes only StudentYear — never Student.gradeLevel or the student's current flags, which
// describe today and come from students.csv / the roster.

type RollRow = { file: string; line: number; r: z.output<typeof rollRow> };
type YearState = { schoolId: string; gradeLevel: number; enrolledOct1: boolean; englishLearner: boolean | null; specialEducation: boolean | null; lowIncome: boolean | null };
export type RollState = { students: Map<string, string>; schools: Map<string, string>; years: Map<string, YearState> };
export type StudentYearRow = { studentId: string; schoolYear: number } & YearState;

const key = (studentId: string, year: number) => `${studentId}|${year}`;

/**
 * What a roll file needs: students, schools and stored years — nothing when the run has no roll
 * rows (a students or events file must not read every StudentYear). Read whole, not by the file's
 * ids: a district-wide roll would pass PostgreSQL's 65,535 bind parameters.
 */
export async function loadRollState(rows: number): Promise<RollState> {
  if (rows === 0) return { students: new Map(), schools: new Map(), years: new Map() };
  const [students, schools, years] = await Promise.all([
    db().student.findMany({ select: { id: true, sisId: true } }),
    db().school.findMany({ select: { id: true, stateCode: true } }),
    db().studentYear.findMany(),
  ]);
  return {
    students: new Map(students.map((s) => [s.sisId, s.id])),
    schools: new Map(schools.map((s) => [s.stateCode, s.id])),
    years: new Map(years.map(({ studentId, schoolYear, ...y }) => [key(studentId, schoolYear), y])),
  };
}

/**
 * The StudentYear rows to write. Grades below 9 are skipped (counted, one warning per file): an
 * SIS roll often covers the whole district and CreditTrack holds grades 9–12 only, as the roster
 * import does. An empty flag cell is "not known that year" (null); a flag column the file lacks
 * keeps the stored value.
 */
export function planRoll(rows: RollRow[], st: RollState, errors: ErrorList, warnings: ErrorList, counts: EntityCounts): StudentYearRow[] {
  const out: StudentYearRow[] = [];
  const seen = new Map<string, { file: string; line: number }>();
  const skipped = new Map<string, number>();
  for (const { file, line, r } of rows) {
    const err = (column: string, value: string, message: string) => errors.add({ file, line, column, value, message });
    if (r.grade < 9) {
      counts.skipped++;
      skipped.set(file, (skipped.get(file) ?? 0) + 1);
      continue;
    }
    const studentId = st.students.get(r.sis_id);
    if (!studentId) {
      err("sis_id", r.sis_id, "no student has this SIS id (the roster import creates students)");
      continue;
    }
    const schoolId = st.schools.get(r.school_code);
    if (!schoolId) {
      err("school_code", r.school_code, "no school has this state code");
      continue;
    }
    const k = key(studentId, r.school_year);
    const first = seen.get(k);
    if (first) {
      const where = first.file === file ? `line ${first.line} of this file` : `line ${first.line} of ${first.file}`;
      err("school_year", String(r.school_year), `Duplicate row: student ${r.sis_id} already has a row for ${yearLabel(r.school_year)} on ${where}`);
      continue;
    }
    seen.set(k, { file, line });
    const cur = st.years.get(k);
    const next: YearState = {
      schoolId,
      gradeLevel: r.grade,
      enrolledOct1: r.enrolled_oct1,
      englishLearner: r.english_learner === undefined ? (cur?.englishLearner ?? null) : r.english_learner,
      specialEducation: r.special_education === undefined ? (cur?.specialEducation ?? null) : r.special_education,
      lowIncome: r.low_income === undefined ? (cur?.lowIncome ?? null) : r.low_income,
    };
    if (!cur) counts.created++;
    else if ((Object.keys(next) as (keyof YearState)[]).some((c) => cur[c] !== next[c])) counts.updated++;
    else {
      counts.unchanged++;
      continue;
    }
    out.push({ studentId, schoolYear: r.school_year, ...next });
  }
  for (const [file, n] of skipped) {
    warnings.add({ file, line: 0, column: "grade", value: null, message: `${n} row${n === 1 ? "" : "s"} for grades K–8 skipped: the October 1 roll counts grades 9–12` });
  }
  return out;
}

const COLS = columns("StudentYear", ["studentId", "schoolYear", "schoolId", "gradeLevel", "enrolledOct1", "englishLearner", "specialEducation", "lowIncome"]);

/** Upserts the planned rows in the caller's transaction (only changed or new rows are planned). */
export async function writeRoll(tx: Tx, rows: StudentYearRow[]): Promise<void> {
  const conflict = { on: ["studentId", "schoolYear"], update: COLS.slice(2).map((c) => c.name) };
  await bulkInsert(tx, "StudentYear", COLS, rows, { stamps: "none", conflict });
}
