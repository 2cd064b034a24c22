import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool } from "@/lib/test/factory";
import { clearReportCache } from "./cache";
import { acgrCube, accessCube, completerCube, dropoutCube, programCube, programRows, qualityCube, qualityRows } from "./sql";
import { qualityRows as qualityRowsQuery } from "@/lib/sql/queries/quality-rows";
import { qualityCube as qualityCubeQuery } from "@/lib/sql/queries/quality-cube";
import { programRows as programRowsQuery } from "@/lib/sql/queries/program-rows";
import { acgrCube as acgrQuery } from "@/lib/sql/queries/acgr-cube";
import { dropoutCube as dropoutQuery } from "@/lib/sql/queries/dropout-cube";
import { completerCube as completerQuery } from "@/lib/sql/queries/completer-cube";
import { programCube as programQuery } from "@/lib/sql/queries/program-cube";
import { accessCube as accessQuery } from "@/lib/sql/queries/access-cube";
import { makeWorld } from "./test/world";

// The summary's cubes kept per school (cache.ts cachedSchoolRows, migration
// 20261205000000_report_school_sources): after any write, the rows served for the district, for
// each school and for a pair of schools are exactly the rows the cube's statement gives from the
// records — with the untouched schools' rows reused, not recomputed (issue 19: the differential
// test after random writes).

useTestDatabase();

const YEAR = 2024;
const YEARS = [YEAR - 1, YEAR];
const COHORTS = [YEAR, YEAR + 1, YEAR + 2];
const LEVELS = ["proficient", "advanced"];
let schools: { id: string; name: string }[];

beforeAll(async () => {
  ({ schools } = await makeWorld());
  // A third school, empty at first: students, rolls and events move into it below.
  schools = [...schools, await makeSchool({ name: "Gamma High" })];
});

const canon = (rows: readonly object[]) => rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort();

type Scope = string[] | null;
/** Each cube as served (kept per school) and as its statement gives it from the records. */
const cubes: { name: string; served: (s: Scope) => Promise<readonly object[]>; fresh: (s: Scope) => Promise<object[]> }[] = [
  { name: "acgr", served: (s) => acgrCube(COHORTS, s), fresh: (s) => acgrQuery(COHORTS, s).execute() },
  { name: "dropout", served: (s) => dropoutCube(YEARS, s), fresh: (s) => dropoutQuery(YEARS, s).execute() },
  { name: "completers", served: (s) => completerCube(YEARS, s), fresh: (s) => completerQuery(YEARS, s).execute() },
  { name: "program", served: (s) => programCube(YEARS, s), fresh: (s) => programQuery(YEARS, s).execute() },
  { name: "access", served: (s) => accessCube(YEARS, s), fresh: (s) => accessQuery(YEARS, s).execute() },
  // The program tables: each school's rows kept, the district's added up from them (program-parts.ts).
  ...YEARS.map((y) => ({ name: `program tables ${y}`, served: (s: Scope) => programRows(y, s), fresh: (s: Scope) => programRowsQuery(y, s).execute() })),
  // The quality report's rows: each school's kept, the district's added up from them (quality-parts.ts).
  ...YEARS.map((y) => ({
    name: `quality rows ${y}`,
    served: (s: Scope) => qualityRows({ year: y, schools: s, levels: LEVELS }),
    fresh: (s: Scope) => qualityRowsQuery({ year: y, schools: s, levels: LEVELS }).execute(),
  })),
  {
    name: "quality cube",
    served: (s) => qualityCube({ year: YEAR, schools: s, levels: LEVELS }),
    fresh: (s) => qualityCubeQuery({ year: YEAR, schools: s, levels: LEVELS }).execute(),
  },
];

const scopes = (): Scope[] => [null, ...schools.map((s) => [s.id]), [schools[0].id, schools[2].id]];

async function compareAll(step: string) {
  for (const c of cubes) {
    for (const scope of scopes()) {
      const served = await c.served(scope);
      expect(canon(served), `${step}: ${c.name} for ${scope ? scope.join("+") : "the district"}`).toEqual(canon(await c.fresh(scope)));
    }
  }
}

/** A failed Algebra I row of the year before, code "OTHER" (no next course until it is "ALG1"). */
const failedAlgebra = (studentId: string) =>
  db().transcriptCourse.create({
    data: {
      studentId,
      courseCode: "OTHER",
      courseTitle: "Algebra I",
      subjectArea: "MATHEMATICS",
      schoolYear: YEAR - 1,
      term: "FY",
      grade: "F",
      creditsAttempted: 1,
      creditsEarned: 0,
    },
  });

const versionsOf = async (schoolId: string) =>
  Object.fromEntries(
    (await db().$queryRawUnsafe<{ name: string; version: string }[]>(`SELECT name, version::text AS version FROM "ReportSchoolSource" WHERE "schoolId" = $1`, schoolId)).map(
      (r) => [r.name, r.version],
    ),
  );

describe("per-school report sources (ReportSchoolSource)", () => {
  it("a write sets the versions of the schools it can change, and only those", async () => {
    const [a, b, c] = schools;
    const student = await db().student.findFirstOrThrow({
      where: { schoolId: a.id, years: { none: { schoolId: { not: a.id } } }, statusEvents: { none: { schoolId: { not: a.id } } } },
    });
    const before = { a: await versionsOf(a.id), b: await versionsOf(b.id), c: await versionsOf(c.id) };

    // A name changes no figure: no version moves.
    await db().student.update({ where: { id: student.id }, data: { firstName: "Renamed" } });
    expect(await versionsOf(a.id)).toEqual(before.a);

    // An enrollment's status: its student's school, for the enrollments only.
    const e = await db().enrollment.findFirstOrThrow({ where: { studentId: student.id } });
    await db().enrollment.update({ where: { id: e.id }, data: { status: e.status === "FAILED" ? "COMPLETED" : "FAILED" } });
    const a1 = await versionsOf(a.id);
    expect(a1.enrollments).not.toBe(before.a.enrollments);
    expect({ ...a1, enrollments: before.a.enrollments }).toEqual(before.a);
    expect(await versionsOf(b.id)).toEqual(before.b);

    // A transfer: both schools, before and after.
    await db().student.update({ where: { id: student.id }, data: { schoolId: c.id } });
    const [a2, c2] = [await versionsOf(a.id), await versionsOf(c.id)];
    expect(a2.students).not.toBe(a1.students);
    expect(c2.students).toBeDefined();
    expect(await versionsOf(b.id)).toEqual(before.b);

    // A roll row at b: b (its own school) and every school the student is tied to (a, c).
    await db().studentYear.upsert({
      where: { studentId_schoolYear: { studentId: student.id, schoolYear: YEAR + 1 } },
      create: { studentId: student.id, schoolYear: YEAR + 1, schoolId: b.id, gradeLevel: 12 },
      update: { schoolId: b.id },
    });
    expect((await versionsOf(b.id)).rolls).toBeDefined();
    expect((await versionsOf(a.id)).rolls).not.toBe(a2.rolls);
    expect((await versionsOf(c.id)).rolls).not.toBe(c2.rolls);
  });

  it("a write after the versions were set early (SET CONSTRAINTS ALL IMMEDIATE) still sets its school's", async () => {
    const [a, b] = schools;
    const s = await db().student.findFirstOrThrow({ where: { schoolId: a.id } });
    const before = await versionsOf(b.id);
    await db().$transaction(async (tx) => {
      await tx.student.update({ where: { id: s.id }, data: { lowIncome: !s.lowIncome } });
      await tx.$executeRawUnsafe("SET CONSTRAINTS ALL IMMEDIATE");
      await tx.statusEvent.create({ data: { studentId: s.id, schoolId: b.id, kind: "ENTERED", effectiveDate: new Date(`${YEAR}-09-02`), gradeLevel: 10 } });
    });
    expect((await versionsOf(b.id)).statusEvents).not.toBe(before.statusEvents);
  });

  it("a change to a transcript row another school's enrollment replaces sets that school's quality version", async () => {
    // The quality report reads the replaced row by id (its course code), whoever's row it is.
    const [a, b] = schools;
    const mine = await db().enrollment.findFirstOrThrow({ where: { student: { schoolId: a.id } } });
    const other = await db().student.findFirstOrThrow({ where: { schoolId: b.id } });
    const row = await failedAlgebra(other.id);
    await db().enrollment.update({ where: { id: mine.id }, data: { replacesId: row.id } });
    const before = await versionsOf(a.id);
    await db().transcriptCourse.update({ where: { id: row.id }, data: { courseCode: "ALG1" } });
    expect((await versionsOf(a.id)).quality).not.toBe(before.quality);
    // And an enrollment's finishing day alone: its student's schools.
    const done = await db().enrollment.findFirstOrThrow({ where: { student: { schoolId: a.id }, status: "COMPLETED", endedOn: { not: null } } });
    const mid = await versionsOf(a.id);
    await db().enrollment.update({ where: { id: done.id }, data: { finishedOn: done.endedOn } });
    await db().enrollment.update({ where: { id: done.id }, data: { finishedOn: new Date(done.endedOn!.getTime() - 86_400_000) } });
    expect((await versionsOf(a.id)).enrollments).not.toBe(mid.enrollments);
  });

  it("a write rolled back sets no school's version", async () => {
    const before = await db().$queryRawUnsafe<object[]>(`SELECT * FROM "ReportSchoolSource" ORDER BY 1, 2`);
    const s = await db().student.findFirstOrThrow({});
    await expect(
      db().$transaction(async (tx) => {
        await tx.student.update({ where: { id: s.id }, data: { lowIncome: !s.lowIncome } });
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await db().$queryRawUnsafe<object[]>(`SELECT * FROM "ReportSchoolSource" ORDER BY 1, 2`)).toEqual(before);
  });
});

describe("the summary's cubes kept per school", () => {
  it("reuse an untouched school's rows after another school's write", async () => {
    const [a, b] = schools;
    const first = await dropoutCube(YEARS, [b.id]);
    const e = await db().statusEvent.findFirstOrThrow({ where: { schoolId: a.id, student: { schoolId: a.id, years: { every: { schoolId: a.id } } } } });
    await db().statusEvent.update({ where: { id: e.id }, data: { gradeLevel: e.gradeLevel } });
    // b's rows: the same frozen object; the district's: computed again for a only.
    expect(await dropoutCube(YEARS, [b.id])).toBe(first);
    await compareAll("after one school's write");
  });

  it("follow a student tied to a school only by a roll row or a status event", async () => {
    const [a, b, c] = schools;
    const s = await db().student.findFirstOrThrow({
      where: { schoolId: a.id, years: { none: { schoolId: { not: a.id } } }, statusEvents: { none: { schoolId: { not: a.id } } } },
      include: { enrollments: true },
    });
    const courses = await db().onlineCourse.findMany({ where: { id: { notIn: s.enrollments.map((e) => e.courseId) }, programType: "CREDIT_RECOVERY" } });
    // On b's October 1 roll in YEAR, a dropout at c: b's access rows and c's dropout rows read them.
    await db().studentYear.upsert({
      where: { studentId_schoolYear: { studentId: s.id, schoolYear: YEAR } },
      create: { studentId: s.id, schoolYear: YEAR, schoolId: b.id, gradeLevel: 11, enrolledOct1: true },
      update: { schoolId: b.id, enrolledOct1: true },
    });
    // c counts dropouts in YEAR only with an October 1 roll that year: another student's row.
    const o = await db().student.findFirstOrThrow({ where: { schoolId: b.id } });
    await db().studentYear.upsert({
      where: { studentId_schoolYear: { studentId: o.id, schoolYear: YEAR } },
      create: { studentId: o.id, schoolYear: YEAR, schoolId: c.id, gradeLevel: 10, enrolledOct1: true },
      update: { schoolId: c.id, enrolledOct1: true },
    });
    await db().statusEvent.create({ data: { studentId: s.id, schoolId: c.id, kind: "DROPPED_OUT", effectiveDate: new Date(`${YEAR + 1}-02-01`), gradeLevel: 11 } });
    await compareAll("tied to b by a roll row and to c by an event");
    // Each of these is written without b's or c's id: the student ties them.
    const before = await versionsOf(b.id);
    await db().enrollment.create({
      data: { studentId: s.id, courseId: courses[0].id, startDate: new Date(`${YEAR}-10-15`), targetDate: new Date(`${YEAR + 1}-01-15`), status: "ACTIVE" },
    });
    expect((await versionsOf(b.id)).enrollments).not.toBe(before.enrollments);
    expect((await versionsOf(c.id)).enrollments).not.toBe(before.enrollments);
    await compareAll("an enrollment started (b's access rows)");
    const c0 = await versionsOf(c.id);
    await db().student.update({ where: { id: s.id }, data: { lowIncome: !s.lowIncome, gender: s.gender === "MALE" ? "FEMALE" : "MALE" } });
    expect((await versionsOf(c.id)).students).not.toBe(c0.students);
    await compareAll("the student's flags (b's and c's rows)");
    await db().onlineCourse.update({ where: { id: courses[0].id }, data: { programType: "ADVANCED_PLACEMENT" } });
    await compareAll("the course's program (every school)");
  });

  it("serve exactly the rows computed from the records after each of 100 random writes", async () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const students = await db().student.findMany({ select: { id: true } });
    const courses = await db().onlineCourse.findMany({ select: { id: true } });
    const date = (y: number) => new Date(`${y}-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`);
    const writes: [string, () => Promise<unknown>][] = [
      [
        "a status event at any school",
        async () => {
          const s = pick(students);
          return db().statusEvent.create({
            data: {
              studentId: s.id,
              schoolId: pick(schools).id,
              kind: pick(["GRADUATED", "DROPPED_OUT", "REENGAGED", "TRANSFERRED_OUT", "ENTERED", "EMIGRATED"] as const),
              credential: "REGULAR_DIPLOMA",
              documented: rnd() < 0.5,
              effectiveDate: date(YEAR - 1 + Math.floor(rnd() * 3)),
              gradeLevel: 9 + Math.floor(rnd() * 4),
            },
          });
        },
      ],
      [
        "a status event moved to another school",
        async () => {
          const e = await db().statusEvent.findFirst({ where: { studentId: pick(students).id } });
          return e && db().statusEvent.update({ where: { id: e.id }, data: { schoolId: pick(schools).id } });
        },
      ],
      [
        "a status event deleted",
        async () => {
          const e = await db().statusEvent.findFirst({ where: { studentId: pick(students).id }, orderBy: { effectiveDate: "desc" } });
          return e && db().statusEvent.delete({ where: { id: e.id } });
        },
      ],
      [
        "a student's flags",
        async () =>
          db().student.update({
            where: { id: pick(students).id },
            data: { lowIncome: rnd() < 0.5, englishLearner: rnd() < 0.3, raceEthnicity: pick(["BLACK_AFRICAN_AMERICAN", "HISPANIC_LATINO", "WHITE"] as const) },
          }),
      ],
      ["a transfer", async () => db().student.update({ where: { id: pick(students).id }, data: { schoolId: pick(schools).id, cohortYear: YEAR + Math.floor(rnd() * 3) } })],
      [
        "a roll row moved or flagged",
        async () => {
          const s = pick(students);
          const schoolYear = YEAR - 1 + Math.floor(rnd() * 2);
          return db().studentYear.upsert({
            where: { studentId_schoolYear: { studentId: s.id, schoolYear } },
            create: { studentId: s.id, schoolYear, schoolId: pick(schools).id, gradeLevel: 9 + Math.floor(rnd() * 4), enrolledOct1: rnd() < 0.8, lowIncome: rnd() < 0.5 },
            update: { schoolId: pick(schools).id, enrolledOct1: rnd() < 0.8, specialEducation: rnd() < 0.3 },
          });
        },
      ],
      ["a roll row deleted", async () => db().studentYear.deleteMany({ where: { studentId: pick(students).id, schoolYear: YEAR - 1 + Math.floor(rnd() * 2) } })],
      [
        "an enrollment's outcome",
        async () => {
          const e = await db().enrollment.findFirst({ where: { studentId: pick(students).id } });
          const status = pick(["COMPLETED", "FAILED", "WITHDRAWN", "ACTIVE"] as const);
          const ended = date(YEAR);
          return (
            e &&
            db().enrollment.update({
              where: { id: e.id },
              data: {
                status,
                endedOn: status === "ACTIVE" ? null : ended,
                // Never after the end date (Enrollment_finishedOn_within).
                finishedOn: status === "COMPLETED" && rnd() < 0.3 ? new Date(ended.getTime() - Math.floor(rnd() * 20) * 86_400_000) : null,
                creditAwarded: status === "COMPLETED" ? pick([1, 0.5, 0.3, 0.1]) : null,
              },
            })
          );
        },
      ],
      [
        "an enrollment started",
        async () => {
          const s = pick(students);
          const taken = new Set((await db().enrollment.findMany({ where: { studentId: s.id }, select: { courseId: true } })).map((e) => e.courseId));
          const course = courses.find((c) => !taken.has(c.id));
          return (
            course &&
            db().enrollment.create({
              data: { studentId: s.id, courseId: course.id, startDate: date(YEAR - 1 + Math.floor(rnd() * 2)), targetDate: date(YEAR + 1), status: "ACTIVE" },
            })
          );
        },
      ],
      [
        "an enrollment deleted",
        async () => {
          const e = await db().enrollment.findFirst({ where: { studentId: pick(students).id }, orderBy: { startDate: "desc" } });
          return e && db().enrollment.delete({ where: { id: e.id } });
        },
      ],
      [
        "a course's program",
        async () =>
          db().onlineCourse.update({ where: { id: pick(courses).id }, data: { programType: pick(["CREDIT_RECOVERY", "ORIGINAL_CREDIT", "ADVANCED_PLACEMENT"] as const) } }),
      ],
      // What only the quality report reads: per school (a student's records), or no school's (the
      // course sequence, the rigor policy: the global "quality").
      [
        "a summative result, or its proctoring",
        async () => {
          const e = await db().enrollment.findFirst({ where: { studentId: pick(students).id }, include: { course: { include: { assessments: true } } } });
          const a = e?.course.assessments.find((x) => x.kind === "SUMMATIVE");
          if (!e || !a) return null;
          const last = await db().assessmentResult.findFirst({ where: { enrollmentId: e.id, assessmentId: a.id }, orderBy: { attempt: "desc" } });
          if (last && rnd() < 0.5) return db().assessmentResult.update({ where: { id: last.id }, data: { proctored: pick([true, false, null]) } });
          return db().assessmentResult.create({
            data: {
              enrollmentId: e.id,
              assessmentId: a.id,
              attempt: (last?.attempt ?? 0) + 1,
              score: 50 + Math.floor(rnd() * 50),
              takenOn: date(YEAR),
              proctored: pick([true, false, null]),
            },
          });
        },
      ],
      [
        "a result deleted",
        async () => {
          const r = await db().assessmentResult.findFirst({ where: { enrollment: { studentId: pick(students).id } } });
          return r && db().assessmentResult.delete({ where: { id: r.id } });
        },
      ],
      [
        "time on task",
        async () => {
          const e = await db().enrollment.findFirst({ where: { studentId: pick(students).id } });
          const day = date(YEAR);
          return (
            e &&
            db().activitySession.create({
              data: { enrollmentId: e.id, startedAt: new Date(day.getTime() + Math.floor(rnd() * 1e7)), day, seconds: 300 + Math.floor(rnd() * 3000) },
            })
          );
        },
      ],
      [
        "a transcript row of the next course",
        async () =>
          db().transcriptCourse.create({
            data: {
              studentId: pick(students).id,
              courseCode: "NEXT-1",
              courseTitle: "Geometry",
              subjectArea: "MATHEMATICS",
              schoolYear: YEAR + Math.floor(rnd() * 2),
              term: "FY",
              grade: pick(["B", "F"]),
              creditsAttempted: 1,
              creditsEarned: pick([0, 1]),
            },
          }),
      ],
      [
        "a state test",
        async () => {
          const studentId = pick(students).id;
          const schoolYear = YEAR + Math.floor(rnd() * 2);
          const level = pick(["Proficient", "Advanced", "Not Meeting"]);
          return db().stateTestResult.upsert({
            where: { studentId_test_schoolYear: { studentId, test: "MATH10", schoolYear } },
            create: { studentId, test: "MATH10", subjectArea: "MATHEMATICS", schoolYear, level },
            update: { level },
          });
        },
      ],
      [
        "an override",
        async () => {
          const e = await db().enrollment.findFirst({ where: { studentId: pick(students).id, status: "COMPLETED" } });
          return e && db().enrollment.update({ where: { id: e.id }, data: { overrideAt: e.overrideAt ? null : new Date(), overrideReason: e.overrideAt ? null : "Reviewed" } });
        },
      ],
      [
        "the course sequence",
        async () => {
          const c = await db().onlineCourse.findUniqueOrThrow({ where: { id: pick(courses).id } });
          const key = { courseCode: c.providerCourseCode, nextCode: "NEXT-1" };
          const had = await db().courseSequence.findUnique({ where: { courseCode_nextCode: key } });
          return had ? db().courseSequence.delete({ where: { courseCode_nextCode: key } }) : db().courseSequence.create({ data: key });
        },
      ],
      [
        "the rigor policy",
        async () =>
          db().rigorPolicy.upsert({
            where: { programType: "CREDIT_RECOVERY" },
            create: { programType: "CREDIT_RECOVERY", minDaysEnrolled: 10 + Math.floor(rnd() * 60) },
            update: { minDaysEnrolled: 10 + Math.floor(rnd() * 60) },
          }),
      ],
      [
        "an enrollment's finishing day alone",
        async () => {
          const e = await db().enrollment.findFirst({ where: { studentId: pick(students).id, status: "COMPLETED", endedOn: { not: null } } });
          return e && db().enrollment.update({ where: { id: e.id }, data: { finishedOn: new Date(e.endedOn!.getTime() - Math.floor(rnd() * 40) * 86_400_000) } });
        },
      ],
      [
        "an enrollment replacing another student's transcript row",
        async () => {
          const e = await db().enrollment.findFirst({ where: { studentId: pick(students).id } });
          if (!e) return null;
          const row = await failedAlgebra(pick(students).id);
          return db().enrollment.update({ where: { id: e.id }, data: { replacesId: row.id } });
        },
      ],
      [
        "the code of a replaced transcript row",
        async () => {
          const row = await db().transcriptCourse.findFirst({ where: { recoveries: { some: {} }, studentId: pick(students).id } });
          const any = row ?? (await db().transcriptCourse.findFirst({ where: { recoveries: { some: {} } }, orderBy: { id: rnd() < 0.5 ? "asc" : "desc" } }));
          return any && db().transcriptCourse.update({ where: { id: any.id }, data: { courseCode: any.courseCode === "ALG1" ? "OTHER" : "ALG1" } });
        },
      ],
      [
        "several schools in one transaction",
        async () =>
          db().$transaction(async (tx) => {
            await tx.student.update({ where: { id: pick(students).id }, data: { schoolId: pick(schools).id } });
            const e = await tx.enrollment.findFirst({ where: { studentId: pick(students).id } });
            if (e) await tx.enrollment.update({ where: { id: e.id }, data: { status: "COMPLETED", endedOn: date(YEAR), creditAwarded: 1 } });
            await tx.studentYear.updateMany({ where: { studentId: pick(students).id }, data: { englishLearner: rnd() < 0.5 } });
          }),
      ],
    ];
    // A replaced course's code with a next course (the sequence is no school's: set before the writes).
    await db().courseSequence.create({ data: { courseCode: "ALG1", nextCode: "NEXT-1" } });
    await compareAll("before any write");
    for (let i = 0; i < 100; i++) {
      const [what, write] = pick(writes);
      await write();
      await compareAll(`write ${i + 1} (${what})`);
    }
    // And computed afresh for every school at once.
    clearReportCache();
    await compareAll("after the cache was cleared");
    // 80 writes × 7 aggregates × 5 scopes, each served and computed afresh: ~10 s on PostgreSQL,
    // several times that on PGlite.
  }, 300_000);
});
