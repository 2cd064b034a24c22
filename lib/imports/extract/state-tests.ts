import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import type { SubjectArea } from "@/lib/generated/prisma/enums";
import { bulkInsert, newId } from "@/lib/imports/bulk";
import type { EntityCounts, ErrorList } from "@/lib/imports/report";
import type { stateTestRow } from "@/lib/imports/extract/schema";
import { columns } from "@/lib/sql/fragments/columns";
import { yearLabel } from "@/lib/calendar";

// The state test results of the district extract (issue #18): StateTestResult rows keyed by
// (student, test, school year), read by the program quality report beside the online pass rate of
// completers in the same subject. A row is the whole result: a later file for the same key
// replaces it, and an empty scaled_score or proficient stores "not known" (null).

type StateTestFileRow = { file: string; line: number; r: z.output<typeof stateTestRow> };
type Result = { subjectArea: SubjectArea; scaledScore: number | null; level: string; proficient: boolean | null };
export type StateTestState = { students: Map<string, string>; results: Map<string, Result & { id: string }> };
export type StateTestResultRow = { id: string; studentId: string; test: string; schoolYear: number } & Result;

const key = (studentId: string, test: string, year: number) => JSON.stringify([studentId, test, year]);

/**
 * What a results file needs: students, and the stored results of the school years the file names —
 * nothing when the run has no results rows. Students are read whole, as the roll reads them.
 */
export async function loadStateTests(rows: StateTestFileRow[]): Promise<StateTestState> {
  if (rows.length === 0) return { students: new Map(), results: new Map() };
  const years = [...new Set(rows.map((x) => x.r.year))];
  const [students, results] = await Promise.all([
    db().student.findMany({ select: { id: true, sisId: true } }),
    db().stateTestResult.findMany({
      where: { schoolYear: { in: years } },
      select: { id: true, studentId: true, test: true, schoolYear: true, subjectArea: true, scaledScore: true, level: true, proficient: true },
    }),
  ]);
  return {
    students: new Map(students.map((s) => [s.sisId, s.id])),
    results: new Map(
      results.map(({ studentId, test, schoolYear, scaledScore, ...r }) => [
        key(studentId, test, schoolYear),
        { ...r, scaledScore: scaledScore === null ? null : Number(scaledScore) },
      ]),
    ),
  };
}

/** The results to write: new ones, and stored ones where any value differs (created, updated, else unchanged). */
export function planStateTests(rows: StateTestFileRow[], st: StateTestState, errors: ErrorList, counts: EntityCounts): StateTestResultRow[] {
  const out: StateTestResultRow[] = [];
  const seen = new Map<string, { file: string; line: number }>();
  for (const { file, line, r } of rows) {
    const err = (column: string, value: string, message: string) => errors.add({ file, line, column, value, message });
    const studentId = st.students.get(r.sis_id);
    if (!studentId) {
      err("sis_id", r.sis_id, "no student has this SIS id (the roster import creates students)");
      continue;
    }
    const k = key(studentId, r.test, r.year);
    const first = seen.get(k);
    if (first) {
      const where = first.file === file ? `line ${first.line} of this file` : `line ${first.line} of ${first.file}`;
      err("test", r.test, `Duplicate row: student ${r.sis_id} already has a result for ${r.test} in ${yearLabel(r.year)} on ${where}`);
      continue;
    }
    seen.set(k, { file, line });
    const cur = st.results.get(k);
    const next: Result = { subjectArea: r.subject, scaledScore: r.scaled_score, level: r.level, proficient: r.proficient };
    if (!cur) counts.created++;
    else if ((Object.keys(next) as (keyof Result)[]).some((c) => cur[c] !== next[c])) counts.updated++;
    else {
      counts.unchanged++;
      continue;
    }
    out.push({ id: cur?.id ?? newId(), studentId, test: r.test, schoolYear: r.year, ...next });
  }
  return out;
}

const COLS = columns("StateTestResult", ["id", "studentId", "test", "schoolYear", "subjectArea", "scaledScore", "level", "proficient"]);

/** Upserts the planned rows in the caller's transaction (only changed or new rows are planned). */
export async function writeStateTests(tx: Tx, rows: StateTestResultRow[]): Promise<void> {
  const conflict = { on: ["studentId", "test", "schoolYear"], update: COLS.slice(4).map((c) => c.name), touch: true };
  await bulkInsert(tx, "StateTestResult", COLS, rows, { stamps: "created+updated", conflict });
}
