import { test, expect, useSession, axeViolations, DEMO_LOGINS } from "./fixtures";

// Issue 14, "who looked at this student?": a counselor opens a student from the caseload; a district
// administrator follows the student page's link to the audit log, then filters it by that student's
// SIS id by hand, and reads what happened in words (not action codes), in the district's time zone.

const counselor = DEMO_LOGINS.find((l) => l.role === "COUNSELOR" && l.active !== false)!;
const districtAdmin = DEMO_LOGINS.find((l) => l.role === "DISTRICT_ADMIN")!;

test("a district admin filters the audit log by a student and sees who looked, in words", async ({ browser }) => {
  const c = await browser.newContext();
  const cp = await c.newPage();
  await useSession(cp, counselor.email);
  await cp.goto("/caseload?sort=name");
  const href = (await cp.locator('table a[href^="/students/"]').first().getAttribute("href"))!;
  await cp.goto(href);
  await expect(cp.getByRole("heading", { level: 1 })).toBeVisible();
  await c.close();

  const a = await browser.newContext();
  const page = await a.newPage();
  await useSession(page, districtAdmin.email);
  await page.goto(href);
  await page.getByRole("link", { name: "Who has looked at this record?" }).click();
  await expect(page).toHaveURL(/\/audit\?student=/);
  const sisId = new URL(page.url()).searchParams.get("student")!;

  // The same question asked by hand, from a cleared log.
  await page.goto("/audit");
  const field = page.getByLabel("Who looked at this student? (SIS id or last name)");
  await field.fill(sisId);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`student=${sisId}`));
  const table = page.getByRole("table", { name: "Audit events" });
  const read = table.locator("tbody tr", { hasText: counselor.email }).filter({ hasText: "viewed the student record" });
  await expect(read.first()).toBeVisible();
  await expect(read.first()).toContainText(sisId);
  await expect(read.first().locator("time")).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} (AM|PM) \S+$/); // formatMoment: the district's zone, named
  // The admin's own look at the page is there too, and the list shows no action codes.
  await expect(table.locator("tbody tr", { hasText: districtAdmin.email }).filter({ hasText: "viewed the student record" }).first()).toBeVisible();
  await expect(table).not.toContainText("student.read");
  await expect(page.getByRole("link", { name: "Download these events (CSV)" })).toHaveAttribute("href", new RegExp(`/api/audit/export\\?.*student=${sisId}`));
  expect(await axeViolations(page)).toEqual([]);
  await a.close();
});
