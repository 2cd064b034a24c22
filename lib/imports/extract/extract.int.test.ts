import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { fixture, writeTemp } from "@/lib/imports/test-helpers";

useTestDatabase();
const asOf = new Date("2025-10-01T12:00:00Z");
beforeAll(async () => {
  await runImport(null, "oneroster", fixture("oneroster-1.1"), { asOf });
});

const HEADER = "sis_id,state_id,grade,first_ninth_grade_year,english_learner,special_education,low_income,attendance_rate,suspensions,courses_failed_this_year,counselor\n";

describe("district student extract", () => {
  it("sets cohort from the first-time 9th-grade year, flags, counselor, status history and transcript", async () => {
    const r = await runImport(null, "students", fixture("extract"));
    expect(r.errors).toEqual([]);
    expect(r.counts.students).toMatchObject({ updated: 3 });
    expect(r.counts.statusEvents).toMatchObject({ created: 4 });
    expect(r.counts.transcript).toMatchObject({ created: 3 });
    const okafor = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c2" } });
    const chloe = await db().student.findUniqueOrThrow({ where: { sisId: "100004" }, include: { statusEvents: true, transcript: true } });
    expect(chloe).toMatchObject({
      firstNinthGradeYear: 2022,
      cohortYear: 2026,
      specialEducation: true,
      lowIncome: true,
      suspensions: 3,
      counselorId: okafor.id,
      status: "ENROLLED",
      statusDate: null,
    });
    expect(Number(chloe.attendanceRate)).toBe(71.25);
    expect(chloe.statusEvents.map((e) => e.kind).sort()).toEqual(["DROPPED_OUT", "ENTERED", "REENGAGED"]);
    expect(chloe.statusEvents.find((e) => e.kind === "DROPPED_OUT")?.reason).toBe("Left school, working full time");
    const ben = await db().student.findUniqueOrThrow({ where: { sisId: "100002" }, include: { transcript: { orderBy: { courseCode: "asc" } } } });
    expect(ben.cohortYear).toBe(2027);
    expect(ben.transcript.map((t) => [t.courseCode, t.courseTitle, t.grade, Number(t.creditsEarned)])).toEqual([
      ["EN101", "English 9: Reading, Writing", "C+", 1],
      ["MA101", "Algebra I", "F", 0],
    ]);
  });

  it("changes nothing on a second import", async () => {
    const before = await db().student.findMany({ orderBy: { sisId: "asc" } });
    const r = await runImport(null, "students", fixture("extract"));
    expect(r.counts.students).toMatchObject({ updated: 0, unchanged: 3 });
    expect(r.counts.statusEvents).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(r.counts.transcript).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await db().student.findMany({ orderBy: { sisId: "asc" } })).toEqual(before);
  });

  it("an exit event moves the student's status, keyed by the event so it is not repeated", async () => {
    const file = writeTemp("events.csv", "sis_id,event,date,documented\n100004,transferred_out,2025-11-03,yes\n");
    expect((await runImport(null, "students", file)).counts.statusEvents.created).toBe(1);
    expect((await runImport(null, "students", file)).counts.statusEvents.unchanged).toBe(1);
    const chloe = await db().student.findUniqueOrThrow({ where: { sisId: "100004" } });
    expect(chloe.status).toBe("TRANSFERRED_OUT");
    expect(chloe.statusDate?.toISOString().slice(0, 10)).toBe("2025-11-03");
    expect(await db().statusEvent.count({ where: { studentId: chloe.id, kind: "TRANSFERRED_OUT", documented: true } })).toBe(1);
  });

  it("rejects unknown students, undocumented transfers and bad values, writing nothing", async () => {
    const before = await db().student.findMany({ orderBy: { sisId: "asc" } });
    const file = writeTemp("students.csv", HEADER + "999999,,9,,,,,,,,\n100001,,13,,,,,,,,\n100002,,,,maybe,,,,,,\n100001,,,,,,,101,,,\n");
    const r = await runImport(null, "students", file);
    expect(r.status).toBe("failed");
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 2, column: "sis_id", value: "999999" }),
        expect.objectContaining({ line: 3, column: "grade", value: "13", message: "must be at most 12" }),
        expect.objectContaining({ line: 4, column: "english_learner", value: "maybe" }),
        expect.objectContaining({ line: 5, column: "attendance_rate", value: "101" }),
      ]),
    );
    const events = writeTemp("events.csv", "sis_id,event,date\n100001,transferred_out,2025-11-03\n100001,expelled,2025-11-03\n");
    const e = await runImport(null, "students", events);
    expect(e.errors.map((x) => [x.line, x.column])).toEqual([
      [2, "documented"],
      [3, "event"],
    ]);
    expect(await db().student.findMany({ orderBy: { sisId: "asc" } })).toEqual(before);
  });
});
