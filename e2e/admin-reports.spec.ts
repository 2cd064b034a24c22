import fs from "node:fs";
import { test, expect, useSession, axeViolations, DEMO_LOGINS } from "./fixtures";
import { DEMO_SCHOOLS } from "../prisma/seed/demo-logins";

// Administrator summaries (issue 4) on the seeded demo district.
const riversideAdmin = DEMO_LOGINS.find((l) => l.role === "SCHOOL_ADMIN" && l.school === DEMO_SCHOOLS[0].name)!;
const districtAdmin = DEMO_LOGINS.find((l) => l.role === "DISTRICT_ADMIN")!;
const counselor = DEMO_LOGINS.find((l) => l.role === "COUNSELOR" && l.active !== false)!;
const franklinCode = DEMO_SCHOOLS[1].stateCode;

test.describe("school summary", () => {
  test("a school admin opens the summary, follows a drill-down and downloads the CSV", async ({ page }) => {
    await useSession(page, riversideAdmin.email);
    await page.goto("/reports");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`${DEMO_SCHOOLS[0].name}: summary`);
    await expect(page.getByRole("list", { name: "Key figures" })).toContainText("4-year graduation rate");
    await expect(page.getByRole("heading", { name: /Equity view/ })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // Drill-down: the 4-year rate lists the cohort with why each student is in or out.
    await page.getByRole("link", { name: /4-year graduation rate: .* list the students/ }).click();
    await expect(page).toHaveURL(/\/reports\/drill\?/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("4-year graduation rate: class of");
    const rows = page.getByRole("table").locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(20);
    await expect(page.getByRole("table")).toContainText("In the cohort, counted as a graduate");
    await expect(page.getByRole("table")).not.toContainText(DEMO_SCHOOLS[1].name);
    expect(await axeViolations(page)).toEqual([]);

    // CSV of the equity table, the disclosure policy applied: a group's size is shown (6 or more) or
    // hidden ("—"), never under 6; a hidden group has no rate and no gap; a coded rate is a bound.
    await page.goBack();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).first().click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toContain("group,");
    expect(csv).toContain("All students");
    for (const line of csv.trim().split("\r\n").slice(1)) {
      const [, rate, n, gap] = line.split(",");
      expect(n === "—" || Number(n) >= 6, line).toBe(true);
      if (n === "—") expect([rate, gap], line).toEqual(["—", "—"]);
      expect(rate === "—" || /^[≤≥] \d+\.\d$/.test(rate) || Number.isFinite(Number(rate)), line).toBe(true);
    }
  });

  test("the year picker keeps its choice in the URL", async ({ page }) => {
    await useSession(page, riversideAdmin.email);
    await page.goto("/reports");
    await page.getByLabel("School year", { exact: true }).selectOption("2023");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/year=2023/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("2023-24");
  });
});

test("a school's CSV is named for the school, the district's for no school", async ({ page }) => {
  await useSession(page, riversideAdmin.email);
  const school = await page.request.get("/api/reports/export?table=program&year=2024");
  expect(school.headers()["content-disposition"]).toBe(`attachment; filename="credittrack-program-${DEMO_SCHOOLS[0].stateCode}-2024.csv"`);
  const quality = await page.request.get("/api/reports/quality?by=course&year=2024&format=csv");
  expect(quality.headers()["content-disposition"]).toBe(`attachment; filename="credittrack-quality-course-${DEMO_SCHOOLS[0].stateCode}-2024.csv"`);
});

test.describe("access", () => {
  test("a counselor is refused the reports, the API and the export", async ({ page }) => {
    await useSession(page, counselor.email);
    await page.goto("/reports");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await page.goto("/reports/district");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect((await page.request.get("/api/reports/graduation?cohort=2025")).status()).toBe(403);
    expect((await page.request.get("/api/reports/export?table=equity&year=2024")).status()).toBe(403);
  });

  test("a school admin cannot see another school", async ({ page }) => {
    await useSession(page, riversideAdmin.email);
    await page.goto(`/reports?school=${franklinCode}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await page.goto(`/reports/drill?figure=acgr4&cohort=2025&school=${franklinCode}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await page.goto("/reports/district");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect((await page.request.get(`/api/reports/dropout?year=2024-25&school=${franklinCode}`)).status()).toBe(404);
    const own = await page.request.get("/api/reports/graduation?cohort=2025");
    expect(own.status()).toBe(200);
    expect((await own.json()).school.name).toBe(DEMO_SCHOOLS[0].name);
  });

  test("signed out, the API answers 401", async ({ request }) => {
    expect((await request.get("/api/reports/graduation?cohort=2025")).status()).toBe(401);
  });
});

test.describe("district summary", () => {
  test("at phone width the school and district summaries do not scroll sideways", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [email, path] of [
      [riversideAdmin.email, "/reports"],
      [districtAdmin.email, "/reports/district"],
    ] as const) {
      await page.context().clearCookies();
      await useSession(page, email);
      await page.goto(path);
      await expect(page.getByRole("heading", { name: /Equity view/ }).first()).toBeVisible();
      const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(w.scroll, `${path} scrollWidth ${w.scroll} > ${w.inner}`).toBeLessThanOrEqual(w.inner);
    }
  });

  test("a district admin compares schools, sorts a column and sees the equity view", async ({ page }) => {
    await useSession(page, districtAdmin.email);
    await page.goto("/reports/district?year=2024");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("District summary 2024-25");
    const table = page.getByRole("table", { name: /Every school/ });
    await expect(table.locator("tbody tr")).toHaveCount(3);
    await expect(table.locator("tfoot")).toContainText("District");
    expect(await axeViolations(page)).toEqual([]);
    await table.getByRole("link", { name: /4-yr grad/ }).click();
    await expect(page).toHaveURL(/sort=acgr4&dir=desc/);
    await page.getByRole("navigation", { name: "Equity figure" }).getByRole("link", { name: "Dropout", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Equity view: Annual dropout rate" })).toBeVisible();
    const api = await page.request.get("/api/reports/program?year=2024-25");
    expect(api.status()).toBe(200);
    expect((await api.json()).rows.length).toBeGreaterThan(1);
  });
  // A large district's schools come a page at a time with a search by name (lib/reports/schools-page.ts:
  // 50 at a time above 60 schools); the demo's three are paged two at a time by asking for it.
  test("a district admin pages through the schools and finds one by name, with the keyboard", async ({ page }) => {
    await useSession(page, districtAdmin.email);
    await page.goto("/reports/district?year=2024&sort=name&dir=asc&show=2");
    const table = page.getByRole("table", { name: /Every school/ });
    const pages = page.getByRole("navigation", { name: "Schools pages" });
    await expect(pages.getByRole("status")).toHaveText("Schools 1–2 of 3");
    await expect(table.locator("tbody tr")).toHaveCount(2);
    await expect(table.locator("tbody tr").first()).toContainText("Franklin Park Academy");
    expect(await axeViolations(page)).toEqual([]);
    await pages.getByRole("link", { name: "Next 2" }).click();
    await expect(pages.getByRole("status")).toHaveText("Schools 3–3 of 3");
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await expect(table.locator("tbody tr").first()).toContainText("Riverside High School");
    await expect(table.locator("tfoot")).toContainText("District");
    // Find a school by part of its name, typed and sent with the keyboard; the sort is kept.
    const search = page.getByRole("search", { name: "Find a school" });
    await search.getByLabel("Find a school").focus();
    await page.keyboard.type("harbor");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/q=harbor/);
    await expect(page).toHaveURL(/sort=name/);
    await expect(pages.getByRole("status")).toHaveText("Schools 1–1 of 1 whose name holds “harbor” (of 3)");
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await expect(table.locator("tbody tr").first()).toContainText("Harbor View High School");
    // Sorting keeps the search; a search nothing matches says so and keeps the district's row.
    await table.getByRole("link", { name: /4-yr grad/ }).click();
    await expect(page).toHaveURL(/sort=acgr4&dir=desc/);
    await expect(page).toHaveURL(/q=harbor/);
    await page.goto("/reports/district?year=2024&q=zzz");
    await expect(page.getByRole("navigation", { name: "Schools pages" }).getByRole("status")).toHaveText("No school's name holds “zzz” (of 3)");
    await expect(table.locator("tbody tr")).toHaveCount(0);
    await expect(table.locator("tfoot")).toContainText("District");
    // At phone width the controls fit without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/reports/district?year=2024&show=2");
    const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(w.scroll).toBeLessThanOrEqual(w.inner);
  });

  test("a year with no October 1 roll says so instead of 'fewer than 6' (issue 12)", async ({ page }) => {
    await useSession(page, districtAdmin.email);
    await page.goto("/reports/district?year=2005");
    const card = page.getByRole("list", { name: "Key figures" }).getByRole("listitem").filter({ hasText: "Annual dropout rate" });
    await expect(card).toContainText("No October 1 roll loaded for 2005-06");
    await expect(card).not.toContainText("Fewer than 6");
    const table = page.getByRole("table", { name: /Every school/ });
    await expect(table.locator("tbody tr").first()).toContainText("No October 1 roll loaded for 2005-06");
    expect(await axeViolations(page)).toEqual([]);
  });
});
