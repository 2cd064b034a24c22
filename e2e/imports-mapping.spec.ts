import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { zipSync, strToU8 } from "fflate";
import { test, expect, useSession, axeViolations } from "./fixtures";

// Column mappings (issue #15): a district administrator maps a provider's gradebook export (a
// vendor-shaped file, not any vendor's documented format) once, previews it, saves the mapping;
// the next file of that shape, uploaded as provider progress, is read through it; the one after,
// dropped into the landing folder (scripts/e2e-server.mjs: looked at every 2 s), is imported on
// schedule through it too, and the student's page shows its results and the date they are as of.

const folder = path.join(os.tmpdir(), `ct-e2e-landing-${process.env.E2E_PORT ?? "3100"}`);
const today = new Intl.DateTimeFormat("en-US", { timeZone: process.env.DISTRICT_TIME_ZONE || "America/New_York", year: "numeric", month: "short", day: "numeric" }).format(
  new Date(),
);

const run = Date.now().toString(36);
const provider = `MAP${run}`.toUpperCase();
const courseTitle = `Geometry Recovery ${run}`;
const family = `Mapwell${run}`;
const sis = `M${run}`;

const CATALOG_HEADER =
  "provider_code,provider_name,course_code,title,subject_area,credits,program_type,expected_weeks,mastery_threshold,passing_grade,recovers,active,assessment_position,assessment_title,assessment_kind,max_score,weight\n";
const catalog = () =>
  CATALOG_HEADER +
  [
    ["1", "Unit 1 Test", "formative", "50"],
    ["2", "Final Exam", "summative", "50"],
  ]
    .map(([p, t, k, w]) => `${provider},Provider ${run},GEO-${run},${courseTitle},Mathematics,1,credit recovery,12,70,,,yes,${p},${t},${k},100,${w}\n`)
    .join("");

function roster(): Buffer {
  const files: Record<string, string> = {
    "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\ne2e-riverside,,,Riverside High School,school,00350505,\r\n",
    "users.csv":
      "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\r\n" +
      `map-${run},,,true,e2e-riverside,student,m1,,Avery,${family},,${sis},,,,,11,\r\n`,
    "demographics.csv":
      "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity\r\n" +
      `map-${run},,,2009-05-06,female,false,false,false,false,true,false,false\r\n`,
  };
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)]))));
}

const GRADEBOOK_HEADER = "Student ID,Last Name,First Name,Course,Activity,Activity Type,Score,Points Possible,Percent,Date Completed,Overall Progress\r\n";
const row = (activity: string, type: string, score: string, date: string) => `${sis},${family},Avery,${courseTitle},${activity},${type},${score},100,${score}%,${date},50%\r\n`;
const sample = GRADEBOOK_HEADER + row("Lesson 1: Angles", "Lesson", "", "10/1/2026 9:00 AM") + row("Unit 1 Test", "Test", "82", "10/2/2026 3:14 PM");
const week2 = GRADEBOOK_HEADER + row("Unit 1 Test", "Test", "82", "10/2/2026 3:14 PM");
const week3 =
  GRADEBOOK_HEADER +
  row("Unit 1 Test", "Test", "82", "10/2/2026 3:14 PM") +
  row("Lesson 2: Proofs", "Lesson", "", "10/5/2026 10:00 AM") +
  row("Final Exam", "Test", "91", "10/9/2026 1:05 PM");

async function upload(page: import("@playwright/test").Page, kind: string, name: string, buffer: Buffer, mimeType = "text/csv") {
  await page.goto("/imports");
  await page.getByLabel("What is the file?").selectOption(kind);
  await page.getByLabel("File (.zip or .csv)").setInputFiles({ name, mimeType, buffer });
}

test("a district admin maps a vendor's gradebook export once; the next file of that shape imports through it", async ({ page }) => {
  test.setTimeout(150_000);
  await useSession(page, "district.admin@demo.credittrack.test");
  await upload(page, "catalog", `catalog-${run}.csv`, Buffer.from(catalog()));
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Run import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 30_000 });
  await upload(page, "oneroster", `roster-${run}.zip`, roster(), "application/zip");
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Run import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 30_000 });

  // Map the sample.
  await page.goto("/imports");
  await page.getByRole("link", { name: "Map its columns once" }).click();
  await expect(page.getByRole("heading", { name: "Column mappings", level: 1 })).toBeVisible();
  await page.getByLabel(/Sample file \(\.csv\)/).setInputFiles({ name: `gradebook-${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(sample) });
  // First guesses from the column names; the administrator sets what the file does not say.
  await expect(page.getByLabel("Student SIS id (required)")).toHaveValue("column:Student ID");
  await expect(page.getByLabel("How the dates are written")).toHaveValue("MDY");
  await page.getByLabel("Provider code (required)").selectOption("value");
  await page.getByLabel("Provider code: fixed value").fill(provider);
  await page.getByLabel(`Catalog course for “${courseTitle}”`).selectOption(`GEO-${run}`);
  await page.getByLabel("Points possible").selectOption("column:Points Possible");
  await page.getByLabel("Leave out rows whose").selectOption("Activity Type");
  await page.getByLabel("is “Lesson”").check();
  await page.getByRole("button", { name: "Preview with the sample" }).click();
  // The student has no enrollment in the course yet: the sample's one result says so, on its line.
  await expect(page.getByRole("heading", { name: "The sample would fail: 1 error" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^line 3/)).toBeVisible();
  await expect(page.getByText(/1 row was left out by the mapping's "skip rows" rule/)).toBeVisible();
  await page.getByLabel("Mapping name").fill(`Gradebook ${run}`);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Saved "' })).toHaveText(new RegExp(`Saved "Gradebook ${run}" as version 1`));
  await expect(page.getByRole("row", { name: new RegExp(`Gradebook ${run}`) })).toContainText("Student SIS id ← “Student ID”");

  // The next file of that shape, uploaded as provider progress: recognised by its header.
  await upload(page, "progress", `gradebook-week2-${run}.csv`, Buffer.from(week2));
  await page.getByLabel("Create the enrollment when a student has none in that course").check();
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(new RegExp(`Read with the column mapping "Gradebook ${run}" \\(version 1\\)`))).toBeVisible();
  await page.getByRole("button", { name: "Run import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 30_000 });

  // The landing folder: the next file of that shape, dropped there, is read through the mapping on schedule.
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Landing folder and overdue imports" });
  await form.getByLabel("Landing folder (a path on the server)").fill(folder);
  await form.getByRole("button", { name: "Save landing folder" }).click();
  await expect(form.getByText(/^Saved\./)).toBeVisible();
  const name = `gradebook-week3-${run}.csv`;
  fs.writeFileSync(path.join(folder, `.${name}.part`), week3);
  fs.renameSync(path.join(folder, `.${name}.part`), path.join(folder, name));
  await expect.poll(() => fs.existsSync(path.join(folder, name)), { timeout: 30_000 }).toBe(false);
  const filed = fs.readdirSync(path.join(folder, "processed")).find((n) => n.endsWith(`_${name}`));
  expect(filed, `processed/ holds ${fs.readdirSync(path.join(folder, "processed")).join(", ")}`).toBeTruthy();
  const report = JSON.parse(fs.readFileSync(path.join(folder, "processed", `${filed}.report.json`), "utf8"));
  expect(report).toMatchObject({ status: "imported", kind: "progress", mapping: `Gradebook ${run}`, report: { status: "succeeded", errorTotal: 0 } });

  await page.goto(`/caseload?q=${family}`);
  await page.getByRole("link", { name: new RegExp(`${family}, Avery`) }).click();
  const card = page.getByRole("region", { name: new RegExp(`^${courseTitle}`) });
  await expect(card.getByText(/Final Exam/).first()).toBeVisible();
  await expect(card.getByTestId("data-as-of")).toHaveText(today);
});
