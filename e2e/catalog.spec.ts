import fs from "node:fs";
import { test, expect, authFile, axeViolations } from "./fixtures";

// A district administrator adds an online course with two assessments on the Catalog page (after
// a first try whose weights do not add up), finds it listed under its provider, and downloads the
// catalog as the CSV the catalog import reads. A new provider and course code per run, so the
// spec leaves the demo's courses alone.

const ADMIN = "district.admin@demo.credittrack.test";

// Signed in once for the run (e2e/auth.setup.ts).
test.use({ storageState: authFile(ADMIN) });

test("add a course with two assessments, see it listed, download the catalog", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36).toUpperCase();
  const providerName = `Summit Online ${tag}`;
  const title = `Chemistry Recovery ${tag}`;
  await page.goto("/catalog");
  await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();

  await page.getByText("Add a provider", { exact: true }).click();
  const provider = page.getByRole("form", { name: "Add a provider" });
  await provider.getByLabel("Code").fill(`SUM${tag}`);
  await provider.getByLabel("Name").fill(providerName);
  await provider.getByRole("button", { name: "Add provider" }).click();
  await expect(provider.getByRole("status")).toContainText("Provider added");

  await page.getByText("Add a course", { exact: true }).click();
  const course = page.getByRole("form", { name: "Add a course" });
  await course.getByLabel("Provider", { exact: true }).selectOption({ label: `${providerName} (SUM${tag})` });
  await course.getByLabel("Provider's course code").fill(`CHEM-${tag}`);
  await course.getByLabel("Course title").fill(title);
  await course.getByLabel("Subject area").selectOption("SCIENCE");
  await course.getByLabel("Program type").selectOption("CREDIT_RECOVERY");
  await course.getByLabel("Credits").fill("1");
  await course.getByLabel("Expected weeks").fill("12");
  await course.getByLabel("SIS courses it recovers").fill("SCI201; SCI202");
  const first = course.getByRole("group", { name: "Assessment 1" });
  await first.getByLabel("Title").fill("Lab Quiz");
  await first.getByLabel("Weight (%)").fill("40");
  const second = course.getByRole("group", { name: "Assessment 2" });
  await second.getByLabel("Title").fill("Final Exam");
  await second.getByLabel("Kind").selectOption("SUMMATIVE");
  await second.getByLabel("Weight (%)").fill("50");
  await expect(course.getByText("Weights total 90 of 100.")).toBeVisible();
  await course.getByRole("button", { name: "Add course" }).click();
  await expect(course.getByRole("alert")).toContainText("Check the highlighted fields");
  await expect(course.getByText("The weights add up to 90; they must add up to 100.")).toBeVisible();

  await second.getByLabel("Weight (%)").fill("60");
  await course.getByRole("button", { name: "Add course" }).click();
  await expect(course.getByRole("status")).toContainText("Course added (version 1)");

  // Listed under its provider, with both assessments, the SIS codes and version 1.
  const section = page.getByRole("region", { name: new RegExp(providerName) });
  const row = section.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("SCI201, SCI202");
  await expect(row).toContainText("2 (1 summative), version 1");
  await expect(row).toContainText("0 / 0");
  expect(await axeViolations(page)).toEqual([]);

  // Its own page shows the assessments of version 1.
  await row.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Version 1 \(current/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Final Exam/ }).first()).toContainText("60%");

  // The download: the catalog import's columns, with the new course's two lines.
  await page.goto("/catalog");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the catalog/ }).click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe(
    "provider_code,provider_name,course_code,title,subject_area,credits,program_type,expected_weeks,mastery_threshold,passing_grade,recovers,active,assessment_position,assessment_title,assessment_kind,max_score,weight,stale_after_days",
  );
  const mine = csv.split("\r\n").filter((l) => l.includes(`CHEM-${tag}`));
  expect(mine).toEqual([
    `SUM${tag},${providerName},CHEM-${tag},${title},science,1,credit_recovery,12,70,,SCI201;SCI202,Y,1,Lab Quiz,formative,100,40,`,
    `SUM${tag},${providerName},CHEM-${tag},${title},science,1,credit_recovery,12,70,,SCI201;SCI202,Y,2,Final Exam,summative,100,60,`,
  ]);
});

test("phone width: the course form can be filled and read without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/catalog");
  await page.getByText("Add a course", { exact: true }).click();
  const form = page.getByRole("form", { name: "Add a course" });
  await expect(form.getByRole("group", { name: "Assessment 1" }).getByLabel("Weight (%)")).toBeVisible();
  const overflow = await form.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});
