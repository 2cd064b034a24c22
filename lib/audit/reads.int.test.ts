import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { NotFoundError, type Viewer } from "@/lib/access";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { listCaseload } from "@/lib/students/caseload";
import { caseloadParamsSchema } from "@/lib/students/schema";
import { getStudentRecord } from "@/lib/students/record";
import { getDrill } from "@/lib/reports/drill";
import { drillParams, graduationParams } from "@/lib/reports/schema";
import { getEarlyWarning } from "@/lib/reports/early-warning";
import { getGraduation } from "@/lib/reports/queries";
import { reportHandler } from "@/lib/reports/http";
import { studentsCsv } from "@/lib/exports/students";
import { enrollmentsCsv } from "@/lib/exports/enrollments";
import { runValidated } from "@/lib/safe-action";
import { addNote, editNote } from "@/lib/notes/notes";
import { addNoteSchema, editNoteSchema } from "@/lib/notes/schema";
import { recordAssessmentResults } from "@/lib/enrollments/results";
import { recordResultsApiSchema } from "@/lib/enrollments/schema";
import { refusePage } from "@/lib/audit/refuse";
import { districtDay } from "@/lib/calendar";

// Issue 14, "who saw which records": every list, drill-down and export is an audit event with the
// viewer, the filter and the number of students (and, for drill-downs and exports, their ids);
// every refused attempt is one too; a student record read again within a second is one read.

useTestDatabase();

const TODAY = districtDay();

/** The events `who` caused since `since`, oldest first. */
async function eventsOf(who: Viewer, since: Date) {
  return db().auditEvent.findMany({ where: { userId: who.id, at: { gte: since } }, orderBy: { id: "asc" } });
}
const mark = () => new Date(Date.now() - 1);

async function district() {
  const school = await makeSchool();
  const other = await makeSchool();
  const counselor = viewerOf(await makeUser("COUNSELOR", school.id));
  const colleague = viewerOf(await makeUser("COUNSELOR", school.id));
  const schoolAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
  const districtAdmin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  await db().districtSettings.upsert({ where: { id: 1 }, create: { totalCreditsRequired: 22 }, update: {} });
  return { school, other, counselor, colleague, schoolAdmin, districtAdmin };
}

describe("lists of students are audited with viewer, filter and count", () => {
  it("a caseload view filtered to SPED records the filter and how many students it read", async () => {
    const { school, counselor, colleague } = await district();
    await makeStudent(school.id, counselor.id, { specialEducation: true });
    await makeStudent(school.id, counselor.id, { specialEducation: true, englishLearner: true });
    await makeStudent(school.id, counselor.id);
    await makeStudent(school.id, colleague.id, { specialEducation: true });
    const since = mark();
    const page = await listCaseload(counselor, caseloadParamsSchema.parse({ flag: "SPED", sort: "name" }), TODAY);
    expect(page.total).toBe(2);
    const [e, ...more] = await eventsOf(counselor, since);
    expect(more).toEqual([]);
    expect(e).toMatchObject({ action: "caseload.view", studentId: null, entity: "Student" });
    expect(e.details).toEqual({ filter: { status: "ENROLLED", flag: ["SPED"] }, students: 2 });
  });

  it("the early-warning counts are audited as that report, with the school and the number counted", async () => {
    const { school, counselor, schoolAdmin } = await district();
    await makeStudent(school.id, counselor.id);
    await makeStudent(school.id, counselor.id);
    const since = mark();
    await getEarlyWarning(schoolAdmin, {}, TODAY);
    const events = await eventsOf(schoolAdmin, since);
    expect(events.map((e) => [e.action, e.details])).toEqual([["report.early_warning", { filter: { school: school.id }, students: 2 }]]);
  });

  /** The students an event showed (AuditEventStudent rows), sorted. */
  const shownBy = async (eventId: bigint) => (await db().auditEventStudent.findMany({ where: { eventId }, select: { studentId: true } })).map((r) => r.studentId).sort();

  it("a drill-down records its filter, the number of students listed and which", async () => {
    const { school, other, counselor, schoolAdmin } = await district();
    const a = await makeStudent(school.id, counselor.id, { cohortYear: 2028 });
    const b = await makeStudent(school.id, null, { cohortYear: 2028 });
    await makeStudent(school.id, counselor.id, { cohortYear: 2029 });
    await makeStudent(other.id, null, { cohortYear: 2028 });
    const since = mark();
    const d = await getDrill(schoolAdmin, drillParams.parse({ figure: "acgr4", cohort: "2028" }));
    expect(d.rows).toHaveLength(2);
    const [e] = await eventsOf(schoolAdmin, since);
    expect(e.action).toBe("report.drill");
    expect(e.details).toEqual({ filter: { figure: "acgr4", year: 2027, school: school.id, show: "all" }, students: 2 });
    expect(await shownBy(e.id)).toEqual([a.id, b.id].sort());
  });

  it("each export records its scope, how many students and which", async () => {
    const { school, counselor, colleague } = await district();
    const mine = [await makeStudent(school.id, counselor.id), await makeStudent(school.id, counselor.id)];
    await makeStudent(school.id, colleague.id);
    const course = await makeCourse();
    await db().enrollment.create({ data: { studentId: mine[1].id, courseId: course.id, startDate: TODAY, targetDate: new Date(TODAY.getTime() + 60 * 86_400_000) } });
    const since = mark();
    const drain = async (lines: AsyncIterable<string>) => {
      let n = 0;
      for await (const chunk of lines) n += chunk.split("\r\n").length - 1;
      return n;
    };
    expect(await drain(studentsCsv(counselor))).toBe(3);
    expect(await drain(enrollmentsCsv(counselor))).toBe(2);
    const events = await eventsOf(counselor, since);
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ["export.students", { filter: { scope: "own caseload" }, students: 2 }],
      ["export.enrollments", { filter: { scope: "own caseload" }, students: 1 }],
    ]);
    expect(await shownBy(events[0].id)).toEqual(mine.map((s) => s.id).sort());
    expect(await shownBy(events[1].id)).toEqual([mine[1].id]);
  });

  it("report figures from the API are audited with the path and filter; refusals with the role's path or the school asked for", async () => {
    const { school, other, counselor, schoolAdmin } = await district();
    const handle = reportHandler(graduationParams, (v, p) => getGraduation(v, { cohort: p.cohort, school: p.school }));
    const get = (v: Viewer, q: string) => handle(v, new Request(`http://test/api/reports/graduation?${q}`));
    const since = mark();
    expect((await get(schoolAdmin, `cohort=2024&school=${school.id}`)).status).toBe(200);
    expect((await get(schoolAdmin, `cohort=2024&school=${other.id}`)).status).toBe(404);
    expect((await get(counselor, `cohort=2024`)).status).toBe(403);
    expect((await eventsOf(schoolAdmin, since)).map((e) => [e.action, e.entityId, e.details])).toEqual([
      ["report.export", null, { path: "/api/reports/graduation", filter: { cohort: 2024, school: school.id } }],
      ["school.read.refused", other.id, { path: "/api/reports/graduation" }],
    ]);
    const [refused] = await eventsOf(counselor, since);
    expect(refused).toMatchObject({ action: "access.refused", details: { path: "/api/reports/graduation", reason: "Reports are for school and district administrators." } });
  });
});

describe("refused attempts are audited", () => {
  it("a student page out of scope or nonexistent records student.read.refused with the id asked for", async () => {
    const { school, counselor, colleague } = await district();
    const theirs = await makeStudent(school.id, colleague.id);
    const since = mark();
    await expect(getStudentRecord(counselor, theirs.id, TODAY)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStudentRecord(counselor, "no-such-student", TODAY)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStudentRecord(counselor, "bad\u0000id", TODAY)).rejects.toBeInstanceOf(NotFoundError);
    const events = await eventsOf(counselor, since);
    expect(events.map((e) => [e.action, e.studentId, e.entityId])).toEqual([
      ["student.read.refused", theirs.id, theirs.id],
      ["student.read.refused", null, "no-such-student"],
      ["student.read.refused", null, null],
    ]);
    expect(events[2].details).toEqual({ unstorableId: true });
  });

  it("an action on a record out of scope records <thing>.write.refused with the id; a permission refused records access.refused", async () => {
    const { school, counselor, colleague, schoolAdmin } = await district();
    const theirs = await makeStudent(school.id, colleague.id);
    const course = await makeCourse();
    const enrollment = await db().enrollment.create({
      data: { studentId: theirs.id, courseId: course.id, startDate: TODAY, targetDate: new Date(TODAY.getTime() + 60 * 86_400_000) },
    });
    const note = await addNote(colleague, { studentId: theirs.id, kind: "OTHER", body: "Checked in." });
    const since = mark();
    const noteResult = await runValidated(counselor, addNoteSchema, addNote, { studentId: theirs.id, kind: "OTHER", body: "Not mine." });
    expect(noteResult).toMatchObject({ ok: false, message: "Student not found" });
    const resultsResult = await runValidated(counselor, recordResultsApiSchema, recordAssessmentResults, {
      enrollmentId: enrollment.id,
      version: 1,
      results: [{ assessmentId: course.assessments[0].id, score: 80, takenOn: TODAY.toISOString().slice(0, 10) }],
    });
    expect(resultsResult).toMatchObject({ ok: false, message: "Enrollment not found" });
    expect((await eventsOf(counselor, since)).map((e) => [e.action, e.studentId, e.entityId])).toEqual([
      ["student.write.refused", theirs.id, theirs.id],
      ["enrollment.write.refused", theirs.id, enrollment.id],
    ]);
    const edit = await runValidated(schoolAdmin, editNoteSchema, editNote, { noteId: note.id, version: 1, kind: "OTHER", body: "Edited by someone else." });
    expect(edit).toMatchObject({ ok: false });
    expect((await eventsOf(schoolAdmin, since)).map((e) => [e.action, e.details])).toEqual([["access.refused", { reason: "Only the author can edit a note." }]]);
  });

  it("a page the role may not open records access.refused with its path, then answers not found", async () => {
    const { counselor } = await district();
    const since = mark();
    await expect(refusePage(counselor, "/audit")).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    expect((await eventsOf(counselor, since)).map((e) => [e.action, e.details])).toEqual([["access.refused", { path: "/audit" }]]);
  });
});

describe("one look at a student is one read", () => {
  it("identical reads within a second are written once; a read a second later is written again", async () => {
    const { school, counselor, colleague } = await district();
    const s = await makeStudent(school.id, counselor.id);
    const since = mark();
    // A save, then the page rendered by the action and again by revalidatePath + router.refresh.
    for (let i = 0; i < 3; i++) await getStudentRecord(counselor, s.id, TODAY);
    // Another user, or another student, is another event.
    await getStudentRecord(viewerOf({ ...counselor, id: (await makeUser("SCHOOL_ADMIN", school.id)).id, role: "SCHOOL_ADMIN" }), s.id, TODAY);
    await expect(getStudentRecord(counselor, (await makeStudent(school.id, colleague.id)).id, TODAY)).rejects.toBeInstanceOf(NotFoundError);
    expect((await eventsOf(counselor, since)).map((e) => e.action)).toEqual(["student.read", "student.read.refused"]);
    expect(await db().auditEvent.count({ where: { action: "student.read", studentId: s.id, at: { gte: since } } })).toBe(2);
    await new Promise((r) => setTimeout(r, 1100));
    await getStudentRecord(counselor, s.id, TODAY);
    expect((await eventsOf(counselor, since)).map((e) => e.action)).toEqual(["student.read", "student.read.refused", "student.read"]);
  });
});
