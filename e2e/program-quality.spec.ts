import type { Page } from "@playwright/test";
import { test, expect, useSession, axeViolations, DEMO_LOGINS } from "./fixtures";

// Issue #18's program quality report, as a district administrator uses it: sets the district's
// credit-recovery minimum of 20 days on Settings, opens the report by course, follows the "completed
// too fast" count to the enrollments behind it and one of them to the student's enrollment, then
// follows "completed with an override" to the overrides and their written reasons; the CSV says
// what the page says. The policy would refuse the same-day completions other specs make, so this
// spec runs after all of them (playwright.config.ts project "after") and clears it at the end.

const districtAdmin = DEMO_LOGINS.find((l) => l.role === "DISTRICT_ADMIN")!;
const TYPE = "Credit recovery";

async function setMinimumDays(page: Page, days: string, mode: "WARN" | "REFUSE" = "WARN") {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Rigor guardrails" });
  await form.getByLabel(`${TYPE}: minimum days enrolled`).fill(days);
  await form.getByLabel(`${TYPE}: when a guardrail is broken`).selectOption(mode);
  await form.getByRole("button", { name: /Save/ }).click();
  await expect(form.getByRole("status")).toContainText(/Saved|Nothing changed/);
}

test("an administrator follows a 'completed too fast' flag to the enrollment, and the overrides to their reasons", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await useSession(page, districtAdmin.email);
  await setMinimumDays(page, "20");
  try {
    await page.goto("/reports/district");
    await page.getByRole("link", { name: "Program quality" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("District: online program quality");
    await page.getByRole("navigation", { name: "Show the report by" }).getByRole("link", { name: "Course" }).click();
    await expect(page).toHaveURL(/by=course/);
    await expect(page.getByText(/Completed too fast: finished in fewer days.*credit recovery: under 20 days/)).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // The total row's "completed too fast": a count with its share of passed enrollments.
    const results = page.getByRole("table", { name: /Results and pace by course/ });
    const total = results.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "All online courses" }) });
    const flag = total.getByRole("link", { name: /list the enrollments \(Completed too fast, All online courses\)/ });
    const text = (await flag.innerText()).trim();
    const [, count] = text.match(/^([\d,]+) \(\d+\.\d%\)$/)!;
    // Course rows show their own counts (a course of 6 or more students with its results shown).
    await expect(results.getByRole("rowheader")).not.toHaveCount(1);

    await flag.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Completed too fast: All online courses");
    await expect(page.getByText(`${count} enrollments`)).toBeVisible();
    const list = page.getByRole("table", { name: /Completed too fast/ });
    // Every enrollment listed finished in fewer than 20 days, and is marked too fast.
    // Days to complete run from Started to Work finished (the day the guardrail counted to).
    await expect(list.getByRole("columnheader", { name: "Work finished" })).toBeVisible();
    const days = await list.locator("tbody tr").evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll("td")[7]?.textContent)));
    expect(days.length).toBe(Number(count.replace(/,/g, "")));
    expect(days.every((d) => d < 20)).toBe(true);
    await expect(list.getByText("Too fast").first()).toBeVisible();

    // To the enrollment itself, on the student's page.
    const student = list.locator("tbody tr").first().getByRole("rowheader").getByRole("link");
    const href = (await student.getAttribute("href"))!;
    const enrollmentId = href.split("#enrollment-")[1];
    await student.click();
    await expect(page).toHaveURL(new RegExp(`/students/[^/#]+#enrollment-${enrollmentId}$`));
    const card = page.locator(`#enrollment-${enrollmentId}`);
    await expect(card).toBeVisible();
    await expect(card).toBeInViewport();

    // Back to the report: the overrides, each with the administrator's written reason.
    await page.goBack();
    await page.goBack();
    await expect(page).toHaveURL(/\/reports\/quality\?.*by=course/);
    const overrides = page
      .getByRole("table", { name: /Results and pace by course/ })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "All online courses" }) })
      .getByRole("link", { name: /list the enrollments \(Completed with an override, All online courses\)/ });
    await overrides.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Completed with an override: All online courses");
    const reasons = await page
      .getByRole("table", { name: /Completed with an override/ })
      .locator("tbody tr td:nth-of-type(11)")
      .allInnerTexts();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((r) => r.length > 20)).toBe(true);

    // The CSV carries the page's column names and the total row's count.
    const csv = await (await page.request.get(`${baseURL}/api/reports/quality?by=course&format=csv`)).text();
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header.split(",").slice(0, 4)).toEqual(["Course", "Students", "Enrollments ended", "Passed"]);
    const cols = header.split(",");
    const totalLine = lines.find((l) => l.startsWith("All online courses,"))!.split(",");
    expect(totalLine[cols.indexOf("Completed too fast")]).toBe(count.replace(/,/g, ""));
  } finally {
    await setMinimumDays(page, "", "REFUSE");
  }
});

test("a phone-width report scrolls its tables in their own boxes, and a bad request says why", async ({ page, baseURL }) => {
  await useSession(page, districtAdmin.email);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/reports/quality?by=group");
  await expect(page.getByRole("table", { name: "Program quality by student group" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  const bad = await page.request.get(`${baseURL}/api/reports/quality?by=teacher`);
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("Show the report by provider, course, program, group");
});

test("the group view lists race × gender under its own heading, with figures shown, and the CSV says the same", async ({ page, baseURL }) => {
  await useSession(page, districtAdmin.email);
  await page.goto("/reports/quality?by=group");
  const table = page.getByRole("table", { name: "Program quality by student group" });
  await expect(table.getByRole("rowheader", { name: "Race/ethnicity × gender" })).toBeVisible();
  // The demo district seeds several intersections of 6 or more: some rows show their figures.
  const section = table.locator("tbody").filter({ has: page.getByRole("rowheader", { name: "Race/ethnicity × gender" }) });
  const rows = section.locator("tr").filter({ has: page.locator("td") });
  await expect(rows).toHaveCount(21);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("th")!.textContent!.trim(), tr.querySelectorAll("td")[0]!.textContent!.trim()]).filter(([, students]) => /^\d/.test(students)),
  );
  expect(shown.length).toBeGreaterThanOrEqual(4);
  const labels = shown.map(([label]) => label);
  expect(labels.some((l) => /male$/.test(l) && !/female$/.test(l))).toBe(true);
  expect(await axeViolations(page)).toEqual([]);

  // The CSV's row of an intersection shown carries the page's students.
  const csv = await (await page.request.get(`${baseURL}/api/reports/quality?by=group&format=csv`)).text();
  const [label, students] = shown[0]!;
  const line = csv
    .trim()
    .split(/\r?\n/)
    .find((l) => l.startsWith(`${label},`));
  expect(line?.split(",")[1]).toBe(students.replace(/,/g, ""));
});
