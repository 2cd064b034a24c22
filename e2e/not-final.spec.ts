import { test, expect, useSession, DEMO_LOGINS } from "./fixtures";
import { districtDay, schoolYearOf, yearLabel } from "../lib/calendar";

// Issue 13: the current year's summary showed "4-year graduation rate, Class of 2027: 0.0% (0 of
// 106)" unmarked, and the open year was first in the picker. Figures whose window has not closed
// say "not final — closes <date>", the picker marks the year, and the trend draws it hollow.
const districtAdmin = DEMO_LOGINS.find((l) => l.role === "DISTRICT_ADMIN")!;
const current = schoolYearOf(districtDay());

test("the current year's summary says its figures are not final, and the picker marks the year", async ({ page }) => {
  await useSession(page, districtAdmin.email);
  await page.goto(`/reports?year=${current}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`summary ${yearLabel(current)}`);
  const cards = page.getByRole("list", { name: "Key figures" });
  await expect(cards).toContainText(`not final — closes August 31, ${current + 1}`);
  await expect(cards).toContainText(`not final — closes October 1, ${current + 1}`);
  await expect(page.getByRole("heading", { name: /Equity view/ })).toContainText("not final — closes");

  const picker = page.getByLabel("School year");
  await expect(picker.locator("option", { hasText: `${yearLabel(current)} (not final)` })).toHaveCount(1);
  await expect(picker.locator("option", { hasText: `${yearLabel(current - 2)} (not final)` })).toHaveCount(0);

  // The trend draws the open year as a hollow dot on a dashed line.
  await expect(page.locator('circle[data-open="true"]').first()).toBeVisible();

  // A closed year says nothing of the kind.
  await page.goto(`/reports?year=${current - 2}`);
  await expect(page.getByRole("list", { name: "Key figures" })).not.toContainText("not final");
});

test("the district summary marks the open year's figures in its schools table", async ({ page }) => {
  await useSession(page, districtAdmin.email);
  await page.goto(`/reports/district?year=${current}`);
  await expect(page.getByRole("list", { name: "Key figures" })).toContainText(`not final — closes August 31, ${current + 1}`);
  await expect(page.getByRole("table").filter({ hasText: "District" }).first().locator("thead")).toContainText("not final — closes");
});
