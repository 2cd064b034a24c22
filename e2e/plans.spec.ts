import type { Page } from "@playwright/test";
import { test, expect, useSession, axeViolations } from "./fixtures";

// A counselor's intervention plan, start to finish (issue 16): start a plan with a follow-up from
// the keyboard alone, add a check-in that moves the follow-up, see an overdue follow-up said in
// words, close it (a discontinued plan needs its reason), open the printable plan; axe clean, and
// at 390 px the page does not scroll sideways. Counselor Haddad (Harbor View); the plan's goal is
// unique to this run, so other specs writing meanwhile do not matter.

const HADDAD = "counselor.haddad@demo.credittrack.test";

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const dayWords = (iso: string) => new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" }).format(new Date(`${iso}T00:00:00Z`));

async function fitsWidth(page: Page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
}

test("a counselor starts a plan with a follow-up, checks in, sees it overdue, closes it and prints it", async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await useSession(page, HADDAD);
  await page.goto("/caseload?sort=name");
  const href = (await page.locator('a[href^="/students/"]').first().getAttribute("href"))!;
  await page.goto(href);
  const goal = `Attend every class (e2e ${Date.now()})`;

  // Start a plan, keyboard only: open the disclosure, then Tab through the form and type.
  const section = page.getByRole("region", { name: "Intervention plans" });
  await section.getByText("Start an intervention plan").focus();
  await page.keyboard.press("Enter");
  const start = page.getByRole("form", { name: "Start a plan" });
  await expect(start.getByLabel("Kind of plan")).toBeVisible();
  const today = await start.getByLabel("Start date").inputValue();
  const followUp = await start.getByLabel("Next follow-up").inputValue();
  expect(followUp).toBe(addDays(today, 14));
  await page.keyboard.press("Tab");
  await expect(start.getByLabel("Kind of plan")).toBeFocused();
  await page.keyboard.type("Attendance");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown"); // Tier 2 (the default) → Tier 3
  await page.keyboard.press("Tab");
  await expect(start.getByLabel("Goal", { exact: true })).toBeFocused();
  await page.keyboard.type(goal);
  await page.keyboard.press("Tab"); // how the goal is measured: attendance rate (the default)
  await page.keyboard.press("Tab");
  await expect(start.getByLabel("Attendance rate to reach (%)")).toBeFocused();
  await page.keyboard.type("92");
  await page.keyboard.press("Enter");
  const started = start.getByRole("status");
  await expect(started).toHaveText(`Attendance plan started. Next follow-up ${dayWords(followUp)}.`);
  await expect(started).toBeFocused();

  const card = page.getByRole("article").filter({ hasText: goal });
  await expect(card.getByRole("heading", { level: 4 })).toHaveText("Attendance plan · Tier 3 (intensive) · Active");
  await expect(card).toContainText("Attendance at or above 92%");
  await expect(card).toContainText("Yasmin Haddad");
  await expect(card.getByTestId("next-follow-up")).toHaveText(dayWords(followUp));

  // A check-in that moves the next follow-up a week on.
  await card.getByText("Add a check-in").click();
  const checkIn = card.getByRole("form", { name: "Add a check-in" });
  await checkIn.getByLabel("Progress toward the goal").selectOption("SOME_PROGRESS");
  await checkIn.getByLabel("Next follow-up").fill(addDays(today, 7));
  await checkIn.getByLabel("What happened").fill("Met in advisory; on time four days this week.");
  await checkIn.getByRole("button", { name: "Add check-in" }).click();
  await expect(checkIn.getByRole("status")).toHaveText(`Check-in added. Next follow-up ${dayWords(addDays(today, 7))}.`);
  await expect(checkIn.getByRole("status")).toBeFocused();
  await expect(card.getByTestId("next-follow-up")).toHaveText(dayWords(addDays(today, 7)));
  await expect(card.getByRole("list", { name: "Check-ins, newest first" }).getByRole("listitem")).toHaveText([/Some progress/]);

  // Edited back in time: the follow-up is overdue, said in words.
  await card.getByText("Edit this plan").click();
  const edit = card.getByRole("form", { name: "Edit plan" });
  await edit.getByLabel("Start date").fill(addDays(today, -30));
  await edit.getByLabel("Next follow-up").fill(addDays(today, -3));
  await edit.getByRole("button", { name: "Save plan" }).click();
  await expect(edit.getByRole("status")).toHaveText("Plan saved.");
  await expect(card.getByTestId("next-follow-up")).toHaveText(`${dayWords(addDays(today, -3))} (overdue)`);

  expect(await axeViolations(page)).toEqual([]);

  // On a phone: no sideways page scroll, still axe clean.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByRole("article").filter({ hasText: goal })).toBeVisible();
  const fit = await fitsWidth(page);
  expect(fit.scroll).toBeLessThanOrEqual(fit.inner);
  expect(await axeViolations(page)).toEqual([]);

  // Close it: discontinued needs a reason.
  const again = page.getByRole("article").filter({ hasText: goal });
  await again.getByText("Close this plan").click();
  const close = again.getByRole("form", { name: "Close the plan" });
  await close.getByLabel("Outcome").selectOption("DISCONTINUED");
  await close.getByRole("button", { name: "Close plan" }).click();
  await expect(close.getByText("Say why the plan was discontinued")).toBeVisible();
  await close.getByLabel("Reason").fill("Moved to a tier 3 attendance team plan");
  await close.getByRole("button", { name: "Close plan" }).click();
  const closed = page.getByRole("article").filter({ hasText: goal });
  await expect(closed.getByRole("status")).toHaveText("Plan closed: discontinued.");
  await expect(closed.getByRole("status")).toBeFocused();
  await expect(closed.getByRole("heading", { level: 4 })).toHaveText("Attendance plan · Tier 3 (intensive) · Discontinued");
  await expect(closed).toContainText("Moved to a tier 3 attendance team plan");
  await expect(closed.getByText("Add a check-in")).toHaveCount(0);
  // Closed plans are listed under their own heading, after the active ones.
  await expect(section.getByRole("heading", { name: "Closed plans" })).toBeVisible();

  // The printable plan for the family meeting.
  await closed.getByRole("link", { name: "Printable plan for a family meeting" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Attendance plan:");
  await expect(page.getByText(goal)).toBeVisible();
  await expect(page.getByText("Met in advisory; on time four days this week.")).toBeVisible();
  const printFit = await fitsWidth(page);
  expect(printFit.scroll).toBeLessThanOrEqual(printFit.inner);
  expect(await axeViolations(page)).toEqual([]);
});

test("a school admin reads the plans report; counselors get not found", async ({ page }) => {
  test.setTimeout(90_000);
  await useSession(page, "admin.franklin@demo.credittrack.test");
  await page.goto("/reports/plans");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Franklin Park Academy: intervention plans");
  for (const name of ["Enrolled students with and without an active plan, by current risk level", "Plans by type, with the share met", "Overdue follow-ups per owner"]) {
    await expect(page.getByRole("heading", { name })).toBeVisible();
  }
  const risk = page.getByRole("region", { name: "Enrolled students with and without an active plan, by current risk level" });
  await expect(risk.getByRole("columnheader")).toHaveText([
    "Risk level",
    "Enrolled students",
    "With an active plan",
    "Without an active plan",
    "Share with an active plan (%)",
    "Suppressed",
  ]);
  const csv = await page.request.get("/reports/plans/csv?table=risk");
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n")[0]).toBe("Risk level,Enrolled students,With an active plan,Without an active plan,Share with an active plan (%),Suppressed");
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const fit = await fitsWidth(page);
  expect(fit.scroll).toBeLessThanOrEqual(fit.inner);

  const counselor = await page.context().browser()!.newPage();
  await useSession(counselor, HADDAD);
  const r = await counselor.goto("/reports/plans");
  expect(r?.status()).toBe(404);
  await counselor.close();
});
