import { test, expect, authFile, axeViolations } from "./fixtures";

// Overdue provider results (issue #15: "a feed that has not arrived for N days (per provider)"):
// a district administrator gives providers their own number of days on Settings; the banner on
// every page then names a provider whose results are older than its own days, saying what was
// expected. The demo's providers last sent results about two days ago (prisma/seed/seed.ts): on
// time by the district's 3 days, overdue by a provider's own 1. A spec that imports progress
// meanwhile moves its provider's date to now, so the banner is checked for the providers whose
// date it did not move (at least one: there are three). Keyboard only, at a phone's width.

const PROVIDERS = ["Apex Learning", "Edgenuity", "Edmentum"];
const field = (name: string) => new RegExp(`^${name} \\([A-Z]+\\), days`);

// Signed in once for the run (e2e/auth.setup.ts).
test.use({ storageState: authFile("district.admin@demo.credittrack.test") });

test("a provider's own overdue days change the banner; bad values are refused on their field", async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/settings");
  const banner = page.getByRole("status", { name: "Overdue imports" });
  await expect(banner).toHaveCount(0);
  const form = page.getByRole("form", { name: "Overdue provider results" });
  for (const name of PROVIDERS) await expect(form.getByRole("textbox", { name: field(name) })).toHaveValue("");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeViolations(page)).toEqual([]);

  // A value outside 1–365, typed and sent from the keyboard: refused on its own field, nothing saved.
  await form.getByRole("textbox", { name: field("Apex Learning") }).focus();
  await page.keyboard.type("0");
  await page.keyboard.press("Enter");
  await expect(form.getByRole("alert")).toHaveText("Check the highlighted fields.");
  const apex = form.getByRole("textbox", { name: field("Apex Learning") });
  await expect(apex).toHaveAttribute("aria-invalid", "true");
  await expect(apex).toHaveAccessibleDescription(/Enter between 1 and 365 days, or leave it blank to use the district default/);
  await expect(banner).toHaveCount(0);

  // One day for each: every provider whose results are older than a day is named, with its 1 day.
  try {
    for (const name of PROVIDERS) {
      const input = form.getByRole("textbox", { name: field(name) });
      await input.focus();
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("1");
    }
    await page.keyboard.press("Enter");
    await expect(form.getByRole("status")).toHaveText("Saved: 3 providers' overdue days changed.");
    const lines = banner.getByTestId("stale-feed");
    await expect(lines.first()).toBeVisible();
    for (const text of await lines.allTextContents())
      expect(text).toMatch(new RegExp(`^(${PROVIDERS.join("|")}) results last arrived more than [12] days? ago \\(expected within 1 day\\)\\. Last: `));
    const named = (await lines.allTextContents()).length;
    // On every page, the Imports page included; the field keeps its value after a reload.
    await page.goto("/imports");
    await expect(banner.getByTestId("stale-feed")).toHaveCount(named);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto("/settings");
    await expect(form.getByRole("textbox", { name: field("Edmentum") })).toHaveValue("1");
  } finally {
    // Blank again: the district's 3 days, and no banner.
    await page.goto("/settings");
    for (const name of PROVIDERS) await form.getByRole("textbox", { name: field(name) }).fill("");
    await form.getByRole("button", { name: "Save provider days" }).click();
    await expect(form.getByRole("status")).toHaveText(/^(Saved: .* changed|Nothing changed)\.$/);
  }
  await expect(banner).toHaveCount(0);
  await page.goto("/imports");
  await expect(banner).toHaveCount(0);
});
