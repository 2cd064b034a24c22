import fs from "node:fs";
import { test as setup, expect } from "@playwright/test";
import { DEMO_LOGINS, DEMO_PASSWORD, authDir, authFile } from "./fixtures";

// Each active demo user signs in once per run and the session is saved for the specs
// (playwright.config.ts project "setup"; e2e/fixtures.ts authFile). Through NextAuth's credentials
// endpoint, as the sign-in form posts it, without rendering the landing page: on a busy machine
// a form sign-in (and its Today page) took 20–30 s, and every test used to do one. The sign-in
// form itself is tested by e2e/sign-in.spec.ts, which still signs in through it.
setup.describe.configure({ mode: "parallel" });
setup.beforeAll(() => fs.mkdirSync(authDir(), { recursive: true }));

for (const login of DEMO_LOGINS.filter((l) => l.active !== false)) {
  setup(`sign in ${login.email}`, async ({ page }) => {
    const csrf = await page.request.get("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await page.request.post("/api/auth/callback/credentials", { form: { email: login.email, password: DEMO_PASSWORD, csrfToken, json: "true" }, maxRedirects: 0 });
    expect(res.status(), await res.text()).toBeLessThan(400);
    const session = await page.request.get("/api/auth/session");
    expect(await session.json(), `${login.email} is signed in`).toMatchObject({ uid: expect.any(String) });
    await page.context().storageState({ path: authFile(login.email) });
  });
}
