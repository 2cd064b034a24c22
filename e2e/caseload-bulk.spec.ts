import { readFile } from "node:fs/promises";
import { test, expect, signIn, axeViolations } from "./fixtures";

// Issue 16: bulk actions on the caseload — tick two students, add one note to both (focus moves
// to the confirmation), export the selection; download the current view as CSV with the page's
// column names; save the filters as a view (a tab) and delete it. Counselor Jackson (Franklin),
// whose students no other journey writes notes for; the note text is unique to the run.

const JACKSON = "counselor.jackson@demo.credittrack.test";

test("select two students, add a note to both, export them; the view's CSV has the page's headers", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, JACKSON);
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
  expect(sel.slice(1).map((l) => /^"([^"]*)"/.exec(l)?.[1]).sort()).toEqual([...names].sort());

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
  expect(header).toBe("Student,SIS id,Programs,Needs attention,Counselor,Grade,Cohort,Risk,Risk reasons,Credits earned / required,Credits still needed,Online courses,Days since activity,Latest note");
  const shown = await page.getByText(/^Showing \d+–\d+ of \d+ students$/).innerText();
  const total = Number(/of (\d+) students/.exec(shown)![1]);
  expect(csv.trimEnd().split("\r\n")).toHaveLength(total + 1);

  // Both students now carry the note.
  for (const n of names) {
    await page.goto("/caseload?sort=name&dir=desc");
    await page.getByRole("table", { name: /Students on the caseload/ }).getByRole("link", { name: n, exact: true }).click();
    await expect(page.getByText(text)).toBeVisible();
  }
});

test("save the filters as a view, shown as a tab; delete it", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, JACKSON);
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
