import "server-only";
import type { EnrollmentStatus, SubjectArea } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/imports/bulk";
import { rescaleScore } from "@/lib/imports/rules";
import { defaultTargetDate, lastActivity, progressOf, type AssessmentFacts } from "@/lib/enrollments/rules";
import { creditDecision, passingGradeFor } from "@/lib/enrollments/credit";
import { limitsFor, type CourseRigor, type RigorPolicy } from "@/lib/enrollments/guardrails";
import type { ProgramType } from "@/lib/generated/prisma/enums";
import { schoolYearOf, isoDay } from "@/lib/calendar";
import { isProviderEnrollmentKey, providerEnrollmentId, providerEnrollmentKey } from "@/lib/enrollments/source-key";
import { emptyCounts, type Counts, type ErrorList } from "@/lib/imports/report";
import type { ProgressRow } from "@/lib/imports/progress/schema";
import type { LoadedResults, Res } from "@/lib/imports/progress/loaded-results";

// Provider progress → results, enrollment progress and completions. A result's key is
// (enrollment, assessment, attempt): the same attempt is never counted twice; a row without an
// attempt number is the attempt with the same date and score, or else the next attempt.

export type Course = CourseRigor & {
  id: string;
  programType: ProgramType;
  providerCourseCode: string;
  title: string;
  subjectArea: SubjectArea;
  credits: number;
  masteryThreshold: number;
  expectedWeeks: number;
  /** The course's passing grade; null = the district's. */
  passingGrade: number | null;
  /** The set new enrollments start on. */
  currentVersion: number;
  /** Each version's assessment set: an enrollment is graded on its own courseVersion's. */
  versions: Map<number, (AssessmentFacts & { title: string })[]>;
};
export type Enr = {
  id: string;
  studentId: string;
  courseId: string;
  courseVersion: number;
  version: number;
  status: EnrollmentStatus;
  sourceKey: string | null;
  startDate: Date;
  targetDate: Date;
  progress: number;
  lastActivityOn: Date | null;
  finalGrade: number | null;
  creditAwarded: number | null;
  endedOn: Date | null;
  endReason: string | null;
  createdAt: Date;
  /** The latest day of time on task the activity import stored (§3c), read only: it holds lastActivityOn up. */
  activityOn?: Date | null;
};
export type { Res };
/** A result the file adds: its id is drawn when it is written (resRow), ~50 bytes less each held. */
export type NewRes = Omit<Res, "id">;
export type ProgressState = {
  providers: Map<string, string>;
  courses: Map<string, Course>; // providerId|providerCourseCode
  students: Map<string, string>; // sisId → id
  enrollments: Enr[];
  /** The recorded results of `enrollments` (lib/imports/progress/loaded-results.ts). */
  results: LoadedResults;
  credited: Set<string>; // enrollment ids with a transcript row
  /** The district's passing grade (DistrictSettings.passingGrade; null = none set, so 60). */
  districtPassingGrade: number | null;
  /** The district's rigor policy by program type (lib/enrollments/rigor-policy.ts). */
  policies: Map<ProgramType, RigorPolicy>;
  /** Time on task on record per enrollment (seconds; absent = none imported), for the active-time guardrail. */
  activeSeconds: Map<string, number>;
};
export type EnrRow = Omit<Enr, "createdAt" | "startDate" | "targetDate" | "lastActivityOn" | "endedOn"> & {
  startDate: string;
  targetDate: string;
  lastActivityOn: string | null;
  endedOn: string | null;
};
export type ResRow = { id: string; enrollmentId: string; assessmentId: string; score: number; attempt: number; takenOn: string; proctored: boolean | null };
export type CreditRow = {
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
  enrollmentId: string;
};
/** An existing enrollment the plan decided on, the version it read, and the file row that first named it. */
export type ReadEnrollment = { id: string; version: number; sisId: string; courseCode: string; file: string; line: number };
export type ProgressPlan = {
  enrollments: { create: EnrRow[]; update: EnrRow[] };
  /** Written as rows (resRow) a slice at a time: a file can hold hundreds of thousands. */
  results: { create: NewRes[]; update: Res[] };
  credits: CreditRow[];
  counts: Counts;
  /** Every existing enrollment touched: the write locks them and refuses the file if one changed since the read. */
  read: ReadEnrollment[];
};

type Row = { file: string; line: number; r: ProgressRow };
const rowOf = (e: Enr): EnrRow =>
  ({
    ...e,
    startDate: isoDay(e.startDate)!,
    targetDate: isoDay(e.targetDate)!,
    lastActivityOn: isoDay(e.lastActivityOn),
    endedOn: isoDay(e.endedOn),
    createdAt: undefined,
    activityOn: undefined,
  }) as unknown as EnrRow;

export function planProgress(rows: Row[], st: ProgressState, errors: ErrorList, opts: { createEnrollments: boolean }): ProgressPlan {
  const planner = progressPlanner(st, errors, opts);
  for (const row of rows) planner.add(row);
  return planner.finish();
}

/**
 * The plan made one row at a time, in file order (the import feeds it as it reads the file a second
 * time, so no row is held), then finished: the same plan as planProgress over all the rows.
 */
export function progressPlanner(st: ProgressState, errors: ErrorList, opts: { createEnrollments: boolean }): { add: (row: Row) => void; finish: () => ProgressPlan } {
  let firstFile: string | null = null;
  const counts = emptyCounts("results", "enrollments", "completions");
  const created = new Set<string>();
  const touched = new Map<
    string,
    {
      enr: Enr;
      course: Course;
      /** Where the file first named it. */
      file: string;
      line: number;
      sisId: string;
      /** The results this file adds to it. */
      added?: NewRes[];
      completion?: { status: EnrollmentStatus; grade: number | null; on: Date; file: string; line: number };
    }
  >();
  const newResults: NewRes[] = [];
  const changedResults: Res[] = [];
  // What an existing enrollment was when read, for the write's check and the update's comparison:
  // before finish() only its sourceKey changes (a key the file gives it), so only that is kept.
  const keyWas = new Map<string, string | null>();
  // Indexes over st.enrollments, kept in its order as rows add to it (a file names thousands of
  // enrollments: a scan per row was quadratic). A sourceKey is unique, so at most one per key.
  const byStudent = new Map<string, Enr[]>();
  const byKey = new Map<string, Enr>();
  // The short lists here and in `touched` grow by concat(), not push(): V8 gives a pushed (or
  // spread) array room for 16 more (~190 bytes for two, against ~70), and a city's file names
  // ~130,000 enrollments.
  const indexed = (e: Enr) => {
    byStudent.set(e.studentId, (byStudent.get(e.studentId) ?? NO_ENROLLMENTS).concat(e));
    if (e.sourceKey !== null && !byKey.has(e.sourceKey)) byKey.set(e.sourceKey, e);
  };
  for (const e of st.enrollments) indexed(e);

  const add = ({ file, line, r }: Row): void => {
    firstFile ??= file;
    const err = (column: string, value: string, message: string) => errors.add({ file, line, column, value, message });
    const providerId = st.providers.get(r.provider);
    if (!providerId) {
      err("provider", r.provider, "no provider has this code");
      return;
    }
    const course = st.courses.get(`${providerId}|${r.course_code}`);
    if (!course) {
      err("course_code", r.course_code, `provider ${r.provider} has no course with this code in the catalog`);
      return;
    }
    const studentId = st.students.get(r.student_id);
    if (!studentId) {
      err("student_id", r.student_id, "no student has this SIS id");
      return;
    }
    const key = r.enrollment_id ? providerEnrollmentKey(r.provider, r.enrollment_id) : null;
    const mine = (byStudent.get(studentId) ?? []).filter((e) => e.courseId === course.id);
    // A legacy key (the bare id: lib/enrollments/source-key.ts) names the same enrollment, within the student's course.
    const sameKey = (e: Enr) => isProviderEnrollmentKey(e.sourceKey, r.provider, r.enrollment_id);
    let enr: Enr | undefined = (key && (byKey.get(key) || mine.find(sameKey))) || mine.find((e) => e.status === "ACTIVE") || mine.sort((a, b) => +b.createdAt - +a.createdAt)[0];
    if (enr && key && enr.sourceKey && !sameKey(enr)) {
      err("enrollment_id", r.enrollment_id, `the student's enrollment in this course has another provider enrollment id (${providerEnrollmentId(enr.sourceKey)})`);
      return;
    }
    if (!enr) {
      if (!opts.createEnrollments) {
        err("course_code", r.course_code, "the student has no enrollment in this course (the district can allow creating it: --create-enrollments)");
        return;
      }
      enr = {
        id: newId(),
        studentId,
        courseId: course.id,
        courseVersion: course.currentVersion,
        version: 1,
        status: "ACTIVE",
        sourceKey: key,
        startDate: r.date,
        targetDate: defaultTargetDate(r.date, course.expectedWeeks),
        progress: 0,
        lastActivityOn: null,
        finalGrade: null,
        creditAwarded: null,
        endedOn: null,
        endReason: null,
        createdAt: new Date(),
      };
      st.enrollments.push(enr);
      indexed(enr);
      created.add(enr.id);
    }
    if (key && !enr.sourceKey) {
      if (!created.has(enr.id) && !keyWas.has(enr.id)) keyWas.set(enr.id, enr.sourceKey);
      enr.sourceKey = key;
      if (!byKey.has(key)) byKey.set(key, enr);
    }
    if (created.has(enr.id) && r.date < enr.startDate) {
      enr.startDate = r.date;
      enr.targetDate = defaultTargetDate(r.date, course.expectedWeeks);
    }
    // Every field set here, so each entry is made at its size (fields added later grow a store beside it).
    const t = touched.get(enr.id) ?? { enr, course, file, line, sisId: r.student_id, added: undefined, completion: undefined };
    touched.set(enr.id, t);

    if (!r.assessment) {
      if (!r.course_status) return; // an enrollment row: matched (or created), nothing recorded
      t.completion = {
        status: r.course_status === "completed" ? "COMPLETED" : r.course_status === "failed" ? "FAILED" : "WITHDRAWN",
        grade: r.final_grade,
        on: r.date,
        file,
        line,
      };
      return;
    }
    const set = course.versions.get(enr.courseVersion) ?? [];
    const a = /^\d+$/.test(r.assessment) ? set.find((x) => x.position === Number(r.assessment)) : set.find((x) => x.title.toLowerCase() === r.assessment.toLowerCase());
    if (!a) {
      err(
        "assessment",
        r.assessment,
        `course ${r.course_code}${course.currentVersion > 1 ? ` (version ${enr.courseVersion}, the student's)` : ""} has no assessment with this position or title`,
      );
      return;
    }
    const score = rescaleScore(r.score!, r.max_score!, a.maxScore);
    // The same attempt: a recorded one first (the lowest attempt: the read orders them), then one this file added.
    const by = r.attempt !== null ? { attempt: r.attempt } : { score, takenOn: r.date };
    const ours = t.added ?? NONE;
    const at = st.results.find(enr.id, a.id, by);
    const same =
      at >= 0 ? st.results.result(at) : ours.find((x) => x.assessmentId === a.id && (r.attempt !== null ? x.attempt === r.attempt : x.score === score && +x.takenOn === +r.date));
    if (!same) {
      const attempt = r.attempt ?? Math.max(st.results.maxAttempt(enr.id, a.id), ...ours.filter((x) => x.assessmentId === a.id).map((x) => x.attempt)) + 1;
      const res = { enrollmentId: enr.id, assessmentId: a.id, score, attempt, takenOn: r.date, proctored: r.proctored };
      t.added = ours.concat(res);
      newResults.push(res);
    } else if (same.score !== score || +same.takenOn !== +r.date || (r.proctored !== null && same.proctored !== r.proctored)) {
      // Planned already: added by this file, or a recorded one it changed.
      if (at < 0 || st.results.isChanged(at)) {
        err("attempt", String(r.attempt), "this attempt appears twice in the file with different scores, dates or proctoring");
        return;
      }
      // A file that does not say whether it was proctored keeps what was recorded.
      changedResults.push(st.results.change(at, { score, takenOn: r.date, proctored: r.proctored ?? same.proctored }));
    } else counts.results.unchanged++;
  };

  const finish = (): ProgressPlan => {
    const plan: ProgressPlan = { enrollments: { create: [], update: [] }, results: { create: newResults, update: changedResults }, credits: [], counts, read: [] };
    counts.results.created = newResults.length;
    counts.results.updated = changedResults.length;
    for (const t of touched.values()) {
      const { enr, course } = t;
      const was = created.has(enr.id) ? null : rowOf(keyWas.has(enr.id) ? { ...enr, sourceKey: keyWas.get(enr.id)! } : enr);
      // Made for this enrollment's rules and dropped after (loaded-results.ts).
      const results = [...st.results.resultsOf(enr.id), ...(t.added ?? [])];
      // Credit follows the one rule (lib/enrollments/credit.ts) with the provider's final grade: its
      // `completed` stands for its own mastery checks, but not for a summative recorded here below
      // mastery, nor for a grade below the passing grade. Refused → a line error on the completion row.
      if (t.completion?.status === "COMPLETED") {
        const c = t.completion;
        const decision = creditDecision({
          assessments: course.versions.get(enr.courseVersion) ?? [],
          results,
          masteryThreshold: course.masteryThreshold,
          passingGrade: passingGradeFor(course.passingGrade, st.districtPassingGrade),
          credits: course.credits,
          reported: { finalGrade: c.grade },
          // The district's rigor guardrails, with the file's date as the completion date, for a
          // course still under way: a provider's file restates its completions every time, and one
          // completed before a policy was set, or with an administrator's override, stands. An
          // import never overrides them: a "warn" policy's override is an administrator's, on the card.
          ...(enr.status === "ACTIVE" && {
            rigor: {
              limits: limitsFor(st.policies.get(course.programType), course),
              facts: { startDate: enr.startDate, completedOn: c.on, activeSeconds: st.activeSeconds.get(enr.id) ?? null },
            },
          }),
        });
        if (!decision.ok) {
          const refused = "completed, but credit cannot be awarded:";
          if (decision.failing.grade.length)
            errors.add({
              file: c.file,
              line: c.line,
              column: "final_grade",
              value: c.grade === null ? "" : String(c.grade),
              message: `${refused} ${decision.failing.grade.join(" ")}`,
            });
          if (decision.failing.mastery.length)
            errors.add({ file: c.file, line: c.line, column: "course_status", value: "completed", message: `${refused} ${decision.failing.mastery.join(" ")}` });
          if (decision.failing.guardrails.length) {
            const next = decision.overridable
              ? " The policy lets an administrator complete it with a written reason on the student's page, where the credit rule is applied to the results recorded there."
              : "";
            errors.add({
              file: c.file,
              line: c.line,
              column: "course_status",
              value: "completed",
              message: `${refused} District rigor policy: ${decision.failing.guardrails.join(" ")}${next}`,
            });
          }
          t.completion = undefined;
        }
      }
      const completion = t.completion;
      enr.progress = progressOf(course.versions.get(enr.courseVersion) ?? [], results, course.masteryThreshold);
      // The latest result, or a later day of time on task (an activity file): never moved back before it.
      const resultDay = lastActivity(results);
      enr.lastActivityOn = enr.activityOn && (!resultDay || enr.activityOn > resultDay) ? enr.activityOn : resultDay;
      if (completion && (enr.status === "ACTIVE" || enr.status === completion.status)) {
        const before = { status: enr.status, grade: enr.finalGrade };
        enr.status = completion.status;
        enr.finalGrade = completion.grade;
        enr.creditAwarded = completion.status === "COMPLETED" ? course.credits : null;
        enr.endedOn = before.status === "ACTIVE" ? completion.on : enr.endedOn;
        enr.endReason = enr.endReason ?? `${completion.status.toLowerCase()} (provider import)`;
        if (before.status !== enr.status || before.grade !== enr.finalGrade) counts.completions.created++;
        else counts.completions.unchanged++;
        if (completion.status === "COMPLETED" && !st.credited.has(enr.id)) {
          st.credited.add(enr.id);
          plan.credits.push({
            id: newId(),
            studentId: enr.studentId,
            courseCode: course.providerCourseCode,
            courseTitle: course.title,
            subjectArea: course.subjectArea,
            schoolYear: schoolYearOf(completion.on),
            term: "ONLINE",
            grade: String(Math.round(completion.grade ?? 0)),
            creditsAttempted: course.credits,
            creditsEarned: course.credits,
            enrollmentId: enr.id,
          });
        }
      } else if (completion) {
        errors.add({
          file: firstFile ?? "",
          line: 0,
          column: "course_status",
          value: completion.status.toLowerCase(),
          message: `enrollment ${enr.id} is already ${enr.status.toLowerCase()}`,
        });
      }
      const row = rowOf(enr);
      if (created.has(enr.id)) {
        plan.enrollments.create.push(row);
        counts.enrollments.created++;
        continue;
      }
      plan.read.push({ id: enr.id, version: enr.version, sisId: t.sisId, courseCode: course.providerCourseCode, file: t.file, line: t.line });
      if (Object.keys(row).some((k) => row[k as keyof EnrRow] !== was![k as keyof EnrRow])) {
        plan.enrollments.update.push(row);
        counts.enrollments.updated++;
      } else counts.enrollments.unchanged++;
    }
    return plan;
  };
  return { add, finish };
}

const NONE: NewRes[] = [];
const NO_ENROLLMENTS: Enr[] = [];

/** A result as the write's row: a new one (without an id until written) gets its id here. */
export function resRow(r: Res | NewRes): ResRow {
  return {
    id: "id" in r ? r.id : newId(),
    enrollmentId: r.enrollmentId,
    assessmentId: r.assessmentId,
    score: r.score,
    attempt: r.attempt,
    takenOn: isoDay(r.takenOn)!,
    proctored: r.proctored,
  };
}
