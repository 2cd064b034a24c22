import { test, expect, signIn, DEMO_LOGINS, DEMO_PASSWORD } from "./fixtures";

// Sessions end when they should (lib/auth/sessions.ts): a cookie copied before sign-out is dead
// for pages, downloads and NextAuth's renewal endpoint alike.
const counselor = DEMO_LOGINS.find((l) => l.email.startsWith("counselor.chen"))!;

test.describe("sessions", () => {
  test("a cookie copied before sign-out opens nothing afterwards, and the session endpoint will not renew it", async ({ page, context, playwright, browser, baseURL }) => {
    await signIn(page, counselor.email);
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
    const header = { cookie: `${cookie.name}=${cookie.value}` };
    const thief = await playwright.request.newContext({ baseURL, extraHTTPHeaders: header });
    try {
      // While signed in, the copy works like the original.
      expect((await thief.get("/api/exports/students")).status()).toBe(200);
      const renewed = await thief.get("/api/auth/session");
      expect(await renewed.json()).toMatchObject({ uid: expect.any(String) });

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/signin/);

      const csv = await thief.get("/api/exports/students");
      expect(csv.status()).toBe(401);
      const caseload = await thief.get("/caseload", { maxRedirects: 0 });
      expect(caseload.status()).toBeGreaterThanOrEqual(300);
      expect(caseload.headers()["location"] ?? "").toMatch(/\/signin/);
      // Renewal is refused and the cookie cleared: the stolen token cannot be made to live on.
      const session = await thief.get("/api/auth/session");
      expect(await session.json()).toEqual({});
      expect(session.headers()["set-cookie"] ?? "").toMatch(/next-auth\.session-token=;/);
      // A browser still holding the old cookie is told why it is at the sign-in page.
      const other = await browser.newContext({ baseURL });
      await other.addCookies([cookie]);
      const tab = await other.newPage();
      await tab.goto("/caseload");
      await expect(tab).toHaveURL(/\/signin\?.*ended=1/);
      await expect(tab.getByRole("status").filter({ hasText: "Your session has ended" })).toBeVisible();
      await other.close();
    } finally {
      await thief.dispose();
    }
    // The browser itself is signed out too, and signing in again works.
    await page.goto("/caseload");
    await expect(page).toHaveURL(/\/signin/);
    await signIn(page, counselor.email);
    await expect(page).toHaveURL(/\/today/);
  });

  test("a client-sent X-Forwarded-Proto does not make the cookie Secure (only a trusted proxy's does)", async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
    try {
      const csrf = await api.get("/api/auth/csrf");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await api.post("/api/auth/callback/credentials", {
        form: { email: counselor.email, password: DEMO_PASSWORD, csrfToken, json: "true" },
        maxRedirects: 0,
      });
      const setCookie = res
        .headersArray()
        .filter((h) => h.name.toLowerCase() === "set-cookie")
        .map((h) => h.value)
        .join("\n");
      expect(setCookie).toMatch(/(^|\n)next-auth\.session-token=/);
      expect(setCookie).not.toMatch(/__Secure-next-auth\.session-token/);
    } finally {
      await api.dispose();
    }
  });
});
