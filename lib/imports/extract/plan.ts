import "server-only";
import type { Credential, StatusEventKind, StudentStatus, SubjectArea } from "@/lib/generated/prisma/enums";
import { isoDay } from "@/lib/calendar";
import { newId } from "@/lib/imports/bulk";
import { cohortFromFirstNinthGrade, statusAfter } from "@/lib/imports/rules";
import type { EntityCounts, ErrorList } from "@/lib/imports/report";
import type { statusEventRow, studentRow, transcriptRow } from "@/lib/imports/extract/schema";
import type { z } from "zod";

// What the district extract changes. Keys: students by SIS id; status events and transcript rows
// by their source key ("extract:" + event_id/row_id, or the natural key when the file has none).

type StudentState = {
  id: string;
  sisId: string;
  stateId: string | null;
  schoolId: string;
  gradeLevel: number;
  cohortYear: number;
  firstNinthGradeYear: number | null;
  englishLearner: boolean;
  specialEducation: boolean;
  lowIncome: boolean;
  attendanceRate: number | null;
  suspensions: number;
  coursesFailedThisYear: number;
  counselorId: string | null;
  status: StudentStatus;
  statusDate: Date | null;
};
type EventState = {
  id: string;
  studentId: string;
  kind: StatusEventKind;
  effectiveDate: Date;
  schoolId: string;
  gradeLevel: number | null;
  transferIn: boolean | null;
  documented: boolean | null;
  credential: Credential | null;
  reason: string | null;
  sourceKey: string | null;
  sequence: bigint;
};
type TranscriptState = {
  id: string;
  studentId: string;
  courseCode: string;
  courseTitle: string;
  subjectArea: SubjectArea;
  schoolYear: number;
  term: string;
  grade: string;
  creditsAttempted: number;
  creditsEarned: number;
  sourceKey: string | null;
};
export type ExtractState = {
  students: Map<string, StudentState>;
  stateIds: Map<string, string>;
  counselors: Map<string, string>;
  schools: Map<string, string>;
  events: EventState[];
  transcript: Map<string, TranscriptState>;
};
type Row<T extends z.ZodType> = { file: string; line: number; r: z.output<T> };

export type StudentUpdate = Omit<StudentState, "sisId" | "schoolId" | "status" | "statusDate">;
export type EventRow = {
  id: string;
  studentId: string;
  kind: StatusEventKind;
  effectiveDate: string;
  schoolId: string;
  gradeLevel: number | null;
  transferIn: boolean | null;
  documented: boolean | null;
  credential: Credential | null;
  reason: string | null;
  sourceKey: string;
};
export type StatusUpdate = { id: string; status: StudentStatus; statusDate: string | null };
export type TranscriptRow = Omit<TranscriptState, "sourceKey"> & { sourceKey: string };

const differs = (a: Record<string, unknown>, b: Record<string, unknown>) => Object.keys(b).some((k) => a[k] !== b[k]);

export function planStudents(rows: Row<typeof studentRow>[], st: ExtractState, errors: ErrorList, counts: EntityCounts): StudentUpdate[] {
  const out: StudentUpdate[] = [];
  const seen = new Set<string>();
  for (const { file, line, r } of rows) {
    const err = (column: string, value: string, message: string) => errors.add({ file, line, column, value, message });
    const cur = st.students.get(r.sis_id);
    if (!cur) {
      err("sis_id", r.sis_id, "no student has this SIS id (the roster import creates students)");
      continue;
    }
    if (seen.has(r.sis_id)) {
      err("sis_id", r.sis_id, "Duplicate sis_id in this file");
      continue;
    }
    seen.add(r.sis_id);
    const owner = r.state_id ? st.stateIds.get(r.state_id) : undefined;
    if (owner && owner !== r.sis_id) {
      err("state_id", r.state_id!, `state_id already belongs to student ${owner}`);
      continue;
    }
    const counselorId = r.counselor ? (st.counselors.get(r.counselor.toLowerCase()) ?? st.counselors.get(r.counselor)) : cur.counselorId;
    if (counselorId === undefined) {
      err("counselor", r.counselor, "no counselor has this email or sourcedId");
      continue;
    }
    if (r.state_id) st.stateIds.set(r.state_id, r.sis_id);
    const first = r.first_ninth_grade_year ?? cur.firstNinthGradeYear;
    const next: StudentUpdate = {
      id: cur.id,
      stateId: r.state_id ?? cur.stateId,
      gradeLevel: r.grade ?? cur.gradeLevel,
      firstNinthGradeYear: first,
      cohortYear: r.first_ninth_grade_year !== null ? cohortFromFirstNinthGrade(r.first_ninth_grade_year) : cur.cohortYear,
      englishLearner: r.english_learner ?? cur.englishLearner,
      specialEducation: r.special_education ?? cur.specialEducation,
      lowIncome: r.low_income ?? cur.lowIncome,
      attendanceRate: r.attendance_rate ?? cur.attendanceRate,
      suspensions: r.suspensions ?? cur.suspensions,
      coursesFailedThisYear: r.courses_failed_this_year ?? cur.coursesFailedThisYear,
      counselorId,
    };
    if (differs(cur, next)) {
      out.push(next);
      counts.updated++;
    } else counts.unchanged++;
  }
  return out;
}

/**
 * `sequenced`: ids of the events that take a new StatusEvent.sequence, in file order — every new
 * event, and the stored events of a same-day group whose stored order disagrees with the file's.
 */
export type EventPlan = { create: EventRow[]; update: EventRow[]; statuses: StatusUpdate[]; sequenced: string[] };

export function planEvents(rows: Row<typeof statusEventRow>[], st: ExtractState, errors: ErrorList, counts: EntityCounts): EventPlan {
  const plan: EventPlan = { create: [], update: [], statuses: [], sequenced: [] };
  const byKey = new Map(st.events.filter((e) => e.sourceKey).map((e) => [e.sourceKey!, e]));
  const seen = new Set<string>();
  const touched = new Map<string, StudentState>();
  const planned = new Map<string, EventRow>();
  // Every valid row of the file, in file order, with its stored event (if any): the file's order
  // of same-day events is the recorded order (DEFINITIONS.md "a status event's order").
  const inFile: { row: EventRow; cur: EventState | undefined; changed: boolean; student: StudentState }[] = [];
  for (const { file, line, r } of rows) {
    const err = (column: string, value: string, message: string) => errors.add({ file, line, column, value, message });
    const student = st.students.get(r.sis_id);
    if (!student) {
      err("sis_id", r.sis_id, "no student has this SIS id");
      continue;
    }
    const schoolId = r.school_code ? st.schools.get(r.school_code) : student.schoolId;
    if (!schoolId) {
      err("school_code", r.school_code, "no school has this state code");
      continue;
    }
    const sourceKey = `extract:${r.event_id || `${r.sis_id}|${r.event}|${isoDay(r.date)}`}`;
    if (seen.has(sourceKey)) {
      err(r.event_id ? "event_id" : "event", r.event_id || r.event, "Duplicate event in this file");
      continue;
    }
    seen.add(sourceKey);
    const cur = byKey.get(sourceKey);
    const row: EventRow = {
      id: cur?.id ?? newId(),
      studentId: student.id,
      kind: r.event,
      effectiveDate: isoDay(r.date)!,
      schoolId,
      gradeLevel: r.grade ?? student.gradeLevel,
      transferIn: r.event === "ENTERED" ? (r.transfer_in ?? false) : null,
      documented: r.event === "TRANSFERRED_OUT" ? r.documented : null,
      credential: r.event === "GRADUATED" ? (r.credential === "certificate" ? "CERTIFICATE" : "REGULAR_DIPLOMA") : null,
      reason: r.reason || null,
      sourceKey,
    };
    const changed = !cur || differs({ ...cur, effectiveDate: isoDay(cur.effectiveDate) }, row);
    inFile.push({ row, cur, changed, student });
  }
  const resequence = outOfFileOrder(inFile);
  for (const { row, cur, changed, student } of inFile) {
    const moved = resequence.has(row.id);
    if (!cur) (plan.create.push(row), counts.created++);
    else if (changed || moved) (plan.update.push(row), counts.updated++);
    else {
      counts.unchanged++;
      continue;
    }
    if (!cur || moved) plan.sequenced.push(row.id);
    planned.set(row.id, row);
    touched.set(student.id, student);
  }
  // Student.status is the last event of the history by (effective date, sequence): stored events
  // keep their sequence; the ones this import sequences come after every stored one, in file order.
  const history = new Map<string, { kind: StatusEventKind; date: string; order: bigint }[]>();
  const push = (studentId: string, e: { kind: StatusEventKind; date: string; order: bigint }) => {
    const list = history.get(studentId);
    if (list) list.push(e);
    else history.set(studentId, [e]);
  };
  let next = st.events.reduce((m, e) => (e.sequence > m ? e.sequence : m), BigInt(0));
  const fresh = new Map(plan.sequenced.map((id) => [id, ++next]));
  for (const e of st.events) {
    if (!touched.has(e.studentId) || planned.has(e.id)) continue;
    push(e.studentId, { kind: e.kind, date: isoDay(e.effectiveDate)!, order: e.sequence });
  }
  const stored = new Map(inFile.filter((f) => f.cur).map((f) => [f.row.id, f.cur!.sequence]));
  for (const e of planned.values()) push(e.studentId, { kind: e.kind, date: e.effectiveDate, order: fresh.get(e.id) ?? stored.get(e.id)! });
  for (const [id, student] of touched) {
    const latest = history
      .get(id)!
      .sort((a, b) => (a.date === b.date ? (a.order < b.order ? -1 : a.order > b.order ? 1 : 0) : a.date < b.date ? -1 : 1))
      .at(-1)!;
    const status = statusAfter(latest.kind);
    const statusDate = status === "ENROLLED" ? null : latest.date;
    if (status !== student.status || statusDate !== isoDay(student.statusDate)) plan.statuses.push({ id, status, statusDate });
  }
  return plan;
}

/**
 * Ids of the stored events whose same-day group (one student, one date) in this file is not in the
 * file's order by stored sequence — a new row sorts after every stored one. All stored rows of such
 * a group are sequenced again, in file order, with the new ones.
 */
function outOfFileOrder(inFile: { row: EventRow; cur: EventState | undefined }[]): Set<string> {
  const groups = new Map<string, { id: string; seq: bigint | null }[]>();
  for (const { row, cur } of inFile) {
    const k = `${row.studentId}|${row.effectiveDate}`;
    const e = { id: row.id, seq: cur?.sequence ?? null };
    const g = groups.get(k);
    if (g) g.push(e);
    else groups.set(k, [e]);
  }
  const out = new Set<string>();
  for (const g of groups.values()) {
    // In file order, stored sequences must rise, and no stored row may follow a new one.
    const ok = g.every((e, i) => i === 0 || (e.seq !== null && g[i - 1].seq !== null ? g[i - 1].seq! < e.seq : e.seq === null));
    if (!ok) for (const e of g) if (e.seq !== null) out.add(e.id);
  }
  return out;
}

export type TranscriptPlan = { create: TranscriptRow[]; update: TranscriptRow[] };

export function planTranscript(rows: Row<typeof transcriptRow>[], st: ExtractState, errors: ErrorList, counts: EntityCounts): TranscriptPlan {
  const plan: TranscriptPlan = { create: [], update: [] };
  const seen = new Set<string>();
  for (const { file, line, r } of rows) {
    const student = st.students.get(r.sis_id);
    if (!student) {
      errors.add({ file, line, column: "sis_id", value: r.sis_id, message: "no student has this SIS id" });
      continue;
    }
    const sourceKey = `extract:${r.row_id || `${r.sis_id}|${r.course_code}|${r.school_year}|${r.term}`}`;
    if (seen.has(sourceKey)) {
      errors.add({
        file,
        line,
        column: r.row_id ? "row_id" : "course_code",
        value: r.row_id || r.course_code,
        message: "Duplicate transcript row in this file (same course, year and term)",
      });
      continue;
    }
    seen.add(sourceKey);
    const cur = st.transcript.get(sourceKey);
    const row: TranscriptRow = {
      id: cur?.id ?? newId(),
      studentId: student.id,
      courseCode: r.course_code,
      courseTitle: r.course_title,
      subjectArea: r.subject_area,
      schoolYear: r.school_year,
      term: r.term.toUpperCase(),
      grade: r.grade,
      creditsAttempted: r.credits_attempted,
      creditsEarned: r.credits_earned,
      sourceKey,
    };
    if (!cur) (plan.create.push(row), counts.created++);
    else if (differs(cur, row)) (plan.update.push(row), counts.updated++);
    else counts.unchanged++;
  }
  return plan;
}
