import { test, expect, authFile, axeViolations } from "./fixtures";

// A district admin imports a catalog file by mistake, opens the run's page, sees what it changed,
// checks what reverting would do, and reverts it with a reason: the course is gone from the
// catalog and the history says the run was reverted (issue #15).

const run = Date.now().toString(36);
const HEADER =
  "provider_code,provider_name,course_code,title,subject_area,credits,program_type,expected_weeks,mastery_threshold,passing_grade,recovers,active,assessment_position,assessment_title,assessment_kind,max_score,weight\n";
const csv = HEADER + `RV${run},Revert Provider ${run},RV-${run},Mistaken course ${run},Mathematics,1,credit recovery,12,70,,,yes,1,Final,summative,100,100\n`;

// Signed in once for the run (e2e/auth.setup.ts).
test.use({ storageState: authFile("district.admin@demo.credittrack.test") });

test("a run is reverted from its page, with a reason, and the history says so", async ({ page }) => {
  await page.goto("/imports");
  await page.getByLabel("What is the file?").selectOption("catalog");
  await page.getByLabel("File (.zip or .csv)").setInputFiles({ name: `mistake-${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Run import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 30_000 });

  await page.goto("/imports");
  await page
    .getByRole("link", { name: `mistake-${run}.csv` })
    .first()
    .click(); // newest first: the run, then its preview
  await expect(page.getByRole("heading", { level: 1, name: `mistake-${run}.csv` })).toBeVisible();
  const changed = page.getByRole("table", { name: "Rows the run inserted, updated and deleted, per table" });
  await expect(changed.getByRole("row", { name: /online courses 1 0 0/ })).toBeVisible();
  await expect(changed.getByRole("row", { name: /providers 1 0 0/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Check what reverting would do" }).click();
  await expect(page.getByText("Reverting would:")).toBeVisible();
  await expect(page.getByText("online courses: delete 1")).toBeVisible();

  // No reason: refused by field, nothing reverted.
  await page.getByRole("button", { name: "Revert this run" }).click();
  await expect(page.getByLabel("Why is it reverted? (kept in the audit log)")).toHaveAccessibleDescription(/Say why the run is reverted/);
  await page.getByLabel("Why is it reverted? (kept in the audit log)").fill("Wrong provider file");
  await page.getByRole("button", { name: "Revert this run" }).click();
  await expect(page.getByRole("status").filter({ hasText: "This run was reverted: what it created was deleted and what it updated was put back." })).toBeVisible({
    timeout: 30_000,
  });

  await page.goto("/imports");
  const row = page
    .getByRole("table", { name: "Import runs, newest first" })
    .getByRole("row")
    .filter({ hasText: `mistake-${run}.csv` });
  await expect(row.nth(0)).toContainText(/succeeded\s*reverted/);
  await expect(row.nth(1)).toContainText("preview only");
  await page.goto("/catalog");
  await expect(page.getByText(`Mistaken course ${run}`)).toHaveCount(0);

  // The run's page at phone width: no revert form any more, and nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/imports");
  await page
    .getByRole("link", { name: `mistake-${run}.csv` })
    .first()
    .click(); // newest first: the run, then its preview
  await expect(page.getByText(/^Reverted$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Revert this run" })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
