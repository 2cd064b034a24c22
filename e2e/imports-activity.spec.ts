import { zipSync, strToU8 } from "fflate";
import { test, expect, useSession, axeViolations } from "./fixtures";

// Activity and time on task (issue #15): a district administrator uploads a provider's usage report
// on the Imports page (sessions, and a day's total); the student's page then shows minutes per week
// for the course, a week without activity as 0, and the total active hours.

const zone = process.env.DISTRICT_TIME_ZONE || "America/New_York";
const run = Date.now().toString(36);
const provider = `ACT${run}`.toUpperCase();
const courseTitle = `Biology Recovery ${run}`;
const family = `Activo${run}`;
const sis = `A${run}`;

/** The district's calendar day `offset` days from today, as YYYY-MM-DD. */
function districtDate(offset: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "numeric", day: "numeric" }).formatToParts(new Date()).map((x) => [x.type, Number(x.value)]),
  );
  return new Date(Date.UTC(p.year!, p.month! - 1, p.day! + offset)).toISOString().slice(0, 10);
}

const catalog =
  "provider_code,provider_name,course_code,title,subject_area,credits,program_type,expected_weeks,mastery_threshold,passing_grade,recovers,active,assessment_position,assessment_title,assessment_kind,max_score,weight\n" +
  `${provider},Provider ${run},BIO-${run},${courseTitle},Science,1,credit recovery,12,70,,,yes,1,Final Exam,summative,100,100\n`;

function roster(): Buffer {
  const files: Record<string, string> = {
    "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\ne2e-riverside,,,Riverside High School,school,00350505,\r\n",
    "users.csv":
      "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\r\n" +
      `act-${run},,,true,e2e-riverside,student,a1,,Rowan,${family},,${sis},,,,,10,\r\n`,
    "demographics.csv":
      "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity\r\n" +
      `act-${run},,,2010-02-03,male,false,false,true,false,false,false,false\r\n`,
  };
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)]))));
}

// An enrollment row of provider progress (no assessment): names the enrollment, created on upload.
const enrollment =
  "provider,student_id,course_code,enrollment_id,assessment,score,max_score,date,attempt,course_status,final_grade\n" +
  `${provider},${sis},BIO-${run},E-${run},,,,${districtDate(-40)},,,\n`;

// A vendor-shaped usage report: a 45-minute session a week ago (local time, the district's zone),
// and a day's total of 30 minutes today.
const usage =
  "Provider,Student_ID,Student Name,Course_Code,Session_Start,Session_End,Date,Minutes\r\n" +
  `${provider},${sis},"${family}, Rowan",BIO-${run},${districtDate(-7)} 10:00,${districtDate(-7)} 10:45,,\r\n` +
  `${provider},${sis},"${family}, Rowan",BIO-${run},,,${districtDate(0)},30\r\n`;

async function importFile(page: import("@playwright/test").Page, kind: string, name: string, buffer: Buffer, opts: { createEnrollments?: boolean } = {}) {
  await page.goto("/imports");
  await page.getByLabel("What is the file?").selectOption(kind);
  await page.getByLabel("File (.zip or .csv)").setInputFiles({ name, mimeType: name.endsWith(".zip") ? "application/zip" : "text/csv", buffer });
  if (opts.createEnrollments) await page.getByLabel("Create the enrollment when a student has none in that course").check();
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Run import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 30_000 });
}

test("a district admin imports a usage report; the student's page shows minutes per week", async ({ page }) => {
  test.setTimeout(150_000);
  await useSession(page, "district.admin@demo.credittrack.test");
  await importFile(page, "catalog", `catalog-${run}.csv`, Buffer.from(catalog));
  await importFile(page, "oneroster", `roster-${run}.zip`, roster());
  await importFile(page, "progress", `enrollment-${run}.csv`, Buffer.from(enrollment), { createEnrollments: true });
  await importFile(page, "activity", `usage-${run}.csv`, Buffer.from(usage));
  await expect(page.getByRole("table", { name: "What the import changed" }).getByRole("row", { name: "sessions 2 0 0 0 0" })).toBeVisible();

  await page.goto(`/caseload?q=${family}`);
  await page.getByRole("link", { name: new RegExp(`${family}, Rowan`) }).click();
  const table = page.getByRole("table", { name: new RegExp(`^Minutes per week: ${courseTitle}`) });
  await expect(table).toContainText("Total active time: 1.3 hours (75 min)");
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(9); // the header and 8 weeks
  // Oldest first: this week (30, today's total) is last; the week before holds the session of a week ago.
  await expect(rows.nth(8).getByRole("cell").first()).toHaveText("30");
  await expect(rows.nth(7).getByRole("cell").first()).toHaveText("45");
  await expect(rows.nth(1).getByRole("cell").first()).toHaveText("0");
  expect(await axeViolations(page)).toEqual([]);

  // Fits a phone: the table is no wider than the screen, and the whole page passes axe there too
  // (the page's wider tables scroll sideways in regions the keyboard can reach).
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(table).toBeVisible();
  const fits = await table.evaluate((t) => t.getBoundingClientRect().right <= document.documentElement.clientWidth);
  expect(fits).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
});
