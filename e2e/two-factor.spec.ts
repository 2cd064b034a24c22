import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { test, expect, signIn, axeViolations, authFile, createStaff, useSession, type Staff } from "./fixtures";

// Two-factor sign-in, as a counselor turns it on for themself (the demo's policy is OPTIONAL):
// enrol from the QR page's key, sign in with password + code, a recovery code works once, and a
// district administrator's reset lets the password alone sign in again.
// The counselor is one of this spec's own (signing out and turning 2FA on would end, or change,
// a demo user's session that other specs share).

const ADMIN = "district.admin@demo.credittrack.test";
let user: Staff;

/** The authenticator app: the code `steps` 30-s steps from now. */
const codeFor = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
}

/** Email and password, then the second step's code. */
async function signInWithCode(page: Page, code: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const field = page.getByLabel("Two-factor code");
  await expect(field).toBeVisible();
  await expect(field).toBeFocused();
  await field.fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser, baseURL }) => {
  const admin = await browser.newContext({ baseURL, storageState: authFile(ADMIN) });
  user = await createStaff(await admin.newPage(), { school: "Franklin Park Academy", first: "Toby" });
  await admin.close();
});

test("a counselor enrols, signs in with a code, and a recovery code works once", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, user.email, user.password);
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const shown = page.getByTestId("totp-secret");
  await expect(shown).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code/ })).toHaveAttribute("src", /^data:image\/png;base64,/);
  expect(await axeViolations(page)).toEqual([]);
  const secret = (await shown.textContent())!.replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code leaves it off; the right one turns it on and shows ten recovery codes once.
  const form = page.getByRole("form", { name: "Confirm two-factor sign-in" });
  const right = await codeFor(secret);
  await form.getByLabel("Your password").fill(user.password);
  await form.getByLabel("Code from the app").fill(right === "000000" ? "111111" : "000000");
  await form.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(form.getByRole("alert")).toContainText("not right");
  await form.getByLabel("Code from the app").fill(await codeFor(secret));
  await form.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recovery = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  await expect(page.getByText("Two-factor sign-in is on.", { exact: false }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);

  // The password alone no longer signs in: the form asks for the code. The enrolment used this
  // step's code, so the app's next one (accepted one step early) signs in.
  await signOut(page);
  await signInWithCode(page, await codeFor(secret, 1));
  await page.waitForURL(/\/today/);

  // A recovery code signs in once.
  await signOut(page);
  await signInWithCode(page, recovery[0]);
  await page.waitForURL(/\/today/);
  await page.goto("/account/security");
  await expect(page.getByText("9 of 10 recovery codes left")).toBeVisible();
  await signOut(page);
  await signInWithCode(page, recovery[0]);
  await expect(page.getByText(/That code is not right/)).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("a district administrator resets it; the password alone signs in again", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await useSession(page, ADMIN);
  await page.goto("/users");
  const row = page.locator("tr", { hasText: user.email });
  await expect(row.getByRole("cell", { name: /^On/ })).toBeVisible();
  const form = row.getByRole("form", { name: /Reset two-factor sign-in of/ });
  await form.getByRole("button", { name: "Reset two-factor" }).click();
  await form.getByRole("button", { name: "Yes, reset" }).click();
  await expect(row.getByRole("cell", { name: "Off", exact: true })).toBeVisible();

  const other = await browser.newContext();
  const p = await other.newPage();
  await signIn(p, user.email, user.password);
  await expect(p).toHaveURL(/\/today/);
  await other.close();
});
