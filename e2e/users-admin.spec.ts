import { test, expect, useSession, signIn, axeViolations, createStaff, rosterStudents } from "./fixtures";
import { DEMO_SCHOOLS } from "../prisma/seed/demo-logins";

// A district administrator's staff day: add a counselor, try a bad email first, issue them a
// one-time set-password link, which they open signed out in a browser of their own to choose a
// password and sign in with it; the link then no longer works. Then two students of another
// Harbor View counselor move to the new counselor, who finds them on their caseload. Both
// counselors and the students are this spec's own (e2e/fixtures.ts), not the demo's.

const ADMIN = "district.admin@demo.credittrack.test";
const PASSWORD = "tide pools and lighthouse keys";

test("add a counselor, hand over a set-password link, and move students to them", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const email = `robin.${tag}@demo.credittrack.test`;
  const name = `Robin Ashby ${tag}`;

  await useSession(page, ADMIN);
  await page.goto("/users");
  await page.getByText("Add a user", { exact: true }).click();
  const add = page.getByRole("form", { name: "Add a user" });
  await add.getByLabel("Email").fill("robin at school");
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Role").selectOption("COUNSELOR");
  await add.getByLabel("School").selectOption({ label: "Harbor View High School" });
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(add.getByText("Enter an email address")).toBeVisible();
  await expect(add.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await add.getByLabel("Email").fill(email);
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(add.getByRole("status")).toContainText("User added");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row.getByText("No password — set one or issue a link")).toBeVisible();

  // Their page: issue a link, shown once.
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Issue a set-password link" }).click();
  const linkBox = page.getByRole("textbox", { name: "Set-password link", exact: true });
  await expect(linkBox).toBeVisible();
  const link = await linkBox.inputValue();
  expect(link).toMatch(/\/set-password\?token=[A-Za-z0-9_-]{40,}$/);

  // The link's first answer is a redirect to the bare page: the token moves into an HttpOnly
  // cookie for /set-password only, so no rendered page, log line or x-pathname header has it.
  const token = new URL(link).searchParams.get("token")!;
  const hop = await page.request.get(new URL(link).pathname + new URL(link).search, { maxRedirects: 0 });
  expect(hop.status()).toBe(307);
  expect(hop.headers()["location"]).not.toContain(token);
  expect(new URL(hop.headers()["location"], baseURL).pathname + new URL(hop.headers()["location"], baseURL).search).toBe("/set-password");
  const cookie = hop.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("credittrack-set-password="))?.value ?? "";
  expect(cookie).toContain(`credittrack-set-password=${token};`);
  expect(cookie).toMatch(/; HttpOnly/i);
  expect(cookie).toMatch(/; SameSite=lax/i);
  expect(cookie).toMatch(/; Path=\/set-password(;|$)/);
  expect(cookie).toMatch(/; Max-Age=1800(;|$)/);

  // The new counselor, signed out in a browser of their own.
  const theirs = await browser.newContext({ baseURL });
  try {
    const p = await theirs.newPage();
    await p.goto(link);
    await expect(p.getByRole("heading", { name: "Choose your password" })).toBeVisible();
    await expect(p.getByText(email)).toBeVisible();
    // The token never reaches the page: not in its address, not in its HTML.
    expect(new URL(p.url()).search).toBe("");
    expect(await p.content()).not.toContain(token);
    await p.getByLabel("New password", { exact: true }).fill("short");
    await p.getByLabel("New password again").fill("short");
    await p.getByRole("button", { name: "Set password" }).click();
    await expect(p.getByLabel("New password", { exact: true })).toHaveAccessibleDescription(/Use at least 12 characters$/);
    await p.getByLabel("New password", { exact: true }).fill(PASSWORD);
    await p.getByLabel("New password again").fill(PASSWORD);
    await p.getByRole("button", { name: "Set password" }).click();
    await expect(p.getByRole("status")).toContainText("Your password is set");
    // Single use: the same link again is refused.
    await p.goto(link);
    await expect(p.getByText(/^This link cannot be used/)).toBeVisible();
    await signIn(p, email, PASSWORD);
    await expect(p).toHaveURL(/\/today/);
  } finally {
    await theirs.close();
  }

  // The Users page now says the password is set.
  await page.goto("/users");
  await expect(page.getByRole("row", { name: new RegExp(name) }).getByText("Password set")).toBeVisible();

  // Move two of another counselor's three students to the new counselor.
  const from = await createStaff(page, { school: DEMO_SCHOOLS[2].name, first: "Harper" });
  await rosterStudents(page, { school: DEMO_SCHOOLS[2], counselor: from, students: 3, baseURL: baseURL! });
  await page.goto("/users");
  await page.getByRole("link", { name: `Reassign ${from.name}'s caseload` }).click();
  await expect(page.getByRole("heading", { name: `Move students from ${from.name}` })).toBeVisible();
  const form = page.getByRole("form", { name: `Reassign students of ${from.name}` });
  await form.getByLabel("Counselor who takes the students").selectOption({ label: `${name} (Harbor View High School)` });
  await form.getByLabel("Only the students ticked below").check();
  const boxes = form.getByRole("checkbox", { name: /^Move / });
  const moved: string[] = [];
  for (const i of [0, 1]) {
    const box = boxes.nth(i);
    moved.push((await box.getAttribute("aria-label"))!.slice("Move ".length));
    await box.check();
  }
  expect(await axeViolations(page)).toEqual([]);
  await form.getByRole("button", { name: "Move students" }).click();
  await expect(form.getByText(`Move the 2 ticked students of ${from.name}?`)).toBeVisible();
  await form.getByRole("button", { name: "Yes, move them" }).click();
  const done = page.getByRole("status").filter({ hasText: `2 students moved to ${name}'s caseload.` });
  await expect(done).toBeFocused();

  // They are now on the new counselor's caseload (the reassign page lists every one of them).
  await page.goto("/users");
  await page.getByRole("link", { name: `Reassign ${name}'s caseload` }).click();
  for (const student of moved) await expect(page.getByRole("checkbox", { name: `Move ${student}` })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /^Move / })).toHaveCount(2);

  // Moving all of them back empties the list, and the form with it: the page still says what happened.
  const back = page.getByRole("form", { name: `Reassign students of ${name}` });
  await back.getByLabel("Counselor who takes the students").selectOption({ label: `${from.name} (Harbor View High School)` });
  await back.getByRole("button", { name: "Move students" }).click();
  await back.getByRole("button", { name: "Yes, move them" }).click();
  await expect(page.getByText("No students on this caseload.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: `2 students moved to ${from.name}'s caseload.` })).toBeFocused();
});

test("at phone width the staff page and a person's page keep their controls reachable", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await useSession(page, ADMIN);
  await page.goto("/users");
  await page.getByRole("link", { name: "Yasmin Haddad", exact: true }).click();
  // No sideways scrolling of the page itself (tables scroll inside their own box).
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await page.getByRole("button", { name: "Save role and school" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Yes, change" })).toBeFocused();
  await page.getByRole("button", { name: "Cancel" }).click();
});
