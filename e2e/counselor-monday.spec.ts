import type { Locator, Page } from "@playwright/test";
import { test, expect, authFile, axeViolations } from "./fixtures";

// A counselor's Monday (issue 16), keyboard only: land on Today, open a student listed for no
// contact, start an intervention plan with a follow-up, log a family contact, and see the student
// leave Today; when the follow-up day comes the student is back on Today for it, and can be snoozed
// with a reason and put back. axe clean and no sideways scroll at 1440 px and 390 px.
//
// The server's clock is the machine's (a production build has no test clock), so "the day comes"
// is played by moving the plan's follow-up to the server's today through the plan's edit form.
// Uses counselor Pham (Franklin), whose caseload no other spec writes to.

const PHAM = "counselor.pham@demo.credittrack.test";

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
}

/** Focus a control and press a key: how a keyboard user works a form. */
async function press(l: Locator, key: string) {
  await l.focus();
  await l.press(key);
}
async function type(l: Locator, text: string) {
  await l.focus();
  await l.page().keyboard.press("ControlOrMeta+a");
  await l.page().keyboard.type(text);
}
/** A native select chosen from the keyboard: focus, then type the option's label. */
async function choose(l: Locator, label: string) {
  await l.focus();
  await l.page().keyboard.type(label);
  await expect(l.locator("option:checked")).toHaveText(label);
}

// Signed in once for the run (e2e/auth.setup.ts).
test.use({ storageState: authFile(PHAM) });

test("a counselor's Monday: Today, a plan with a follow-up, a family contact, the follow-up back on Today", async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/today");
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // The whole list (the first 15 may all rank above "no contact").
  await page.goto("/today?limit=60");
  await noSidewaysScroll(page);
  const today = /Whom to see first, (\d{4}-\d{2}-\d{2})\./.exec(await page.getByText(/^Whom to see first/).innerText())![1];

  // The ranking is explained on the page.
  await press(page.getByText("How this list is ordered"), "Enter");
  await expect(page.getByText("An active intervention plan's next follow-up date has passed (most overdue first).")).toBeVisible();

  // A student listed for no contact in 30 days.
  const list = page.getByRole("list", { name: "Students to see today" });
  const entry = list.getByRole("listitem").filter({ hasText: "No contact in 30 days:" }).first();
  await expect(entry).toBeVisible();
  const link = entry.getByRole("link").first();
  const name = await link.innerText();
  await press(link, "Enter");
  await expect(page).toHaveURL(/\/students\//);
  const studentUrl = page.url();

  // Start a plan whose first follow-up is tomorrow.
  await press(page.getByText("Start an intervention plan"), "Enter");
  const plan = page.getByRole("form", { name: "Start a plan" });
  await choose(plan.getByLabel("Kind of plan"), "Attendance");
  await type(plan.getByLabel("Goal", { exact: true }), "Come to school every day and log in to the online course twice a week");
  await choose(plan.getByLabel("How the goal is measured"), "Attendance rate at or above a target (%)");
  await type(plan.getByLabel("Attendance rate to reach (%)"), "90");
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await plan.getByLabel("Next follow-up").fill(tomorrow);
  await press(plan.getByRole("button", { name: "Start plan" }), "Enter");
  await expect(page.getByRole("status").filter({ hasText: "Attendance plan started." })).toBeVisible();

  // Log a family contact: a phone call that left a message.
  const contact = page.getByRole("form", { name: "Log a family contact" });
  await type(contact.getByLabel(/with whom/i), "Mother");
  await choose(contact.getByLabel("How"), "Phone call");
  await choose(contact.getByLabel("Outcome"), "Left a message");
  await type(contact.getByLabel("Summary"), "Left a message about the new attendance plan and asked for a call back.");
  await press(contact.getByRole("button", { name: /log/i }), "Enter");
  await expect(page.getByRole("list", { name: "Family contacts, newest first" })).toContainText("Left a message about the new attendance plan");

  // Back on Today: no longer listed for no contact, and the follow-up is not due yet.
  await page.goto("/today?limit=60");
  const mine = () =>
    page
      .getByRole("list", { name: "Students to see today" })
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  await expect(mine().filter({ hasText: "No contact in 30 days:" })).toHaveCount(0);
  await expect(mine().filter({ hasText: "Plan follow-up" })).toHaveCount(0);

  // The follow-up day comes: the plan's follow-up moved to the server's today.
  await page.goto(studentUrl);
  await press(page.getByText("Edit this plan").first(), "Enter");
  const edit = page.getByRole("form", { name: "Edit plan" });
  await edit.getByLabel("Next follow-up").fill(today);
  await press(edit.getByRole("button", { name: "Save plan" }), "Enter");
  await expect(page.getByRole("status").filter({ hasText: /saved/i }).first()).toBeVisible();

  await page.goto("/today");
  const due = mine();
  await expect(due).toContainText("Plan follow-up due today: Follow-up of the attendance plan is due today");
  // Near the top: only overdue follow-ups rank above a follow-up due today.
  const rank = Number((await due.locator("span").first().innerText()).replace(".", ""));
  const overdue = await page.getByRole("listitem").filter({ hasText: "Plan follow-up overdue:" }).count();
  expect(rank).toBeLessThanOrEqual(overdue + 15);

  // Snooze it to next week with a reason, from the keyboard; it leaves the list and is set aside.
  await press(due.getByText(/^Set aside/), "Enter");
  const aside = due.getByRole("form", { name: `Set ${name} aside` });
  await type(aside.getByLabel("Why"), "Meeting with the family on Thursday");
  await press(aside.getByRole("button", { name: "Set aside" }), "Enter");
  // The confirmation takes focus and says what happened.
  await expect(page.locator(":focus")).toContainText(/\(plan follow-up due today\) snoozed until \d{4}-\d{2}-\d{2}\./);
  await page.reload();
  await expect(mine()).toHaveCount(0);
  const setAside = page.getByRole("region", { name: "Set aside" });
  await expect(setAside).toContainText("Meeting with the family on Thursday");
  await press(setAside.getByRole("button", { name: "Put back" }).first(), "Enter");
  await expect(page.locator(":focus")).toContainText("is back on Today");
  await page.reload();
  await expect(mine()).toContainText("Plan follow-up due today");

  // A phone's width: Today and the student page fit, and pass axe.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await noSidewaysScroll(page);
  expect(await axeViolations(page)).toEqual([]);
  await page.goto(studentUrl);
  await noSidewaysScroll(page);
  expect(await axeViolations(page)).toEqual([]);
});
