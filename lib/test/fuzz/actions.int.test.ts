// Every server action's data-layer function, driven through runValidated with the action's own zod
// schema (exactly what the 'use server' action does), with hostile input. Expected: {ok:false}
// naming the bad field (or "not found" for a foreign id), never an unexpected exception (the
// generic message), and no row written.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { GENERIC_ERROR, runValidated, type ActionResult } from "@/lib/safe-action";
import type { Viewer } from "@/lib/access";
import { enrollStudent } from "@/lib/enrollments/enroll";
import { recordAssessmentResults } from "@/lib/enrollments/results";
import { completeEnrollment, endEnrollment } from "@/lib/enrollments/complete";
import { completeSchema, endEnrollmentSchema, enrollSchema, recordResultsSchema, reverseCreditSchema } from "@/lib/enrollments/schema";
import { reverseCredit } from "@/lib/enrollments/credit-review";
import { addNote, editNote } from "@/lib/notes/notes";
import { addNoteSchema, editNoteSchema } from "@/lib/notes/schema";
import { changeStudentStatus } from "@/lib/students/status";
import { statusChangeSchema } from "@/lib/students/schema";
import { setUserActive } from "@/lib/users/active";
import { setActiveSchema } from "@/lib/users/schema";
import { anyValue, BAD_DATES, BAD_NUMBERS, foreignId, hugeString, partialRecord } from "./hostile";
import { rowCounts } from "./counts";
import { contractDeleteSchema, contractSchema, courseActiveSchema, courseIdSchema, courseSchema } from "@/lib/catalog/schema";
import { deleteCourse, saveCourse, setCourseActive } from "@/lib/catalog/manage";
import { deleteContract, saveContract } from "@/lib/catalog/contracts";
import { moveEnrollmentsToCurrent } from "@/lib/catalog/move";

useTestDatabase();

export const RUNS = 60;
let counselor: Viewer;
let admin: Viewer;
let ids: { student: string; enrollment: string; course: string; assessment: string; note: string; user: string };

beforeAll(async () => {
  const school = await makeSchool();
  const c = await makeUser("COUNSELOR", school.id);
  counselor = viewerOf(c);
  admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  const student = await makeStudent(school.id, c.id);
  const course = await makeCourse();
  const e = await enrollStudent(counselor, {
    studentId: student.id,
    courseId: course.id,
    startDate: new Date("2025-09-02T00:00:00Z"),
    targetDate: undefined,
    replacesId: undefined,
  });
  const note = await addNote(counselor, { studentId: student.id, kind: "OTHER", body: "first" });
  const spare = await makeCourse();
  ids = { student: student.id, enrollment: e.id, course: spare.id, assessment: course.assessments[0].id, note: note.id, user: c.id };
});

type Case = {
  name: string;
  viewer: () => Viewer;
  run: (v: Viewer, raw: unknown) => Promise<ActionResult<unknown>>;
  /** Field names the action's form knows (a field error must name one of them). */
  fields: string[];
  /** Garbage everywhere, ids foreign. */
  garbage: () => fc.Arbitrary<Record<string, unknown>>;
  /** A valid input with real in-scope ids: each property run breaks exactly one field. */
  valid: () => Record<string, unknown>;
  /** Values that must be refused for a field (beyond the shared wrong-type ones). */
  invalid: Record<string, fc.Arbitrary<unknown>>;
  /** Fields whose absence is another valid input (no course id = add a course): not broken by removal. */
  optional?: string[];
};

const textBad = fc.oneof(fc.constantFrom("", "   ", "\n\t"), hugeString);
const enumBad = fc.oneof(
  fc.string({ maxLength: 30 }).filter((s) => !/^[A-Z_]+$/.test(s)),
  fc.constantFrom("graduated", "<script>", "' OR 1=1 --"),
);
const dateBad = fc.constantFrom(...BAD_DATES);
const versionBad = fc.constantFrom(
  ...BAD_NUMBERS.filter((n) => (typeof n === "string" ? !/^-?\d+$/.test(n) || Math.abs(Number(n)) > 2 ** 31 : !(Number.isInteger(n) && Math.abs(n as number) < 2 ** 31))),
  "abc",
  "1.5",
);
const wrongType = fc.constantFrom<unknown>(null, 42, true, {}, [], ["a", "b"], { $gt: "" });
// Versions are coerced (z.coerce.number): null, [] and true read as 0 or 1 by design, so only
// values that coerce to NaN are a wrong type there. Bases carry a stale version (99) so a
// coerced value can never turn a broken input into a valid one.
const wrongVersion = fc.constantFrom<unknown>({}, ["a", "b"], { $gt: "" }, "abc");

// The Catalog page's actions (district admins). Their valid bases write nothing: an edit on a
// stale form (loadedVersion 99), deleting a course that has an enrollment, retiring nothing new,
// saving a contract as it is, removing a year that has none.
const catalog = { provider: "", enrolledCourse: "" };
beforeAll(async () => {
  const spare = await db().onlineCourse.findUniqueOrThrow({ where: { id: ids.course } });
  const enrolled = await db().enrollment.findUniqueOrThrow({ where: { id: ids.enrollment } });
  Object.assign(catalog, { provider: spare.providerId, enrolledCourse: enrolled.courseId });
  await db().providerContract.create({ data: { providerId: spare.providerId, schoolYear: 2024, cost: "125000.00", note: null } });
});
const courseFields = [
  "courseId",
  "providerId",
  "loadedVersion",
  "providerCourseCode",
  "title",
  "subjectArea",
  "programType",
  "credits",
  "expectedWeeks",
  "masteryThreshold",
  "passingGrade",
  "recovers",
  "assessments",
  "a*",
];
const numberBad = fc.constantFrom("-1", "abc", "1e3", "0x10", "1.234", "100000", "NaN", "Infinity", "<script>");

const yearBad = fc.constantFrom("1999-00", "2024-26", "2024/25", "24-25", "3000", "next year", "-2024", "<script>");
const costBad = fc.constantFrom("-1", "-125000", "abc", "1e6", "0x10", "12.345", "10000000000", "1,00", "NaN", "Infinity", "$", "<script>");

const CATALOG_CASES: Case[] = [
  {
    name: "saveContractAction",
    viewer: () => admin,
    run: (v, raw) => runValidated(v, contractSchema, saveContract, raw),
    fields: ["providerId", "schoolYear", "cost", "note"],
    garbage: () => partialRecord({ providerId: foreignId, schoolYear: anyValue, cost: anyValue, note: anyValue }),
    valid: () => ({ providerId: catalog.provider, schoolYear: "2024-25", cost: "$125,000", note: "" }),
    invalid: { providerId: fc.constantFrom("", "   ", "x".repeat(65)), schoolYear: yearBad, cost: costBad, note: hugeString },
    optional: ["note"],
  },
  {
    name: "deleteContractAction",
    viewer: () => admin,
    run: (v, raw) => runValidated(v, contractDeleteSchema, deleteContract, raw),
    fields: ["providerId", "schoolYear", "confirmed"],
    garbage: () => partialRecord({ providerId: foreignId, schoolYear: anyValue, confirmed: anyValue }),
    valid: () => ({ providerId: catalog.provider, schoolYear: "2023-24", confirmed: "yes" }),
    invalid: { providerId: fc.constantFrom("", "   ", "x".repeat(65)), schoolYear: yearBad, confirmed: fc.constantFrom("no", "", "Yes") },
  },
  {
    name: "saveCourseAction",
    viewer: () => admin,
    run: (v, raw) => runValidated(v, courseSchema, saveCourse, raw),
    fields: courseFields,
    garbage: () =>
      partialRecord({
        courseId: foreignId,
        providerId: foreignId,
        providerCourseCode: anyValue,
        title: anyValue,
        subjectArea: anyValue,
        credits: anyValue,
        a0_position: anyValue,
        a0_weight: anyValue,
        a0_kind: anyValue,
      }),
    valid: () => ({
      courseId: ids.course,
      providerId: catalog.provider,
      loadedVersion: "99",
      providerCourseCode: "FUZZ-1",
      title: "Fuzz",
      subjectArea: "SCIENCE",
      programType: "CREDIT_RECOVERY",
      credits: "1",
      expectedWeeks: "10",
      masteryThreshold: "70",
      passingGrade: "",
      recovers: "SCI1",
      a0_position: "1",
      a0_title: "Exam",
      a0_kind: "SUMMATIVE",
      a0_maxScore: "100",
      a0_weight: "100",
    }),
    invalid: {
      courseId: fc.constantFrom<unknown>(42, {}, [], ["a", "b"], "x".repeat(65)),
      credits: numberBad,
      expectedWeeks: numberBad,
      masteryThreshold: numberBad,
      passingGrade: numberBad,
      subjectArea: enumBad,
      programType: enumBad,
      title: textBad,
      a0_weight: numberBad,
      a0_maxScore: numberBad,
      a0_kind: enumBad,
      a0_position: numberBad,
    },
    optional: ["courseId", "loadedVersion", "passingGrade", "recovers"],
  },
  {
    name: "setCourseActiveAction",
    viewer: () => admin,
    run: (v, raw) => runValidated(v, courseActiveSchema, setCourseActive, raw),
    fields: ["courseId", "active"],
    garbage: () => partialRecord({ courseId: foreignId, active: anyValue }),
    valid: () => ({ courseId: ids.course, active: "true" }),
    invalid: { courseId: fc.constantFrom("", "   ", "x".repeat(65)), active: fc.constantFrom("no", "0", "", "TRUE", "<script>") },
  },
  {
    name: "deleteCourseAction",
    viewer: () => admin,
    run: (v, raw) => runValidated(v, courseIdSchema, deleteCourse, raw),
    fields: ["courseId", "confirmed"],
    garbage: () => partialRecord({ courseId: foreignId, confirmed: anyValue }),
    valid: () => ({ courseId: catalog.enrolledCourse, confirmed: "yes" }),
    invalid: { courseId: fc.constantFrom("", "   ", "x".repeat(65)), confirmed: fc.constantFrom("no", "", "Yes") },
  },
  {
    name: "moveEnrollmentsAction",
    viewer: () => admin,
    run: (v, raw) => runValidated(v, courseIdSchema, moveEnrollmentsToCurrent, raw),
    fields: ["courseId", "confirmed"],
    garbage: () => partialRecord({ courseId: foreignId, confirmed: anyValue }),
    valid: () => ({ courseId: catalog.enrolledCourse, confirmed: "yes" }),
    invalid: { courseId: fc.constantFrom("", "   ", "x".repeat(65)), confirmed: fc.constantFrom("no", "", "Yes") },
  },
];

const CASES: Case[] = [
  ...CATALOG_CASES,
  {
    name: "enrollAction",
    viewer: () => counselor,
    run: (v, raw) => runValidated(v, enrollSchema, enrollStudent, raw),
    fields: ["studentId", "courseId", "startDate", "targetDate", "replacesId"],
    garbage: () => partialRecord({ studentId: foreignId, courseId: foreignId, startDate: anyValue, targetDate: anyValue, replacesId: anyValue }),
    valid: () => ({ studentId: ids.student, courseId: ids.course, startDate: "2025-10-01", targetDate: "2025-12-01" }),
    invalid: {
      courseId: fc.constantFrom("", "nonexistent", "' OR 1=1 --", "<script>alert(1)</script>"),
      startDate: dateBad,
      targetDate: fc.constantFrom("2025-09-01", "2024-02-30", "<img src=x onerror=alert(1)>"),
      replacesId: fc.constantFrom("nonexistent", "' OR 1=1 --"),
    },
  },
  {
    name: "recordResultsAction",
    viewer: () => counselor,
    run: (v, raw) => runValidated(v, recordResultsSchema, recordAssessmentResults, raw),
    fields: ["enrollmentId", "version", "takenOn", "scores", "results", "score_*"],
    garbage: () => partialRecord({ enrollmentId: foreignId, version: anyValue, takenOn: anyValue, score_x: anyValue, [`score_' OR 1=1 --`]: anyValue }),
    valid: () => ({ enrollmentId: ids.enrollment, version: "99", takenOn: "2025-10-01", [`score_${ids.assessment}`]: "80" }),
    invalid: {
      version: versionBad,
      takenOn: fc.oneof(dateBad, fc.constantFrom("2025-01-01", "2999-01-01")),
      score_x: fc.constantFrom("-1", "NaN", "Infinity", "abc", "101", "1e309", "<script>"),
    },
  },
  {
    name: "completeAction",
    viewer: () => counselor,
    run: (v, raw) => runValidated(v, completeSchema, (vw, i) => completeEnrollment(vw, i), raw),
    fields: ["enrollmentId", "version", "finalGrade"],
    garbage: () => partialRecord({ enrollmentId: foreignId, version: anyValue, finalGrade: anyValue }),
    // Not complete-able (no results yet): the only valid input is refused by the domain, so any break must be a field error.
    valid: () => ({ enrollmentId: ids.enrollment, version: "99", finalGrade: "75" }),
    invalid: { version: versionBad, finalGrade: fc.constantFrom("", "-1", "100.5", "abc", "NaN", "Infinity", "1e309", "<script>") },
  },
  {
    name: "reverseCreditAction",
    viewer: () => admin,
    run: (v, raw) => runValidated(v, reverseCreditSchema, reverseCredit, raw),
    fields: ["enrollmentId", "version", "reason"],
    garbage: () => partialRecord({ enrollmentId: foreignId, version: anyValue, reason: anyValue }),
    // An active enrollment has no credit to reverse: the valid input is refused by the domain.
    valid: () => ({ enrollmentId: ids.enrollment, version: "99", reason: "final grade below passing" }),
    invalid: { version: versionBad, reason: textBad },
  },
  {
    name: "endEnrollmentAction",
    viewer: () => counselor,
    run: (v, raw) => runValidated(v, endEnrollmentSchema, (vw, i) => endEnrollment(vw, i), raw),
    fields: ["enrollmentId", "version", "outcome", "endedOn", "reason"],
    garbage: () => partialRecord({ enrollmentId: foreignId, version: anyValue, outcome: anyValue, endedOn: anyValue, reason: anyValue }),
    valid: () => ({ enrollmentId: ids.enrollment, version: "99", outcome: "WITHDRAWN", endedOn: "2025-10-01", reason: "moved" }),
    invalid: { version: versionBad, outcome: enumBad, endedOn: fc.oneof(dateBad, fc.constantFrom("2999-01-01", "2020-01-01")), reason: textBad },
  },
  {
    name: "addNoteAction",
    viewer: () => counselor,
    run: (v, raw) => runValidated(v, addNoteSchema, addNote, raw),
    fields: ["studentId", "kind", "body"],
    garbage: () => partialRecord({ studentId: foreignId, kind: anyValue, body: anyValue }),
    valid: () => ({ studentId: ids.student, kind: "CHECK_IN", body: "called home" }),
    invalid: { kind: enumBad, body: textBad },
  },
  {
    name: "editNoteAction",
    viewer: () => counselor,
    run: (v, raw) => runValidated(v, editNoteSchema, editNote, raw),
    fields: ["noteId", "version", "kind", "body"],
    garbage: () => partialRecord({ noteId: foreignId, version: anyValue, kind: anyValue, body: anyValue }),
    valid: () => ({ noteId: ids.note, version: "99", kind: "OTHER", body: "edited" }),
    invalid: { version: versionBad, kind: enumBad, body: textBad },
  },
  {
    name: "changeStatusAction",
    viewer: () => counselor,
    run: (v, raw) => runValidated(v, statusChangeSchema, (vw, i) => changeStudentStatus(vw, i), raw),
    fields: ["studentId", "version", "effectiveDate", "confirmed", "kind", "credential", "reason", "documented"],
    garbage: () =>
      partialRecord({
        studentId: foreignId,
        version: anyValue,
        effectiveDate: anyValue,
        confirmed: anyValue,
        kind: anyValue,
        reason: anyValue,
        credential: anyValue,
        documented: anyValue,
      }),
    valid: () => ({ studentId: ids.student, version: "99", effectiveDate: "2025-10-01", confirmed: "yes", kind: "DROPPED_OUT", reason: "work" }),
    invalid: {
      version: versionBad,
      effectiveDate: fc.oneof(dateBad, fc.constant("2999-01-01")),
      confirmed: fc.constantFrom("no", "YES", "", "true"),
      kind: enumBad,
      reason: textBad.filter((s) => s.length < 10 || s.length > 500),
    },
  },
  {
    name: "setActiveAction",
    viewer: () => admin,
    run: (v, raw) => runValidated(v, setActiveSchema, setUserActive, raw),
    fields: ["userId", "active", "confirmed"],
    garbage: () => partialRecord({ userId: foreignId, active: anyValue, confirmed: anyValue }),
    valid: () => ({ userId: ids.user, active: "false", confirmed: "yes" }),
    invalid: { userId: fc.constantFrom("", "   ", "x".repeat(65)), active: fc.constantFrom("no", "0", "", "TRUE", "<script>"), confirmed: fc.constantFrom("no", "", "Yes") },
  },
];

function expectRefused(r: ActionResult<unknown>, fields: string[], broken?: string) {
  expect(r.ok, JSON.stringify(r)).toBe(false);
  if (r.ok) return;
  expect(r.message).not.toBe(GENERIC_ERROR);
  if (r.fieldErrors) {
    const named = Object.keys(r.fieldErrors);
    expect(named.length).toBeGreaterThan(0);
    for (const k of named)
      expect(
        fields.some((f) => f === k || (f.endsWith("*") && k.startsWith(f.slice(0, -1))) || (f === "score_*" && k.startsWith("score_"))),
        k,
      ).toBe(true);
    if (broken && !broken.startsWith("score_")) expect(named, JSON.stringify(r)).toContain(broken);
  } else if (broken) {
    // A value that passes the schema but not the domain: a refusal the user can act on.
    expect(r.message).toMatch(/not found|cannot|must|choose|changed by someone|only|already|enter|at most/i);
  } else expect(r.message).toMatch(/not found|check the highlighted|cannot|must|choose|changed by someone|only|already|enter/i);
}

describe.each(CASES)("fuzz: $name", (c) => {
  it("refuses garbage with foreign ids, writing nothing", async () => {
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(c.garbage(), async (raw) => expectRefused(await c.run(c.viewer(), raw), c.fields)),
      { numRuns: RUNS },
    );
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a valid input with one field broken (wrong type, out of range, missing), naming that field", async () => {
    const before = await rowCounts();
    const keys = Object.keys(c.valid());
    const breaks = fc.oneof(
      ...Object.entries(c.invalid).map(([k, arb]) => arb.map((v) => [k, v] as const)),
      fc.tuple(fc.constantFrom(...keys.filter((k) => !["targetDate", "replacesId", "version", ...(c.optional ?? [])].includes(k))), fc.oneof(wrongType, fc.constant(undefined))),
      ...(keys.includes("version") ? [fc.tuple(fc.constant("version"), fc.oneof(wrongVersion, fc.constant(undefined)))] : []),
    );
    await fc.assert(
      fc.asyncProperty(breaks, async ([k, v]) => {
        const raw = { ...c.valid() } as Record<string, unknown>;
        const key = k.startsWith("score_") ? `score_${ids.assessment}` : k;
        if (v === undefined) delete raw[key];
        else raw[key] = v;
        expectRefused(await c.run(c.viewer(), raw), c.fields, key);
      }),
      { numRuns: RUNS },
    );
    expect(await rowCounts()).toEqual(before);
  });
});

describe("text PostgreSQL cannot store", () => {
  it("a lone surrogate (valid JSON, invalid in jsonb) or a NUL in free text is refused by field, nothing written", async () => {
    const before = await rowCounts();
    const { version } = await db().enrollment.findUniqueOrThrow({ where: { id: ids.enrollment } });
    for (const reason of ["moved \ud800 away", "moved \udfff", "a\u0000b"]) {
      const raw = { enrollmentId: ids.enrollment, version: String(version), outcome: "WITHDRAWN", endedOn: "2025-10-01", reason };
      const r = await runValidated(counselor, endEnrollmentSchema, (vw, i) => endEnrollment(vw, i), raw);
      expect(r).toMatchObject({ ok: false, fieldErrors: { reason: [expect.stringMatching(/broken character|NUL/)] } });
    }
    expect(await rowCounts()).toEqual(before);
    // A well-formed pair (an emoji) is fine text.
    const ok = await runValidated(counselor, addNoteSchema, addNote, { studentId: ids.student, kind: "OTHER", body: "great week 💪" });
    expect(ok.ok).toBe(true);
  });
});
