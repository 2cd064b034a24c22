import type { Page } from "@playwright/test";
import { test, expect, useSession, axeViolations } from "./fixtures";

// Bad input in each counselor form shows a field error; another counselor's student is not
// reachable; caseload and student pages pass axe. Uses counselors Delgado and Chen (not Okafor,
// whose caseload the recovery journey changes).

const DELGADO = "counselor.delgado@demo.credittrack.test";
const CHEN = "counselor.chen@demo.credittrack.test";

async function firstStudentHref(page: Page, query = ""): Promise<string> {
  await page.goto(`/caseload${query}`);
  return (await page.getByRole("table").locator("tbody th[scope=row] a").first().getAttribute("href"))!;
}

test("each form shows field errors for bad input", async ({ page }) => {
  test.setTimeout(120_000);
  await useSession(page, DELGADO);
  await page.goto(await firstStudentHref(page, "?sort=name&dir=desc"));

  // Note: empty text.
  const note = page.getByRole("form", { name: "Add a note" });
  await note.getByRole("button", { name: "Add note" }).click();
  await expect(note.getByText("Write the note")).toBeVisible();
  await expect(note.getByLabel("Note", { exact: true })).toHaveAttribute("aria-invalid", "true");

  // Enroll: no course, then a target before the start.
  await page.getByText("Enroll in another catalog course").click();
  const enroll = page.getByRole("form", { name: "Enroll in a catalog course" });
  await enroll.getByLabel("Target date").fill("2000-01-01");
  await enroll.getByRole("button", { name: "Enroll" }).click();
  await expect(enroll.getByText("Choose a course", { exact: true })).toBeVisible();
  await expect(enroll.getByText("The target date must be after the start date")).toBeVisible();

  // Enroll for real, then record a score above the maximum.
  await enroll.getByLabel("Course").selectOption({ index: 1 });
  const title = (await enroll.getByLabel("Course").locator("option:checked").innerText()).replace(/ \(.*$/, "");
  await enroll.getByLabel("Target date").fill("");
  await enroll.getByRole("button", { name: "Enroll" }).click();
  const card = page.getByRole("region", { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `) }).first();
  // The confirmation names the course (issue 16: a message says what happened).
  await expect(enroll.getByRole("status")).toHaveText(new RegExp(`^Enrolled in ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(.+\\)\\.$`));
  await card.getByText("Record results").click();
  const results = card.getByRole("form", { name: `Record results for ${title}` });
  await results.getByRole("button", { name: "Save results" }).click();
  await expect(results.getByText("Enter at least one score")).toBeVisible();
  await results
    .getByRole("textbox", { name: /score \(of / })
    .first()
    .fill("99999");
  await results.getByRole("button", { name: "Save results" }).click();
  await expect(results.getByRole("textbox", { name: /score \(of / }).first()).toHaveAttribute("aria-invalid", "true");
  await expect(results.getByText(/The score must be between 0 and/).last()).toBeVisible();
  await results
    .getByRole("textbox", { name: /score \(of / })
    .first()
    .fill("abc");
  await results.getByRole("button", { name: "Save results" }).click();
  await expect(results.getByText("Enter a number", { exact: true })).toBeVisible();

  // End without credit: no outcome, no reason.
  await card.getByText("Mark failed or withdrawn").click();
  const end = card.getByRole("form", { name: `End ${title} without credit` });
  await end.getByRole("button", { name: "End without credit" }).click();
  await expect(end.getByText("Choose failed or withdrawn")).toBeVisible();
  await expect(end.getByText("Give the reason")).toBeVisible();

  // Status change: dropped out without a reason, after the confirmation step.
  const status = page.getByRole("form", { name: "Change enrollment status" });
  await status.getByLabel("New status").selectOption("DROPPED_OUT");
  await status.getByRole("button", { name: "Review status change" }).click();
  await expect(status.getByRole("alertdialog")).toContainText("Dropped out");
  await status.getByRole("button", { name: "Confirm status change" }).click();
  await expect(status.getByText("Give the reason")).toBeVisible();
});

test("another counselor's student is not reachable", async ({ browser }) => {
  const theirs = await browser.newPage();
  await useSession(theirs, CHEN);
  const href = await firstStudentHref(theirs);
  await theirs.close();

  const mine = await browser.newPage();
  await useSession(mine, DELGADO);
  const res = await mine.goto(href);
  expect(res?.status()).toBe(404);
  await expect(mine.getByRole("heading", { name: "Student not found" })).toBeVisible();
  await mine.goto(`${href}/plan`);
  await expect(mine.getByRole("heading", { name: "Student not found" })).toBeVisible();
  await mine.close();
});

test("caseload, student page and plan have no axe violations", async ({ page }) => {
  await useSession(page, CHEN);
  await page.goto("/caseload?risk=HIGH");
  await expect(page.getByRole("heading", { name: "My caseload" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  const href = (await page.getByRole("table").locator("tbody th[scope=row] a").first().getAttribute("href"))!;
  await page.goto(href);
  await expect(page.getByRole("heading", { name: "Graduation audit" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.goto(`${href}/plan`);
  expect(await axeViolations(page)).toEqual([]);
});
