import { encode, decode } from "next-auth/jwt";
import { test, expect, signIn, useSession, DEMO_LOGINS } from "./fixtures";
import { ensureSecret } from "../scripts/lib.mjs";

const admin = DEMO_LOGINS.find((l) => l.role === "DISTRICT_ADMIN")!;

test.describe("security basics", () => {
  test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
    await useSession(page, admin.email); // as the sign-in of e2e/auth.setup.ts set it
    const session = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session).toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe("Lax");
  });

  test("a page trusts only an unexpired session cookie sealed with the server's secret", async ({ page, context }) => {
    await useSession(page, admin.email);
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
    const secret = ensureSecret(); // the e2e server's secret (environment, or .data/auth-secret)
    const claims = (await decode({ token: cookie.value, secret }))!;
    expect(claims.uid).toEqual(expect.any(String));
    const withCookie = async (value: string) => {
      await context.clearCookies();
      await context.addCookies([{ ...cookie, value }]);
      await page.goto("/admin");
    };
    await withCookie(await encode({ token: claims, secret }));
    await expect(page.getByRole("heading", { name: "District overview" })).toBeVisible();
    await withCookie(await encode({ token: claims, secret, maxAge: -60 })); // expired a minute ago
    await expect(page).toHaveURL(/\/signin/);
    await withCookie(await encode({ token: claims, secret: "another-secret-entirely-0123456789" }));
    await expect(page).toHaveURL(/\/signin/);
    await withCookie(`${cookie.value.slice(0, -4)}AAAA`); // tampered with
    await expect(page).toHaveURL(/\/signin/);
  });

  test("pages carry a nonce-based CSP and the other security headers", async ({ page }) => {
    const res = await page.goto("/signin");
    const h = res!.headers();
    const csp = h["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    // Over plain HTTP (this test server) HSTS must not be sent.
    expect(h["strict-transport-security"]).toBeUndefined();
  });

  test("the page works under its CSP: no script is blocked", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await signIn(page, admin.email);
    await expect(page.getByRole("heading", { name: "District overview" })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("the session endpoint reveals nothing without a session", async ({ request }) => {
    const res = await request.get("/api/auth/session");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({});
  });

  test("the audit log is for district admins only and lists this sign-in", async ({ page }) => {
    await signIn(page, admin.email); // through the form: the sign-in this test looks for
    await page.goto(`/audit?action=signin.success&user=${encodeURIComponent(admin.email)}`);
    await expect(page.getByRole("table").locator("tbody tr").first()).toContainText("signed in");
  });
});
