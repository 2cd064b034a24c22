// Issue 15: a district data manager downloads the enrollments export and imports it back through
// the provider progress import (lib/imports/FORMATS.md §3). On the demo district that failed on
// every seeded enrollment: the seed wrote the provider's bare enrollment id as the key, the import
// looked for "provider:<code>:<id>" (lib/enrollments/source-key.ts).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { seedDemo } from "@/prisma/seed/seed";
import { runImport } from "@/lib/imports/run";
import { writeTemp } from "@/lib/imports/test-helpers";
import { providerEnrollmentKey } from "@/lib/enrollments/source-key";
import { enrollmentsCsv } from "./enrollments";

useTestDatabase();
let admin: Viewer;

beforeAll(async () => {
  await seedDemo({ asOf: "2026-11-23" });
  const u = await db().user.findFirstOrThrow({ where: { role: "DISTRICT_ADMIN" } });
  admin = { id: u.id, name: u.name, email: u.email, role: u.role, schoolId: null };
}, 300_000);

async function exportText(): Promise<string> {
  let s = "";
  for await (const chunk of enrollmentsCsv(admin)) s += chunk;
  return s;
}

/**
 * Everything the progress import may write, in a stable order — but when each enrollment's provider
 * data last arrived (dataAsOf), which every import that names an enrollment sets, changed or not.
 */
async function progressState() {
  const enrollments = await db().enrollment.findMany({ orderBy: { id: "asc" }, omit: { updatedAt: true, dataAsOf: true } });
  const results = await db().assessmentResult.findMany({ orderBy: { id: "asc" } });
  const transcript = await db().transcriptCourse.count();
  return JSON.stringify({ enrollments, results, transcript });
}

async function importBack(text: string) {
  const r = await runImport(null, "progress", writeTemp("enrollments.csv", text));
  expect(r.errors).toEqual([]);
  expect(r.status).not.toBe("failed");
  return r;
}

describe("the enrollments export imports back (demo district)", () => {
  it("every seeded enrollment key has the one form, provider:<the course's provider>:<id>", async () => {
    const rows = await db().enrollment.findMany({ select: { sourceKey: true, course: { select: { provider: { select: { code: true } } } } } });
    expect(rows.length).toBeGreaterThan(1000);
    const off = rows.filter((e) => !e.sourceKey?.startsWith(providerEnrollmentKey(e.course.provider.code, "")));
    expect(off.slice(0, 3)).toEqual([]);
  });

  it("the export imports back without an error and changes nothing, then exports the same file", async () => {
    // Proctored yes, no and not stated (issue #18) travel in the `proctored` column and come back.
    const [p, q] = await db().assessmentResult.findMany({ orderBy: { id: "asc" }, take: 2 });
    await db().assessmentResult.update({ where: { id: p!.id }, data: { proctored: true } });
    await db().assessmentResult.update({ where: { id: q!.id }, data: { proctored: false } });
    const before = await progressState();
    const text = await exportText();
    expect(text.split("\n")[0]).toContain(",final_grade,proctored,assessment_title,");
    expect(text).toMatch(/,yes,[^,\n]*,/);
    expect(text).toMatch(/,no,[^,\n]*,/);
    const r = await importBack(text);
    expect(r.counts.results).toMatchObject({ created: 0, updated: 0 });
    expect(r.counts.results.unchanged).toBeGreaterThan(10_000);
    expect(r.counts.enrollments).toMatchObject({ created: 0, updated: 0 });
    expect(r.counts.completions).toMatchObject({ created: 0 });
    expect(await progressState()).toBe(before);
    expect(await exportText()).toBe(text);
  }, 120_000);

  it("names with commas and quotes, and ids escaped against spreadsheet formulas, come back as they were", async () => {
    const [a, b, c] = await db().enrollment.findMany({ where: { status: "ACTIVE" }, orderBy: { id: "asc" }, take: 3, include: { course: { include: { provider: true } } } });
    await db().student.update({ where: { id: a!.studentId }, data: { firstName: '=HYPERLINK("x")', lastName: 'Kim, "KJ"' } });
    await db().onlineCourse.update({ where: { id: a!.courseId }, data: { title: 'Algebra I, Part "A"' } });
    const ids = ["=SUM(1+1)", "-A7781", "'@x"];
    for (const [i, e] of [a!, b!, c!].entries()) await db().enrollment.update({ where: { id: e.id }, data: { sourceKey: providerEnrollmentKey(e.course.provider.code, ids[i]!) } });
    const before = await progressState();
    const text = await exportText();
    expect(text).toContain(`,"'=HYPERLINK(""x"") Kim, ""KJ""","Algebra I, Part ""A""",`);
    expect(text).toContain(",'=SUM(1+1),");
    expect(text).toContain(",''@x,");
    const r = await importBack(text);
    expect(r.counts.enrollments).toMatchObject({ created: 0, updated: 0 });
    expect(r.counts.results).toMatchObject({ created: 0, updated: 0 });
    expect(await progressState()).toBe(before);
  }, 120_000);

  it("a key in the legacy form (the bare id) still matches, and the migration rewrites it", async () => {
    const e = await db().enrollment.findFirstOrThrow({
      where: { status: "ACTIVE", results: { some: {} } },
      orderBy: { id: "desc" },
      include: { course: { include: { provider: true } }, student: true },
    });
    const legacy = `${e.course.provider.code}-legacy-${e.student.sisId}`;
    await db().enrollment.update({ where: { id: e.id }, data: { sourceKey: legacy } });
    const file =
      "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date,attempt,course_status,final_grade\n" +
      `${e.course.provider.code},${e.student.sisId},${e.course.providerCourseCode},${legacy},,,,${e.startDate.toISOString().slice(0, 10)},,,\n`;
    const r = await importBack(file);
    expect(r.counts.enrollments).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    await db().$executeRawUnsafe(fs.readFileSync(path.resolve(import.meta.dirname, "../../prisma/migrations/20261201151000_enrollment_source_keys/migration.sql"), "utf8"));
    expect((await db().enrollment.findUniqueOrThrow({ where: { id: e.id } })).sourceKey).toBe(providerEnrollmentKey(e.course.provider.code, legacy));
  });
});
