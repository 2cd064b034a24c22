import { test, expect, authFile } from "./fixtures";
import { creditsText } from "../lib/students/credits";

// The parent-facing plan says true things in plain words (issue 13): the projection names the
// class ("with the class of 2029", and the earliest class when not on track), credits are written
// "1 credit" / "5.5 credits" (never "1.0 credits"), the courses already earned are listed, and the
// caseload's "Credits still needed" is the student page's. Counselor Okafor's caseload only.

const OKAFOR = "counselor.okafor@demo.credittrack.test";
const PROJECTION = /^(On track to graduate with the class of (\d{4})|Not on track to graduate with the class of (\d{4}) — earliest (\d{4}) at a full-time load)$/;
const CREDIT_WORDS = /^\d+(\.\d+)? credits?$/;

// Signed in once for the run (e2e/auth.setup.ts).
test.use({ storageState: authFile(OKAFOR) });

test("the graduation plan's projection, credits and earned courses are written in true words", async ({ page }) => {
  test.setTimeout(120_000);
  // High-risk students, highest credits still needed first: far from their diploma and their class.
  await page.goto("/caseload?risk=HIGH&sort=needed");
  const header = page.getByRole("columnheader", { name: /Credits still needed/ });
  await expect(header).toHaveAttribute("aria-sort", "descending");
  const rows = page.getByRole("table").locator("tbody tr");
  // The header row's own cells (the select-all box is a cell, not a column header).
  const neededCol = await page
    .getByRole("table")
    .locator("thead tr")
    .first()
    .evaluate((tr) => [...tr.children].findIndex((c) => c.textContent?.includes("Credits still needed")));
  const listed = await rows.evaluateAll(
    (trs, col) =>
      trs.slice(0, 12).map((tr) => ({
        href: tr.querySelector("th a")!.getAttribute("href")!,
        needed: tr.children[col]!.textContent!.trim(),
      })),
    neededCol,
  );
  expect(listed.length).toBeGreaterThan(0);

  let sawNotOnTrack = false;
  let sawEarned = false;
  for (const { href, needed } of listed) {
    // The student page's figure is the caseload's, under the same name.
    await page.goto(href);
    await expect(page.getByTestId("credits-still-needed")).toHaveText(needed);
    await expect(page.getByTestId("credit-figures")).toContainText(`Credits still needed${creditsText(Number(needed))}`);

    await page.goto(`${href}/plan`);
    const projection = (await page.getByTestId("projection").innerText()).trim();
    expect(projection).toMatch(PROJECTION);
    const m = projection.match(PROJECTION)!;
    if (m[3]) {
      sawNotOnTrack = true;
      expect(Number(m[4])).toBeGreaterThan(Number(m[3]));
    }
    // The projection's input by its name, and what it assumes (a full-time load, or the class's summer).
    await expect(page.getByTestId("credits-after-on-pace")).toHaveText(CREDIT_WORDS);
    await expect(page.getByRole("region", { name: "Projection" })).toContainText("Still needed after on-pace courses");
    await expect(page.getByRole("region", { name: "Projection" })).toContainText(/assumes a full-time load of \d+(\.\d+)? credits a school year|still counts with the class/);
    const text = await page.locator("article").innerText();
    expect(text).not.toMatch(/in [45] years/);
    expect(text).not.toMatch(/\b\d+\.0 credits?\b/);
    expect(text).toContain("with the class of");

    // The courses already earned: the transcript's credit-earning rows, with year, grade and credits.
    const earned = page.getByRole("region", { name: "Courses already earned" }).locator("tbody tr");
    if ((await earned.count()) > 0) {
      sawEarned = true;
      for (const cell of await earned.locator("td:last-child").allInnerTexts()) expect(cell.trim()).toMatch(CREDIT_WORDS);
      await expect(earned.first().locator("td").nth(1)).toHaveText(/^\d{4}–\d{2}$/);
    } else {
      await expect(page.getByRole("region", { name: "Courses already earned" })).toContainText("None yet.");
    }

    // What is missing, by requirement, with the any-subject row; the audit's rows and total.
    await expect(page.getByRole("region", { name: "Graduation audit" }).getByRole("rowheader", { name: "Electives / any subject" })).toBeVisible();
    for (const li of await page.getByTestId("still-needed").locator("li").allInnerTexts()) expect(li).toMatch(/: \d+(\.\d+)? credits?/);
    await expect(page.getByTestId("next-steps")).toBeVisible();
    if (sawNotOnTrack && sawEarned) break;
  }
  expect({ sawNotOnTrack, sawEarned }).toEqual({ sawNotOnTrack: true, sawEarned: true });

  // Printing: the plan's sections stay, the buttons and the app's header go.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print this plan" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Back to the student record" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Courses already earned" })).toBeVisible();
  await expect(page.getByTestId("projection")).toBeVisible();
});
