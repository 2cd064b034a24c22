import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { MAX_REPORTED } from "@/lib/imports/report";
import { fixture, writeTemp } from "@/lib/imports/test-helpers";

// A preview (dry run) with errors and without partial would write nothing: the result says so
// (wouldFail) with every error counted (errorTotal), for the command line and the Imports page.
useTestDatabase();
const CATALOG = fixture("catalog/catalog.csv");
const HEADER = fs.readFileSync(CATALOG, "utf8").split("\n")[0] + "\n";

describe("a preview with errors says it would fail", () => {
  const bad = (n: number) =>
    HEADER + Array.from({ length: n }, (_, i) => `APEX,Apex Learning,C${i},Course ${i},Mathematics,lots,credit recovery,12,70,,,yes,1,Quiz,formative,100,100\n`).join("");

  it("without partial: wouldFail, with the total error count", async () => {
    const r = await runImport(null, "catalog", writeTemp("catalog.csv", bad(2)), { dryRun: true });
    expect(r).toMatchObject({ status: "dry-run", wouldFail: true, errorTotal: 2 });
  });

  it("with partial: it would write the valid rows, so it would not fail", async () => {
    const r = await runImport(null, "catalog", writeTemp("catalog.csv", bad(2)), { dryRun: true, partial: true });
    expect(r).toMatchObject({ status: "dry-run", wouldFail: false, errorTotal: 2 });
  });

  it("a clean preview would not fail; a real run never says wouldFail", async () => {
    expect(await runImport(null, "catalog", CATALOG, { dryRun: true })).toMatchObject({ wouldFail: false, errorTotal: 0 });
    expect(await runImport(null, "catalog", writeTemp("catalog.csv", bad(1)))).toMatchObject({ status: "failed", wouldFail: false, errorTotal: 1 });
  });

  it("counts every error, not only the first 1,000 it lists; the run record keeps the total", async () => {
    const r = await runImport(null, "catalog", writeTemp("catalog.csv", bad(MAX_REPORTED + 200)), { dryRun: true });
    expect(r.errors).toHaveLength(MAX_REPORTED);
    expect(r).toMatchObject({ wouldFail: true, errorTotal: MAX_REPORTED + 200 });
    const run = await db().importRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect((run.errors as { errorTotal: number }).errorTotal).toBe(MAX_REPORTED + 200);
  });
});
