import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import type { Viewer } from "@/lib/access";
import { runImport } from "@/lib/imports/run";
import { fixture, writeTemp } from "@/lib/imports/test-helpers";
import { studentsCsv } from "@/lib/exports/students";
import { csvLine } from "@/lib/exports/csv";

useTestDatabase();
const SIS = ["100001", "100002", "100004", "100006"];
const COLS = [
  "sis_id",
  "state_id",
  "grade",
  "first_ninth_grade_year",
  "english_learner",
  "special_education",
  "low_income",
  "attendance_rate",
  "suspensions",
  "courses_failed_this_year",
  "counselor",
];
let admin: Viewer;

beforeAll(async () => {
  await runImport(null, "oneroster", fixture("oneroster-1.1"), { asOf: new Date("2025-10-01T12:00:00Z") });
  admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
});

async function exportText(viewer: Viewer): Promise<string> {
  let s = "";
  for await (const chunk of studentsCsv(viewer)) s += chunk;
  return s;
}

const yn = fc.boolean().map((b) => (b ? "Y" : "N"));
const studentValues = fc.record({
  state_id: fc.stringMatching(/^[A-Z0-9]{6}$/),
  grade: fc.integer({ min: 9, max: 12 }).map(String),
  first_ninth_grade_year: fc.integer({ min: 2015, max: 2025 }).map(String),
  english_learner: yn,
  special_education: yn,
  low_income: yn,
  attendance_rate: fc.integer({ min: 0, max: 10000 }).map((n) => String(n / 100)),
  suspensions: fc.integer({ min: 0, max: 40 }).map(String),
  courses_failed_this_year: fc.integer({ min: 0, max: 8 }).map(String),
  counselor: fc.constantFrom("mrivera@district.example", "jokafor@district.example"),
});
const extractRows = fc.tuple(...SIS.map(() => studentValues)).map((vals) => vals.map((v, i) => ({ sis_id: SIS[i]!, ...v, state_id: `${v.state_id}${i}` })));
const toCsv = (rows: Record<string, string>[]) => csvLine(COLS) + rows.map((r) => csvLine(COLS.map((c) => r[c]))).join("");

describe("export → import round trip (fast-check)", () => {
  it("random valid extract rows survive import → export → import unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(extractRows, async (rows) => {
        const first = await runImport(null, "students", writeTemp("students.csv", toCsv(rows)));
        expect(first.errors).toEqual([]);
        const exported = await exportText(admin);
        const again = await runImport(null, "students", writeTemp("export.csv", exported));
        expect(again.errors).toEqual([]);
        expect(again.counts.students).toMatchObject({ updated: 0, unchanged: SIS.length });
        // The exported values are the imported ones.
        const lines = exported
          .trim()
          .split("\r\n")
          .map((l) => l.split(","));
        const header = lines[0]!;
        for (const row of rows) {
          const line = lines.find((l) => l[0] === row.sis_id)!;
          for (const c of COLS) expect(line[header.indexOf(c)]).toBe(row[c as keyof typeof row]);
        }
      }),
      { numRuns: 12 },
    );
  });

  const corruptions = fc.oneof(
    fc.record({
      column: fc.constant("grade"),
      value: fc.oneof(fc.integer({ min: 13, max: 99 }).map(String), fc.integer({ min: 0, max: 8 }).map(String), fc.constantFrom("IX", "9th", "9.5")),
    }),
    fc.record({ column: fc.constant("english_learner"), value: fc.constantFrom("maybe", "2", "si", "?") }),
    fc.record({ column: fc.constant("attendance_rate"), value: fc.oneof(fc.integer({ min: 101, max: 1000 }).map(String), fc.constantFrom("ninety", "93%", "-1")) }),
    fc.record({ column: fc.constant("suspensions"), value: fc.oneof(fc.integer({ min: -50, max: -1 }).map(String), fc.constantFrom("1.5", "two")) }),
    fc.record({ column: fc.constant("first_ninth_grade_year"), value: fc.constantFrom("22", "2022-23", "1889", "next") }),
    fc.record({ column: fc.constant("sis_id"), value: fc.constantFrom("", "000000", "S-404") }),
  );

  it("random corruptions are rejected with a row-level error and nothing written", async () => {
    await fc.assert(
      fc.asyncProperty(extractRows, corruptions, fc.integer({ min: 0, max: SIS.length - 1 }), async (rows, bad, at) => {
        const before = await db().student.findMany({ orderBy: { sisId: "asc" } });
        const corrupted = rows.map((r, i) => (i === at ? { ...r, [bad.column]: bad.value } : r));
        const r = await runImport(null, "students", writeTemp("students.csv", toCsv(corrupted)));
        expect(r.status).toBe("failed");
        expect(r.errors).toContainEqual(expect.objectContaining({ line: at + 2, column: bad.column, value: bad.value }));
        expect(await db().student.findMany({ orderBy: { sisId: "asc" } })).toEqual(before);
      }),
      { numRuns: 25 },
    );
  });

  it("exports only the viewer's students", async () => {
    const rivera = await db().user.findUniqueOrThrow({ where: { sourcedId: "u-c1" } });
    const text = await exportText(viewerOf(rivera));
    const ids = text
      .trim()
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(",")[0]);
    const mine = await db().student.findMany({ where: { counselorId: rivera.id }, select: { sisId: true } });
    expect(ids.sort()).toEqual(mine.map((s) => s.sisId).sort());
  });
});
