// Provider progress files as they reach a district (lib/imports/fixtures/progress-field/), beside
// the clean fixture.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { enrollIn, rosterAndAlgebraCourse } from "@/lib/imports/test-course";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { fixture } from "@/lib/imports/test-helpers";

useTestDatabase();

beforeAll(async () => {
  const { courseId } = await rosterAndAlgebraCourse();
  await enrollIn(courseId, "100002");
});

describe("provider progress files from the field", () => {
  // progress/progress.csv opened in Excel (en-US) and saved as CSV: Excel rewrites every date cell it
  // recognises as m/d/yyyy (the ISO date-time it keeps as text) and ends lines with CRLF. A data
  // manager who edits the enrollments export in Excel sends exactly this back. Today each such date
  // is a line error on `date` ("not a date", naming the formats read), so the whole file is
  // refused. m/d/yyyy is ambiguous with d/m/yyyy; a column mapping with its date format (issue #15,
  // "Provider results as providers send them") is where a district says which one it writes.
  it("refuses m/d/yyyy dates, naming each date cell, and writes nothing", async () => {
    const r = await runImport(null, "progress", fixture("progress-field/excel-us-dates.csv"));
    expect(r.status).toBe("failed");
    expect(r.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [2, "date", "10/2/2025"],
      [3, "date", "10/6/2025"],
      [4, "date", "10/8/2025"],
      [6, "date", "10/21/2025"],
    ]);
    expect(await db().assessmentResult.count()).toBe(0);
  });
});
