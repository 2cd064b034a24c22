import "server-only";
import type { Tx } from "@/lib/db";
import type { CourseRigor } from "@/lib/enrollments/guardrails";
import { setChange, type AssessmentSpec } from "./rules";
import type { CourseFields } from "./schema";

// Writing one course and its assessment set — the one path the Catalog page and the `catalog`
// import share, so both make versions the same way:
// - course fields (title, credits, weeks, passing grade, recovers, …) are updated in place;
// - an assessment set that changes how anyone is graded (an assessment added or removed, a
//   position, kind, maximum or weight changed) becomes version N+1: a full copy of the set, and
//   currentVersion = N+1. Enrollments keep their own courseVersion, so their grades never move;
//   new enrollments start on the current version (lib/enrollments/enroll.ts);
// - a change of titles only renames the current version's assessments in place;
// - the course's own rigor limits (issue #18) are course fields too, not part of the assessment
//   set: changing them is never a new version. The `catalog` import has no columns for them and
//   leaves them out (undefined), which leaves them as they are.

export type StoredCourse = CourseFields &
  CourseRigor & {
    id: string;
    providerId: string;
    active: boolean;
    currentVersion: number;
    /** The current version's assessments. */
    assessments: (AssessmentSpec & { id: string })[];
  };
/** A rigor limit left out (undefined) is left as it is; null = the program type's policy. */
export type CourseWrite = CourseFields & Partial<CourseRigor> & { providerId: string; active: boolean; assessments: AssessmentSpec[] };
export type CourseDiff = { fields: (keyof CourseFields | keyof CourseRigor | "active")[]; set: "same" | "titles" | "grading" };

const FIELDS = ["providerCourseCode", "title", "subjectArea", "programType", "credits", "expectedWeeks", "masteryThreshold", "passingGrade", "recovers"] as const;
const RIGOR = ["minDaysEnrolled", "minActiveMinutesPerCredit", "requireProctoredSummative", "maxAttemptsPerAssessment"] as const;

/** What an update would change (pure: the import's dry run counts with it). */
export function diffCourse(stored: StoredCourse, next: CourseWrite): CourseDiff {
  const fields: CourseDiff["fields"] = [...FIELDS, ...RIGOR.filter((f) => next[f] !== undefined)].filter((f) => JSON.stringify(stored[f]) !== JSON.stringify(next[f]));
  if (stored.active !== next.active) fields.push("active");
  return { fields, set: setChange(stored.assessments, next.assessments) };
}

const row = (a: AssessmentSpec, version: number) => ({ version, position: a.position, title: a.title, kind: a.kind, maxScore: a.maxScore, weight: a.weight });
const data = (c: CourseWrite) => ({
  providerCourseCode: c.providerCourseCode,
  title: c.title,
  subjectArea: c.subjectArea,
  programType: c.programType,
  credits: c.credits,
  expectedWeeks: c.expectedWeeks,
  masteryThreshold: c.masteryThreshold,
  passingGrade: c.passingGrade,
  recovers: c.recovers,
  active: c.active,
  // Only the limits given: strictUndefinedChecks refuses an undefined value, and a limit left out stays.
  ...(Object.fromEntries(RIGOR.filter((f) => c[f] !== undefined).map((f) => [f, c[f]])) as Partial<CourseRigor>),
});

export async function createCourse(tx: Tx, c: CourseWrite): Promise<{ id: string }> {
  return tx.onlineCourse.create({
    data: { providerId: c.providerId, ...data(c), currentVersion: 1, assessments: { create: c.assessments.map((a) => row(a, 1)) } },
    select: { id: true },
  });
}

/** Applies a diff; returns the course's current version afterwards. */
export async function updateCourse(tx: Tx, stored: StoredCourse, next: CourseWrite, diff: CourseDiff): Promise<number> {
  let version = stored.currentVersion;
  if (diff.set === "grading") {
    // The highest version ever written, not currentVersion + 1 alone: never collide with a set
    // another writer added meanwhile (the unique key courseId+version+position would refuse it).
    const top = await tx.courseAssessment.aggregate({ where: { courseId: stored.id }, _max: { version: true } });
    version = Math.max(stored.currentVersion, top._max.version ?? 0) + 1;
    await tx.courseAssessment.createMany({ data: next.assessments.map((a) => ({ courseId: stored.id, ...row(a, version) })) });
  } else if (diff.set === "titles") {
    for (const a of next.assessments) {
      const old = stored.assessments.find((x) => x.position === a.position);
      if (old && old.title !== a.title) await tx.courseAssessment.update({ where: { id: old.id }, data: { title: a.title } });
    }
  }
  if (diff.fields.length || version !== stored.currentVersion) {
    await tx.onlineCourse.update({ where: { id: stored.id }, data: { ...data(next), currentVersion: version } });
  }
  return version;
}

type StoredFields = {
  title: string;
  subjectArea: CourseFields["subjectArea"];
  programType: CourseFields["programType"];
  credits: unknown;
  expectedWeeks: number;
  masteryThreshold: number;
  passingGrade: number | null;
  recovers: string[];
  active: boolean;
  currentVersion: number;
} & CourseRigor;

/** A stored course's own fields as the catalog reads them (credits a Decimal → a number), for the writer and the Catalog page (queries.ts). */
export function courseFieldsOf(c: StoredFields) {
  return {
    title: c.title,
    subjectArea: c.subjectArea,
    programType: c.programType,
    credits: Number(c.credits),
    expectedWeeks: c.expectedWeeks,
    masteryThreshold: c.masteryThreshold,
    passingGrade: c.passingGrade,
    recovers: c.recovers,
    minDaysEnrolled: c.minDaysEnrolled,
    minActiveMinutesPerCredit: c.minActiveMinutesPerCredit,
    requireProctoredSummative: c.requireProctoredSummative,
    maxAttemptsPerAssessment: c.maxAttemptsPerAssessment,
    active: c.active,
    currentVersion: c.currentVersion,
  };
}

/** Stored course rows (Prisma) → StoredCourse with the current version's assessments. */
export function storedCourse(
  c: StoredFields & {
    id: string;
    providerId: string;
    providerCourseCode: string;
    assessments: { id: string; version: number; position: number; title: string; kind: AssessmentSpec["kind"]; maxScore: unknown; weight: unknown }[];
  },
): StoredCourse {
  return {
    id: c.id,
    providerId: c.providerId,
    providerCourseCode: c.providerCourseCode,
    ...courseFieldsOf(c),
    assessments: c.assessments
      .filter((a) => a.version === c.currentVersion)
      .sort((a, b) => a.position - b.position)
      .map((a) => ({ id: a.id, position: a.position, title: a.title, kind: a.kind, maxScore: Number(a.maxScore), weight: Number(a.weight) })),
  };
}
