import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { handle as postResults } from "@/app/api/enrollments/[id]/results/handle";
import { handle as postNote } from "@/app/api/students/[id]/notes/handle";

// The JSON write APIs, called as the route does (a Request and the route params) with the viewer
// passed in: statuses and bodies for each kind of caller and input, and no row on a refusal.

useTestDatabase();

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => iso(new Date(Date.now() - n * 86_400_000));
const post = (body: unknown) =>
  new Request("http://test/api", { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

async function setup() {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const other = await makeUser("COUNSELOR", school.id);
  const student = await makeStudent(school.id, counselor.id);
  const course = await makeCourse();
  const enrollment = await db().enrollment.create({
    data: { studentId: student.id, courseId: course.id, startDate: new Date(`${daysAgo(30)}T00:00:00Z`), targetDate: new Date(`${daysAgo(-60)}T00:00:00Z`) },
  });
  return { me: viewerOf(counselor), stranger: viewerOf(other), student, course, enrollment, q1: course.assessments[0] };
}

describe("POST /api/enrollments/[id]/results", () => {
  it("records results and answers the new progress and attempts", async () => {
    const { me, enrollment, q1 } = await setup();
    const res = await postResults(me, post({ version: 1, results: [{ assessmentId: q1.id, score: 80, takenOn: daysAgo(1) }] }), { id: enrollment.id });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ progress: 33, attempts: [{ assessmentId: q1.id, attempt: 1 }] });
    expect(await db().enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).toMatchObject({ version: 2, progress: 33 });
  });

  it("answers 401 without a session", async () => {
    const { enrollment, q1 } = await setup();
    const res = await postResults(null, post({ version: 1, results: [{ assessmentId: q1.id, score: 80, takenOn: daysAgo(1) }] }), { id: enrollment.id });
    expect(res.status).toBe(401);
    expect(await db().assessmentResult.count({ where: { enrollmentId: enrollment.id } })).toBe(0);
  });

  it("answers an out-of-scope enrollment exactly like a nonexistent one (404)", async () => {
    const { stranger, enrollment, q1 } = await setup();
    const body = { version: 1, results: [{ assessmentId: q1.id, score: 80, takenOn: daysAgo(1) }] };
    const outOfScope = await postResults(stranger, post(body), { id: enrollment.id });
    const missing = await postResults(stranger, post(body), { id: "no-such-enrollment" });
    expect([outOfScope.status, missing.status]).toEqual([404, 404]);
    expect(await outOfScope.json()).toEqual(await missing.json());
    expect(await db().assessmentResult.count({ where: { enrollmentId: enrollment.id } })).toBe(0);
  });

  it("answers 400 with field errors for bad input, and writes nothing", async () => {
    const { me, enrollment, q1 } = await setup();
    const cases: [unknown, string][] = [
      ["not json", "version"],
      [{ results: [{ assessmentId: q1.id, score: 80, takenOn: daysAgo(1) }] }, "version"],
      [{ version: "1", results: [] }, "version"],
      [{ version: 1, results: [] }, "results"],
      [{ version: 1, results: [{ assessmentId: q1.id, score: "NaN", takenOn: daysAgo(1) }] }, "results"],
      [{ version: 1, results: [{ assessmentId: q1.id, score: 80, takenOn: "2026-02-30" }] }, "results"],
      [{ version: 1, results: [{ assessmentId: q1.id, score: 101, takenOn: daysAgo(1) }] }, `score_${q1.id}`],
      [{ version: 1, results: [{ assessmentId: q1.id, score: 80, takenOn: daysAgo(-3) }] }, "takenOn"],
      [{ version: 1, results: [{ assessmentId: "other", score: 80, takenOn: daysAgo(1) }] }, "score_other"],
    ];
    for (const [body, field] of cases) {
      const res = await postResults(me, post(body), { id: enrollment.id });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).fieldErrors, JSON.stringify(body)).toHaveProperty([field]);
    }
    expect(await db().assessmentResult.count({ where: { enrollmentId: enrollment.id } })).toBe(0);
  });

  it("answers 409 for a stale version", async () => {
    const { me, enrollment, q1 } = await setup();
    const body = { version: 1, results: [{ assessmentId: q1.id, score: 80, takenOn: daysAgo(1) }] };
    expect((await postResults(me, post(body), { id: enrollment.id })).status).toBe(200);
    const stale = await postResults(me, post(body), { id: enrollment.id });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatch(/reload/);
    expect(await db().assessmentResult.count({ where: { enrollmentId: enrollment.id } })).toBe(1);
  });
});

describe("POST /api/students/[id]/notes", () => {
  it("adds a note and answers its id", async () => {
    const { me, student } = await setup();
    const res = await postNote(me, post({ kind: "CHECK_IN", body: "Called about the quiz." }), { id: student.id });
    expect(res.status).toBe(200);
    const { id } = await res.json();
    expect(await db().note.findUniqueOrThrow({ where: { id } })).toMatchObject({ studentId: student.id, authorId: me.id, body: "Called about the quiz." });
  });

  it("answers 401 signed out, 404 out of scope or nonexistent (same body), 400 with field errors", async () => {
    const { me, stranger, student } = await setup();
    expect((await postNote(null, post({ kind: "OTHER", body: "x" }), { id: student.id })).status).toBe(401);
    const outOfScope = await postNote(stranger, post({ kind: "OTHER", body: "x" }), { id: student.id });
    const missing = await postNote(stranger, post({ kind: "OTHER", body: "x" }), { id: "nobody" });
    expect([outOfScope.status, missing.status]).toEqual([404, 404]);
    expect(await outOfScope.json()).toEqual(await missing.json());
    const bad = await postNote(me, post({ kind: "GOSSIP", body: "   " }), { id: student.id });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fieldErrors).toMatchObject({ kind: ["Choose the kind of note"], body: ["Write the note"] });
    expect(await db().note.count({ where: { studentId: student.id } })).toBe(0);
  });
});
