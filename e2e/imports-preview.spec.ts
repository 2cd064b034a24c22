import { test, expect, authFile, axeViolations } from "./fixtures";

// A district admin previews a catalog file with rejected rows: the preview says the import would
// fail (all-or-nothing), "Run import" stays off with the reason, and "Import the valid rows only"
// writes the valid course.

const run = Date.now().toString(36);
const HEADER =
  "provider_code,provider_name,course_code,title,subject_area,credits,program_type,expected_weeks,mastery_threshold,passing_grade,recovers,active,assessment_position,assessment_title,assessment_kind,max_score,weight\n";
const row = (code: string, credits: string) =>
  `E2E${run},E2E Provider ${run},${code},Course ${code},Mathematics,${credits},credit recovery,12,70,,,yes,1,Final,summative,100,100\n`;
const csv = HEADER + row(`OK-${run}`, "1") + row(`BAD1-${run}`, "lots") + row(`BAD2-${run}`, "many");

// Signed in once for the run (e2e/auth.setup.ts).
test.use({ storageState: authFile("district.admin@demo.credittrack.test") });

test("a preview with errors says it would fail and leaves Run import off; the valid rows can be imported", async ({ page }) => {
  await page.goto("/imports");
  await page.getByLabel("What is the file?").selectOption("catalog");
  await page.getByLabel("File (.zip or .csv)").setInputFiles({ name: `catalog-${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });

  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Would fail: 2 errors — nothing has been written" })).toBeVisible({ timeout: 30_000 });
  const runButton = page.getByRole("button", { name: "Run import", exact: true });
  await expect(runButton).toBeDisabled();
  await expect(runButton).toHaveAccessibleDescription(/Run import is off: this file has 2 errors, and a file with any error writes nothing/);
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Import the valid rows only" }).click();
  await expect(page.getByRole("heading", { name: "Valid rows written" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("Write the valid rows even if some rows are rejected")).toBeChecked();
  // Other specs import too: this file's two runs, newest first.
  const runs = page
    .getByRole("table", { name: "Import runs, newest first" })
    .getByRole("row")
    .filter({ hasText: `catalog-${run}.csv` });
  await expect(runs).toHaveCount(2);
  await expect(runs.nth(0)).toContainText("partial — valid rows written");
  await expect(runs.nth(0)).toContainText("2 errors");
  await expect(runs.nth(1)).toContainText("preview only");
});

test("a clean preview leaves Run import on", async ({ page }) => {
  await page.goto("/imports");
  await page.getByLabel("What is the file?").selectOption("catalog");
  await page.getByLabel("File (.zip or .csv)").setInputFiles({ name: `catalog-ok-${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(HEADER + row(`OK2-${run}`, "1")) });
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Run import", exact: true })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Import the valid rows only" })).toHaveCount(0);
  // The report's rows are named in words, and its table scrolls in its own box on a phone.
  await expect(page.getByRole("rowheader", { name: "Online courses" })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeViolations(page)).toEqual([]);
});
