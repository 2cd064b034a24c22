// `npm run report` and the report API on bad or empty input (issue 12): words a person can act on,
// a non-zero exit with the usage for bad arguments, and "no students in the class of 2030" for a
// class nobody is in.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import type { Viewer } from "@/lib/access";
import { runReport, UsageError } from "@/scripts/report";
import { reportHandler } from "./http";
import { getDropout, getGraduation } from "./queries";
import { graduationParams, yearParams } from "./schema";

useTestDatabase();

const ROOT = path.resolve(import.meta.dirname, "../..");
let admin: Viewer;
let school: { id: string; name: string; stateCode: string };

beforeAll(async () => {
  admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  school = await makeSchool({ name: "Gamma High" });
  await makeStudent(school.id, null, { cohortYear: 2027 });
});

describe("npm run report on a class or school that is not there", () => {
  it("says there are no students in the class of 2030", async () => {
    expect(await runReport(["graduation", "--cohort", "2030"], admin)).toMatch(/^No students in the class of 2030: /);
    expect(await runReport(["graduation", "--cohort", "2030", "--school", school.stateCode], admin)).toMatch(/^No students in the class of 2030 at Gamma High: /);
    expect(await runReport(["graduation", "--cohort", "2027"], admin)).toMatch(/^Class of 2027 — District/);
    expect(JSON.parse(await runReport(["graduation", "--cohort", "2030", "--json"], admin))).toMatchObject({ cohort: 2030, students: 0 });
  });

  it("names a school code nobody has", async () => {
    await expect(runReport(["dropout", "--year", "2024-25", "--school", "NOPE"], admin)).rejects.toThrow(UsageError);
    await expect(runReport(["dropout", "--year", "2024-25", "--school", "NOPE"], admin)).rejects.toThrow(/^No school has the state code or id "NOPE"\.\nUsage:/);
  });
});

describe("the command itself", () => {
  const run = (...args: string[]) =>
    spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/report.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, PGLITE_DIR: "memory://", DATABASE_URL: "" },
      timeout: 60_000,
    });

  it("exits 1 with the reason and the usage on bad arguments, and touches no database", () => {
    for (const [args, first] of [
      [["dropout", "--year", "2024-26"], "--year: 2024-26 is not a school year: write it as 2024-25"],
      [["dropout", "--year", "2040-41"], "--year: 2040-41 is in the future"],
      [["dropout", "--year", "2024", "--school"], "--school needs a value: a school's state code or id."],
    ] as const) {
      const r = run(...args);
      expect({ args, status: r.status, first: r.stderr.split("\n")[0] }).toEqual({ args, status: 1, first });
      expect(r.stderr).toContain("Usage:");
      expect(r.stdout).toBe("");
    }
  }, 120_000);

  it("prints the usage for --help and exits 0", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage:/);
  }, 60_000);
});

describe("the report API answers bad parameters in words", () => {
  const graduation = reportHandler(graduationParams, (v, p) => getGraduation(v, { cohort: p.cohort, school: p.school }));
  const dropout = reportHandler(yearParams, (v, p) => getDropout(v, { year: p.year, school: p.school }));
  const body = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: string }) });

  it.each([
    ["/api/reports/graduation?cohort=abc", "cohort: abc is not a class: write the year it graduates, like 2024"],
    ["/api/reports/graduation", "cohort: Give a class: the year it graduates, like 2024"],
    ["/api/reports/dropout?year=2024-26", "year: 2024-26 is not a school year: write it as 2024-25"],
    ["/api/reports/dropout?year=2040-41", "year: 2040-41 is in the future"],
    ["/api/reports/dropout?year=2024&school=", "school: Give a school's id or state code"],
  ])("%s → 400: %s", async (url, error) => {
    const handle = url.includes("graduation") ? graduation : dropout;
    const res = await handle(admin, new Request(`http://test${url}`));
    expect(await body(res)).toMatchObject({ status: 400, error });
  });

  it("answers a class with nobody in it with figures of nobody, and says so", async () => {
    const res = await graduation(admin, new Request("http://test/api/reports/graduation?cohort=2030"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ cohort: 2030, students: 0, fourYear: { figure: { rate: null } } });
  });
});
