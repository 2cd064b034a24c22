import "server-only";
import type { Tx } from "@/lib/db";
import { bulkInsert, bulkUpdate } from "@/lib/imports/bulk";
import { column, columns } from "@/lib/sql/fragments/columns";
import { nextStatusEventSequences } from "@/lib/sql/queries/next-status-event-sequences";
import type { EventPlan, ExtractState, StudentUpdate, TranscriptPlan } from "@/lib/imports/extract/plan";

// Applies the extract plan in the caller's transaction (bulk statements; Student updates bump
// `version` so a counselor's open form sees the change as a conflict, not a silent overwrite).

// Every table written here keys on a text "id".
const id = column("Student", "id");
const STUDENT = columns("Student", [
  "stateId",
  "gradeLevel",
  "firstNinthGradeYear",
  "cohortYear",
  "englishLearner",
  "specialEducation",
  "lowIncome",
  "attendanceRate",
  "suspensions",
  "coursesFailedThisYear",
  "counselorId",
]);
const EVENT = columns("StatusEvent", ["studentId", "kind", "effectiveDate", "schoolId", "gradeLevel", "transferIn", "documented", "credential", "reason", "sourceKey"]);
const TRANSCRIPT = columns("TranscriptCourse", [
  "studentId",
  "courseCode",
  "courseTitle",
  "subjectArea",
  "schoolYear",
  "term",
  "grade",
  "creditsAttempted",
  "creditsEarned",
  "sourceKey",
]);

const SEQUENCE = column("StatusEvent", "sequence");

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
  await bulkUpdate(tx, "Student", id, columns("Student", ["status", "statusDate"]), plan.events.statuses, { bumpVersion: true });
  onStep?.(4, steps);
  await bulkInsert(tx, "TranscriptCourse", [id, ...TRANSCRIPT], plan.transcript.create, { stamps: "created" });
  onStep?.(5, steps);
  await bulkUpdate(tx, "TranscriptCourse", id, TRANSCRIPT, plan.transcript.update, { touch: false });
  onStep?.(6, steps);
}
