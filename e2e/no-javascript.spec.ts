import { test, expect, signIn, authFile } from "./fixtures";

// Issue 17: "Forms submit without JavaScript too (a submit before hydration sent a GET with scores
// in the URL)". With JavaScript off, the assessment results form posts to its server action: the
// scores stay out of the URL, the results are saved and the page says so. The enrollment is made
// here (counselor Murphy, the last student by name), so no other spec's data is touched.

const MURPHY = "counselor.murphy@demo.credittrack.test";

test("the results form saves with JavaScript off, and no score goes into the URL", async ({ browser }) => {
  test.setTimeout(120_000);
  // With JavaScript: sign in, enroll the student in a course, read the new enrollment's id.
  const withJs = await browser.newContext();
  const page = await withJs.newPage();
  await signIn(page, MURPHY);
  await page.goto("/caseload?sort=name&dir=desc");
  const studentHref = (await page.getByRole("table").locator("tbody th[scope=row] a").first().getAttribute("href"))!;
  await page.goto(studentHref);
  await page.getByText("Enroll in another catalog course").click();
  const enroll = page.getByRole("form", { name: "Enroll in a catalog course" });
  await enroll.getByLabel("Course").selectOption({ index: 1 });
  const title = (await enroll.getByLabel("Course").locator("option:checked").innerText()).replace(/ \(.*$/, "");
  await enroll.getByRole("button", { name: "Enroll" }).click();
  await expect(enroll.getByRole("status")).toContainText(`Enrolled in ${title}`);
  const card = page.getByRole("region", { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `) }).first();
  await card.getByText("Record results").click();
  const enrollmentId = await card
    .getByRole("form", { name: `Record results for ${title}` })
    .locator('input[name="enrollmentId"]')
    .inputValue();

  // Without JavaScript: the collapsed form offers a link to the page that shows it open.
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await withJs.storageState() });
  const bare = await noJs.newPage();
  await bare.goto(studentHref);
  const bareCard = bare.getByRole("region", { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `) }).first();
  await bareCard.getByText("Record results").click();
  await bareCard.getByRole("link", { name: "Show this form (JavaScript is off)" }).click();
  await expect(bare).toHaveURL(new RegExp(`results=${enrollmentId}`));

  const form = bare.getByRole("form", { name: `Record results for ${title}` });
  await expect(form).toHaveAttribute("method", /post/i);
  await form
    .getByRole("textbox", { name: /score \(of / })
    .first()
    .fill("7");
  await form.getByRole("button", { name: "Save results" }).click();
  await expect(bare.getByRole("status").filter({ hasText: /^Saved\. Progress is now \d+%\.$/ })).toBeVisible();
  expect(bare.url()).not.toMatch(/score/i);
  expect(bare.url()).not.toMatch(/=7\b/);

  // Saved: the card's assessment history shows the score (read with JavaScript on again).
  await page.goto(studentHref);
  await expect(card.getByRole("cell", { name: /^7 \/ \d+$/ })).toBeVisible();
  await noJs.close();
  await withJs.close();
});

// With JavaScript off the caseload stayed on "Loading the caseload…": its loading.tsx was streamed
// first and only a script swaps in the page. The caseload answers in tens of milliseconds, and its
// own filters say when they are loading (busy-region.tsx), so it has no loading page: the HTML
// arrives whole, and filters, sorting and paging are links and a GET form that work without it.
test("the caseload shows its students, filters and pages with JavaScript off", async ({ browser }) => {
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: authFile("counselor.okafor@demo.credittrack.test") });
  const page = await noJs.newPage();
  await page.goto("/caseload");
  await expect(page).toHaveURL(/\/caseload$/); // signed in: not sent to the sign-in page
  await expect(page.getByRole("heading", { level: 1, name: "My caseload" })).toBeVisible();
  await expect(page.getByText("Loading the caseload…")).toHaveCount(0);
  const rows = page.getByRole("table").locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  const first = (await page.getByRole("table").locator("tbody th[scope=row] a").first().innerText()).trim();
  const filters = page.getByRole("form", { name: "Filter the caseload" });
  await filters.getByLabel("Search name or SIS id").fill(first.split(/[ ,]+/)[0]);
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByRole("table").locator("tbody th[scope=row] a").filter({ hasText: first }).first()).toBeVisible();
  await noJs.close();
});
