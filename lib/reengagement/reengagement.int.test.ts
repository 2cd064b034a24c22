import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { NotFoundError, type Viewer } from "@/lib/access";
import { ConflictError, DomainError, runValidated } from "@/lib/safe-action";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import type { StatusEventKind } from "@/lib/generated/prisma/enums";
import { listReengagement } from "./queries";
import { KEY_REUSED, logOutreach, NOT_LEFT } from "./outreach";
import { reengageStudent } from "./reengage";
import { reengagementSummary } from "./summary";
import { outreachSchema, reengageSchema, reengagementParamsSchema } from "./schema";

useTestDatabase();

// The district's today: 2026-12-01 (school year 2026-27). Four school years back: from 2023-07-01.
const NOW = new Date("2026-12-01T15:00:00Z");
const day = (s: string) => new Date(`${s}T00:00:00Z`);
const params = (raw: Record<string, unknown> = {}) => reengagementParamsSchema.parse(raw);

type Ev = { kind: StatusEventKind; on: string; documented?: boolean | null };
/** A student with a status history; Student.status is its last event's (as the status form keeps it). */
async function left(schoolId: string, counselorId: string | null, name: string, born: string, events: Ev[]) {
  const lastKind = events.at(-1)?.kind;
  const status = lastKind === "REENGAGED" || lastKind === "ENTERED" || !lastKind ? "ENROLLED" : lastKind;
  const s = await makeStudent(schoolId, counselorId, {
    lastName: name,
    firstName: "Test",
    birthDate: day(born),
    status: status as never,
    statusDate: events.length ? day(events.at(-1)!.on) : null,
  });
  for (const e of events) {
    await db().statusEvent.create({
      data: {
        studentId: s.id,
        schoolId,
        kind: e.kind,
        effectiveDate: day(e.on),
        documented: e.documented ?? null,
        gradeLevel: 11,
        credential: e.kind === "GRADUATED" ? "REGULAR_DIPLOMA" : null,
      },
    });
  }
  return s;
}

let w: {
  a: Viewer;
  b: Viewer;
  district: Viewer;
  c1: Viewer;
  c2: Viewer;
  cB: Viewer;
  schoolA: string;
  schoolB: string;
  ids: Record<string, string>;
};

beforeAll(async () => {
  await db().districtSettings.upsert({ where: { id: 1 }, create: { totalCreditsRequired: 22 }, update: { totalCreditsRequired: 22 } });
  const A = await makeSchool({ name: "Alpha High" });
  const B = await makeSchool({ name: "Beta High" });
  const c1 = await makeUser("COUNSELOR", A.id);
  const c2 = await makeUser("COUNSELOR", A.id);
  const cB = await makeUser("COUNSELOR", B.id);
  const ids: Record<string, string> = {};
  const add = async (key: string, ...args: Parameters<typeof left>) => (ids[key] = (await left(...args)).id);
  await add("oneYear", A.id, c1.id, "OneYearAgo", "2007-01-01", [{ kind: "DROPPED_OUT", on: "2025-12-01" }]);
  await add("fiveYears", A.id, c1.id, "FiveYearsAgo", "2006-01-01", [{ kind: "DROPPED_OUT", on: "2021-12-01" }]);
  await add("age21", A.id, c1.id, "AgeTwentyOne", "2004-12-02", [{ kind: "DROPPED_OUT", on: "2026-03-01" }]);
  await add("age22", A.id, c1.id, "AgeTwentyTwo", "2004-11-30", [{ kind: "DROPPED_OUT", on: "2026-03-01" }]);
  await add("undocumented", A.id, c1.id, "Undocumented", "2008-02-10", [{ kind: "TRANSFERRED_OUT", on: "2025-06-15", documented: false }]);
  await add("unknownDoc", A.id, c1.id, "UnknownDocs", "2008-02-10", [{ kind: "TRANSFERRED_OUT", on: "2024-01-20", documented: null }]);
  await add("documented", A.id, c1.id, "Documented", "2008-02-10", [{ kind: "TRANSFERRED_OUT", on: "2025-06-15", documented: true }]);
  await add("graduate", A.id, c1.id, "Graduate", "2007-03-03", [{ kind: "GRADUATED", on: "2026-06-10" }]);
  await add("back", A.id, c1.id, "CameBack", "2008-03-03", [
    { kind: "DROPPED_OUT", on: "2025-02-01" },
    { kind: "REENGAGED", on: "2025-09-08" },
  ]);
  await add("again", A.id, c1.id, "LeftAgain", "2008-03-03", [
    { kind: "DROPPED_OUT", on: "2023-02-01" },
    { kind: "REENGAGED", on: "2023-09-08" },
    { kind: "DROPPED_OUT", on: "2024-05-01" },
  ]);
  await add("betaOne", B.id, cB.id, "BetaLeaver", "2007-05-05", [{ kind: "DROPPED_OUT", on: "2026-10-01" }]);
  await makeStudent(A.id, c1.id, { lastName: "StillEnrolled" });
  // Credits: 2 English + 1 mathematics on OneYearAgo's transcript.
  for (const [area, credits] of [
    ["ENGLISH", 2],
    ["MATHEMATICS", 1],
  ] as const) {
    await db().transcriptCourse.create({
      data: {
        studentId: ids.oneYear,
        courseCode: `X${area}`,
        courseTitle: area,
        subjectArea: area,
        schoolYear: 2024,
        term: "FY",
        grade: "B",
        creditsAttempted: credits,
        creditsEarned: credits,
      },
    });
  }
  // Contacts: OneYearAgo reached 11 days ago (outreach, 2 attempts); AgeTwentyOne only a note 40 days ago.
  await db().contact.create({
    data: {
      studentId: ids.oneYear,
      withWhom: "the student",
      method: "PHONE",
      outcome: "NO_ANSWER",
      outreach: true,
      occurredOn: day("2026-10-01"),
      summary: "s",
      nextStep: "n",
      authorId: c1.id,
    },
  });
  await db().contact.create({
    data: {
      studentId: ids.oneYear,
      withWhom: "mother",
      method: "PHONE",
      outcome: "REACHED",
      outreach: true,
      occurredOn: day("2026-11-20"),
      summary: "s",
      nextStep: "n",
      authorId: c1.id,
    },
  });
  await db().note.create({ data: { studentId: ids.age21, authorId: c1.id, kind: "OTHER", body: "called", createdAt: new Date("2026-10-22T15:00:00Z") } });
  const district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  const a = viewerOf(await makeUser("SCHOOL_ADMIN", A.id));
  const b = viewerOf(await makeUser("SCHOOL_ADMIN", B.id));
  w = { a, b, district, c1: viewerOf(c1), c2: viewerOf(c2), cB: viewerOf(cB), schoolA: A.id, schoolB: B.id, ids };
});

const names = (rows: { name: string }[]) => rows.map((r) => r.name.split(",")[0]);

describe("the Re-engagement list", () => {
  it("lists exactly those who left without a diploma or documented transfer in 4 school years, under 22, newest exit first", async () => {
    const page = await listReengagement(w.district, params(), NOW);
    expect(names(page.rows)).toEqual(["BetaLeaver", "AgeTwentyOne", "OneYearAgo", "Undocumented", "LeftAgain", "UnknownDocs"]);
    expect(page.total).toBe(6);
    const one = page.rows.find((r) => r.id === w.ids.oneYear)!;
    expect(one).toMatchObject({ exitKind: "DROPPED_OUT", age: 19, creditsEarned: 3, creditsStillNeeded: 19, outreachAttempts: 2, school: { name: "Alpha High" } });
    expect(one.lastContact).toMatchObject({ source: "contact", outcome: "REACHED", outreach: true });
    expect(one.lastContact!.day.toISOString().slice(0, 10)).toBe("2026-11-20");
    expect(page.rows.find((r) => r.id === w.ids.age21)).toMatchObject({ age: 21, lastContact: { source: "note", outcome: null } });
    expect(page.rows.find((r) => r.id === w.ids.undocumented)!.exitKind).toBe("TRANSFERRED_OUT_UNDOCUMENTED");
  });

  it("narrows by years, school and no contact in 30 days", async () => {
    expect(names((await listReengagement(w.district, params({ years: "1" }), NOW)).rows)).toEqual(["BetaLeaver"]);
    expect(names((await listReengagement(w.district, params({ years: "2" }), NOW)).rows)).toEqual(["BetaLeaver", "AgeTwentyOne", "OneYearAgo"]);
    expect(names((await listReengagement(w.district, params({ school: w.schoolB }), NOW)).rows)).toEqual(["BetaLeaver"]);
    expect(names((await listReengagement(w.district, params({ quiet: "1" }), NOW)).rows)).toEqual(["BetaLeaver", "AgeTwentyOne", "Undocumented", "LeftAgain", "UnknownDocs"]);
  });

  it("is scoped: a school admin sees their school, a counselor their caseload, another caseload nothing", async () => {
    expect(names((await listReengagement(w.b, params(), NOW)).rows)).toEqual(["BetaLeaver"]);
    expect((await listReengagement(w.a, params(), NOW)).total).toBe(5);
    expect((await listReengagement(w.a, params({ school: w.schoolB }), NOW)).total).toBe(0);
    expect((await listReengagement(w.c1, params(), NOW)).total).toBe(5);
    expect((await listReengagement(w.c2, params(), NOW)).total).toBe(0);
  });

  it("audits the list read with its filter, count and each student shown", async () => {
    await listReengagement(w.b, params({ years: "3" }), NOW);
    const ev = await db().auditEvent.findFirstOrThrow({ where: { action: "reengagement.view", userId: w.b.id }, orderBy: { id: "desc" }, include: { students: true } });
    expect(ev.details).toEqual({ filter: { years: 3, page: 1 }, students: 1 });
    expect(ev.students.map((s) => s.studentId)).toEqual([w.ids.betaOne]);
  });
});

describe("logging an outreach attempt", () => {
  const raw = (studentId: string) => ({
    studentId,
    withWhom: "the student",
    method: "TEXT",
    outcome: "LEFT_MESSAGE",
    occurredOn: "2026-11-30",
    summary: "Texted about the evening program",
    nextStep: "Call Friday",
  });
  const log = (v: Viewer, r: Record<string, unknown>) => runValidated(v, outreachSchema, (viewer, i) => logOutreach(viewer, i, NOW), r);

  it("writes a Contact with outreach = true and its audit event", async () => {
    const r = await log(w.a, raw(w.ids.undocumented));
    expect(r.ok).toBe(true);
    const c = await db().contact.findFirstOrThrow({ where: { studentId: w.ids.undocumented } });
    expect(c).toMatchObject({ outreach: true, method: "TEXT", outcome: "LEFT_MESSAGE", authorId: w.a.id, nextStep: "Call Friday" });
    const ev = await db().auditEvent.findFirstOrThrow({ where: { action: "contact.create", entityId: c.id } });
    expect(ev).toMatchObject({ studentId: w.ids.undocumented, details: { outreach: true } });
    expect((await listReengagement(w.a, params(), NOW)).rows.find((x) => x.id === w.ids.undocumented)).toMatchObject({
      outreachAttempts: 1,
      lastContact: { outcome: "LEFT_MESSAGE" },
    });
  });

  it("is not found out of scope, refuses an enrolled student, a future day and missing fields", async () => {
    await expect(logOutreach(w.b, outreachSchema.parse(raw(w.ids.oneYear)), NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(logOutreach(w.c2, outreachSchema.parse(raw(w.ids.oneYear)), NOW)).rejects.toBeInstanceOf(NotFoundError);
    const enrolled = await db().student.findFirstOrThrow({ where: { lastName: "StillEnrolled" } });
    expect(await log(w.c1, raw(enrolled.id))).toEqual({ ok: false, message: NOT_LEFT });
    expect(await log(w.c1, { ...raw(w.ids.oneYear), occurredOn: "2026-12-02" })).toMatchObject({ ok: false, fieldErrors: { occurredOn: ["The day cannot be in the future"] } });
    expect(await log(w.c1, { ...raw(w.ids.oneYear), method: "", summary: " " })).toMatchObject({
      ok: false,
      fieldErrors: { method: ["Choose how"], summary: ["Write a summary"] },
    });
    expect(await db().contact.count({ where: { studentId: w.ids.oneYear } })).toBe(2);
  });

  it("logs once per client key: a repeat or a parallel duplicate answers the first attempt; the key reused for another is refused", async () => {
    const key = crypto.randomUUID();
    const input = outreachSchema.parse({ ...raw(w.ids.betaOne), clientKey: key });
    const runs = await Promise.all(Array.from({ length: 4 }, () => logOutreach(w.b, input, NOW)));
    const again = await log(w.b, { ...raw(w.ids.betaOne), clientKey: key });
    expect(again).toMatchObject({ ok: true, data: { id: runs[0].id } });
    expect(new Set(runs.map((r) => r.id)).size).toBe(1);
    expect(await db().contact.count({ where: { studentId: w.ids.betaOne } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "contact.create", studentId: w.ids.betaOne } })).toBe(1);
    expect(await log(w.b, { ...raw(w.ids.betaOne), summary: "Another attempt", clientKey: key })).toEqual({ ok: false, message: KEY_REUSED });
    expect(await db().contact.count({ where: { studentId: w.ids.betaOne } })).toBe(1);
  });
});

describe("re-engaging a student", () => {
  const input = (studentId: string, counselorId: string, version = 1) =>
    reengageSchema.parse({ studentId, counselorId, version: String(version), effectiveDate: "2026-11-30", confirmed: "yes" });

  it("records a REENGAGED event, enrolls the student and puts them on the chosen counselor's caseload", async () => {
    const r = await reengageStudent(w.district, input(w.ids.age21, w.c2.id), NOW);
    expect(r).toMatchObject({ status: "ENROLLED", counselorName: expect.any(String) });
    const s = await db().student.findUniqueOrThrow({ where: { id: w.ids.age21 }, include: { statusEvents: { orderBy: { sequence: "asc" } } } });
    expect(s).toMatchObject({ status: "ENROLLED", counselorId: w.c2.id, version: 2 });
    expect(s.statusEvents.map((e) => e.kind)).toEqual(["DROPPED_OUT", "REENGAGED"]);
    expect(await db().auditEvent.findFirst({ where: { action: "student.status", studentId: s.id } })).toMatchObject({
      details: { from: "DROPPED_OUT", to: "ENROLLED", counselorId: w.c2.id },
    });
    expect((await listReengagement(w.district, params(), NOW)).rows.map((x) => x.id)).not.toContain(w.ids.age21);
  });

  it("re-engages a transfer out without documentation, not one with", async () => {
    await expect(reengageStudent(w.a, input(w.ids.unknownDoc, w.c1.id), NOW)).resolves.toMatchObject({ status: "ENROLLED" });
    await expect(reengageStudent(w.a, input(w.ids.documented, w.c1.id), NOW)).rejects.toBeInstanceOf(DomainError);
  });

  it("writes nothing when any part fails: stale version, another school's counselor", async () => {
    const before = await db().student.findUniqueOrThrow({ where: { id: w.ids.oneYear } });
    await expect(reengageStudent(w.c1, input(w.ids.oneYear, w.c2.id, 7), NOW)).rejects.toBeInstanceOf(ConflictError);
    await expect(reengageStudent(w.c1, input(w.ids.oneYear, w.cB.id), NOW)).rejects.toMatchObject({ field: "counselorId" });
    expect(await db().student.findUniqueOrThrow({ where: { id: w.ids.oneYear } })).toEqual(before);
    expect(await db().statusEvent.count({ where: { studentId: w.ids.oneYear } })).toBe(1);
  });

  it("is not found for another caseload's counselor and another school's admin", async () => {
    await expect(reengageStudent(w.c2, input(w.ids.oneYear, w.c2.id), NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(reengageStudent(w.b, input(w.ids.oneYear, w.c1.id), NOW)).rejects.toBeInstanceOf(NotFoundError);
    expect((await db().student.findUniqueOrThrow({ where: { id: w.ids.oneYear } })).status).toBe("DROPPED_OUT");
  });
});

describe("the summary", () => {
  it("counts students re-engaged per school year and those who later graduated, suppressing small cells", async () => {
    const S = await makeSchool({ name: "Summary High" });
    const admin = viewerOf(await makeUser("SCHOOL_ADMIN", S.id));
    // 2025-26: 7 students re-engaged (one twice: counted once), 3 graduated afterwards, 1 graduated
    // before re-engaging (not counted). 2024-25: 2 students (fewer than 6: suppressed).
    for (let i = 0; i < 7; i++) {
      const ev: Ev[] = [
        { kind: "DROPPED_OUT", on: "2025-03-01" },
        { kind: "REENGAGED", on: "2025-09-10" },
      ];
      if (i === 0) ev.push({ kind: "DROPPED_OUT", on: "2025-11-01" }, { kind: "REENGAGED", on: "2026-01-10" });
      if (i < 3) ev.push({ kind: "GRADUATED", on: "2026-06-12" });
      await left(S.id, null, `Summary${i}`, "2007-01-01", ev);
    }
    await left(S.id, null, "GradFirst", "2005-01-01", [
      { kind: "GRADUATED", on: "2025-06-01" },
      { kind: "REENGAGED", on: "2025-09-10" },
    ]);
    for (let i = 0; i < 2; i++)
      await left(S.id, null, `Early${i}`, "2006-01-01", [
        { kind: "DROPPED_OUT", on: "2024-03-01" },
        { kind: "REENGAGED", on: "2024-09-10" },
      ]);
    const years = await reengagementSummary(admin, { school: S.id, years: 4 }, NOW);
    expect(years.map((y) => y.year)).toEqual([2026, 2025, 2024, 2023]);
    expect(years[1]).toEqual({ year: 2025, reengaged: 8, graduated: 3, rate: 37.5, coded: null });
    expect(years[2]).toMatchObject({ year: 2024, reengaged: null, graduated: null, rate: null });
    // A district admin also sees the district (9 in 2025-26: Alpha High's CameBack too) and every
    // school: Summary High's 8 would give Alpha High's 1 away (9 − 8), so both are hidden for them.
    expect((await reengagementSummary(w.district, { school: S.id, years: 4 }, NOW))[1]).toMatchObject({ reengaged: null, graduated: null });
    expect((await reengagementSummary(w.district, { years: 4 }, NOW))[1]).toEqual({ year: 2025, reengaged: 9, graduated: 3, rate: 33.3, coded: null });
    // Counselors have no summary.
    await expect(reengagementSummary(w.c1, { years: 4 }, NOW)).rejects.toThrow();
  });
});
