import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/access";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { snapshotRisk } from "./snapshot";
import { getToday } from "./queries";
import { dismissEntry, restoreEntry, setAside } from "./dismiss";
import { listCaseload } from "@/lib/students/caseload";
import { caseloadParamsSchema } from "@/lib/students/schema";

useTestDatabase();

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const MON = day("2026-12-07");

async function district() {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  await db().districtSettings.upsert({ where: { id: 1 }, create: { totalCreditsRequired: 22 }, update: {} });
  return { school, counselor, me: viewerOf(counselor) };
}
const transcript = (studentId: string, credits: number) =>
  db().transcriptCourse.create({
    data: {
      studentId,
      courseCode: "X",
      courseTitle: "Courses",
      subjectArea: "ELECTIVE",
      schoolYear: 2025,
      term: "FY",
      grade: "B",
      creditsAttempted: credits,
      creditsEarned: credits,
    },
  });

describe("the daily risk snapshot", () => {
  it("writes the caseload's level and reasons, then only the students whose risk changed", async () => {
    const { school, counselor, me } = await district();
    const a = await makeStudent(school.id, counselor.id, { attendanceRate: 96, gradeLevel: 9 });
    const b = await makeStudent(school.id, counselor.id, { attendanceRate: 85, gradeLevel: 9 });
    await makeStudent(school.id, counselor.id, { attendanceRate: 70, status: "DROPPED_OUT" });

    const first = await snapshotRisk(day("2026-11-30"));
    expect(first).toMatchObject({ students: 2, changed: 2, skipped: false });
    const rows = await db().riskSnapshot.findMany({ orderBy: { studentId: "asc" } });
    const caseload = (await listCaseload(me, caseloadParamsSchema.parse({}), day("2026-11-30"))).rows;
    // The same rule as the caseload, for every student.
    for (const r of rows) {
      const c = caseload.find((x) => x.id === r.studentId)!;
      expect(r.level).toBe(c.risk.level);
      expect(r.reasons).toEqual(c.risk.reasons.map((x) => x.code));
    }
    expect(rows.find((r) => r.studentId === b.id)).toMatchObject({ level: "MODERATE", reasons: ["ATTENDANCE"], counselorId: counselor.id });

    // Next day, nothing changed: nothing written. A's attendance falls: one row.
    expect((await snapshotRisk(day("2026-12-01"))).changed).toBe(0);
    await db().student.update({ where: { id: a.id }, data: { attendanceRate: 75 } });
    expect((await snapshotRisk(day("2026-12-02"))).changed).toBe(1);
    expect(await db().riskSnapshot.count({ where: { studentId: a.id } })).toBe(2);
    // Run again the same day after a correction back: that day's row goes (no change after all).
    await db().student.update({ where: { id: a.id }, data: { attendanceRate: 96 } });
    await snapshotRisk(day("2026-12-02"));
    expect(await db().riskSnapshot.count({ where: { studentId: a.id } })).toBe(1);
    // The hourly job's check: a finished day is skipped.
    expect((await snapshotRisk(day("2026-12-02"), { ifNotDone: true })).skipped).toBe(true);
    expect(await db().riskSnapshotRun.count()).toBe(3);
  });
});

describe("the Today list", () => {
  it("lists newly high risk, follow-ups due and no contact, scoped to my caseload, with the list audited", async () => {
    const { school, counselor, me } = await district();
    const other = await makeUser("COUNSELOR", school.id);
    const rising = await makeStudent(school.id, counselor.id, { lastName: "Rising", attendanceRate: 85, gradeLevel: 9 });
    const planned = await makeStudent(school.id, counselor.id, { lastName: "Planned", attendanceRate: 96, gradeLevel: 9 });
    const quiet = await makeStudent(school.id, counselor.id, { lastName: "Quiet", attendanceRate: 96, gradeLevel: 9 });
    const elsewhere = await makeStudent(school.id, other.id, { lastName: "Elsewhere", attendanceRate: 70, gradeLevel: 9 });
    for (const s of [rising, planned, quiet, elsewhere]) await transcript(s.id, 0);

    // History: a week before Monday, Rising was moderate. Since then attendance fell below 80%.
    await snapshotRisk(day("2026-11-29"));
    await db().student.update({ where: { id: rising.id }, data: { attendanceRate: 75 } });
    await snapshotRisk(day("2026-12-03"));
    // A plan whose follow-up is due on Monday, and one still in the future.
    const plan = await db().interventionPlan.create({
      data: {
        studentId: planned.id,
        type: "ATTENDANCE",
        tier: 2,
        goal: "Attend",
        metric: "ATTENDANCE_RATE",
        targetValue: 90,
        targetText: "≥ 90%",
        ownerId: counselor.id,
        createdById: counselor.id,
        startDate: day("2026-11-01"),
        nextFollowUp: MON,
      },
    });
    await db().interventionPlan.create({
      data: {
        studentId: quiet.id,
        type: "OTHER",
        tier: 1,
        goal: "Later",
        metric: "OTHER",
        targetText: "x",
        ownerId: counselor.id,
        createdById: counselor.id,
        startDate: day("2026-11-01"),
        nextFollowUp: day("2026-12-20"),
      },
    });

    const list = await getToday(me, MON, {});
    expect(list.entries.map((e) => [e.name, e.reason.code])).toEqual([
      ["Planned, " + planned.firstName, "FOLLOW_UP_DUE"],
      ["Rising, " + rising.firstName, "NEWLY_HIGH"],
    ]);
    const r = list.entries[1];
    expect(r.reason.text).toBe("High risk since Dec 3, 2026 (was moderate on Nov 29, 2026)");
    expect(r.also.map((x) => x.code)).toEqual(["NO_CONTACT"]);
    expect(list.considered).toBe(3);
    expect(await db().auditEvent.count({ where: { userId: counselor.id, action: "today.view" } })).toBe(1);

    // A family contact clears "no contact"; the follow-up moved to next week leaves Today.
    await db().contact.create({
      data: {
        studentId: rising.id,
        withWhom: "Mother",
        method: "PHONE",
        outcome: "REACHED",
        occurredOn: day("2026-12-04"),
        summary: "Talked",
        nextStep: "",
        authorId: counselor.id,
      },
    });
    await db().interventionPlan.update({ where: { id: plan.id }, data: { nextFollowUp: day("2026-12-14") } });
    const after = await getToday(me, MON, {});
    expect(after.entries.map((e) => e.reason.code)).toEqual(["NEWLY_HIGH"]);
    expect(after.entries[0].also).toEqual([]);
  });

  it("a snooze hides the entry until its day, for me only; it can be put back; another caseload's student is not found", async () => {
    const { school, counselor, me } = await district();
    const colleague = await makeUser("COUNSELOR", school.id);
    const admin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
    const s = await makeStudent(school.id, counselor.id, { lastName: "Snoozed", attendanceRate: 85, gradeLevel: 9 });
    await transcript(s.id, 0);
    const entry = (await getToday(me, MON, {})).entries[0];
    expect(entry.reason.code).toBe("NO_CONTACT");

    await expect(dismissEntry(me, { studentId: s.id, reason: "NO_CONTACT", key: entry.reason.key, how: "snooze", until: MON, note: "x" }, MON)).rejects.toThrow(
      "Choose a day after today",
    );
    await dismissEntry(me, { studentId: s.id, reason: "NO_CONTACT", key: entry.reason.key, how: "snooze", until: day("2026-12-10"), note: "Meeting Thursday" }, MON);
    expect((await getToday(me, MON, {})).entries).toEqual([]);
    expect((await getToday(me, day("2026-12-10"), {})).entries.map((e) => e.studentId)).toEqual([s.id]);
    // The school admin's list is their own: still listed there.
    expect((await getToday(admin, MON, {})).entries.map((e) => e.studentId)).toContain(s.id);

    await expect(dismissEntry(viewerOf(colleague), { studentId: s.id, reason: "NO_CONTACT", key: "never", how: "dismiss", note: "x" }, MON)).rejects.toBeInstanceOf(NotFoundError);
    const [aside] = await setAside(me, MON);
    await expect(restoreEntry(viewerOf(colleague), aside.id)).rejects.toBeInstanceOf(NotFoundError);
    await restoreEntry(me, aside.id);
    expect((await getToday(me, MON, {})).entries.map((e) => e.studentId)).toEqual([s.id]);
    expect(await db().auditEvent.count({ where: { action: { in: ["today.dismiss", "today.restore"] } } })).toBe(2);
  });

  it("a restricted note the counselor cannot read does not count as a contact for them; their own does", async () => {
    const { school, counselor, me } = await district();
    const admin = await makeUser("SCHOOL_ADMIN", school.id);
    const s = await makeStudent(school.id, counselor.id, { attendanceRate: 85, gradeLevel: 9 });
    await transcript(s.id, 0);
    await db().note.create({ data: { studentId: s.id, authorId: admin.id, kind: "OTHER", body: "Restricted", restricted: true, createdAt: new Date("2026-12-04T15:00:00Z") } });
    expect((await getToday(me, MON, {})).entries.map((e) => e.reason.code)).toEqual(["NO_CONTACT"]);
    expect((await getToday(viewerOf(admin), MON, {})).entries).toEqual([]);
    await db().note.create({ data: { studentId: s.id, authorId: counselor.id, kind: "CHECK_IN", body: "Met", createdAt: new Date("2026-12-04T15:00:00Z") } });
    expect((await getToday(me, MON, {})).entries).toEqual([]);
  });

  it("school administrators see their school, filterable by counselor; another school's admin sees none of it", async () => {
    const { school, counselor } = await district();
    const other = await makeUser("COUNSELOR", school.id);
    const admin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
    const elsewhere = viewerOf(await makeUser("SCHOOL_ADMIN", (await makeSchool()).id));
    const a = await makeStudent(school.id, counselor.id, { attendanceRate: 85, gradeLevel: 9 });
    const b = await makeStudent(school.id, other.id, { attendanceRate: 85, gradeLevel: 9 });
    for (const s of [a, b]) await transcript(s.id, 0);
    expect((await getToday(admin, MON, {})).entries.map((e) => e.studentId).sort()).toEqual([a.id, b.id].sort());
    const mine = await getToday(admin, MON, { counselor: counselor.id });
    expect(mine.entries.map((e) => [e.studentId, e.counselorName])).toEqual([[a.id, counselor.name]]);
    expect((await getToday(elsewhere, MON, {})).entries).toEqual([]);
  });
});
