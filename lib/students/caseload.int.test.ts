import { describe, expect, it } from "vitest";
import pg from "pg";
import { useTestDatabase } from "@/lib/test/db";
import { db, embedded } from "@/lib/db";
import { NotFoundError } from "@/lib/access";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { listCaseload } from "./caseload";
import { getStudentRecord } from "./record";
import { caseloadParamsSchema } from "./schema";
import { recordAssessmentResults } from "@/lib/enrollments/results";
import { auditFilterSchema, searchAudit } from "@/lib/audit/search";
import { formatMoment, formatDay } from "@/lib/calendar";

useTestDatabase();

const AS_OF = new Date("2026-10-15T00:00:00Z");
const day = (s: string) => new Date(`${s}T00:00:00Z`);
const params = (raw: Record<string, unknown> = {}) => caseloadParamsSchema.parse(raw);
// Statement budgets (issue 17: "constant in the caseload size and ≤ N", never an exact number).
// Today: the caseload list is 2 statements, the student page 9, recording results 4.
const CASELOAD_QUERY_BUDGET = 3;
const RECORD_QUERY_BUDGET = 10;
const RESULTS_QUERY_BUDGET = 5;

/** Counts the SQL statements sent to the database while `fn` runs (PGlite or a PostgreSQL server). */
async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const lite = embedded();
  if (lite) {
    const original = lite.query.bind(lite);
    lite.query = ((...args: Parameters<typeof lite.query>) => {
      queries++;
      return original(...args);
    }) as typeof lite.query;
    try {
      return { result: await fn(), queries };
    } finally {
      lite.query = original;
    }
  }
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    queries++;
    return original.apply(this, args);
  };
  try {
    return { result: await fn(), queries };
  } finally {
    proto.query = original;
  }
}

async function district() {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  await db().districtSettings.upsert({ where: { id: 1 }, create: { totalCreditsRequired: 22 }, update: {} });
  return { school, counselor, me: viewerOf(counselor) };
}

/** A student with `credits` earned and, optionally, an active course behind pace with a failed exam. */
async function student(schoolId: string, counselorId: string, over: Parameters<typeof makeStudent>[2] & { credits?: number; online?: boolean } = {}) {
  const { credits = 6, online = false, ...rest } = over;
  const s = await makeStudent(schoolId, counselorId, { attendanceRate: 96, ...rest });
  if (credits > 0) {
    await db().transcriptCourse.create({
      data: {
        studentId: s.id,
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
  }
  if (online) {
    const c = await makeCourse({ summative: 1, formative: 1 });
    const e = await db().enrollment.create({
      data: { studentId: s.id, courseId: c.id, startDate: day("2026-09-01"), targetDate: day("2026-11-01"), progress: 0, lastActivityOn: day("2026-09-20") },
    });
    await db().assessmentResult.create({ data: { enrollmentId: e.id, assessmentId: c.assessments[1].id, score: 40, attempt: 1, takenOn: day("2026-09-20") } });
  }
  return s;
}

describe("needs attention and the latest note (issue 16)", () => {
  it("a family contact is a follow-up; a restricted note the viewer cannot read is not their latest note", async () => {
    const { school, counselor, me } = await district();
    const admin = await makeUser("SCHOOL_ADMIN", school.id);
    const s = await student(school.id, counselor.id, { attendanceRate: 85 });
    const row = async () => (await listCaseload(me, params(), AS_OF)).rows.find((r) => r.id === s.id)!;
    expect(await row()).toMatchObject({ needsAttention: true, latestNoteOn: null });
    await db().note.create({ data: { studentId: s.id, authorId: admin.id, kind: "OTHER", body: "Restricted", restricted: true, createdAt: new Date("2026-10-10T15:00:00Z") } });
    expect(await row()).toMatchObject({ needsAttention: true, latestNoteOn: null });
    await db().contact.create({
      data: { studentId: s.id, withWhom: "Father", method: "PHONE", outcome: "REACHED", occurredOn: day("2026-10-01"), summary: "Called", nextStep: "", authorId: counselor.id },
    });
    expect(await row()).toMatchObject({ needsAttention: false, latestNoteOn: null });
    // The student page says the same.
    expect((await getStudentRecord(me, s.id, AS_OF)).needsAttention).toBe(false);
  });
});

describe("listCaseload", () => {
  it("computes risk and its reasons for each student on my caseload only", async () => {
    const { school, counselor, me } = await district();
    const other = await makeUser("COUNSELOR", school.id);
    const low = await student(school.id, counselor.id, { lastName: "Alvarez" });
    const high = await student(school.id, counselor.id, { lastName: "Baker", attendanceRate: 75, gradeLevel: 11, credits: 4, online: true });
    await student(school.id, other.id, { lastName: "Elsewhere" });
    const page = await listCaseload(me, params(), AS_OF);
    expect(page.rows.map((r) => r.id)).toEqual([high.id, low.id]); // default sort: risk, highest first
    const h = page.rows[0];
    expect(h.risk.level).toBe("HIGH");
    expect(h.risk.reasons.map((r) => r.code)).toEqual(["ATTENDANCE_CRITICAL", "CREDITS_BEHIND", "BEHIND_PACE", "INACTIVE", "MASTERY_FAILED"]);
    expect(h).toMatchObject({ creditsEarned: 4, creditsRequired: 22, creditsStillNeeded: 18, daysSinceActivity: 25, needsAttention: true });
    expect(h.courses[0]).toMatchObject({ progress: 0, pace: "BEHIND", expected: 72 }); // 44 of 61 days
    expect(page.rows[1].risk).toEqual({ level: "LOW", reasons: [] });
    expect(page.riskCounts).toEqual({ LOW: 1, MODERATE: 0, HIGH: 1 });
  });

  it("filters by risk, grade, cohort, program flag, status, needs attention and name; sorts by a column", async () => {
    const { school, counselor, me } = await district();
    const a = await student(school.id, counselor.id, { firstName: "Ana", lastName: "Zeta", gradeLevel: 9, cohortYear: 2030, specialEducation: true });
    const b = await student(school.id, counselor.id, { firstName: "Ben", lastName: "Young", suspensions: 1, englishLearner: true });
    const c = await student(school.id, counselor.id, { firstName: "Cy", lastName: "Xu", status: "DROPPED_OUT", lowIncome: true });
    const ids = async (raw: Record<string, unknown>) => (await listCaseload(me, params(raw), AS_OF)).rows.map((r) => r.id);
    expect(await ids({ risk: "MODERATE" })).toEqual([b.id]);
    expect(await ids({ grade: "9" })).toEqual([a.id]);
    expect(await ids({ cohort: "2030" })).toEqual([a.id]);
    expect(await ids({ flag: "SPED" })).toEqual([a.id]);
    expect(await ids({ flag: ["EL", "SPED"] })).toEqual([]);
    expect(await ids({ status: "DROPPED_OUT" })).toEqual([c.id]);
    expect(await ids({ status: "ALL", flag: "LOW_INCOME" })).toEqual([c.id]);
    expect(await ids({ attention: "1" })).toEqual([b.id]);
    expect(await ids({ q: "zet" })).toEqual([a.id]);
    expect(await ids({ q: "ben young" })).toEqual([b.id]);
    // LIKE wildcards in a search are literal characters, not patterns.
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ q: "_et" })).toEqual([]);
    expect(await ids({ q: b.sisId })).toEqual([b.id]);
    expect(await ids({ sort: "name" })).toEqual([b.id, a.id]);
    expect(await ids({ sort: "name", dir: "desc" })).toEqual([a.id, b.id]);
    expect(await ids({ risk: "nonsense", grade: "x" })).toHaveLength(2); // bad URL values fall back to defaults
  });

  it("scopes admins: a school admin sees the school; a district admin picks a school or searches first", async () => {
    const { school, counselor } = await district();
    const other = await makeSchool();
    const here = await student(school.id, counselor.id, { lastName: "Here" });
    await student(other.id, (await makeUser("COUNSELOR", other.id)).id, { lastName: "There" });
    const schoolAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
    expect((await listCaseload(schoolAdmin, params(), AS_OF)).rows.map((r) => r.id)).toEqual([here.id]);
    const districtAdmin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    expect(await listCaseload(districtAdmin, params(), AS_OF)).toMatchObject({ needsSchool: true, total: 0 });
    expect((await listCaseload(districtAdmin, params({ school: school.id }), AS_OF)).rows.map((r) => r.id)).toEqual([here.id]);
    expect((await listCaseload(districtAdmin, params({ q: "There" }), AS_OF)).total).toBe(1);
  });

  it("paginates on the server after risk filtering, 50 a page", async () => {
    const { school, counselor, me } = await district();
    for (let i = 0; i < 55; i++) await makeStudent(school.id, counselor.id, { attendanceRate: 85, lastName: `P${String(i).padStart(2, "0")}` });
    const p2 = await listCaseload(me, params({ risk: "MODERATE", sort: "name", page: "2" }), AS_OF);
    expect(p2).toMatchObject({ total: 55, page: 2, pageCount: 2 });
    expect(p2.rows.map((r) => r.name.split(",")[0])).toEqual(["P50", "P51", "P52", "P53", "P54"]);
  });

  it("shows and sorts by credits still needed, the student page's figure (areas counted), old ?sort=short links too", async () => {
    const { school, counselor, me } = await district();
    await db().graduationRequirement.createMany({
      data: [
        { subjectArea: "ENGLISH", credits: 4 },
        { subjectArea: "MATHEMATICS", credits: 4 },
      ],
      skipDuplicates: true,
    });
    // 20 elective credits: 22 − 20 = 2, but English and Mathematics still need 4 each → 8.
    const electives = await student(school.id, counselor.id, { lastName: "Electives", credits: 20 });
    const six = await student(school.id, counselor.id, { lastName: "Six", credits: 6 });
    const page = await listCaseload(me, params({ sort: "needed" }), AS_OF);
    expect(page.rows.map((r) => [r.id, r.creditsStillNeeded])).toEqual([
      [six.id, 16],
      [electives.id, 8],
    ]);
    const record = await getStudentRecord(me, electives.id, AS_OF);
    expect(record.audit.total.stillNeeded).toBe(8);
    expect((await listCaseload(me, params({ sort: "short", dir: "asc" }), AS_OF)).rows.map((r) => r.id)).toEqual([electives.id, six.id]);
  });

  it("makes as many SQL queries for 30 students as for 3 (no N+1), within its budget, its audit event included", async () => {
    const { school, counselor, me } = await district();
    for (let i = 0; i < 3; i++) await student(school.id, counselor.id, { online: true });
    const small = await countQueries(() => listCaseload(me, params(), AS_OF));
    for (let i = 0; i < 27; i++) await student(school.id, counselor.id, { online: true, attendanceRate: 70 });
    const big = await countQueries(() => listCaseload(me, params({ flag: "SPED" }), AS_OF));
    expect(small.result.total).toBe(3);
    expect(big.result.total).toBe(0);
    const all = await countQueries(() => listCaseload(me, params(), AS_OF));
    expect(all.result.total).toBe(30);
    // Constant in the caseload size, and within the budget: not an exact count, so a refactor that
    // saves a statement (or moves one) does not turn this red for the wrong reason.
    expect(all.queries).toBe(small.queries);
    expect(big.queries).toBe(small.queries);
    expect(small.queries).toBeLessThanOrEqual(CASELOAD_QUERY_BUDGET);
    // The audit event of each list is written by one of those statements (issue 14).
    const events = await db().auditEvent.findMany({ where: { userId: me.id, action: "caseload.view" }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.details)).toEqual([
      { filter: { status: "ENROLLED" }, students: 3 },
      { filter: { status: "ENROLLED", flag: ["SPED"] }, students: 0 },
      { filter: { status: "ENROLLED" }, students: 30 },
    ]);
  });
});

describe("dates in the district's zone", () => {
  it("shows a note written at 02:00 UTC on Dec 2 as Dec 1 (America/New_York) on the caseload row and in the audit log", async () => {
    expect(process.env.DISTRICT_TIME_ZONE).toBe("America/New_York"); // vitest.config.ts
    const { school, counselor, me } = await district();
    const s = await student(school.id, counselor.id);
    const at = new Date("2026-12-02T02:00:00Z"); // 9:00 PM on Dec 1 in Boston
    await db().note.create({ data: { studentId: s.id, authorId: counselor.id, kind: "CHECK_IN", body: "Called home", createdAt: at } });
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    await db().auditEvent.create({ data: { at, userId: counselor.id, action: "note.create", studentId: s.id, entity: "Note", entityId: "n1" } });

    const row = (await listCaseload(me, params(), new Date("2026-12-05T00:00:00Z"))).rows.find((r) => r.id === s.id)!;
    expect(row.latestNoteOn?.toISOString()).toBe(at.toISOString());
    expect(formatDay(row.latestNoteDay)).toBe("Dec 1, 2026");

    // The audit page: its "from/to" days and the time it shows are the district's.
    const dec1 = await searchAudit(admin, auditFilterSchema.parse({ from: "2026-12-01", to: "2026-12-01", action: "note.create" }));
    expect(dec1.rows.map((r) => r.entityId)).toEqual(["n1"]);
    expect(formatMoment(dec1.rows[0].at)).toBe("Dec 1, 2026, 9:00 PM EST");
    expect((await searchAudit(admin, auditFilterSchema.parse({ from: "2026-12-02", to: "2026-12-02", action: "note.create" }))).total).toBe(0);
  });
});

describe("getStudentRecord", () => {
  it("builds the audit, enrollments with pace and schedule, recovery offers and risk in a fixed number of queries", async () => {
    const { school, counselor, me } = await district();
    await db().graduationRequirement.createMany({
      data: [
        { subjectArea: "ENGLISH", credits: 4 },
        { subjectArea: "MATHEMATICS", credits: 4 },
      ],
      skipDuplicates: true,
    });
    const s = await student(school.id, counselor.id, { gradeLevel: 11, credits: 0, online: true });
    const failed = await db().transcriptCourse.create({
      data: {
        studentId: s.id,
        courseCode: "MA1",
        courseTitle: "Algebra I",
        subjectArea: "MATHEMATICS",
        schoolYear: 2025,
        term: "FY",
        grade: "F",
        creditsAttempted: 1,
        creditsEarned: 0,
      },
    });
    const recovery = await makeCourse({ subjectArea: "MATHEMATICS", programType: "CREDIT_RECOVERY" });
    await makeCourse({ subjectArea: "MATHEMATICS", programType: "ORIGINAL_CREDIT" });
    const one = await countQueries(() => getStudentRecord(me, s.id, AS_OF));
    const r = one.result;
    expect(r.audit.lines.find((l) => l.area === "MATHEMATICS")).toEqual({
      area: "MATHEMATICS",
      required: 4,
      earned: 0,
      inProgress: 1,
      stillNeeded: 4,
      stillNeededAfterInProgress: 3,
    });
    expect(r.recovery.map((t) => t.id)).toEqual([failed.id]);
    const offers = [...r.recovery[0].replacements, ...r.recovery[0].others];
    expect(offers.map((o) => o.id)).toContain(recovery.id);
    expect(offers.every((o) => o.programType === "CREDIT_RECOVERY" && o.subjectArea === "MATHEMATICS")).toBe(true);
    const e = r.enrollments[0];
    // 2 assessments over Sep 1 – Nov 1 (61 days): #1 due Oct 1 → 1 due by Oct 15; only #2 was attempted → 0%.
    expect(e.schedule).toEqual({ rate: 0, colour: "RED", due: 1, done: 0 });
    expect(e).toMatchObject({ masteryFailed: true, inactive: true, canComplete: false, pace: { status: "BEHIND" } });
    expect(e.assessments[1].attempts[0]).toMatchObject({ score: 40, percent: 40, attempt: 1, mastery: false });
    expect(r.projection.kind).toBe("NOT_ON_TRACK");
    expect(r.risk.level).toBe("MODERATE");
    expect(await db().auditEvent.count({ where: { action: "student.read", studentId: s.id } })).toBe(1);

    // Two more enrollments with results: the same number of queries.
    for (let i = 0; i < 2; i++) {
      const c = await makeCourse();
      const en = await db().enrollment.create({ data: { studentId: s.id, courseId: c.id, startDate: day("2026-09-01"), targetDate: day("2026-12-01") } });
      await db().assessmentResult.create({ data: { enrollmentId: en.id, assessmentId: c.assessments[0].id, score: 90, attempt: 1, takenOn: day("2026-09-10") } });
    }
    const three = await countQueries(() => getStudentRecord(me, s.id, AS_OF));
    expect(three.result.enrollments).toHaveLength(3);
    expect(three.queries).toBe(one.queries);
    // One round trip of parallel statements: the student (with settings and requirements), status
    // events, transcript, catalog, enrollments, their assessments, results, notes, and the
    // student.read audit insert (which also collapses a repeat within a second and records a refusal).
    expect(one.queries).toBeLessThanOrEqual(RECORD_QUERY_BUDGET);
    // …and as many on a caseload ten times the size.
    for (let i = 0; i < 10; i++) await student(school.id, counselor.id, { online: true });
    expect((await countQueries(() => getStudentRecord(me, s.id, AS_OF))).queries).toBe(one.queries);
  });

  it("offers the courses that recover the failed SIS code first, the subject's others apart; says 'Recovers' only for those", async () => {
    const { school, counselor, me } = await district();
    const s = await student(school.id, counselor.id, { credits: 0 });
    const failed = (code: string, courseTitle: string) =>
      db().transcriptCourse.create({
        data: { studentId: s.id, courseCode: code, courseTitle, subjectArea: "MATHEMATICS", schoolYear: 2025, term: "FY", grade: "F", creditsAttempted: 1, creditsEarned: 0 },
      });
    const algebra1 = await failed("MTH101", "Algebra I");
    const geometry = await failed("MTH151", "Geometry");
    const course = async (recovers: string[]) => {
      const c = await makeCourse({ subjectArea: "MATHEMATICS", programType: "CREDIT_RECOVERY" });
      return db().onlineCourse.update({ where: { id: c.id }, data: { recovers } });
    };
    const alg1R = await course(["mth101"]);
    const geoR = await course(["MTH151"]);
    const alg2R = await course(["MTH201"]);
    const ids = (cs: { id: string }[]) => cs.map((c) => c.id).sort();
    const before = await getStudentRecord(me, s.id, AS_OF);
    const offer = before.recovery.find((t) => t.id === algebra1.id)!;
    expect(ids(offer.replacements)).toEqual([alg1R.id]);
    // (Other tests' recovery courses of the subject are in the catalog too: look at this test's.)
    expect(ids(offer.others.filter((c) => [alg1R.id, geoR.id, alg2R.id].includes(c.id)))).toEqual(ids([geoR, alg2R]));

    // Geometry recovery linked to Algebra I (the demo's case) is a subject substitute, not "Recovers".
    const link = (courseId: string, replacesId: string) =>
      db().enrollment.create({ data: { studentId: s.id, courseId, replacesId, startDate: day("2026-09-01"), targetDate: day("2026-12-01") } });
    await link(geoR.id, algebra1.id);
    await link(alg1R.id, geometry.id);
    const r = await getStudentRecord(me, s.id, AS_OF);
    const byCourse = (id: string) => r.enrollments.find((e) => e.course.id === id)!;
    expect(byCourse(geoR.id).replaces).toMatchObject({ courseCode: "MTH101", replacement: false });
    expect(byCourse(alg1R.id).replaces).toMatchObject({ courseCode: "MTH151", replacement: false });
    await db().enrollment.deleteMany({ where: { studentId: s.id } });
    await link(alg1R.id, algebra1.id);
    const after = await getStudentRecord(me, s.id, AS_OF);
    expect(after.enrollments[0].replaces).toMatchObject({ courseTitle: "Algebra I", replacement: true });
    expect(after.recovery.map((t) => t.id)).toEqual([geometry.id]);
  });

  it("reads timestamps, dates and numbers exactly as Prisma stores them (UTC, whatever the local zone)", async () => {
    const { school, counselor, me } = await district();
    const s = await student(school.id, counselor.id, { online: true, attendanceRate: 87.5 });
    const note = await db().note.create({ data: { studentId: s.id, authorId: counselor.id, kind: "CHECK_IN", body: "Met in person" } });
    const zone = process.env.TZ;
    process.env.TZ = "America/Los_Angeles"; // Node applies a changed TZ at once
    const r = await getStudentRecord(me, s.id, AS_OF).finally(() => (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));
    expect(r.notes[0].createdAt.getTime()).toBe(note.createdAt.getTime());
    expect(r.notes[0].author).toEqual({ id: counselor.id, name: counselor.name });
    expect(r.student.attendanceRate).toBe(87.5);
    expect(r.student.counselor).toEqual({ id: counselor.id, name: counselor.name, email: counselor.email });
    const stored = await db().enrollment.findFirstOrThrow({ where: { studentId: s.id } });
    expect(r.enrollments[0].startDate.toISOString()).toBe(stored.startDate.toISOString());
    expect(r.enrollments[0].lastActivityOn?.toISOString()).toBe("2026-09-20T00:00:00.000Z");
  });

  it("is not found for another counselor's student or a missing id", async () => {
    const { school, me } = await district();
    const other = await makeUser("COUNSELOR", school.id);
    const s = await student(school.id, other.id);
    await expect(getStudentRecord(me, s.id, AS_OF)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStudentRecord(me, "nope", AS_OF)).rejects.toBeInstanceOf(NotFoundError);
    // A refused read leaves no trace of the student in the audit log (nothing was read).
    expect(await db().auditEvent.count({ where: { action: "student.read", studentId: s.id } })).toBe(0);
    expect((await getStudentRecord(viewerOf(await makeUser("SCHOOL_ADMIN", school.id)), s.id, AS_OF)).student.id).toBe(s.id);
  });
});

describe("recordAssessmentResults", () => {
  it("makes as many statements for three results as for one (three reads at once, then one write), within its budget", async () => {
    const { school, counselor, me } = await district();
    const s = await student(school.id, counselor.id);
    const c = await makeCourse({ formative: 3 });
    const en = await db().enrollment.create({ data: { studentId: s.id, courseId: c.id, startDate: day("2026-09-01"), targetDate: day("2026-12-01") } });
    const one = await countQueries(() =>
      recordAssessmentResults(me, { enrollmentId: en.id, version: 1, results: [{ assessmentId: c.assessments[0].id, score: 80, takenOn: day("2026-09-10") }] }, AS_OF),
    );
    const three = await countQueries(() =>
      recordAssessmentResults(
        me,
        { enrollmentId: en.id, version: 2, results: c.assessments.slice(1, 4).map((a) => ({ assessmentId: a.id, score: 90, takenOn: day("2026-09-12") })) },
        AS_OF,
      ),
    );
    expect(three.result.attempts).toHaveLength(3);
    expect(three.queries).toBe(one.queries);
    expect(one.queries).toBeLessThanOrEqual(RESULTS_QUERY_BUDGET);
  });
});
