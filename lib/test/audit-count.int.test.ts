import { describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { verifyCredentials } from "@/lib/auth/credentials";
import { getStudentRecord } from "@/lib/students/record";
import { listCaseload } from "@/lib/students/caseload";
import { caseloadParamsSchema } from "@/lib/students/schema";
import { districtDay, dayOf } from "@/lib/calendar";
import { handle as postResults } from "@/app/api/enrollments/[id]/results/handle";
import { handle as postNote } from "@/app/api/students/[id]/notes/handle";

// The audit trail of one scripted counselor session, counted exactly: sign in, look at the
// caseload, open two student pages (the functions the page and the JSON routes call), record a
// result, add a note. Every read of a student record, every list of students and every write
// leaves one event (issue 14: the caseload list is on the record with its filter and count).

useTestDatabase();

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe("audit trail of a scripted session", () => {
  it("records sign-in, the caseload list, each student page read and each write — 6 events, in order", async () => {
    const school = await makeSchool();
    const password = "a-long-test-password";
    const user = await makeUser("COUNSELOR", school.id, { passwordHash: await bcrypt.hash(password, 4) });
    const [s1, s2] = [await makeStudent(school.id, user.id), await makeStudent(school.id, user.id)];
    const course = await makeCourse();
    const start = new Date(Date.now() - 20 * 86_400_000);
    const enrollment = await db().enrollment.create({
      data: { studentId: s1.id, courseId: course.id, startDate: dayOf(start), targetDate: dayOf(new Date(Date.now() + 60 * 86_400_000)) },
    });
    const me = viewerOf(user);
    const json = (body: unknown) => new Request("http://test/api", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const since = new Date();

    expect(await verifyCredentials({ email: user.email, password }, "127.0.0.1")).toMatchObject({ ok: true });
    await listCaseload(me, caseloadParamsSchema.parse({}), districtDay());
    await getStudentRecord(me, s1.id, districtDay());
    await getStudentRecord(me, s2.id, districtDay());
    const r = await postResults(me, json({ version: 1, results: [{ assessmentId: course.assessments[0].id, score: 75, takenOn: iso(districtDay()) }] }), { id: enrollment.id });
    expect(r.status).toBe(200);
    const n = await postNote(me, json({ kind: "CHECK_IN", body: "Talked about the next quiz." }), { id: s2.id });
    expect(n.status).toBe(200);

    const events = await db().auditEvent.findMany({ where: { userId: user.id, at: { gte: since } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.studentId])).toEqual([
      ["signin.success", null],
      ["caseload.view", null],
      ["student.read", s1.id],
      ["student.read", s2.id],
      ["result.record", s1.id],
      ["note.create", s2.id],
    ]);
    expect(await db().auditEvent.count()).toBe(6);
  });
});
