import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import type { Viewer } from "@/lib/access";
import { getDistrictSummary, getGraduation, getProgram, getSchoolSummary } from "./queries";
import { clearReportCache } from "./cache";
import { acgrCube } from "./sql";
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
});

describe("report sources' versions (ReportSource, set by triggers)", () => {
  it("a write that can change a figure sets its source's version; one that cannot leaves it", async () => {
    const student = await db().student.findFirstOrThrow({ where: { schoolId: schools[0].id } });
    const enrollment = await db().enrollment.findFirstOrThrow({});
    const before = await versions();
    expect(Object.keys(before).sort()).toEqual(["enrollments", "rolls", "statusEvents", "students"]);

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

  // Random writes of every kind a figure reads; after each, what the cache serves must be exactly
  // what a fresh computation from the records gives.
  it("serves exactly the figures computed from the records after each of 40 random writes", async () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const students = await db().student.findMany({ select: { id: true, schoolId: true } });
    const courses = await db().onlineCourse.findMany({ select: { id: true } });
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
    ];
    await everything(); // warm: every figure kept
    for (let i = 0; i < 40; i++) {
      await pick(writes)();
      const served = await everything();
      clearReportCache();
      expect(served).toEqual(await everything());
    }
  });
});
