import { zipSync, strToU8 } from "fflate";
import { test, expect, authFile, axeViolations } from "./fixtures";

// Roster files as districts send them (issue #15), through the Imports page: a zip whose users.csv
// older Excel saved in Windows-1252, with a quote inside a name, a header in another case and a
// guardian row with a blank name; and a zip holding one giant cell, refused within seconds.

const run = Date.now().toString(36);
const family = `Muñoz${run}`;

function roster(): Buffer {
  const users =
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,Role,username,userIds,GivenName,FamilyName,middleName,identifier,email,sms,phone,agentSourcedIds,Grades,password\r\n" +
    `f-${run}-1,,,true,e2e-riverside,student,s1,,José,${family},,F${run}1,,,,,10,\r\n` +
    `f-${run}-2,,,true,e2e-riverside,student,s2,,Robert "Bob",${family},,F${run}2,,,,,12,\r\n` +
    `f-${run}-g,,,true,e2e-riverside,guardian,g1,,,${family},,,,,,,,\r\n`;
  const files: Record<string, Uint8Array> = {
    "orgs.csv": strToU8("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\ne2e-riverside,,,Riverside High School,school,00350505,\r\n"),
    "users.csv": new Uint8Array(Buffer.from(users, "latin1")), // Windows-1252 for these characters
    "demographics.csv": strToU8(
      "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity\r\n" +
        `f-${run}-1,,,2010-02-03,male,false,false,false,false,true,false,true\r\n` +
        `f-${run}-2,,,2008-04-05,male,false,false,true,false,false,false,false\r\n`,
    ),
  };
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [`Roster Export/${n}`, t]))));
}

// Signed in once for the run (e2e/auth.setup.ts).
test.use({ storageState: authFile("district.admin@demo.credittrack.test") });

test("a roster saved by older Excel imports with its accents and quotes, and the page says how it was read", async ({ page }) => {
  await page.goto("/imports");
  await page.getByLabel("What is the file?").selectOption("oneroster");
  await page.getByLabel("File (.zip or .csv)").setInputFiles({ name: `excel-roster-${run}.zip`, mimeType: "application/zip", buffer: roster() });
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/users\.csv — The file is not UTF-8; it was read as Windows-1252/)).toBeVisible();
  await expect(page.getByText(/1 guardian, parent or relative row was skipped/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Run import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 30_000 });
  await page.goto(`/caseload?q=${encodeURIComponent(family)}`);
  await expect(page.getByRole("link", { name: new RegExp(`${family}, José`) })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`${family}, Robert "Bob"`) })).toBeVisible();
});

test("a zip holding one giant cell is refused within seconds, at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/imports");
  await page.getByLabel("What is the file?").selectOption("oneroster");
  // 120 MB of one character in one cell: about 120 KB zipped.
  const cell = Buffer.alloc(120 * 1024 * 1024, 0x78);
  const users = Buffer.concat([Buffer.from("sourcedId,enabledUser,orgSourcedIds,role,givenName,familyName\r\nu1,true,s1,student,"), cell, Buffer.from(",Lopez\r\n")]);
  const zip = Buffer.from(zipSync({ "users.csv": new Uint8Array(users) }, { level: 1 }));
  await page.getByLabel("File (.zip or .csv)").setInputFiles({ name: `giant-${run}.zip`, mimeType: "application/zip", buffer: zip });
  const started = Date.now();
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: /Would fail: 1 error|Import refused/ })).toBeVisible({ timeout: 30_000 });
  expect(Date.now() - started).toBeLessThan(15_000);
  await expect(page.getByText(/times its compressed size|expands to more than/)).toBeVisible();
});
