import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { runValidated } from "@/lib/safe-action";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import type { StatusEventKind } from "@/lib/generated/prisma/enums";
import { getStudentRecord } from "@/lib/students/record";
import { changeStatus } from "@/lib/students/status-change";
import { statusChangeSchema, statusChangedMessage } from "@/lib/students/schema";
import { reengageCounselorChoices, reengageStudent } from "./reengage";
import { reengageSchema } from "./schema";

// Re-engagement from the student's status form and the Re-engagement list (issue 16 review):
// the form offers what the server allows; the student ends with an active counselor of the
// school; a counselor chosen is pinned against the next roster import and takes the old
// counselor's active plans (lib/students/assign-counselor.ts).

useTestDatabase();

const NOW = new Date("2026-12-01T15:00:00Z");
const day = (s: string) => new Date(`${s}T00:00:00Z`);

let w: { admin: Viewer; school: string; c1: { id: string; name: string }; c2: { id: string; name: string }; gone: { id: string; name: string }; other: { id: string } };

beforeAll(async () => {
  const school = await makeSchool({ name: "Gamma High" });
  const elsewhere = await makeSchool({ name: "Delta High" });
  const c1 = await makeUser("COUNSELOR", school.id, { name: "Ana Silva" });
  const c2 = await makeUser("COUNSELOR", school.id, { name: "Ben Ortiz" });
  const gone = await makeUser("COUNSELOR", school.id, { name: "Cy Gone" });
  const other = await makeUser("COUNSELOR", elsewhere.id);
  await db().user.update({ where: { id: gone.id }, data: { active: false } });
  w = { admin: viewerOf(await makeUser("SCHOOL_ADMIN", school.id)), school: school.id, c1, c2, gone, other };
});

/** A student who left (`kind`) on 2025-06-15, on `counselorId`'s caseload. */
async function leaver(counselorId: string | null, kind: StatusEventKind = "DROPPED_OUT", documented: boolean | null = null) {
  const s = await makeStudent(w.school, counselorId, { status: kind as never, statusDate: day("2025-06-15") });
  await db().statusEvent.create({ data: { studentId: s.id, schoolId: w.school, kind, effectiveDate: day("2025-06-15"), documented, gradeLevel: 11 } });
  return s;
}
const plan = (studentId: string, ownerId: string) =>
  db().interventionPlan.create({
    data: {
      studentId,
      ownerId,
      createdById: ownerId,
      type: "ATTENDANCE",
      tier: 2,
      goal: "Attend",
      metric: "ATTENDANCE_RATE",
      targetValue: 90,
      targetText: "",
      startDate: day("2025-05-01"),
      nextFollowUp: day("2025-06-01"),
      status: "ACTIVE",
    },
  });
const reengage = (viewer: Viewer, studentId: string, more: Record<string, unknown> = {}) =>
  runValidated(viewer, statusChangeSchema, (v, i) => changeStatus(v, i, NOW), {
    studentId,
    version: "1",
    kind: "REENGAGED",
    effectiveDate: "2026-11-30",
    confirmed: "yes",
    ...more,
  });

describe("the status form's choices", () => {
  it("offer no re-engagement after a documented transfer, and say why; re-engagement after an undocumented one", async () => {
    const documented = await leaver(w.c1.id, "TRANSFERRED_OUT", true);
    const r = await getStudentRecord(w.admin, documented.id, NOW, { notes: false });
    expect(r.statusChoices.kinds).not.toContain("REENGAGED");
    expect(r.statusChoices).toEqual({ kinds: [], none: expect.stringContaining("documented") });
    const undocumented = await leaver(w.c1.id, "TRANSFERRED_OUT", false);
    expect((await getStudentRecord(w.admin, undocumented.id, NOW, { notes: false })).statusChoices).toEqual({ kinds: ["REENGAGED"], none: null });
    const enrolled = await makeStudent(w.school, w.c1.id);
    expect((await getStudentRecord(w.admin, enrolled.id, NOW, { notes: false })).statusChoices.kinds).toEqual(["GRADUATED", "DROPPED_OUT", "TRANSFERRED_OUT"]);
  });
});

describe("re-engaging from the status form", () => {
  it("keeps an active counselor of the school, unpinned, and names them", async () => {
    const s = await leaver(w.c1.id);
    expect(await reengageCounselorChoices(w.admin, s.id)).toBeNull();
    const r = await reengage(w.admin, s.id);
    expect(r).toMatchObject({ ok: true, data: { counselorName: "Ana Silva" } });
    expect(await db().student.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: "ENROLLED", counselorId: w.c1.id, counselorPinnedAt: null, version: 2 });
    expect(statusChangedMessage("REENGAGED", "Ana Silva")).toBe("Re-engaged: enrolled again, on Ana Silva's caseload and Today list.");
  });

  it("refuses without a counselor chosen when the student's was deactivated; with one, sets, pins and passes the plans", async () => {
    const s = await leaver(w.gone.id);
    const p = await plan(s.id, w.gone.id);
    expect((await reengageCounselorChoices(w.admin, s.id))?.map((c) => c.name)).toEqual(["Ana Silva", "Ben Ortiz"]);
    const refused = await reengage(w.admin, s.id);
    expect(refused).toMatchObject({ ok: false, fieldErrors: { counselorId: [expect.stringContaining("Choose a counselor")] } });
    expect(await reengage(w.admin, s.id, { counselorId: w.other.id })).toMatchObject({ ok: false, fieldErrors: { counselorId: expect.anything() } });
    expect(await db().student.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: "DROPPED_OUT", counselorId: w.gone.id, version: 1 });

    const r = await reengage(w.admin, s.id, { counselorId: w.c2.id });
    expect(r).toMatchObject({ ok: true, data: { counselorName: "Ben Ortiz" } });
    const after = await db().student.findUniqueOrThrow({ where: { id: s.id } });
    expect(after).toMatchObject({ status: "ENROLLED", counselorId: w.c2.id, counselorPinnedById: w.admin.id, version: 2 });
    expect(after.counselorPinnedAt).toBeInstanceOf(Date);
    expect((await db().interventionPlan.findUniqueOrThrow({ where: { id: p.id } })).ownerId).toBe(w.c2.id);
    expect((await db().auditEvent.findFirstOrThrow({ where: { action: "student.status", studentId: s.id } })).details).toMatchObject({ counselorId: w.c2.id, plans: 1 });
  });

  it("asks for a counselor when the student has none", async () => {
    const s = await leaver(null);
    expect(await reengage(w.admin, s.id)).toMatchObject({ ok: false, fieldErrors: { counselorId: expect.anything() } });
  });
});

describe("re-engaging from the Re-engagement list", () => {
  it("pins the chosen counselor and passes the old counselor's active plans", async () => {
    const s = await leaver(w.c1.id);
    const p = await plan(s.id, w.c1.id);
    const r = await runValidated(w.admin, reengageSchema, (v, i) => reengageStudent(v, i, NOW), {
      studentId: s.id,
      version: "1",
      counselorId: w.c2.id,
      effectiveDate: "2026-11-30",
      confirmed: "yes",
    });
    expect(r).toMatchObject({ ok: true });
    expect(await db().student.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ counselorId: w.c2.id, counselorPinnedById: w.admin.id, version: 2 });
    expect((await db().interventionPlan.findUniqueOrThrow({ where: { id: p.id } })).ownerId).toBe(w.c2.id);
  });
});
