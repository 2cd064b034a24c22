import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { enrollIn, rosterAndAlgebraCourse } from "@/lib/imports/test-course";
import { db } from "@/lib/db";
import { ForbiddenError, type Viewer } from "@/lib/access";
import { runImport } from "@/lib/imports/run";
import { fixture, writeTemp } from "@/lib/imports/test-helpers";
import { exportMapping, saveMapping } from "@/lib/imports/mapping/store";
import { mappingForHeader } from "@/lib/imports/mapping/recognise";
import { convertFile, mappedDate } from "@/lib/imports/mapping/apply";
import { readCsv } from "@/lib/imports/csv";
import { ErrorList } from "@/lib/imports/report";
import { MAPPING_FORMAT, PROGRESS_FIELDS, type MappingDefinition } from "@/lib/imports/mapping/schema";

// Column mappings (issue #15): a vendor-shaped gradebook export read through a saved mapping.

useTestDatabase();
let admin: Viewer;
const vendorFile = fixture("vendor/gradebook-export.csv");
const HEADER = fs.readFileSync(vendorFile, "utf8").split(/\r?\n/)[0]!.split(",");

const definition = (name = "Apex gradebook"): MappingDefinition => ({
  format: MAPPING_FORMAT,
  name,
  kind: "progress",
  header: HEADER,
  fields: {
    provider: { value: "APEX" },
    student_id: { column: "Student ID" },
    course_code: { column: "Course", map: { "Algebra I (Credit Recovery)": "ALG1-CR" } },
    assessment: { column: "Activity" },
    score: { column: "Score" },
    max_score: { column: "Points Possible" },
    date: { column: "Date Completed", dateOrder: "MDY" },
  },
  skipRows: [{ column: "Activity Type", values: ["Lesson"] }],
});

beforeAll(async () => {
  const { courseId } = await rosterAndAlgebraCourse();
  const u = await db().user.create({ data: { name: "Dana Admin", email: "dana.admin@district.example", role: "DISTRICT_ADMIN" } });
  admin = { id: u.id, name: u.name, email: u.email, role: u.role, schoolId: null };
  await enrollIn(courseId, "100002");
});

describe("column mappings", () => {
  it("reads m/d/yyyy, d/m/yyyy and ISO dates as the mapping says, time of day ignored", () => {
    expect(mappedDate("10/2/2025 3:14 PM", "MDY")).toBe("2025-10-02");
    expect(mappedDate("2/10/2025", "DMY")).toBe("2025-10-02");
    expect(mappedDate("2025-10-02T08:00:00Z", "YMD")).toBe("2025-10-02");
    expect(mappedDate("next Tuesday", "MDY")).toBe("next Tuesday");
    expect(mappedDate("10/2/25", "MDY")).toBe("10/2/25"); // a two-digit year is not guessed
  });

  it("refuses a mapping that leaves a required field out or names a column the file does not have", async () => {
    const bad = { ...definition(), fields: { ...definition().fields, student_id: { column: "Learner" } } } as MappingDefinition;
    delete (bad.fields as Record<string, unknown>).date;
    await expect(saveMapping(admin, bad)).rejects.toThrow(
      /fields\.date: Date taken or completed is required.*fields\.student_id: column "Learner" is not in the file's header|fields\.student_id.*fields\.date/,
    );
  });

  it("is for district administrators only", async () => {
    const counselor: Viewer = { id: "x", name: "C", email: "c@x", role: "COUNSELOR", schoolId: null };
    // A role refusal, like every district-only write (lib/access.ts assertCan), not "not found".
    await expect(saveMapping(counselor, definition())).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("imports a vendor's file through a saved mapping, named or recognised by its header", async () => {
    const saved = await saveMapping(admin, definition());
    expect(saved.version).toBe(1);
    expect(await mappingForHeader([...HEADER].reverse().map((h) => h.toUpperCase()))).toMatchObject({ name: "Apex gradebook", version: 1, kind: "progress" });

    const preview = await runImport(admin, "progress", vendorFile, { mapping: "apex GRADEBOOK", dryRun: true });
    expect(preview.errors).toEqual([]);
    expect(preview.counts.results).toMatchObject({ created: 2 });
    expect(preview.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining(['Read with the column mapping "Apex gradebook" (version 1).', '1 row was left out by the mapping\'s "skip rows" rule.']),
    );

    const r = await runImport(admin, "progress", vendorFile); // no --mapping: recognised by the header
    expect(r.status).toBe("succeeded");
    expect(r.counts.results).toMatchObject({ created: 2 });
    const results = await db().assessmentResult.findMany({ orderBy: { takenOn: "asc" }, include: { assessment: true } });
    expect(results.map((x) => [x.assessment.title, x.takenOn.toISOString().slice(0, 10)])).toEqual([
      ["Unit 1 Quiz", "2025-10-02"],
      ["Unit 2 Quiz", "2025-10-13"],
    ]);

    const again = await runImport(admin, "progress", vendorFile);
    expect(again.counts.results).toMatchObject({ created: 0, unchanged: 2 });
  });

  it("reports problems in the vendor's terms: its file, its line, its column", async () => {
    const text = fs.readFileSync(vendorFile, "utf8").replace("10/13/2025 11:40 AM", "13/45/2025").replace("Unit 1 Quiz,Quiz,45", "Unit 9 Quiz,Quiz,45");
    const file = writeTemp("gradebook-bad.csv", text);
    const r = await runImport(admin, "progress", file, { mapping: "Apex gradebook", dryRun: true });
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "gradebook-bad.csv", line: 4, column: "Date Completed", value: "13/45/2025" }),
        expect.objectContaining({ file: "gradebook-bad.csv", line: 2, column: "Activity", value: "Unit 9 Quiz" }),
      ]),
    );
    const run = await db().importRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect((run.errors as { errors: { column: string }[] }).errors.map((e) => e.column)).toEqual(expect.arrayContaining(["Date Completed", "Activity"]));
  });

  it("adds a version on each save; export and re-import keep the definition", async () => {
    const v2 = await saveMapping(admin, { ...definition(), fields: { ...definition().fields, score: { column: "Percent", percent: true }, max_score: { value: "100" } } });
    expect(v2.version).toBe(2);
    const json = JSON.parse(JSON.stringify(await exportMapping(admin, v2.id)));
    expect(json).toMatchObject({ format: MAPPING_FORMAT, name: "Apex gradebook", version: 2 });
    const v3 = await saveMapping(admin, json);
    expect(v3.version).toBe(3);
    expect(v3.definition.fields).toEqual(v2.definition.fields);
    const r = await runImport(admin, "progress", vendorFile, { dryRun: true });
    expect(r.warnings[0]!.message).toBe('Read with the column mapping "Apex gradebook" (version 3).');
  });

  it("says so when --mapping names no saved mapping", async () => {
    const r = await runImport(admin, "progress", vendorFile, { mapping: "Edgenuity" });
    expect(r.status).toBe("failed");
    expect(r.errors[0]!.message).toMatch(/No saved column mapping is named "Edgenuity"/);
    expect(path.basename(r.errors[0]!.file)).toBe("gradebook-export.csv");
  });

  it("passes a cell named like an Object property as written, and reads a header with the version saved for it", async () => {
    const other = [...HEADER, "Section"];
    const v = await saveMapping(admin, { ...definition(), header: other, fields: { ...definition().fields, course_code: { column: "Course", map: { Geometry: "GEO-CR" } } } });
    expect(await mappingForHeader(HEADER)).toMatchObject({ name: "Apex gradebook", version: v.version - 1 });
    expect(await mappingForHeader(other)).toMatchObject({ name: "Apex gradebook", version: v.version });
    const text = fs.readFileSync(vendorFile, "utf8").replace("Unit 1 Quiz,Quiz,45", "constructor,Quiz,45");
    const r = await runImport(admin, "progress", writeTemp("odd.csv", text), { dryRun: true });
    expect(r.errors).toEqual([expect.objectContaining({ line: 2, column: "Activity", value: "constructor" })]);
  });

  it("writes the converted file's fields quoted only where they hold a comma or a quote, each read back as the mapping gives it, on its line", async () => {
    const text = [
      HEADER.join(","),
      HEADER.map((h) => ({ "Student ID": "100002", Activity: '"Unit 1, Part A"', Score: " 45 ", "Date Completed": "10/2/2025" })[h] ?? "x").join(","),
      HEADER.map((h) => ({ "Student ID": "100002", Activity: '"The ""Big"" Quiz"', "Date Completed": "10/3/2025" })[h] ?? "y").join(","),
      HEADER.map((h) => ({ "Student ID": "100002", Activity: '"Unit 2\nQuiz"', Score: "", "Date Completed": "10/4/2025" })[h] ?? "z").join(","),
      HEADER.map((h) => ({ "Student ID": "100002", Activity: "Unit 3 Quiz", "Date Completed": "10/5/2025" })[h] ?? "w").join(","),
    ].join("\n");
    // A fixed value with spaces around it (a vendor file's values are read trimmed; a mapping's own are not).
    const def: MappingDefinition = { ...definition(), fields: { ...definition().fields, provider: { value: "  APEX " } } };
    const c = await convertFile(writeTemp("quoting.csv", text), "quoting.csv", def, new ErrorList());
    try {
      const lines = fs.readFileSync(c.file, "utf8").split("\n");
      const fields = PROGRESS_FIELDS.filter((f) => def.fields[f]);
      expect(lines[0]).toBe(fields.join(","));
      // Plain values as they are (spaces, nothing); a comma or a quote quoted; a line break a space,
      // the next row on the vendor's line.
      expect(lines[1]).toBe(["  APEX ", "100002", "x", '"Unit 1, Part A"', "45", "x", "2025-10-02"].join(","));
      expect(lines[2]).toBe(["  APEX ", "100002", "y", '"The ""Big"" Quiz"', "y", "y", "2025-10-03"].join(","));
      expect(lines[3]).toBe(["  APEX ", "100002", "z", "Unit 2 Quiz", "", "z", "2025-10-04"].join(","));
      expect(lines[4]).toBe("");
      expect(lines[5]).toBe(["  APEX ", "100002", "w", "Unit 3 Quiz", "w", "w", "2025-10-05"].join(","));
      const read: [number, string, string, string][] = [];
      await readCsv(c.file, { file: "quoting.csv", required: [], columns: fields }, ({ line, row }) => read.push([line, row.provider!, row.assessment!, row.score!]));
      expect(read).toEqual([
        [2, "APEX", "Unit 1, Part A", "45"],
        [3, "APEX", 'The "Big" Quiz', "y"],
        [4, "APEX", "Unit 2 Quiz", ""],
        [6, "APEX", "Unit 3 Quiz", "w"],
      ]);
    } finally {
      fs.rmSync(c.dir, { recursive: true, force: true });
    }
  });
});
