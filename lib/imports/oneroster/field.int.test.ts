import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { copySet, fixture } from "@/lib/imports/test-helpers";

// Roster files as districts send them (issue #15): fixtures/field/<case>/ overlays the valid 1.1
// set (field-1.2/: the 1.2 set); look-alike/<case>/ are whole sets of another format. Each case
// failed on the importer before issue #15.

useTestDatabase();
const asOf = new Date("2025-10-01T12:00:00Z");
const field = (name: string, base = "oneroster-1.1", folder = "field") => copySet(base, {}, path.join(fixture(folder), name));

beforeEach(async () => {
  await db().$executeRawUnsafe(`TRUNCATE "Student", "User", "School", "ImportRun" CASCADE`);
});

describe("OneRoster files from the field", () => {
  it("imports quotes inside unquoted names as they are", async () => {
    const r = await runImport(null, "oneroster", field("quote-in-name"), { asOf });
    expect(r.errors).toEqual([]);
    expect(r.status).toBe("succeeded");
    const s4 = await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s4" } });
    const s6 = await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s6" } });
    expect(s4.firstName).toBe('Chloe "Coco"');
    expect(s6.lastName).toBe(`O'Neil 5'11"`);
  });

  it("reads a Windows-1252 file as Windows-1252, and says so", async () => {
    const r = await runImport(null, "oneroster", field("windows-1252"), { asOf });
    expect(r.errors).toEqual([]);
    const s1 = await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s1" } });
    expect([s1.firstName, s1.lastName]).toEqual(["José", "Muñoz"]);
    expect(r.warnings).toContainEqual(
      expect.objectContaining({ file: "users.csv", value: "Windows-1252", message: expect.stringMatching(/not UTF-8; it was read as Windows-1252/) }),
    );
  });

  it("refuses a UTF-8 file with a Windows-1252 byte in it, naming line, column and value", async () => {
    const dir = copySet("oneroster-1.1");
    const text = fs.readFileSync(path.join(dir, "users.csv"), "utf8").replace("Ana,Lopez", "Zoë,Lopez");
    const bytes = Buffer.from(text, "utf8");
    const at = bytes.indexOf("Davis");
    fs.writeFileSync(path.join(dir, "users.csv"), Buffer.concat([bytes.subarray(0, at), Buffer.from("Mu\xf1oz", "latin1"), bytes.subarray(at + 5)]));
    const r = await runImport(null, "oneroster", dir, { asOf });
    expect(r.status).toBe("failed");
    expect(r.errors).toEqual([
      expect.objectContaining({
        file: "users.csv",
        line: 7,
        column: "familyName",
        value: "Mu\uFFFDoz",
        message: expect.stringMatching(/not UTF-8 \(a file pasted together.*\(line 7, character 40\)/),
      }),
    ]);
  });

  it("reads a UTF-16 file with its byte-order mark", async () => {
    const dir = copySet("oneroster-1.1");
    const text = fs
      .readFileSync(path.join(dir, "users.csv"), "utf8")
      .replace(/^\uFEFF/, "")
      .replace("Ana,Lopez", "Zoë,Lopez");
    fs.writeFileSync(path.join(dir, "users.csv"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const r = await runImport(null, "oneroster", dir, { asOf });
    expect(r.errors).toEqual([]);
    expect((await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s1" } })).firstName).toBe("Zoë");
  });

  it("refuses a row longer than 1 MB at once, with the line it starts on", async () => {
    const dir = copySet("oneroster-1.1");
    const file = path.join(dir, "users.csv");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace("Ben,", `Ben${"x".repeat(3 * 1024 * 1024)},`));
    const started = Date.now();
    const r = await runImport(null, "oneroster", dir, { asOf });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.status).toBe("failed");
    expect(r.errors).toEqual([expect.objectContaining({ file: "users.csv", line: 6, message: expect.stringMatching(/line 6 is longer than 1 MB/) })]);
  });

  it("says where a quote is left open, on the line it opens", async () => {
    const r = await runImport(null, "oneroster", copySet("oneroster-1.1", {}, path.join(fixture("rejections"), "unquoted-quote")), { asOf });
    expect(r.errors).toEqual([expect.objectContaining({ file: "users.csv", line: 6, column: null, message: expect.stringMatching(/starts on line 6 is never closed/) })]);
  });

  it("matches header names without regard to case", async () => {
    const r = await runImport(null, "oneroster", field("header-case"), { asOf });
    expect(r.errors).toEqual([]);
    expect(r.counts.students.created).toBe(4);
    const s1 = await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s1" } });
    expect([s1.firstName, s1.middleName, s1.gradeLevel]).toEqual(["Ana", "Maria", 9]);
  });

  it("reports the header problems of every file in one run", async () => {
    const r = await runImport(null, "oneroster", field("headers-in-two-files"), { asOf });
    expect(r.status).toBe("failed");
    expect(r.errors).toHaveLength(2);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "users.csv", line: 1, column: "givenName", message: 'Required column "givenName" is missing from the header' }),
        expect.objectContaining({ file: "enrollments.csv", line: 1, column: "role", message: 'Required column "role" is missing from the header' }),
      ]),
    );
  });

  it("does not let rows it never stores block the roster: each kind of problem is one counted warning", async () => {
    const r = await runImport(null, "oneroster", field("unstored-rows"), { asOf });
    expect(r.errors).toEqual([]);
    expect(r.status).toBe("succeeded");
    expect(r.counts.students.created).toBe(4);
    const messages = r.warnings.map((w) => `${w.file}: ${w.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^users\.csv: 1 guardian, parent or relative row was skipped/),
        expect.stringMatching(/^users\.csv: 1 student is not in grades 9–12/),
        expect.stringMatching(
          /^demographics\.csv: 1 row of demographics of people CreditTrack does not store: not a date.*\(first at line 5, birthDate "3\/4\/2015"\)\. It was only read/,
        ),
        expect.stringMatching(/^academicSessions\.csv: 1 row of academic sessions: status must be.*\(first at line 3, status "inactive"\)/),
      ]),
    );
    // "Scheduled" is a scheduled class, in any case.
    expect(messages.some((m) => m.startsWith("classes.csv"))).toBe(false);
  });

  it.each([
    ["unknown-class", "enrollments.csv", /enrollments outside counseling sections.*Unknown classSourcedId/],
    ["unknown-user", "demographics.csv", /Unknown sourcedId: no users\.csv row has sourcedId "u-s55"/],
    ["impossible-date", "academicSessions.csv", /academic sessions.*not a date/],
  ])("%s: a row only read for references is a warning", async (name, file, message) => {
    const r = await runImport(null, "oneroster", field(name), { asOf, dryRun: true });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ file, message: expect.stringMatching(message) }));
  });

  it("reports a bad demographics date once, not again as missing fields on users.csv", async () => {
    const r = await runImport(null, "oneroster", field("root-error-only"), { asOf });
    expect(r.errors).toEqual([expect.objectContaining({ file: "demographics.csv", line: 4, column: "birthDate", value: "06/01/2007" })]);
  });

  it("reads OneRoster 1.2's primaryOrgSourcedId", async () => {
    const r = await runImport(null, "oneroster", field("primary-org-sourcedid", "oneroster-1.2", "field-1.2"), { asOf });
    expect(r.errors).toEqual([]);
    const s1 = await db().student.findUniqueOrThrow({ where: { sourcedId: "u-s1" }, include: { school: true } });
    expect(s1.school.stateCode).toBe("01230505");
  });

  it.each([
    ["sds-v2.1", /looks like Microsoft School Data Sync v2\.1 CSV/],
    ["sds-classic", /looks like Microsoft School Data Sync "classic" CSV/],
  ])("says what a look-alike set is: %s", async (name, message) => {
    const r = await runImport(null, "oneroster", path.join(fixture("look-alike"), name), { asOf });
    expect(r.status).toBe("failed");
    expect(r.errors).toEqual([expect.objectContaining({ line: 0, message: expect.stringMatching(message) })]);
  });

  it("says a OneRoster 1.2 gradebook set given as a roster is a gradebook, to import as one", async () => {
    const r = await runImport(null, "oneroster", fixture("oneroster-1.2-gradebook"), { asOf });
    expect(r.status).toBe("failed");
    expect(r.errors).toEqual([
      expect.objectContaining({
        line: 0,
        message: expect.stringMatching(/looks like a OneRoster 1\.2 gradebook set .*import it as "OneRoster gradebook" \(npm run import -- gradebook\)/),
      }),
    ]);
    // Without its users.csv, categories.csv and scoreScales.csv: the same answer.
    const bare = copySet("oneroster-1.2-gradebook");
    for (const f of ["users.csv", "categories.csv", "scoreScales.csv", "classes.csv", "courses.csv"]) fs.rmSync(path.join(bare, f));
    const r2 = await runImport(null, "oneroster", bare, { asOf });
    expect(r2.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/OneRoster 1\.2 gradebook set/) })]);
  });

  it("says a CreditTrack progress file given as a roster is a progress file", async () => {
    const r = await runImport(null, "oneroster", path.join(fixture("progress"), "progress.csv"), { asOf });
    expect(r.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/provider progress file, not OneRoster/) })]);
  });

  it("refuses two files whose names differ only in case", async () => {
    const dir = copySet("oneroster-1.1");
    fs.copyFileSync(path.join(dir, "users.csv"), path.join(dir, "Users.csv"));
    const r = await runImport(null, "oneroster", dir, { asOf });
    expect(r.status).toBe("failed");
    expect(r.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/Users\.csv.*users\.csv|users\.csv.*Users\.csv/) })]);
  });

  it("counts one warning for many rows with the same problem, whatever their values", async () => {
    const dir = copySet("oneroster-1.1");
    const file = path.join(dir, "enrollments.csv");
    const extra = ["x1", "x2", "x3"].map((c, i) => `ex${i},,,cl-${c},s1,u-s1,student,false,,`).join("\r\n");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").trimEnd() + "\r\n" + extra + "\r\ne1,,,cl-alg1,s1,u-t1,teacher,true,,\r\n");
    const r = await runImport(null, "oneroster", dir, { asOf, dryRun: true });
    expect(r.errors).toEqual([]);
    const unknown = r.warnings.filter((w) => /Unknown classSourcedId/.test(w.message));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toMatch(/^3 rows of enrollments outside counseling sections/);
    // A duplicate id in a file whose rows are never stored is a warning too.
    expect(r.warnings).toContainEqual(expect.objectContaining({ file: "enrollments.csv", message: expect.stringMatching(/Duplicate sourcedId/) }));
  });

  it("gives the same answer the second time: a staff member's demographics are not checked", async () => {
    const dir = copySet("oneroster-1.1");
    const file = path.join(dir, "demographics.csv");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").trimEnd() + "\r\nu-c2,,,3/4/1980,female,,,,,,,,,,,\r\n");
    const first = await runImport(null, "oneroster", dir, { asOf });
    expect(first.errors).toEqual([]);
    const second = await runImport(null, "oneroster", dir, { asOf, full: true });
    expect(second.errors).toEqual([]);
  });

  it("counts a guardian row's problems and skips rows of commas only", async () => {
    const dir = field("unstored-rows");
    const file = path.join(dir, "users.csv");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").trimEnd() + "\r\n,,,,,,,,,,,,,,,,,,\r\n");
    const r = await runImport(null, "oneroster", dir, { asOf, dryRun: true });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toContainEqual(
      expect.objectContaining({ file: "users.csv", column: "givenName", message: expect.stringMatching(/^1 row of guardians, parents or relatives: givenName is required/) }),
    );
  });

  it("says so when the only byte that is not UTF-8 is the file's last", async () => {
    const dir = copySet("oneroster-1.1");
    const file = path.join(dir, "academicSessions.csv"); // no BOM (a BOM says UTF-8: such a file is refused)
    fs.writeFileSync(file, Buffer.concat([fs.readFileSync(file).subarray(0, -2), Buffer.from(",Caf\xe9", "latin1")]));
    const r = await runImport(null, "oneroster", dir, { asOf, dryRun: true });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ file: "academicSessions.csv", value: "Windows-1252" }));
  });

  it("deletes a 1.2 student whose user and student role are both tobedeleted", async () => {
    await runImport(null, "oneroster", copySet("oneroster-1.2"), { asOf });
    expect(await db().student.findUnique({ where: { sourcedId: "u-s6" } })).not.toBeNull();
    const dir = copySet("oneroster-1.2");
    for (const [f, from, to] of [
      ["users.csv", "u-s6,,,", "u-s6,tobedeleted,,"],
      ["roles.csv", "r8,,,", "r8,tobedeleted,,"],
    ] as const) {
      const p = path.join(dir, f);
      fs.writeFileSync(p, fs.readFileSync(p, "utf8").replace(from, to));
    }
    const r = await runImport(null, "oneroster", dir, { asOf });
    expect(r.errors).toEqual([]);
    expect(r.counts.students.deleted).toBe(1);
    expect(await db().student.findUnique({ where: { sourcedId: "u-s6" } })).toBeNull();
  });
});
