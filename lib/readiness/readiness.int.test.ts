import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import { readiness } from "./queries";

useTestDatabase();

// 2026-11-15 in the district: school year 2026-27, its October 1 roll due.
const NOW = new Date("2026-11-15T15:00:00Z");
const byKey = async (viewer: Parameters<typeof readiness>[0]) => Object.fromEntries((await readiness(viewer, { now: NOW })).items.map((i) => [i.key, i]));

describe("readiness", () => {
  let admin: ReturnType<typeof viewerOf>;
  beforeAll(async () => {
    admin = viewerOf(await makeUser("DISTRICT_ADMIN", null, { passwordHash: "x" }));
  });

  it("on an empty district: everything a district loads is missing, each with where to fix it", async () => {
    const items = await byKey(admin);
    expect(Object.keys(items).sort()).toEqual(["catalog", "progress", "requirements", "schools", "transcript"]);
    for (const k of Object.keys(items)) expect(items[k].status).toBe("missing");
    expect(items.schools).toMatchObject({ count: 0, fix: { href: "/imports?kind=oneroster" } });
    expect(items.catalog).toMatchObject({ count: 0, fix: { href: "/catalog" } });
    expect(items.transcript.fix?.href).toBe("/imports?kind=students");
    expect(items.progress.fix?.href).toBe("/imports?kind=progress");
    expect(items.requirements.text).toMatch(/No graduation requirements/);
  });

  it("on a partly loaded district: names the schools without a roll or status events, counts the rest", async () => {
    const riverside = await makeSchool({ name: "Riverside High" });
    const franklin = await makeSchool({ name: "Franklin Academy" });
    await makeSchool({ name: "Central Office" }); // no students: expects nothing
    const counselor = await makeUser("COUNSELOR", riverside.id); // rostered: no password, no SSO configured
    const a = await makeStudent(riverside.id, counselor.id);
    const b = await makeStudent(franklin.id, null);
    await makeStudent(franklin.id, null, { status: "GRADUATED" }); // not enrolled: needs no counselor
    await db().studentYear.createMany({
      data: [
        { studentId: a.id, schoolYear: 2025, schoolId: riverside.id, gradeLevel: 9 },
        { studentId: a.id, schoolYear: 2026, schoolId: riverside.id, gradeLevel: 10 },
        { studentId: b.id, schoolYear: 2025, schoolId: franklin.id, gradeLevel: 9 },
      ],
    });
    await db().statusEvent.create({ data: { studentId: a.id, kind: "ENTERED", effectiveDate: new Date("2025-09-01"), schoolId: riverside.id } });
    await makeCourse({ formative: 1, summative: 1 });
    const bare = await makeCourse();
    await db().courseAssessment.deleteMany({ where: { courseId: bare.id } });
    await db().graduationRequirement.createMany({
      data: [
        { subjectArea: "ENGLISH", credits: 4 },
        { subjectArea: "MATHEMATICS", credits: 3 },
      ],
    });

    const items = await byKey(admin);
    expect(items.schools).toMatchObject({ status: "ok", count: 3, text: "3 schools, 2 with students." });
    expect(items.requirements).toMatchObject({ status: "ok", count: 2 });
    expect(items.catalog).toMatchObject({ status: "ok", count: 2 });
    expect(items.assessments).toMatchObject({ status: "missing", count: 1, text: expect.stringMatching(/^1 course has no assessments/) });
    expect(items.counselors).toMatchObject({ status: "missing", count: 1, fix: { href: "/users" } });
    // The counselor and nobody else: the admin has a password.
    expect(items["sign-in"]).toMatchObject({ status: "missing", count: 1, text: expect.stringMatching(/single sign-on is not configured/) });
    // With single sign-on configured they can sign in: a note, not a gap.
    const sso = Object.fromEntries((await readiness(admin, { now: NOW, singleSignOn: true })).items.map((i) => [i.key, i]));
    expect(sso["sign-in"]).toMatchObject({ status: "note", count: 1 });
    expect(items["status-events"]).toMatchObject({ status: "missing", count: 1, names: ["Franklin Academy"] });
    expect(items["roll-2025"]).toMatchObject({ status: "ok" });
    expect(items["roll-2026"]).toMatchObject({
      status: "missing",
      count: 1,
      names: ["Franklin Academy"],
      text: expect.stringMatching(/^No October 1 roll loaded for 2026-27 at 1 of 2 schools/),
    });
    expect(items.transcript.status).toBe("missing");

    // Before October 1 this year's roll is not yet due; last year's still is.
    const early = Object.fromEntries((await readiness(admin, { now: new Date("2026-09-15T15:00:00Z") })).items.map((i) => [i.key, i]));
    expect(early["roll-2026"].status).toBe("note");
    expect(early["roll-2025"].status).toBe("ok");
  });

  it("is for district administrators only", async () => {
    const school = await makeSchool();
    await expect(readiness(viewerOf(await makeUser("SCHOOL_ADMIN", school.id)))).rejects.toThrow(/do not have access/);
    await expect(readiness(viewerOf(await makeUser("COUNSELOR", school.id)))).rejects.toThrow(/do not have access/);
  });
});
