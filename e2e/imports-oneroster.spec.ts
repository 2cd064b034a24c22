import { zipSync, strToU8 } from "fflate";
import { test, expect, useSession, signIn, axeViolations, createStaff, type Staff } from "./fixtures";

// A district admin uploads a small OneRoster 1.1 zip, sees the dry-run preview, runs it, and the
// new students appear on their counselor's caseload (a counseling section names the counselor).
// The counselor is one this spec makes: the roster writes the counselor's record (its roster id),
// which a demo counselor other specs use must not have changed under them.

const run = Date.now().toString(36);
const family = `Zephyr${run}`;

function roster(c: Staff): Buffer {
  const [given, ...family_] = c.name.split(" ");
  const files: Record<string, string> = {
    "manifest.csv":
      "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\nfile.orgs,bulk\r\nfile.users,bulk\r\nfile.demographics,bulk\r\nfile.classes,bulk\r\nfile.courses,bulk\r\nfile.enrollments,bulk\r\nfile.academicSessions,bulk\r\n",
    "orgs.csv": "\uFEFFsourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\ne2e-riverside,,,Riverside High School,school,00350505,\r\n",
    "academicSessions.csv":
      "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\r\ne2e-y,,,2025-2026,schoolYear,2025-07-01,2026-06-30,,2026\r\n",
    "courses.csv":
      "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\r\ne2e-couns,,,e2e-y,Counseling,CN1,,e2e-riverside,,\r\n",
    "classes.csv": `sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\r\ne2e-sec,,,Spec caseload ${run},,e2e-couns,COUNSEL-${run},homeroom,,e2e-riverside,e2e-y,,,\r\n`,
    "users.csv":
      "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,metadata.credittrack.role\r\n" +
      `e2e-${run}-c,,,true,e2e-riverside,administrator,c${run},,${given},${family_.join(" ")},,,${c.email},,,,,,counselor\r\n` +
      `e2e-${run}-1,,,true,e2e-riverside,student,s1,,Quinn,${family},,E2E${run}1,,,,,09,,\r\n` +
      `e2e-${run}-2,,,true,e2e-riverside,student,s2,,Rowan,"${family}",,E2E${run}2,,,,,11,,\r\n`,
    "demographics.csv":
      "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity\r\n" +
      `e2e-${run}-1,,,2011-02-03,female,false,false,false,false,true,false,true\r\n` +
      `e2e-${run}-2,,,2009-04-05T00:00:00Z,male,false,true,true,false,false,false,false\r\n`,
    "enrollments.csv":
      "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\r\n" +
      `e2e-${run}-e0,,,e2e-sec,e2e-riverside,e2e-${run}-c,administrator,true,,\r\n` +
      `e2e-${run}-e1,,,e2e-sec,e2e-riverside,e2e-${run}-1,student,false,,\r\n` +
      `e2e-${run}-e2,,,e2e-sec,e2e-riverside,e2e-${run}-2,student,false,,\r\n`,
  };
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [`oneroster/${n}`, strToU8(t)]))));
}

test("a district admin previews and runs a OneRoster import; the students appear on the caseload", async ({ page, browser }) => {
  test.setTimeout(120_000); // it makes its counselor first (the Users page)
  await useSession(page, "district.admin@demo.credittrack.test");
  const mine = await createStaff(page, { school: "Riverside High School", first: "Quill" });
  await page.goto("/imports");
  await expect(page.getByRole("heading", { name: "Imports", level: 1 })).toBeVisible();
  await page.getByLabel("What is the file?").selectOption("oneroster");
  await page.getByLabel("File (.zip or .csv)").setInputFiles({ name: `roster-${run}.zip`, mimeType: "application/zip", buffer: roster(mine) });
  await expect(page.getByRole("button", { name: "Run import" })).toBeDisabled();

  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible({ timeout: 30_000 });
  const students = page.getByRole("row", { name: /^Students/ });
  await expect(students.getByRole("cell").first()).toHaveText("2");
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Run import" }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 30_000 });
  // Other specs import too: this file's runs, newest first.
  const runs = page
    .getByRole("table", { name: "Import runs, newest first" })
    .getByRole("row")
    .filter({ hasText: `roster-${run}.zip` });
  await expect(runs.nth(0)).toContainText("succeeded");

  const counselor = await (await browser.newContext()).newPage();
  await signIn(counselor, mine.email, mine.password);
  await counselor.goto(`/caseload?q=${family}`);
  await expect(counselor.getByText(`Showing 1–2 of 2 students`)).toBeVisible();
  await expect(counselor.getByRole("link", { name: new RegExp(`${family}, Quinn`) })).toBeVisible();
  await expect(counselor.getByRole("link", { name: new RegExp(`${family}, Rowan`) })).toBeVisible();
});

test("the Imports page is not found for a counselor", async ({ page }) => {
  await useSession(page, "counselor.chen@demo.credittrack.test");
  const res = await page.goto("/imports");
  expect(res?.status()).toBe(404);
});
