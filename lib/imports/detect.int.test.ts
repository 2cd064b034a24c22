import fs from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { detectImportKind } from "@/lib/imports/detect";
import { fixture, writeTemp } from "@/lib/imports/test-helpers";
import { tempDir } from "@/lib/test/temp-dir";

// Telling an unlabelled file's import from what it is and its header (lib/imports/detect.ts).
// An integration test: a saved column mapping is looked up in the database.

useTestDatabase();

describe("detectImportKind", () => {
  it.each([
    ["progress/progress.csv", "progress"],
    ["catalog/catalog.csv", "catalog"],
    ["extract/students.csv", "students"],
    ["extract/status-events.csv", "students"],
    ["extract/transcript.csv", "students"],
    ["extract/roll.csv", "students"],
    ["oneroster-1.1", "oneroster"],
    ["oneroster-1.2", "oneroster"],
    ["oneroster-1.2-gradebook", "gradebook"],
  ])("%s → %s", async (name, kind) => {
    expect(await detectImportKind(fixture(name))).toEqual({ kind });
  });

  it("a zip, by its name or by its first bytes, is a OneRoster set", async () => {
    const dir = tempDir("ct-detect-");
    const bytes = zipSync({ "users.csv": strToU8("sourcedId\n") });
    fs.writeFileSync(path.join(dir, "roster.zip"), bytes);
    fs.writeFileSync(path.join(dir, "roster-export.dat"), bytes);
    expect(await detectImportKind(path.join(dir, "roster.zip"))).toEqual({ kind: "oneroster" });
    expect(await detectImportKind(path.join(dir, "roster-export.dat"))).toEqual({ kind: "oneroster" });
  });

  it("a zip of a gradebook set (lineItems, results, no orgs) is a gradebook; with orgs it is the roster", async () => {
    const dir = tempDir("ct-detect-");
    const gradebook = { "export/lineItems.csv": strToU8("sourcedId\n"), "export/results.csv": strToU8("sourcedId\n"), "export/classes.csv": strToU8("sourcedId\n") };
    fs.writeFileSync(path.join(dir, "gradebook.zip"), zipSync(gradebook));
    fs.writeFileSync(path.join(dir, "everything.zip"), zipSync({ ...gradebook, "export/orgs.csv": strToU8("sourcedId\n") }));
    expect(await detectImportKind(path.join(dir, "gradebook.zip"))).toEqual({ kind: "gradebook" });
    expect(await detectImportKind(path.join(dir, "everything.zip"))).toEqual({ kind: "oneroster" });
  });

  it("a header in another case, with a byte-order mark and extra columns, is still recognised", async () => {
    const file = writeTemp("apex.csv", "\uFEFFProvider,Student_ID,Course_Code,Assessment,Score,Max_Score,Date,Teacher\nAPEX,1,A,1,1,1,2025-01-01,x\n");
    expect(await detectImportKind(file)).toEqual({ kind: "progress" });
  });

  it("says why it cannot tell: unknown header, a near miss of the extract, one OneRoster table, an empty file", async () => {
    const unknown = await detectImportKind(writeTemp("menu.csv", "day,meal\n"));
    expect(unknown).toMatchObject({ kind: null, reason: expect.stringMatching(/^Not a file CreditTrack knows: its header \(day, meal\)/) });
    const nearMiss = await detectImportKind(writeTemp("events.csv", "sis_id,event\n"));
    expect(nearMiss).toMatchObject({ kind: null, reason: expect.stringMatching(/looks like a status events? file without/) });
    const table = await detectImportKind(writeTemp("users.csv", "sourcedId,status,enabledUser\n"));
    expect(table).toMatchObject({ kind: null, reason: expect.stringMatching(/one file of a OneRoster set/) });
    expect(await detectImportKind(writeTemp("empty.csv", ""))).toMatchObject({ kind: null, reason: '"empty.csv" is empty.' });
  });
});
