import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import type { Viewer } from "@/lib/access";
import { getDistrictSummary, getGraduation, getProgram, getQualityView, getSchoolSummary } from "./queries";
import { clearReportCache } from "./cache";
import { acgrCube, qualityRows } from "./sql";
import { makeWorld } from "./test/world";

// The report cache (cache.ts): figures reused while their sources' versions are unchanged, and
// exactly the figures computed from the records after any write (the differential test below).

useTestDatabase();

const YEAR = 2024;
let schools: { id: string; name: string }[];
let district: Viewer;
let alphaAdmin: Viewer;

beforeAll(async () => {
  ({ schools } = await makeWorld());
  district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  alphaAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", schools[0].id));
});

const versions = async () =>
  Object.fromEntries(
    (await db().$queryRawUnsafe<{ name: string; version: string }[]>(`SELECT name, version::text AS version FROM "ReportSource"`)).map((r) => [r.name, r.version]),
  );

/** Everything the report screens and the API show, for both administrators. */
const everything = async () => ({
  district: await getDistrictSummary(district, { year: YEAR }),
  districtSchool: await getSchoolSummary(district, { year: YEAR, school: schools[1].id }),
  school: await getSchoolSummary(alphaAdmin, { year: YEAR }),
  graduation: await getGraduation(district, { cohort: YEAR + 1 }),
  program: await getProgram(alphaAdmin, { year: YEAR }),
  quality: await getQualityView(district, { year: YEAR, by: "course" }),
  qualityGroups: await getQualityView(alphaAdmin, { year: YEAR, by: "group" }),
  // The quality rows themselves: most of their counts are hidden in so small a district.
  qualityRows: await qualityRows({ year: YEAR, schools: null, levels: ["meeting", "exceeding"] }),
});

describe("report sources' versions (ReportSource, set by triggers)", () => {
  it("a write that can change a figure sets its source's version; one that cannot leaves it", async () => {
    const student = await db().student.findFirstOrThrow({ where: { schoolId: schools[0].id } });
    const enrollment = await db().enrollment.findFirstOrThrow({});
    const before = await versions();
    expect(Object.keys(before).sort()).toEqual(["enrollments", "quality", "qualityRecords", "rolls", "statusEvents", "students", "wide"]);

    // An assessment result's progress and last activity, a note, a name: no figure reads them.
    await db().enrollment.update({ where: { id: enrollment.id }, data: { progress: 55, lastActivityOn: new Date("2024-10-01") } });
    await db().student.update({ where: { id: student.id }, data: { firstName: "Renamed" } });
    expect(await versions()).toEqual(before);

    await db().student.update({ where: { id: student.id }, data: { englishLearner: !student.englishLearner } });
    const a = await versions();
    expect(a.students).not.toBe(before.students);
    expect({ ...a, students: before.students }).toEqual(before);

    await db().statusEvent.create({ data: { studentId: student.id, schoolId: student.schoolId, kind: "DROPPED_OUT", effectiveDate: new Date("2024-11-01"), gradeLevel: 11 } });
    const b = await versions();
    expect(b.statusEvents).not.toBe(a.statusEvents);

    await db().enrollment.update({ where: { id: enrollment.id }, data: { status: "WITHDRAWN", endedOn: new Date("2024-11-02") } });
    expect((await versions()).enrollments).not.toBe(b.enrollments);
  });

  // What only the program quality report reads (migrations 20261204000000_quality_report_source and
  // 20261206000000_quality_school_sources): a student's records (results, time on task, transcript,
  // state tests, an override) set the per-school "quality" of the student's school, and the global
  // "qualityRecords" (the bump at commit), no other source; what no school owns (which assessments
  // are summative, the course sequence, the rigor policy, a course's thresholds) sets the global
  // "quality". A score or a title leaves them alone.
  it("a write to what only the quality report reads sets the quality source, and only it", async () => {
    const course = await db().onlineCourse.findFirstOrThrow({ include: { assessments: true } });
    const enrollment = await db().enrollment.findFirstOrThrow({ where: { courseId: course.id }, include: { student: true } });
    const summative = course.assessments.find((a) => a.kind === "SUMMATIVE")!;
    const result = await db().assessmentResult.create({
      data: { enrollmentId: enrollment.id, assessmentId: summative.id, score: 80, attempt: 9, takenOn: new Date("2024-10-01") },
    });
    const schoolQuality = async () =>
      (
        await db().$queryRawUnsafe<{ v: string }[]>(`SELECT version::text AS v FROM "ReportSchoolSource" WHERE name = 'quality' AND "schoolId" = $1`, enrollment.student.schoolId)
      )[0]?.v;
    const districtWide = new Set(["an assessment's kind", "the course sequence", "the rigor policy", "a course's minimum days"]);
    const writes: [string, () => Promise<unknown>][] = [
      ["a result's proctoring", () => db().assessmentResult.update({ where: { id: result.id }, data: { proctored: true } })],
      [
        "a result",
        () => db().assessmentResult.create({ data: { enrollmentId: enrollment.id, assessmentId: summative.id, score: 60, attempt: 10, takenOn: new Date("2024-10-02") } }),
      ],
      ["a result deleted", () => db().assessmentResult.delete({ where: { id: result.id } })],
      ["an assessment's kind", () => db().courseAssessment.update({ where: { id: summative.id }, data: { kind: "SUMMATIVE" } })],
      [
        "time on task",
        () => db().activitySession.create({ data: { enrollmentId: enrollment.id, startedAt: new Date("2024-10-03T10:00:00Z"), day: new Date("2024-10-03"), seconds: 600 } }),
      ],
      [
        "a transcript row",
        () =>
          db().transcriptCourse.create({
            data: {
              studentId: enrollment.studentId,
              courseCode: "MA201",
              courseTitle: "Geometry",
              subjectArea: "MATHEMATICS",
              schoolYear: YEAR + 1,
              term: "FY",
              grade: "B",
              creditsAttempted: 1,
              creditsEarned: 1,
            },
          }),
      ],
      [
        "a state test",
        () => db().stateTestResult.create({ data: { studentId: enrollment.studentId, test: "MCAS", subjectArea: "MATHEMATICS", schoolYear: YEAR, level: "Meeting" } }),
      ],
      ["the course sequence", () => db().courseSequence.create({ data: { courseCode: course.providerCourseCode, nextCode: "MA201" } })],
      [
        "the rigor policy",
        () =>
          db().rigorPolicy.upsert({ where: { programType: "CREDIT_RECOVERY" }, create: { programType: "CREDIT_RECOVERY", minDaysEnrolled: 14 }, update: { minDaysEnrolled: 15 } }),
      ],
      ["a course's minimum days", () => db().onlineCourse.update({ where: { id: course.id }, data: { minDaysEnrolled: 10 } })],
      ["an override", () => db().enrollment.update({ where: { id: enrollment.id }, data: { overrideAt: new Date() } })],
    ];
    for (const [what, write] of writes) {
      const before = await versions();
      const school = await schoolQuality();
      await write();
      const after = await versions();
      if (districtWide.has(what)) {
        expect({ what, changed: after.quality !== before.quality }).toEqual({ what, changed: true });
        expect({ what, others: { ...after, quality: before.quality } }).toEqual({ what, others: before });
        expect({ what, school: await schoolQuality() }).toEqual({ what, school });
      } else {
        expect({ what, changed: after.qualityRecords !== before.qualityRecords, school: (await schoolQuality()) !== school }).toEqual({ what, changed: true, school: true });
        expect({ what, others: { ...after, qualityRecords: before.qualityRecords } }).toEqual({ what, others: before });
      }
    }
    const before = await versions();
    const beforeSchool = await schoolQuality();
    const kept = await db().assessmentResult.findFirstOrThrow({ where: { enrollmentId: enrollment.id } });
    await db().assessmentResult.update({ where: { id: kept.id }, data: { score: 91 } });
    await db().onlineCourse.update({ where: { id: course.id }, data: { title: "Renamed course" } });
    await db().courseAssessment.update({ where: { id: summative.id }, data: { title: "Final exam" } });
    expect(await versions()).toEqual(before);
    expect(await schoolQuality()).toBe(beforeSchool);
  });

  // One bump per transaction, however many rows (the WHEN clause marks the first row); a savepoint
  // rolled back takes its mark with it, so a later write of the same transaction still bumps.
  it("a transaction sets the quality sources to its own id, after a savepoint rolled back too", async () => {
    const course = await db().onlineCourse.findFirstOrThrow({ include: { assessments: true } });
    const enrollments = await db().enrollment.findMany({ where: { courseId: course.id }, take: 40 });
    const summative = course.assessments.find((a) => a.kind === "SUMMATIVE")!;
    const rows = (attempt: number) => enrollments.map((e) => ({ enrollmentId: e.id, assessmentId: summative.id, score: 70, attempt, takenOn: new Date("2024-11-01") }));
    const xid = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SAVEPOINT before_results");
      await tx.assessmentResult.createMany({ data: rows(20) });
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT before_results");
      await tx.assessmentResult.createMany({ data: rows(21) });
      await tx.assessmentResult.createMany({ data: rows(22) });
      return (await tx.$queryRawUnsafe<{ x: string }[]>("SELECT pg_current_xact_id()::text AS x"))[0].x;
    });
    expect((await versions()).qualityRecords).toBe(xid);
    const school = (await db().student.findUniqueOrThrow({ where: { id: enrollments[0].studentId } })).schoolId;
    const [{ v }] = await db().$queryRawUnsafe<{ v: string }[]>(`SELECT version::text AS v FROM "ReportSchoolSource" WHERE name = 'quality' AND "schoolId" = $1`, school);
    expect(v).toBe(xid);
    expect(await db().assessmentResult.count({ where: { attempt: 20 } })).toBe(0);

    const before = await versions();
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SAVEPOINT nothing_kept");
      await tx.assessmentResult.createMany({ data: rows(23) });
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT nothing_kept");
    });
    expect(await versions()).toEqual(before);
  });

  it("a write rolled back leaves every version as it was", async () => {
    const before = await versions();
    const student = await db().student.findFirstOrThrow({});
    await expect(
      db().$transaction(async (tx) => {
        await tx.studentYear.updateMany({ where: { studentId: student.id }, data: { lowIncome: true } });
        throw new Error("abandoned");
      }),
    ).rejects.toThrow("abandoned");
    expect(await versions()).toEqual(before);
  });
});

describe("report sources' versions under concurrent writers", () => {
  // Two writers, each with two sources written in the other's order, both holding the first version
  // row before taking the second: they must not deadlock (each transaction's first bump locks every
  // version row, in name order). The bumps run at once here (SET CONSTRAINTS ALL IMMEDIATE) and
  // the second write of each waits until the other has made its first (or 300 ms, when the other is
  // waiting for the first's locks): the interleaving of two commits that overlap. Parallel on
  // PostgreSQL (CI); PGlite runs the transactions one after the other.
  it("two writers touching two sources in opposite orders both commit", async () => {
    const [a, b] = await db().student.findMany({ take: 2, select: { id: true, schoolId: true } });
    const before = await versions();
    for (let round = 0; round < 3; round++) {
      let firstDone: () => void = () => {};
      const bothFirst = [new Promise<void>((r) => (firstDone = r)), null as Promise<void> | null];
      let secondDone: () => void = () => {};
      bothFirst[1] = new Promise<void>((r) => (secondDone = r));
      const wait = (p: Promise<void> | null) => Promise.race([p, new Promise((r) => setTimeout(r, 300))]);
      const event = (st: typeof a, y: number) => ({ studentId: st.id, schoolId: st.schoolId, kind: "ENTERED" as const, effectiveDate: new Date(`${y}-09-01`), gradeLevel: 9 });
      const roll = (st: typeof a, y: number) => ({ studentId: st.id, schoolYear: y, schoolId: st.schoolId, gradeLevel: 9 });
      const outcomes = await Promise.allSettled([
        db().$transaction(async (tx) => {
          await tx.$executeRawUnsafe("SET CONSTRAINTS ALL IMMEDIATE");
          await tx.statusEvent.create({ data: event(a, 1990 + round) });
          firstDone();
          await wait(bothFirst[1]);
          await tx.studentYear.create({ data: roll(a, 1990 + round) });
        }),
        db().$transaction(async (tx) => {
          await tx.$executeRawUnsafe("SET CONSTRAINTS ALL IMMEDIATE");
          await tx.studentYear.create({ data: roll(b, 1990 + round) });
          secondDone();
          await wait(bothFirst[0]);
          await tx.statusEvent.create({ data: event(b, 1990 + round) });
        }),
      ]);
      expect(outcomes.map((o) => (o.status === "rejected" ? String(o.reason) : "ok"))).toEqual(["ok", "ok"]);
    }
    const after = await versions();
    expect(after.statusEvents).not.toBe(before.statusEvents);
    expect(after.rolls).not.toBe(before.rolls);
    await db().statusEvent.deleteMany({ where: { effectiveDate: { lt: new Date("2000-01-01") } } });
    await db().studentYear.deleteMany({ where: { schoolYear: { lt: 2000 } } });
  });
});

describe("report cache", () => {
  it("reuses the rows while nothing changed, frozen", async () => {
    const a = await acgrCube([YEAR, YEAR + 1], null);
    const b = await acgrCube([YEAR, YEAR + 1], null);
    expect(b).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a[0])).toBe(true);
    await db().studentYear.updateMany({ where: { schoolYear: YEAR - 1 }, data: { specialEducation: true } });
    expect(await acgrCube([YEAR, YEAR + 1], null)).not.toBe(a);
  });

  it("reuses the quality report's rows while nothing it reads changed", async () => {
    const scope = { year: YEAR, schools: null, levels: ["proficient"] };
    const a = await qualityRows(scope);
    expect(await qualityRows(scope)).toBe(a);
    expect(await qualityRows({ ...scope, levels: ["advanced"] })).not.toBe(a);
    const e = await db().enrollment.findFirstOrThrow({ where: { status: "COMPLETED" } });
    await db().stateTestResult.create({ data: { studentId: e.studentId, test: "Kept", subjectArea: "MATHEMATICS", schoolYear: YEAR + 1, level: "Proficient" } });
    expect(await qualityRows(scope)).not.toBe(a);
  });

  // Random writes of every kind a figure reads; after each, what the cache serves must be exactly
  // what a fresh computation from the records gives.
  it("serves exactly the figures computed from the records after each of 60 random writes", async () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const students = await db().student.findMany({ select: { id: true, schoolId: true } });
    const courses = await db().onlineCourse.findMany({ select: { id: true } });
    // Students with an enrollment started in the school year the quality report shows.
    const span = { gte: new Date(`${YEAR}-07-01`), lte: new Date(`${YEAR + 1}-06-30`) };
    const inYear = await db().student.findMany({
      where: { enrollments: { some: { startDate: span } } },
      select: { id: true },
    });
    const writes: (() => Promise<unknown>)[] = [
      async () => {
        const s = pick(students);
        return db().statusEvent.create({
          data: {
            studentId: s.id,
            schoolId: s.schoolId,
            kind: pick(["GRADUATED", "DROPPED_OUT", "REENGAGED", "TRANSFERRED_OUT"] as const),
            credential: "REGULAR_DIPLOMA",
            effectiveDate: new Date(`${YEAR + Math.floor(rnd() * 2)}-0${1 + Math.floor(rnd() * 8)}-15`),
            gradeLevel: 12,
          },
        });
      },
      async () => {
        const e = await db().statusEvent.findFirst({ where: { studentId: pick(students).id }, orderBy: { effectiveDate: "desc" } });
        return e && db().statusEvent.delete({ where: { id: e.id } });
      },
      async () =>
        db().student.update({ where: { id: pick(students).id }, data: { lowIncome: rnd() < 0.5, specialEducation: rnd() < 0.3, gender: pick(["FEMALE", "MALE"] as const) } }),
      async () => db().student.update({ where: { id: pick(students).id }, data: { schoolId: pick(schools).id, cohortYear: YEAR + Math.floor(rnd() * 3) } }),
      async () => db().studentYear.updateMany({ where: { studentId: pick(students).id }, data: { englishLearner: rnd() < 0.5, enrolledOct1: rnd() < 0.8 } }),
      async () => {
        const s = pick(students);
        return db().studentYear.upsert({
          where: { studentId_schoolYear: { studentId: s.id, schoolYear: YEAR } },
          create: { studentId: s.id, schoolYear: YEAR, schoolId: s.schoolId, gradeLevel: 11, lowIncome: true },
          update: { gradeLevel: 12 },
        });
      },
      async () => {
        const e = await db().enrollment.findFirst({ where: { studentId: pick(students).id } });
        const status = pick(["COMPLETED", "FAILED", "WITHDRAWN", "ACTIVE"] as const);
        return (
          e &&
          db().enrollment.update({
            where: { id: e.id },
            data: { status, endedOn: status === "ACTIVE" ? null : new Date(`${YEAR + 1}-0${1 + Math.floor(rnd() * 8)}-10`), creditAwarded: status === "COMPLETED" ? 1 : null },
          })
        );
      },
      async () => db().onlineCourse.update({ where: { id: pick(courses).id }, data: { programType: pick(["CREDIT_RECOVERY", "ORIGINAL_CREDIT"] as const) } }),
      async () => db().provider.updateMany({ data: { name: `Provider ${Math.floor(rnd() * 1000)}` } }),
      // What only the quality report reads.
      async () => {
        const e = await db().enrollment.findFirst({ where: { studentId: pick(inYear).id, startDate: span }, include: { course: { include: { assessments: true } } } });
        const a = e && pick(e.course.assessments.filter((x) => x.kind === "SUMMATIVE"));
        return (
          a &&
          db().assessmentResult.createMany({
            data: [
              {
                enrollmentId: e.id,
                assessmentId: a.id,
                score: 50 + Math.floor(rnd() * 50),
                attempt: 1 + Math.floor(rnd() * 4),
                takenOn: new Date(`${YEAR}-12-01`),
                proctored: pick([true, false, null]),
              },
            ],
            skipDuplicates: true,
          })
        );
      },
      async () => {
        const r = await db().assessmentResult.findFirst({ where: { enrollment: { studentId: pick(inYear).id, startDate: span } } });
        return (
          r &&
          (rnd() < 0.5
            ? db().assessmentResult.delete({ where: { id: r.id } })
            : db().assessmentResult.update({ where: { id: r.id }, data: { proctored: pick([true, false, null]) } }))
        );
      },
      async () => {
        const e = await db().enrollment.findFirst({ where: { studentId: pick(inYear).id, startDate: span, status: "COMPLETED" } });
        return e && db().enrollment.update({ where: { id: e.id }, data: { overrideAt: rnd() < 0.5 ? new Date() : null, overrideReason: "Reviewed" } });
      },
      async () => {
        const programType = pick(["CREDIT_RECOVERY", "ORIGINAL_CREDIT"] as const);
        return db().rigorPolicy.upsert({
          where: { programType },
          create: { programType, minDaysEnrolled: 30 + Math.floor(rnd() * 60) },
          update: { minDaysEnrolled: rnd() < 0.2 ? null : 30 + Math.floor(rnd() * 60) },
        });
      },
      async () => db().onlineCourse.update({ where: { id: pick(courses).id }, data: { minDaysEnrolled: rnd() < 0.5 ? null : 20 + Math.floor(rnd() * 80) } }),
      async () => {
        const e = await db().enrollment.findFirst({ where: { studentId: pick(inYear).id, startDate: span, status: "COMPLETED" }, include: { course: true } });
        return (
          e &&
          db().stateTestResult.upsert({
            where: { studentId_test_schoolYear: { studentId: e.studentId, test: "MCAS", schoolYear: YEAR + 1 } },
            create: { studentId: e.studentId, test: "MCAS", subjectArea: e.course.subjectArea, schoolYear: YEAR + 1, level: pick(["Meeting", "Exceeding", "Not Meeting"]) },
            update: { proficient: pick([true, false, null]) },
          })
        );
      },
      async () => {
        const c = pick(await db().onlineCourse.findMany({ select: { providerCourseCode: true } }));
        const e = await db().enrollment.findFirst({ where: { studentId: pick(inYear).id, startDate: span, status: "COMPLETED" } });
        await db().courseSequence.createMany({ data: [{ courseCode: c.providerCourseCode, nextCode: "NEXT1" }], skipDuplicates: true });
        return (
          e &&
          db().transcriptCourse.create({
            data: {
              studentId: e.studentId,
              courseCode: "NEXT1",
              courseTitle: "Next",
              subjectArea: "MATHEMATICS",
              schoolYear: YEAR + 1,
              term: "FY",
              grade: "C",
              creditsAttempted: 1,
              creditsEarned: rnd() < 0.7 ? 1 : 0,
            },
          })
        );
      },
      async () => {
        const e = await db().enrollment.findFirst({ where: { studentId: pick(inYear).id, startDate: span, status: "COMPLETED" } });
        const day = new Date(`${YEAR}-11-${10 + Math.floor(rnd() * 10)}`);
        return (
          e &&
          db().activitySession.createMany({
            data: [{ enrollmentId: e.id, startedAt: new Date(day.getTime() + 36e6), day, seconds: 600 + Math.floor(rnd() * 9000), dayTotal: rnd() < 0.3 }],
            skipDuplicates: true,
          })
        );
      },
    ];
    await everything(); // warm: every figure kept
    for (let i = 0; i < 60; i++) {
      await pick(writes)();
      const served = await everything();
      clearReportCache();
      expect(served).toEqual(await everything());
    }
  });
});
