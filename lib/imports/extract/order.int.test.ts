// Status events keep the order of the file (issue 12): same-day events of one import share their
// createdAt, and their ids are random, so neither may decide which came last. The fixture imports
// an events file, then rewrites the ids: at Alpha they sort OPPOSITE to the file order, at Beta in
// it (a reader that breaks ties by id, either way round, gets one school wrong). Only the recorded
// order (StatusEvent.sequence) gives the right answers at both.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { writeTemp } from "@/lib/imports/test-helpers";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { getStudentRecord } from "@/lib/students/record";
import { getGraduation } from "@/lib/reports/queries";
import { getDrill } from "@/lib/reports/drill";
import { drillParams } from "@/lib/reports/schema";
import type { Viewer } from "@/lib/access";

useTestDatabase();

const CLASS = 2025;
let admin: Viewer;
let alpha: { id: string };
let beta: { id: string };
const sis: Record<string, string> = {};
const HEADER = "event_id,sis_id,event,date,transfer_in,documented,credential\n";
let yRows: string[] = [];

/** Rewrites the event ids (file rows e001, e002…): against the file order at Alpha, along it at Beta; one shared createdAt. */
async function shuffleIds() {
  await db().$executeRawUnsafe(
    `UPDATE "StatusEvent" SET "createdAt" = timestamp '2026-01-01 00:00:00',
       id = 'c' || CASE WHEN "schoolId" = $1 THEN (100000 - substr("sourceKey", 10)::int)::text ELSE (200000 + substr("sourceKey", 10)::int)::text END
     WHERE "sourceKey" LIKE 'extract:e%'`,
    alpha.id,
  );
}

beforeAll(async () => {
  admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  alpha = await makeSchool({ name: "Alpha Order High" });
  beta = await makeSchool({ name: "Beta Order High" });
  const lines: string[] = [];
  let n = 0;
  const ev = (who: string, rest: string) => lines.push(`e${String(++n).padStart(3, "0")},${sis[who]},${rest}`);
  for (const [school, prefix] of [
    [alpha, "a"],
    [beta, "b"],
  ] as const) {
    for (let i = 0; i < 6; i++) {
      const s = await makeStudent(school.id, null, { cohortYear: CLASS, gradeLevel: 12 });
      sis[`${prefix}${i}`] = s.sisId;
      ev(`${prefix}${i}`, `entered,${CLASS - 4}-09-01,,,`);
      ev(`${prefix}${i}`, `graduated,${CLASS}-06-10,,,regular_diploma`);
    }
  }
  // X at Alpha: entered and left (documented) on the same day, in that order → removed.
  sis.x = (await makeStudent(alpha.id, null, { cohortYear: CLASS, gradeLevel: 10 })).sisId;
  ev("x", `entered,2023-01-10,no,,`);
  ev("x", `transferred_out,2023-01-10,,yes,`);
  // Y at Beta: the reverse order on one day → back in, still enrolled.
  sis.y = (await makeStudent(beta.id, null, { cohortYear: CLASS, gradeLevel: 10 })).sisId;
  ev("y", `transferred_out,2023-01-10,,yes,`);
  ev("y", `entered,2023-01-10,yes,,`);
  yRows = lines.slice(-2);
  const file = writeTemp("events.csv", HEADER + lines.join("\n") + "\n");
  const r = await runImport(null, "students", file);
  expect(r.errors).toEqual([]);
  await shuffleIds();
});

const student = (k: string) => db().student.findUniqueOrThrow({ where: { sisId: sis[k] } });

describe("status events keep the file's order (shuffled ids, one createdAt)", () => {
  it("the fixture really has ids sorted against the file at Alpha and along it at Beta", async () => {
    const byId = async (k: string) => (await db().statusEvent.findMany({ where: { studentId: (await student(k)).id }, orderBy: { id: "asc" } })).map((e) => e.kind);
    expect(await byId("x")).toEqual(["TRANSFERRED_OUT", "ENTERED"]);
    expect(await byId("y")).toEqual(["TRANSFERRED_OUT", "ENTERED"]);
    expect(await db().statusEvent.groupBy({ by: ["createdAt"], _count: true })).toHaveLength(1);
  });

  it("the student page lists them latest first, in file order", async () => {
    const x = await getStudentRecord(admin, (await student("x")).id, new Date("2026-10-01T12:00:00Z"));
    expect(x.statusEvents.map((e) => e.kind)).toEqual(["TRANSFERRED_OUT", "ENTERED"]);
    const y = await getStudentRecord(admin, (await student("y")).id, new Date("2026-10-01T12:00:00Z"));
    expect(y.statusEvents.map((e) => e.kind)).toEqual(["ENTERED", "TRANSFERRED_OUT"]);
  });

  it("Student.status is the file's last row", async () => {
    expect(await student("x")).toMatchObject({ status: "TRANSFERRED_OUT" });
    expect(await student("y")).toMatchObject({ status: "ENROLLED", statusDate: null });
  });

  it("a same-day entered + documented transfer out resolves to the later row in the rates", async () => {
    const a = await getGraduation(admin, { cohort: CLASS, school: alpha.id });
    // 6 of 6 and 6 of 7 graduated: the cohort sizes are the point here; the rates are top-coded
    // ("≥ 83.3%", "≥ 85.7%": within one student of all, DEFINITIONS.md "Suppression").
    expect(a.fourYear.figure).toMatchObject({ denominator: 6, coded: { op: "≥", bound: 83.3 } });
    const b = await getGraduation(admin, { cohort: CLASS, school: beta.id });
    expect(b.fourYear.figure).toMatchObject({ denominator: 7, coded: { op: "≥", bound: 85.7 } });
    const drill = await getDrill(admin, drillParams.parse({ figure: "acgr4", cohort: String(CLASS), school: alpha.id }));
    expect([drill.numerator, drill.denominator]).toEqual([6, 6]);
    expect(drill.rows.find((r) => r.sisId === sis.x)?.inDenominator).toBe(false);
  });

  it("a file that reorders a stored same-day pair re-sequences it; the same order again changes nothing", async () => {
    const file = writeTemp("events.csv", HEADER + [yRows[1], yRows[0]].join("\n") + "\n");
    expect((await runImport(null, "students", file)).counts.statusEvents).toMatchObject({ created: 0, updated: 2, unchanged: 0 });
    expect(await student("y")).toMatchObject({ status: "TRANSFERRED_OUT" });
    const y = await getStudentRecord(admin, (await student("y")).id, new Date("2026-10-01T12:00:00Z"));
    expect(y.statusEvents.map((e) => e.kind)).toEqual(["TRANSFERRED_OUT", "ENTERED"]);
    expect((await runImport(null, "students", file)).counts.statusEvents).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it("a second import adding a same-day event puts it after the stored ones", async () => {
    const file = writeTemp("events.csv", `event_id,sis_id,event,date,transfer_in\ne900,${sis.x},entered,2023-01-10,yes\n`);
    expect((await runImport(null, "students", file)).errors).toEqual([]);
    expect(await student("x")).toMatchObject({ status: "ENROLLED" });
    const x = await getStudentRecord(admin, (await student("x")).id, new Date("2026-10-01T12:00:00Z"));
    expect(x.statusEvents.map((e) => e.kind)).toEqual(["ENTERED", "TRANSFERRED_OUT", "ENTERED"]);
  });
});
