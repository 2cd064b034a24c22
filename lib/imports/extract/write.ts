import "server-only";
import type { Tx } from "@/lib/db";
import { bulkInsert, bulkUpdate, type Col } from "@/lib/imports/bulk";
import { nextStatusEventSequences } from "@/lib/sql/queries/next-status-event-sequences";
import type { EventPlan, ExtractState, StudentUpdate, TranscriptPlan } from "@/lib/imports/extract/plan";

// Applies the extract plan in the caller's transaction (bulk statements; Student updates bump
// `version` so a counselor's open form sees the change as a conflict, not a silent overwrite).

const id: Col = { name: "id", type: "text" };
const STUDENT: Col[] = [
  { name: "stateId", type: "text" },
  { name: "gradeLevel", type: "int" },
  { name: "firstNinthGradeYear", type: "int" },
  { name: "cohortYear", type: "int" },
  { name: "englishLearner", type: "boolean" },
  { name: "specialEducation", type: "boolean" },
  { name: "lowIncome", type: "boolean" },
  { name: "attendanceRate", type: "numeric" },
  { name: "suspensions", type: "int" },
  { name: "coursesFailedThisYear", type: "int" },
  { name: "counselorId", type: "text" },
];
const EVENT: Col[] = [
  { name: "studentId", type: "text" },
  { name: "kind", type: '"StatusEventKind"' },
  { name: "effectiveDate", type: "date" },
  { name: "schoolId", type: "text" },
  { name: "gradeLevel", type: "int" },
  { name: "transferIn", type: "boolean" },
  { name: "documented", type: "boolean" },
  { name: "credential", type: '"Credential"' },
  { name: "reason", type: "text" },
  { name: "sourceKey", type: "text" },
];
const TRANSCRIPT: Col[] = [
  { name: "studentId", type: "text" },
  { name: "courseCode", type: "text" },
  { name: "courseTitle", type: "text" },
  { name: "subjectArea", type: '"SubjectArea"' },
  { name: "schoolYear", type: "int" },
  { name: "term", type: "text" },
  { name: "grade", type: "text" },
  { name: "creditsAttempted", type: "numeric" },
  { name: "creditsEarned", type: "numeric" },
  { name: "sourceKey", type: "text" },
];

const SEQUENCE: Col = { name: "sequence", type: "bigint" };

/**
 * New StatusEvent.sequence values for `ids`, rising in the order given (the file's order). The values
 * are drawn from the column's own sequence, so they follow every event recorded before; they are
 * sorted here rather than trusting the order in which a multi-row statement draws them.
 */
async function sequencesFor(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await nextStatusEventSequences(tx, ids.length);
  const values = rows.map((r) => BigInt(r.v)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(ids.map((id, i) => [id, values[i].toString()]));
}

export async function writeExtract(
  tx: Tx,
  plan: { students: StudentUpdate[]; events: EventPlan; transcript: TranscriptPlan },
  _state: ExtractState,
  onStep?: (done: number, total: number) => void,
): Promise<void> {
  const steps = 6;
  await bulkUpdate(tx, "Student", id, STUDENT, plan.students, { bumpVersion: true });
  onStep?.(1, steps);
  const seq = await sequencesFor(tx, plan.events.sequenced);
  await bulkInsert(
    tx,
    "StatusEvent",
    [id, ...EVENT, SEQUENCE],
    plan.events.create.map((e) => ({ ...e, sequence: seq.get(e.id) })),
    { stamps: "created" },
  );
  onStep?.(2, steps);
  await bulkUpdate(tx, "StatusEvent", id, EVENT, plan.events.update, { touch: false });
  await bulkUpdate(
    tx,
    "StatusEvent",
    id,
    [SEQUENCE],
    plan.events.update.filter((e) => seq.has(e.id)).map((e) => ({ id: e.id, sequence: seq.get(e.id) })),
    { touch: false },
  );
  onStep?.(3, steps);
  await bulkUpdate(
    tx,
    "Student",
    id,
    [
      { name: "status", type: '"StudentStatus"' },
      { name: "statusDate", type: "date" },
    ],
    plan.events.statuses,
    { bumpVersion: true },
  );
  onStep?.(4, steps);
  await bulkInsert(tx, "TranscriptCourse", [id, ...TRANSCRIPT], plan.transcript.create, { stamps: "created" });
  onStep?.(5, steps);
  await bulkUpdate(tx, "TranscriptCourse", id, TRANSCRIPT, plan.transcript.update, { touch: false });
  onStep?.(6, steps);
}
