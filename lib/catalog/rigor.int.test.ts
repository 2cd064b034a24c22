import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { runValidated } from "@/lib/safe-action";
import { runImport } from "@/lib/imports/run";
import { writeTemp } from "@/lib/imports/test-helpers";
import { courseSchema, providerSchema } from "./schema";
import { saveCourse, saveProvider } from "./manage";
import { getCatalogCourse } from "./queries";
import { catalogCsv } from "./export";

// A course's own rigor limits (issue #18) on the Catalog page: blank = the program type's policy.

useTestDatabase();

const admin = async () => viewerOf(await makeUser("DISTRICT_ADMIN", null));
type Admin = Awaited<ReturnType<typeof admin>>;

/** The course form as the page posts it, rigor limits blank unless `over` sets them. */
async function courseForm(v: Admin, over: Record<string, string> = {}) {
  const code = `P${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const p = await runValidated(v, providerSchema, saveProvider, { code, name: `Provider ${code}` });
  if (!p.ok) throw new Error(p.message);
  return {
    providerId: p.data.id,
    providerCourseCode: `C${Math.random().toString(36).slice(2, 8)}`,
    title: "Biology (Credit Recovery)",
    subjectArea: "SCIENCE",
    programType: "CREDIT_RECOVERY",
    credits: "1",
    expectedWeeks: "10",
    masteryThreshold: "70",
    passingGrade: "",
    recovers: "",
    minDaysEnrolled: "",
    minActiveMinutesPerCredit: "",
    requireProctoredSummative: "",
    maxAttemptsPerAssessment: "",
    ...{ a0_position: "1", a0_title: "Quiz", a0_kind: "FORMATIVE", a0_maxScore: "100", a0_weight: "40" },
    ...{ a1_position: "2", a1_title: "Exam", a1_kind: "SUMMATIVE", a1_maxScore: "100", a1_weight: "60" },
    ...over,
  };
}

const limitsOf = async (id: string) =>
  db().onlineCourse.findUniqueOrThrow({
    where: { id },
    select: { minDaysEnrolled: true, minActiveMinutesPerCredit: true, requireProctoredSummative: true, maxAttemptsPerAssessment: true, currentVersion: true },
  });

describe("a course's own rigor limits", () => {
  it("adds a course with its own limits, and the course page reads them back", async () => {
    const v = await admin();
    const f = await courseForm(v, { minDaysEnrolled: " 30 ", minActiveMinutesPerCredit: "3600", requireProctoredSummative: "true", maxAttemptsPerAssessment: "3" });
    const r = await runValidated(v, courseSchema, saveCourse, f);
    expect(r).toMatchObject({ ok: true, data: { created: true, version: 1 } });
    const id = r.ok ? r.data.id : "";
    expect(await limitsOf(id)).toEqual({ minDaysEnrolled: 30, minActiveMinutesPerCredit: 3600, requireProctoredSummative: true, maxAttemptsPerAssessment: 3, currentVersion: 1 });
    const page = await getCatalogCourse(v, id);
    expect(page.course).toMatchObject({ minDaysEnrolled: 30, minActiveMinutesPerCredit: 3600, requireProctoredSummative: true, maxAttemptsPerAssessment: 3 });
  });

  it("blank (or left out of the post) is null: the program type's policy", async () => {
    const v = await admin();
    const blank = await runValidated(v, courseSchema, saveCourse, await courseForm(v));
    expect(blank.ok && (await limitsOf(blank.data.id))).toMatchObject({
      minDaysEnrolled: null,
      minActiveMinutesPerCredit: null,
      requireProctoredSummative: null,
      maxAttemptsPerAssessment: null,
    });
    const { minDaysEnrolled: _a, minActiveMinutesPerCredit: _b, requireProctoredSummative: _c, maxAttemptsPerAssessment: _d, ...without } = await courseForm(v);
    const absent = await runValidated(v, courseSchema, saveCourse, without);
    expect(absent.ok && (await limitsOf(absent.data.id))).toMatchObject({
      minDaysEnrolled: null,
      minActiveMinutesPerCredit: null,
      requireProctoredSummative: null,
      maxAttemptsPerAssessment: null,
    });
  });

  it("an edit changes the limits in place — never a new version — audited by name; clearing one makes it null again", async () => {
    const v = await admin();
    const f = await courseForm(v);
    const created = await runValidated(v, courseSchema, saveCourse, f);
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;
    const edit = (over: Record<string, string>) => runValidated(v, courseSchema, saveCourse, { ...f, courseId: id, loadedVersion: "1", ...over });

    const set = await edit({ minDaysEnrolled: "21", requireProctoredSummative: "false", maxAttemptsPerAssessment: "2" });
    expect(set).toMatchObject({ ok: true, data: { version: 1, newVersion: false } });
    expect(set.ok && [...set.data.changed].sort()).toEqual(["maxAttemptsPerAssessment", "minDaysEnrolled", "requireProctoredSummative"]);
    // "Not required" is the course's own answer (false), not the policy's (null).
    expect(await limitsOf(id)).toEqual({ minDaysEnrolled: 21, minActiveMinutesPerCredit: null, requireProctoredSummative: false, maxAttemptsPerAssessment: 2, currentVersion: 1 });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "catalog.course.update", entityId: id } });
    expect(audit.details).toMatchObject({
      changed: expect.arrayContaining(["minDaysEnrolled", "requireProctoredSummative", "maxAttemptsPerAssessment"]),
      fromVersion: 1,
      version: 1,
    });

    // The same limits again: nothing to save.
    expect(await edit({ minDaysEnrolled: "21", requireProctoredSummative: "false", maxAttemptsPerAssessment: "2" })).toMatchObject({ ok: true, data: { changed: [] } });

    const cleared = await edit({ minDaysEnrolled: "", requireProctoredSummative: "", maxAttemptsPerAssessment: "2" });
    expect(cleared).toMatchObject({ ok: true, data: { version: 1, newVersion: false } });
    expect(await limitsOf(id)).toEqual({ minDaysEnrolled: null, minActiveMinutesPerCredit: null, requireProctoredSummative: null, maxAttemptsPerAssessment: 2, currentVersion: 1 });
  });

  it("answers a bad limit field by field and writes nothing", async () => {
    const v = await admin();
    const before = await db().onlineCourse.count();
    const post = async (over: Record<string, string>) => {
      const r = await runValidated(v, courseSchema, saveCourse, await courseForm(v, over));
      expect(r.ok).toBe(false);
      return r.ok ? {} : r.fieldErrors;
    };
    expect(await post({ minDaysEnrolled: "0", minActiveMinutesPerCredit: "100001", maxAttemptsPerAssessment: "51", requireProctoredSummative: "maybe" })).toEqual({
      minDaysEnrolled: ["The minimum days enrolled must be at least 1"],
      minActiveMinutesPerCredit: ["The minimum active minutes per credit must be at most 100000"],
      maxAttemptsPerAssessment: ["The most attempts per assessment must be at most 50"],
      requireProctoredSummative: [`"maybe" is not a choice: use yes (required), no (not required) or blank (the program type's policy)`],
    });
    expect(await post({ minDaysEnrolled: "366", minActiveMinutesPerCredit: "2.5", maxAttemptsPerAssessment: "-1" })).toEqual({
      minDaysEnrolled: ["The minimum days enrolled must be at most 365"],
      minActiveMinutesPerCredit: ["The minimum active minutes per credit must be a whole number"],
      maxAttemptsPerAssessment: ["The most attempts per assessment must be a whole number"],
    });
    // The passing grade shares the blank-or-number rule, and its message.
    expect(await post({ maxAttemptsPerAssessment: "0", title: "", passingGrade: "abc" })).toEqual({
      title: ["Enter the title"],
      passingGrade: ["The passing grade must be a whole number"],
      maxAttemptsPerAssessment: ["The most attempts per assessment must be at least 1"],
    });
    expect(await db().onlineCourse.count()).toBe(before);
  });

  it("the catalog download has no rigor columns, so importing it back leaves the course's limits as they are", async () => {
    const v = await admin();
    const r = await runValidated(v, courseSchema, saveCourse, await courseForm(v, { minDaysEnrolled: "30", requireProctoredSummative: "true" }));
    if (!r.ok) throw new Error(r.message);
    let csv = "";
    for await (const chunk of catalogCsv()) csv += chunk;
    const file = writeTemp("catalog.csv", csv);
    const back = await runImport(null, "catalog", file);
    fs.rmSync(file);
    expect(back.errors).toEqual([]);
    expect(back.counts.courses).toMatchObject({ created: 0, updated: 0 });
    // A changed title in the file updates the course and still leaves its limits alone.
    const file2 = writeTemp("catalog.csv", csv.replaceAll("Biology (Credit Recovery)", "Biology CR"));
    const changed = await runImport(null, "catalog", file2);
    fs.rmSync(file2);
    expect(changed.errors).toEqual([]);
    expect(await db().onlineCourse.findUniqueOrThrow({ where: { id: r.data.id } })).toMatchObject({
      title: "Biology CR",
      minDaysEnrolled: 30,
      requireProctoredSummative: true,
      minActiveMinutesPerCredit: null,
      currentVersion: 1,
    });
  });
});
