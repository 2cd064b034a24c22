import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { enrollIn, rosterAndAlgebraCourse } from "@/lib/imports/test-course";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { writeTemp } from "@/lib/imports/test-helpers";
import type { Viewer } from "@/lib/access";
import { recordAssessmentResults } from "./results";
import { activeTime } from "./activity";

// One definition of a day of time on task (lib/enrollments/activity.ts dayActiveSeconds): the day
// total a report gave, else the sum of the day's sessions. The activity import, provider progress
// and a counselor's result all move Enrollment.lastActivityOn by it, and the student page and the
// guardrail input (activeTime) read it: a 0-minute day total beside a 30-minute session is no day
// of activity for any of them. District zone America/New_York (EDT, −04:00, in October 2026).

useTestDatabase();
const asOf = new Date("2026-10-28T16:00:00Z");
const today = new Date("2026-10-28");
const day = (d: Date | null | undefined) => d?.toISOString().slice(0, 10) ?? null;
const ACTIVITY = "provider,student_id,course_code,enrollment_id,session_start,session_end,date,minutes\n";
const PROGRESS = "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date,attempt,course_status,final_grade\n";
let courseId = "";
let admin: Viewer;

const lastActivityOn = async (id: string) => day((await db().enrollment.findUniqueOrThrow({ where: { id } })).lastActivityOn);
const lastDay = async (id: string) => (await activeTime([id], { today, weeks: 8 })).get(id)!.lastDay;
/** A 0-minute day total and a 30-minute session, both on 25 October, stored as the import stores them. */
const zeroDayWithSession = (enrollmentId: string) =>
  db().activitySession.createMany({
    data: [
      { enrollmentId, startedAt: new Date("2026-10-25T04:00:00Z"), day: new Date("2026-10-25"), seconds: 0, dayTotal: true },
      { enrollmentId, startedAt: new Date("2026-10-25T14:00:00Z"), endedAt: new Date("2026-10-25T14:30:00Z"), day: new Date("2026-10-25"), seconds: 1800 },
    ],
  });

beforeAll(async () => {
  courseId = (await rosterAndAlgebraCourse()).courseId;
  admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
});

describe("last activity: one definition of a day of time on task", () => {
  it("the activity import counts a day by its day total, in the file and beside stored rows, as activeTime does", async () => {
    const ben = await enrollIn(courseId, "100002");
    const first = await runImport(
      null,
      "activity",
      writeTemp(
        "la1.csv",
        ACTIVITY +
          "APEX,100002,ALG1-CR,,2026-10-20T10:00:00-04:00,2026-10-20T10:30:00-04:00,,\n" +
          "APEX,100002,ALG1-CR,,,,2026-10-25,0\n" +
          "APEX,100002,ALG1-CR,,2026-10-25T10:00:00-04:00,2026-10-25T10:30:00-04:00,,\n",
      ),
      { asOf },
    );
    expect(first.errors).toEqual([]);
    expect(await lastDay(ben)).toBe("2026-10-20");
    expect(await lastActivityOn(ben)).toBe("2026-10-20");

    // Another session that day, in a later file: the stored 0-minute day total still stands for the day.
    const second = await runImport(null, "activity", writeTemp("la2.csv", ACTIVITY + "APEX,100002,ALG1-CR,,2026-10-25T15:00:00-04:00,2026-10-25T15:20:00-04:00,,\n"), { asOf });
    expect(second.errors).toEqual([]);
    expect(second.counts.enrollments).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await lastDay(ben)).toBe("2026-10-20");
    expect(await lastActivityOn(ben)).toBe("2026-10-20");

    // The vendor corrects the day total to 25 minutes: now the 25th is a day of activity for both.
    const third = await runImport(null, "activity", writeTemp("la3.csv", ACTIVITY + "APEX,100002,ALG1-CR,,,,2026-10-25,25\n"), { asOf });
    expect(third.errors).toEqual([]);
    expect(third.counts.enrollments).toMatchObject({ updated: 1 });
    expect(await lastDay(ben)).toBe("2026-10-25");
    expect(await lastActivityOn(ben)).toBe("2026-10-25");
  });

  it("a counselor's result keeps last activity at the latest day of time on task by the same definition", async () => {
    const ana = await enrollIn(courseId, "100001");
    await zeroDayWithSession(ana);
    const { version } = await db().enrollment.findUniqueOrThrow({ where: { id: ana } });
    const [quiz] = await db().courseAssessment.findMany({ where: { courseId }, orderBy: { position: "asc" } });
    await recordAssessmentResults(admin, { enrollmentId: ana, version, results: [{ assessmentId: quiz!.id, score: 80, takenOn: new Date("2026-10-10") }] }, asOf);
    expect(await lastDay(ana)).toBeNull();
    expect(await lastActivityOn(ana)).toBe("2026-10-10");
  });

  it("provider progress keeps last activity at the latest day of time on task by the same definition", async () => {
    const chloe = await enrollIn(courseId, "100004");
    await zeroDayWithSession(chloe);
    const r = await runImport(null, "progress", writeTemp("lap.csv", PROGRESS + "APEX,100004,ALG1-CR,,1,80,100,2026-10-10,1,,\n"), { asOf });
    expect(r.errors).toEqual([]);
    expect(await lastDay(chloe)).toBeNull();
    expect(await lastActivityOn(chloe)).toBe("2026-10-10");
  });
});
