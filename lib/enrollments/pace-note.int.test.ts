import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { getStudentRecord } from "@/lib/students/record";
import { recordAssessmentResults } from "./results";

// The card's pace sentence as the student record gives it (record.ts enrollmentView → paceNote),
// not only the pure function (pace-note.test.ts).

useTestDatabase();

const NOW = new Date("2026-10-15T15:00:00Z");
const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe("getStudentRecord: each active enrollment says why its two pace measures disagree", () => {
  it("gives the sentence for either disagreement, and none for an ended course", async () => {
    const school = await makeSchool();
    const counselor = await makeUser("COUNSELOR", school.id);
    const me = viewerOf(counselor);
    const student = await makeStudent(school.id, counselor.id);
    // 5 assessments spread over 70 days from 1 Sep: due on 15 Sep, 29 Sep, 13 Oct, 27 Oct, 10 Nov,
    // so 3 are due on 15 Oct; the target line expects 44 ÷ 70 = 63% by then.
    const enrol = async () => {
      const course = await makeCourse({ formative: 3, summative: 2 });
      const e = await db().enrollment.create({ data: { studentId: student.id, courseId: course.id, startDate: day("2026-09-01"), targetDate: day("2026-11-10") } });
      return { course, e };
    };
    const record = (e: { id: string }, scores: [{ id: string }, number][]) =>
      recordAssessmentResults(me, { enrollmentId: e.id, version: 1, results: scores.map(([a, score]) => ({ assessmentId: a.id, score, takenOn: day("2026-10-10") })) }, NOW);

    // All 3 due are done, none at mastery: schedule green, progress 0% behind the line.
    const a = await enrol();
    await record(a.e, [
      [a.course.assessments[0]!, 50],
      [a.course.assessments[1]!, 50],
      [a.course.assessments[2]!, 50],
    ]);
    // 3 of 5 at mastery (one due, two not yet due): progress 60% on the line, but 2 of 3 due not done.
    const b = await enrol();
    await record(b.e, [
      [b.course.assessments[0]!, 90],
      [b.course.assessments[3]!, 90],
      [b.course.assessments[4]!, 90],
    ]);
    // Ended: no pace sentence.
    const c = await enrol();
    await db().enrollment.update({ where: { id: c.e.id }, data: { status: "WITHDRAWN", endedOn: day("2026-10-01") } });

    const cards = new Map((await getStudentRecord(me, student.id, NOW)).enrollments.map((e) => [e.id, e]));
    expect(cards.get(a.e.id)).toMatchObject({
      progress: 0,
      pace: { expected: 63, status: "BEHIND" },
      schedule: { rate: 100, colour: "GREEN", due: 3, done: 3 },
      paceNote: "All 3 assessments due so far are done, but progress through the whole course (0%) is behind the target line (63% expected by today).",
    });
    expect(cards.get(b.e.id)).toMatchObject({
      progress: 60,
      pace: { expected: 63, status: "ON_PACE" },
      schedule: { rate: 33, colour: "RED", due: 3, done: 1 },
      paceNote: "Progress through the whole course (60%) is on the target line (63% expected by today), but 2 of 3 assessments due so far are not done.",
    });
    expect(cards.get(c.e.id)).toMatchObject({ status: "WITHDRAWN", paceNote: null });
  });
});
