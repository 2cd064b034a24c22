import { createHash } from "node:crypto";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { writeTemp } from "@/lib/imports/test-helpers";

// An input that cannot even be opened (openSource throws an ImportFileError: a damaged zip, see
// lib/imports/source.ts) is recorded as a failed run with those errors, and the failed report is
// returned, never thrown: the CLI prints it, the page shows it, the history lists it.
useTestDatabase();

describe("an input that cannot be opened", () => {
  it("is a failed run with the file's errors and its checksum, returned as a report", async () => {
    const file = writeTemp("upload-7f3a", "PK\u0003\u0004 this is not really a zip");
    const r = await runImport(null, "oneroster", file, { dryRun: true }, "roster.zip");
    expect(r).toMatchObject({ kind: "oneroster", status: "failed", dryRun: true, rows: 0, warnings: [], wouldFail: true, errorTotal: 1 });
    expect(r.errors).toEqual([{ file: "roster.zip", line: 0, column: null, value: null, message: expect.stringMatching(/^Not a readable zip file/) }]);
    const run = await db().importRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run).toMatchObject({
      kind: "oneroster",
      fileName: "roster.zip",
      status: "failed",
      dryRun: true,
      checksum: createHash("sha256").update(fs.readFileSync(file)).digest("hex"),
    });
    expect(run.finishedAt).not.toBeNull();
    expect(run.errors).toMatchObject({ errors: r.errors, errorTotal: 1 });
  });
});
