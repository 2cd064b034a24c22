import { test, expect, useSession, axeViolations, DEMO_LOGINS } from "./fixtures";

// Issue #18: equity of access and outcomes. The demo district is seeded with the district's own
// finding (Black and Latino male students less often in advanced placement: prisma/seed/enrollments.ts),
// and sized so that several race × gender groups have 6 or more students in each school.
const districtAdmin = DEMO_LOGINS.find((l) => l.role === "DISTRICT_ADMIN")!;
const schoolAdmin = DEMO_LOGINS.find((l) => l.role === "SCHOOL_ADMIN")!;

/** The rows of one dimension's section whose rate column holds a number (not "—" or a coded bound). */
async function shownRows(page: import("@playwright/test").Page, section: string, rateColumn: number) {
  const body = page.locator("tbody").filter({ has: page.getByRole("rowheader", { name: section, exact: true }) });
  const rows = body.getByRole("row").filter({ has: page.getByRole("rowheader").filter({ hasNotText: section }) });
  const out: { group: string; rate: string }[] = [];
  for (const r of await rows.all()) {
    const group = (await r.getByRole("rowheader").innerText()).trim();
    const rate = (await r.getByRole("cell").nth(rateColumn).innerText()).trim();
    if (/^\d/.test(rate)) out.push({ group, rate });
  }
  return out;
}

test("the district's access view shows race × gender rows with figures, the index and the gap trend; CSV says the same", async ({ page }) => {
  await useSession(page, districtAdmin.email);
  await page.goto("/reports/district");
  await page.getByRole("link", { name: "Equity of access and outcomes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("District: equity of access and outcomes");
  await expect(page.getByRole("link", { name: "Advanced placement" })).toHaveAttribute("aria-current", "page");

  // Race × gender rows exist and several are shown, with a per-100 rate and a representation index.
  const table = page.getByRole("table", { name: /Access to advanced placement by student group/ });
  await expect(table.getByRole("rowheader", { name: "Race/ethnicity × gender" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Black or African American male" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Students without disabilities" })).toBeVisible();
  // Columns after the group: students, enrolled, per 100 (2), shares, index (5).
  const shown = await shownRows(page, "Race/ethnicity × gender", 2);
  expect(shown.length).toBeGreaterThanOrEqual(4);
  const black = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Black or African American male", exact: true }) });
  const blackCells = (await black.getByRole("cell").allInnerTexts()).map((t) => t.trim());
  expect(blackCells[5]).toMatch(/^0\.\d\d$/); // under-represented: the seeded finding
  // The gap chart and the trend table.
  await expect(page.getByRole("figure").filter({ hasText: "Access to advanced placement (students per 100) by student group" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Is each gap closing\?/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The CSV: the same rows, with the same names.
  const csv = await (await page.request.get((await page.getByRole("link", { name: "Download CSV" }).getAttribute("href"))!)).text();
  expect(csv.split("\r\n")[0]).toContain("representation index");
  expect(csv).toContain("Race/ethnicity × gender,Black or African American male,");
  // Its row: school year, school, dimension, group, then the page's students, enrolled, per 100, shares and index.
  const line = csv.split("\r\n").find((l) => l.includes(",Black or African American male,"))!;
  const fields = line.split(",");
  const [students, enrolled, per100, shareStudents, shareEnrolled, index] = fields.slice(4, 10);
  expect([students, enrolled, per100, `${shareStudents}%`, `${shareEnrolled}%`, index]).toEqual(blackCells.slice(0, 6).map((t) => t.replace(/,/g, "")));
});

test("a school administrator's outcome view lists race × gender, drills into a shown group, and fits a phone", async ({ page }) => {
  await useSession(page, schoolAdmin.email);
  await page.goto("/reports");
  await page.getByRole("link", { name: "Equity of access and outcomes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Riverside High School: equity of access and outcomes");
  // The dropout rate: over the October 1 roll, so a school's race × gender groups are large enough to show.
  await page.getByRole("link", { name: "Dropout", exact: true }).click();
  await expect(page.getByRole("link", { name: "Dropout", exact: true })).toHaveAttribute("aria-current", "page");
  const shown = await shownRows(page, "Race/ethnicity × gender", 0);
  expect(shown.length).toBeGreaterThanOrEqual(1);
  // A shown group's rate lists its students.
  const first = shown[0];
  await page.getByRole("link", { name: `${first.group}: ${first.rate} — list the students` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(first.group).first()).toBeVisible();
  // Back where the list was opened: the equity page's dropout view, not the summary.
  await page.getByRole("link", { name: "Back to equity of access and outcomes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Riverside High School: equity of access and outcomes");
  await expect(page.getByRole("link", { name: "Dropout", exact: true })).toHaveAttribute("aria-current", "page");
  // The access view too, by keyboard: the figure links are reachable and followed with Enter.
  const ap = page.getByRole("link", { name: "Credit recovery" });
  await ap.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Credit recovery" })).toHaveAttribute("aria-current", "page");
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});

test("a figure the CSV does not have is refused with the reason, not a 500", async ({ page }) => {
  await useSession(page, districtAdmin.email);
  const res = await page.request.get("/api/reports/export?table=equity&figure=advancedPlacement");
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain("The equity table has no advancedPlacement figure");
});
