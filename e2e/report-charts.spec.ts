import { test, expect, useSession, axeViolations, DEMO_LOGINS } from "./fixtures";

// Issue #18's charts: drawn on the server as SVG (no chart library in the browser, no inline
// styles, so the CSP's style-src has no 'unsafe-inline'), each with its words and a table view.
const districtAdmin = DEMO_LOGINS.find((l) => l.role === "DISTRICT_ADMIN")!;

test("the school summary's trend and gap charts are SVG with words, a legend and a table view; no CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await useSession(page, districtAdmin.email);
  const res = await page.goto("/reports");
  expect(res!.headers()["content-security-policy"]).toMatch(/style-src 'self'(;|$)/);

  // Three trend charts: each an image with its figures in words, a legend naming each series, a table view.
  const trend = page.getByRole("figure").filter({ has: page.getByTestId("trend-chart") });
  await expect(trend).toHaveCount(3);
  const grad = trend.filter({ hasText: "Graduation rates" });
  await expect(grad.getByRole("img")).toHaveAttribute("aria-label", /^Chart\. 4-year graduation rate: 20\d\d-\d\d [\d.]+%/);
  await expect(grad.getByRole("list", { name: "Legend: Graduation rates" })).toContainText("4-yr grad");
  await expect(grad.getByRole("list", { name: "Legend: Graduation rates" })).toContainText("5-yr grad");
  // Straight segments only: every path is M/L commands (no curves).
  for (const d of await grad.locator("path[d]").evaluateAll((ps) => ps.map((p) => p.getAttribute("d")!))) expect(d).toMatch(/^(M [\d.]+ [\d.]+( [LM] [\d.]+ [\d.]+)*)?$/);
  await grad.getByText("Table view").click();
  await expect(grad.getByRole("table")).toContainText("School year");

  // The gap chart: a bar per group with a value, the all-students line, and the gap in words.
  const gaps = page.getByRole("figure").filter({ hasText: "4-year graduation rate by student group" });
  await expect(gaps.getByRole("img")).toHaveAttribute("aria-label", /All students [\d.]+%/);
  const shown = gaps.locator("g[data-group] rect");
  expect(await shown.count()).toBeGreaterThanOrEqual(2);
  await expect(gaps).toContainText("Dashed line: all students");
  expect(violations).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});

test("the district summary compares schools in bars, with the district's line, and shows the district's trend", async ({ page }) => {
  await useSession(page, districtAdmin.email);
  await page.goto("/reports/district?figure=dropout");
  // The district's trend, like the school page's: three line charts, each with words and a table view of 5 years.
  const trend = page.getByRole("figure").filter({ has: page.getByTestId("trend-chart") });
  await expect(trend).toHaveCount(3);
  await expect(page.getByRole("heading", { name: "Trend over the last 5 school years" })).toBeVisible();
  const dropout = trend.filter({ hasText: "Annual dropout rate" });
  await expect(dropout.getByRole("img")).toHaveAttribute("aria-label", /^Chart\. Annual dropout rate: 20\d\d-\d\d [\d.]+%/);
  await dropout.getByText("Table view").click();
  await expect(dropout.getByRole("table").locator("tbody tr")).toHaveCount(5);
  // Its CSV is the district's: the same rate for the latest year as the chart's table.
  const href = await page.getByRole("link", { name: "Download the trend as CSV" }).getAttribute("href");
  expect(href).not.toContain("school=");
  const lines = (await (await page.request.get(href!)).text()).trim().split("\n");
  expect(lines).toHaveLength(6); // the header and 5 school years
  const col = lines[0]!.split(",").findIndex((h) => h.startsWith("Annual dropout rate"));
  const cells = lines.at(-1)!.split(",");
  const lastRow = dropout.getByRole("table").locator("tbody tr").last();
  expect(cells[0]).toBe(await lastRow.locator("th").innerText());
  const shown = (await lastRow.locator("td").first().innerText()).split("\n")[0]!;
  expect(shown.replace(/%$/, "")).toBe(/^[\d.]+$/.test(cells[col]!) ? Number(cells[col]).toFixed(1) : cells[col]);
  const bars = page.getByRole("figure").filter({ hasText: "Annual dropout rate by school" });
  await expect(bars.getByRole("img")).toHaveAttribute("aria-label", /Riverside High School [\d.]+%/);
  expect(await bars.locator("g[data-group] rect").count()).toBe(3);
  await expect(bars).toContainText("Dashed line: the district");
  expect(await axeViolations(page)).toEqual([]);
  // At phone width the chart scrolls in its own box, not the page.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
