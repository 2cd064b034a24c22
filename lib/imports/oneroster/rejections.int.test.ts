import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { copySet, fixture } from "@/lib/imports/test-helpers";

useTestDatabase();
const asOf = new Date("2025-10-01T12:00:00Z");

// Each fixture under fixtures/rejections/<case>/ replaces one file of the valid 1.1 set. (Rows that
// are only read for references are warnings: field.int.test.ts.)
const CASES: [string, { file: string; line: number; column: string | null; value?: string | null; message: RegExp }][] = [
  ["unknown-org", { file: "users.csv", line: 7, column: "orgSourcedIds", value: "s9", message: /Unknown orgSourcedIds/ }],
  ["bad-date", { file: "demographics.csv", line: 4, column: "birthDate", value: "06/01/2007", message: /not a date/ }],
  ["missing-column", { file: "users.csv", line: 1, column: "givenName", value: null, message: /Required column "givenName"/ }],
  ["bad-status", { file: "users.csv", line: 6, column: "status", value: "deleted", message: /status must be/ }],
  ["bad-org-type", { file: "orgs.csv", line: 3, column: "type", value: "highschool", message: /type must be one of/ }],
  ["student-without-identifier", { file: "users.csv", line: 6, column: "identifier", value: "", message: /SIS student id/ }],
  ["duplicate-sourcedid", { file: "users.csv", line: 9, column: "sourcedId", value: "u-s4", message: /Duplicate sourcedId/ }],
  ["unmapped-sex", { file: "demographics.csv", line: 4, column: "sex", value: "unspecified", message: /cannot be mapped/ }],
  ["school-without-code", { file: "orgs.csv", line: 3, column: "identifier", value: "", message: /state school code/ }],
  ["bad-flag", { file: "demographics.csv", line: 2, column: "white", value: "maybe", message: /yes\/no/ }],
  ["unquoted-quote", { file: "users.csv", line: 6, column: null, message: /Unreadable CSV/ }],
];

describe("OneRoster rejections: a row-level error and nothing written", () => {
  it.each(CASES)("%s", async (name, expected) => {
    const dir = copySet("oneroster-1.1", {}, path.join(fixture("rejections"), name));
    const r = await runImport(null, "oneroster", dir, { asOf });
    expect(r.status).toBe("failed");
    expect(r.errors).toContainEqual(expect.objectContaining({ ...expected, message: expect.stringMatching(expected.message) }));
    expect(await db().student.count()).toBe(0);
    expect(await db().school.count()).toBe(0);
    const run = await db().importRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run.status).toBe("failed");
    expect((run.errors as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
  });

  it("--partial writes the valid rows and reports the rest", async () => {
    const dir = copySet("oneroster-1.1", {}, path.join(fixture("rejections"), "unknown-org"));
    const r = await runImport(null, "oneroster", dir, { asOf, partial: true });
    expect(r.status).toBe("partial");
    expect(r.errors).toHaveLength(1);
    expect(r.counts.students.created).toBe(3);
    expect(await db().student.count()).toBe(3);
    expect(await db().student.findUnique({ where: { sourcedId: "u-s4" } })).toBeNull();
  });
});
