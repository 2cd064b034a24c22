import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { runImport } from "@/lib/imports/run";
import type { ImportKind } from "@/lib/imports/report";
import { setUpDistrict } from "@/lib/setup/setup";
import { setupSchema } from "@/lib/setup/schema";
import { getCompleters, getDistrictSummary, getDropout, getGraduation } from "@/lib/reports/queries";

// A new district from an empty database through the product's own commands (`npm run setup`,
// `npm run import`): the same files as e2e/new-district.spec.ts, and the figures computed by hand
// in e2e/fixtures/new-district/README.md. The e2e test does it again through the pages.

useTestDatabase();
const dir = path.resolve("e2e/fixtures/new-district");
let admin: Viewer;

async function load(kind: ImportKind, file: string, opts = {}) {
  const r = await runImport(null, kind, path.join(dir, file), opts);
  expect({ file, status: r.status, errors: r.errors }).toEqual({ file, status: "succeeded", errors: [] });
  return r;
}

beforeAll(async () => {
  const input = setupSchema.parse({
    districtName: "Harbor City Public Schools",
    totalCredits: "24",
    requirements: { ENGLISH: "4", MATHEMATICS: "4", SCIENCE: "3", HISTORY_SOCIAL_STUDIES: "3", WORLD_LANGUAGE: "2", ARTS: "1", ELECTIVE: "0" },
    passingGrade: "65",
    email: "data.manager@harbor.example",
    name: "Rosa Delgado",
    password: "Harbor-tide-2031!",
    confirm: "Harbor-tide-2031!",
  });
  const { adminId } = await setUpDistrict(input, { via: "cli" });
  const u = await db().user.findUniqueOrThrow({ where: { id: adminId } });
  admin = { id: u.id, name: u.name, email: u.email, role: u.role, schoolId: u.schoolId };
  await load("catalog", "catalog.csv");
  await load("oneroster", "oneroster");
  for (const f of ["students.csv", "status-events.csv", "transcript.csv", "roll.csv"]) await load("students", f);
  await load("progress", "progress.csv", { createEnrollments: true });
}, 120_000);

describe("a new district from an empty database, through its own files", () => {
  it("loads everything it was given", async () => {
    expect(await db().student.count()).toBe(16);
    expect(await db().studentYear.count()).toBe(21);
    expect(await db().enrollment.count({ where: { status: "COMPLETED" } })).toBe(6);
    // Same-day entry and documented transfer out, in that order in the file: the record says out.
    expect((await db().student.findUniqueOrThrow({ where: { sisId: "9008" } })).status).toBe("TRANSFERRED_OUT");
  });

  it("gives the hand-computed 4- and 5-year rates of the class of 2025", async () => {
    const district = await getGraduation(admin, { cohort: 2025 });
    expect(district.fourYear.figure).toMatchObject({ numerator: 9, denominator: 14, rate: 64.3 });
    expect(district.fiveYear.figure).toMatchObject({ numerator: 10, denominator: 14, rate: 71.4 });
    const harbor = await getGraduation(admin, { cohort: 2025, school: "04440505" });
    expect(harbor.fourYear.figure).toMatchObject({ numerator: 4, denominator: 7, rate: 57.1 });
    expect(harbor.fiveYear.figure).toMatchObject({ numerator: 5, denominator: 7, rate: 71.4 });
    const bay = await getGraduation(admin, { cohort: 2025, school: "04440510" });
    expect(bay.fourYear.figure).toMatchObject({ numerator: 5, denominator: 7, rate: 71.4 });
  });

  it("gives the 2023-24 dropout rate and names the school without an October 1 roll", async () => {
    const harbor = await getDropout(admin, { year: 2023, school: "04440505" });
    // 1 dropout of 7: within one student of none, so shown coded (lib/reports/disclosure.ts), never as 1.
    expect(harbor.figure).toMatchObject({ numerator: null, denominator: 7, rate: null, coded: { op: "≤", bound: 14.3 } });
    const bay = await getDropout(admin, { year: 2023, school: "04440510" });
    expect(bay.figure.note).toMatch(/No October 1 roll loaded for 2023-24/);
    const district = await getDropout(admin, { year: 2023 });
    expect(district.figure).toMatchObject({ numerator: null, denominator: 7, rate: null, coded: { op: "≤", bound: 14.3 } });
    expect(district.figure.note).toContain('Bay "East" Academy');
    const summary = await getDistrictSummary(admin, { year: 2023 });
    expect(summary.district.dropout.note).toContain('Bay "East" Academy');
  });

  it("gives the 2024-25 completers who graduated", async () => {
    const c = await getCompleters(admin, { year: 2024 });
    expect(c.completers).toBe(6);
    expect(c.byYearEnd).toMatchObject({ numerator: 3, denominator: 6, rate: 50 });
  });
});
