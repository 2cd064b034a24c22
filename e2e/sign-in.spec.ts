import { test, expect, signIn, DEMO_LOGINS, DEMO_PASSWORD } from "./fixtures";

const byRole = (role: string) => DEMO_LOGINS.find((l) => l.role === role && l.active !== false)!;

test.describe("signing in", () => {
  test("a counselor lands on Today, with the caseload a link away", async ({ page }) => {
    await signIn(page, byRole("COUNSELOR").email);
    await expect(page).toHaveURL(/\/today/);
    await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toContainText("My caseload");
  });

  test("a school administrator lands on the school overview with student counts", async ({ page }) => {
    const admin = byRole("SCHOOL_ADMIN");
    await signIn(page, admin.email);
    await expect(page).toHaveURL(/\/admin/);
    await expect(page.getByRole("heading", { name: "School overview" })).toBeVisible();
    const rows = page.getByRole("table").locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(admin.school!);
  });

  test("a district administrator lands on the district overview listing every school", async ({ page }) => {
    await signIn(page, byRole("DISTRICT_ADMIN").email);
    await expect(page).toHaveURL(/\/admin/);
    await expect(page.getByRole("heading", { name: "District overview" })).toBeVisible();
    await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(3);
  });

  test("a wrong password is refused with a plain message", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(byRole("COUNSELOR").email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText("Email or password is incorrect.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("an empty form shows field errors and sends nothing", async ({ page }) => {
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address")).toBeVisible();
    await expect(page.getByText("Enter your password")).toBeVisible();
  });

  test("a deactivated account cannot sign in", async ({ page }) => {
    const inactive = DEMO_LOGINS.find((l) => l.active === false)!;
    await page.goto("/signin");
    await page.getByLabel("Email").fill(inactive.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText("Email or password is incorrect.");
  });

  test("pages need a session: an anonymous visit goes to sign-in and comes back after", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin/);
    await page.getByLabel("Email").fill(byRole("DISTRICT_ADMIN").email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, byRole("DISTRICT_ADMIN").email);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/signin/);
  });
});

test.describe("scope", () => {
  test("a counselor cannot open another counselor's student by URL", async ({ browser }) => {
    const [mine, other] = DEMO_LOGINS.filter((l) => l.role === "COUNSELOR" && l.active !== false);
    const a = await browser.newPage();
    await signIn(a, other.email);
    await a.goto("/caseload");
    const href = await a.locator('a[href^="/students/"]').first().getAttribute("href");
    expect(href).toMatch(/^\/students\/[^/]+$/);
    await a.close();

    const b = await browser.newPage();
    await signIn(b, mine.email);
    const res = await b.goto(href!);
    expect(res?.status()).toBe(404);
    await expect(b.getByRole("heading", { name: "Not found" })).toBeVisible();
    await b.close();
  });

  test("a counselor does not get the administrators' overview", async ({ page }) => {
    await signIn(page, byRole("COUNSELOR").email);
    const res = await page.goto("/admin");
    expect(res?.status()).toBe(404);
  });
});
