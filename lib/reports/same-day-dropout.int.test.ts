// A dropout and a return recorded on the same day resolve to the later row (issue 12: events are
// ordered by effective date, then sequence, "in every figure"). The MA DESE rate's "returned by
// October 1" used the date alone, so a same-day dropout-then-return still counted as a dropout
// while the student's status said enrolled.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { getDropout } from "@/lib/reports/queries";
import { byCube } from "./test/shown";
import { dropoutOutcome } from "@/lib/reports/dropout";
import type { Viewer } from "@/lib/access";

useTestDatabase();
let admin: Viewer;
let school: { id: string; stateCode: string };
const ids: string[] = [];

beforeAll(async () => {
  admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  school = await makeSchool({ name: "Same Day High" });
  for (let i = 0; i < 6; i++) {
    const s = await makeStudent(school.id, null, { gradeLevel: 11 });
    ids.push(s.id);
    await db().studentYear.create({ data: { studentId: s.id, schoolYear: 2024, schoolId: school.id, gradeLevel: 11, enrolledOct1: true } });
  }
  const ev = (studentId: string, kind: "DROPPED_OUT" | "REENGAGED", sequence: number) => ({
    studentId,
    kind,
    effectiveDate: new Date("2025-02-03"),
    schoolId: school.id,
    gradeLevel: 11,
    sequence: BigInt(sequence),
  });
  // Student 0: dropped out, then came back the same day (later row). Student 1: the reverse.
  // Sequences run against the ids' creation order, so only the sequence can tell.
  await db().statusEvent.createMany({
    data: [ev(ids[0], "REENGAGED", 900_002), ev(ids[0], "DROPPED_OUT", 900_001), ev(ids[1], "DROPPED_OUT", 900_004), ev(ids[1], "REENGAGED", 900_003)],
  });
});

describe("a same-day dropout and return", () => {
  it("counts only the student whose later row is the dropout (SQL path)", async () => {
    const r = await getDropout(admin, { year: 2024, school: school.stateCode });
    expect((await byCube(school.id, 2024)).dropout).toEqual({ numerator: 1, denominator: 6 });
    // 1 of 6 is within one student of none: shown coded (disclosure.ts), never as 1.
    expect(r.figure).toMatchObject({ numerator: null, denominator: 6, coded: { op: "≤", bound: 16.7 } });
  });

  it("agrees with the rule in TypeScript (events in recorded order)", async () => {
    const outcomes = [];
    for (const id of ids.slice(0, 2)) {
      const events = await db().statusEvent.findMany({ where: { studentId: id }, orderBy: [{ effectiveDate: "asc" }, { sequence: "asc" }] });
      outcomes.push(dropoutOutcome(events, 2024));
    }
    expect(outcomes.map((o) => [o.counted, o.reason])).toEqual([
      [false, "RETURNED"],
      [true, "DROPPED_OUT"],
    ]);
  });
});
