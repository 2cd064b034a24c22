import { readFile } from "node:fs/promises";
import { test, expect, useSession, axeViolations, authFile, createStaff, rosterStudents } from "./fixtures";
import { DEMO_SCHOOLS } from "../prisma/seed/demo-logins";

// Issue 16: bulk actions on the caseload — tick two students, add one note to both (focus moves
// to the confirmation), export the selection; download the current view as CSV with the page's
// column names; save the filters as a view (a tab) and delete it. Counselor Jackson (Franklin),
// whose students no other journey writes notes for; the note text is unique to the run.

const JACKSON = "counselor.jackson@demo.credittrack.test";
const FRANKLIN = DEMO_SCHOOLS[1];

test("select two students, add a note to both, export them; the view's CSV has the page's headers", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await useSession(page, JACKSON);
  await page.goto("/caseload?sort=name&dir=desc");
  const table = page.getByRole("table", { name: /Students on the caseload/ });
  const links = table.locator("tbody th[scope=row] a");
  const names = [(await links.nth(0).innerText()).trim(), (await links.nth(1).innerText()).trim()];
  await table.getByRole("checkbox", { name: `Select ${names[0]}` }).check();
  await table.getByRole("checkbox", { name: `Select ${names[1]}` }).check();
  const bar = page.getByRole("region", { name: "Selected students" });
  await expect(bar.getByText("2 students selected")).toBeVisible();

  // The selection as CSV: exactly those two.
  const [selDl] = await Promise.all([page.waitForEvent("download"), bar.getByRole("link", { name: "Export selection (CSV)" }).click()]);
  const sel = (await readFile((await selDl.path())!, "utf8")).trimEnd().split("\r\n");
  expect(sel).toHaveLength(3);
  expect(
    sel
      .slice(1)
      .map((l) => /^"([^"]*)"/.exec(l)?.[1])
      .sort(),
  ).toEqual([...names].sort());

  // One note for both, by keyboard from the summary on.
  const text = `Bulk check-in ${Date.now()}`;
  await bar.getByText("Add a note to the 2 students").click();
  const form = page.getByRole("form", { name: "Add a note to the selected students" });
  await form.getByLabel("Kind of note").selectOption("CHECK_IN");
  await form.getByLabel("Note", { exact: true }).fill(text);
  await form.getByRole("button", { name: "Add note to 2 students" }).click();
  const done = bar.getByRole("status").filter({ hasText: "Note added to 2 students." });
  await expect(done).toBeVisible();
  await expect(done).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);

  // The view's CSV: all pages of the filter, the page's column names.
  const [viewDl] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download this view (CSV)" }).click()]);
  const csv = await readFile((await viewDl.path())!, "utf8");
  const header = csv.split("\r\n")[0]!;
  expect(header).toBe(
    "Student,SIS id,Programs,Needs attention,Counselor,Grade,Cohort,Risk,Risk reasons,Credits earned / required,Credits still needed,Online courses,Days since activity,Latest note",
  );
  const shown = await page.getByText(/^Showing \d+–\d+ of \d+ students$/).innerText();
  const total = Number(/of (\d+) students/.exec(shown)![1]);
  expect(csv.trimEnd().split("\r\n")).toHaveLength(total + 1);

  // Both students now carry the note.
  for (const n of names) {
    await page.goto("/caseload?sort=name&dir=desc");
    await page
      .getByRole("table", { name: /Students on the caseload/ })
      .getByRole("link", { name: n, exact: true })
      .click();
    await expect(page.getByText(text)).toBeVisible();
  }
});

test("save the filters as a view, shown as a tab; delete it", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await useSession(page, JACKSON);
  await page.goto("/caseload?risk=HIGH&grade=12");
  const name = `Seniors high ${Date.now() % 100000}`;
  await page.getByText("Saved views…").click();
  await page.getByRole("form", { name: "Save this view" }).getByLabel("Name these filters").fill(name);
  await page.getByRole("form", { name: "Save this view" }).getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved the view “${name}”.` })).toBeFocused();
  const tabs = page.getByRole("navigation", { name: "Saved views" });
  await expect(tabs.getByRole("link", { name })).toHaveAttribute("aria-current", "page");
  await tabs.getByRole("link", { name: "All students" }).click();
  await page.waitForURL(/\/caseload$/);
  await tabs.getByRole("link", { name }).click();
  await page.waitForURL(/risk=HIGH&grade=12/);
  const del = page.getByRole("button", { name: `Delete the view ${name}` });
  if (!(await del.isVisible())) await page.getByText("Saved views…").click();
  await del.click();
  await expect(page.getByRole("status").filter({ hasText: `Deleted the view “${name}”.` })).toBeFocused();
  await expect(tabs.getByRole("link", { name })).toHaveCount(0);
});

// Issue 16, the caseload's other bulk actions: one family contact for two ticked students, all by
// keyboard (the confirmation takes focus, each student page shows the contact): Jackson's
// students from the third row on (the tests above and writes-from-other-sites.spec.ts use the
// first). A school administrator moves two ticked students to another counselor of the school:
// students and counselors this spec makes (e2e/fixtures.ts createStaff, rosterStudents).

test("log one family contact for two students by keyboard; it is on each student's page", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await useSession(page, JACKSON);
  await page.goto("/caseload?sort=name&dir=desc");
  const table = page.getByRole("table", { name: /Students on the caseload/ });
  const links = table.locator("tbody th[scope=row] a");
  const names = [(await links.nth(2).innerText()).trim(), (await links.nth(3).innerText()).trim()];
  for (const n of names) await table.getByRole("checkbox", { name: `Select ${n}` }).press("Space");
  const bar = page.getByRole("region", { name: "Selected students" });
  await expect(bar.getByText("2 students selected")).toBeVisible();

  const summary = `Credit night invitation ${Date.now()}`;
  await bar.getByText("Log a family contact for the 2 students").press("Enter");
  const form = page.getByRole("form", { name: "Log a family contact for the selected students" });
  await form.getByLabel("With whom").pressSequentially("parents");
  await form.getByLabel("How").selectOption("PHONE");
  await form.getByLabel("Outcome").selectOption("LEFT_MESSAGE");
  await form.getByLabel("Summary").pressSequentially(summary);
  await form.getByRole("button", { name: "Log contact for 2 students" }).press("Enter");
  const done = page.getByRole("status").filter({ hasText: "Logged a phone call for 2 students." });
  await expect(done).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);

  // The open forms fit a phone's width (no sideways scroll).
  await bar.getByText("Start a plan for the 2 students").click();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1440, height: 900 });

  for (const n of names) {
    await page.goto("/caseload?sort=name&dir=desc");
    await page
      .getByRole("table", { name: /Students on the caseload/ })
      .getByRole("link", { name: n, exact: true })
      .click();
    await expect(page.getByText(summary).first()).toBeVisible();
  }
});

test("a school administrator moves two ticked students to another counselor of the school", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  // Two counselors and two students of this spec's own, so the demo's caseloads stay as seeded.
  const admin = await browser.newContext({ baseURL, storageState: authFile("district.admin@demo.credittrack.test") });
  const ap = await admin.newPage();
  const from = await createStaff(ap, { school: FRANKLIN.name, first: "Fran" });
  const to = await createStaff(ap, { school: FRANKLIN.name, first: "Toni" });
  const names = await rosterStudents(ap, { school: FRANKLIN, counselor: from, students: 2, baseURL: baseURL! });
  await admin.close();

  await page.setViewportSize({ width: 1440, height: 900 });
  await useSession(page, "admin.franklin@demo.credittrack.test");
  await page.goto(`/caseload?counselor=${from.id}&sort=name`);
  const table = page.getByRole("table", { name: /Students on the caseload/ });
  for (const n of names) await table.getByRole("checkbox", { name: `Select ${n}` }).check();
  const bar = page.getByRole("region", { name: "Selected students" });
  await bar.getByText("Move the 2 students to another counselor").click();
  const form = page.getByRole("form", { name: "Move the selected students to another counselor" });
  await form.getByLabel("Move to counselor").selectOption({ label: to.name });
  await form.getByRole("button", { name: "Move 2 students" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Moved 2 students to ${to.name}.` })).toBeFocused();
  // They left this counselor's list, and are on the other's.
  for (const n of names) await expect(table.getByRole("link", { name: n, exact: true })).toHaveCount(0);
  await page.goto(`/caseload?counselor=${to.id}&sort=name`);
  for (const n of names) await expect(page.getByRole("table", { name: /Students on the caseload/ }).getByRole("link", { name: n, exact: true })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
