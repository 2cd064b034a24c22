import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { generate } from "otplib";
import type { Page } from "@playwright/test";
import { test, expect, axeViolations } from "./fixtures";

// A new district, from an EMPTY database to its figures, through the product alone (issue #12):
// its own server on a database that is migrated and nothing else (no seed, no SQL), the setup
// token read from that server's start-up log, then only pages: the first-run page, two-factor
// enrolment, the Users page, the Imports page (catalog, OneRoster roster, district extract with the
// October 1 roll, provider progress) and the reports, whose figures must equal the hand-computed
// values in e2e/fixtures/new-district/README.md.

// A free port of its own, picked by playwright.config.ts (e2e/ports.ts).
const PORT = Number(process.env.E2E_NEW_DISTRICT_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 50);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const FIXTURES = path.resolve("e2e/fixtures/new-district");
const ADMIN = { email: "data.manager@harbor.example", name: "Rosa Delgado", password: "Harbor-tide-2031!" };
const COUNSELOR = { email: "goneil@harbor.example", password: "Lighthouse-keeper-77" };

let server: ChildProcess | undefined;
let token = "";
let log = "";

test.describe.configure({ mode: "serial" });
test.use({ baseURL: ORIGIN, actionTimeout: 20_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = spawn("node", ["scripts/e2e-server.mjs"], {
    env: { ...process.env, E2E_EMPTY: "1", E2E_PORT: String(PORT) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout!.on("data", (b: Buffer) => (log += b.toString()));
  server.stderr!.on("data", (b: Buffer) => (log += b.toString()));
  const deadline = Date.now() + 240_000;
  for (;;) {
    const m = /Setup token: (\S+)/.exec(log);
    if (m) token = m[1];
    if (
      token &&
      (await fetch(`${ORIGIN}/signin`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      break;
    if (server.exitCode !== null) throw new Error(`the empty-database server stopped:\n${log}`);
    if (Date.now() > deadline) throw new Error(`no setup token or no server within 4 minutes:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
  // Its embedded database (a PostgreSQL run's database is recreated by the next run).
  if (!process.env.DATABASE_URL && !process.env.E2E_KEEP_DB) fs.rmSync(path.resolve(`.data/e2e-${PORT}`), { recursive: true, force: true });
});

const file = (name: string) => path.join(FIXTURES, name);

function rosterZip(): Buffer {
  const dir = file("oneroster");
  const entries = Object.fromEntries(fs.readdirSync(dir).map((n) => [`harbor-roster/${n}`, new Uint8Array(fs.readFileSync(path.join(dir, n)))]));
  return Buffer.from(zipSync(entries));
}

async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Upload one file on the Imports page, preview it, run it, and expect it to succeed. */
async function importFile(page: Page, kind: string, name: string, buffer: Buffer, opts: { createEnrollments?: boolean } = {}) {
  await page.goto("/imports");
  await page.getByLabel("What is the file?").selectOption(kind);
  await page.getByLabel("File (.zip or .csv)").setInputFiles({ name, mimeType: name.endsWith(".zip") ? "application/zip" : "text/csv", buffer });
  if (opts.createEnrollments) await page.getByLabel("Create the enrollment when a student has none in that course").check();
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Run import" }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 30_000 });
  const history = page.getByRole("table", { name: "Import runs, newest first" });
  await expect(history.getByRole("row").nth(1)).toContainText("succeeded");
  await expect(history.getByRole("row").nth(1)).toContainText(name);
}

/** Enrol two-factor sign-in as the district's default rule requires of administrators. */
async function enrolTwoFactor(page: Page, password: string) {
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const shown = page.getByTestId("totp-secret");
  await expect(shown).toBeVisible();
  const secret = (await shown.textContent())!.replace(/\s/g, "");
  const form = page.getByRole("form", { name: "Confirm two-factor sign-in" });
  await form.getByLabel("Your password").fill(password);
  await form.getByLabel("Code from the app").fill(await generate({ secret }));
  await form.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
}

test("a new district is set up from an empty database and its figures equal the hand-computed ones", async ({ page, browser }) => {
  test.setTimeout(300_000);
  expect(token, "the server logs a setup token while no administrator exists").toMatch(/^\S{20,}$/);

  // Before setup, nobody can sign in and the first-run page needs the token; the sign-in page says where it is.
  await page.goto("/signin");
  await expect(page.getByRole("note")).toContainText("not set up yet");
  await page.goto("/setup");
  await expect(page.getByRole("form", { name: "Set up the district" })).toHaveCount(0);

  // 1. First run: the district, its diploma, its first administrator.
  await page.goto(`/setup?token=${token}`);
  const setup = page.getByRole("form", { name: "Set up the district" });
  await expect(setup).toBeVisible();
  await expect(page.getByText(/America\/New_York/).first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await setup.getByLabel("District name").fill("Harbor City Public Schools");
  await setup.getByLabel("Credits a diploma requires").fill("24");
  await setup.getByLabel("Passing grade for online courses (%)").fill("65");
  await setup.getByLabel("Email (their sign-in)").fill(ADMIN.email);
  await setup.getByLabel("Name", { exact: true }).fill(ADMIN.name);
  // A weak password is refused at its field, and nothing is written.
  await setup.getByLabel("Password", { exact: true }).fill("harbor");
  await setup.getByLabel("Password again").fill("harbor");
  await setup.getByRole("button", { name: "Set up the district" }).click();
  await expect(setup.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await setup.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await setup.getByLabel("Password again").fill(ADMIN.password);
  await setup.getByRole("button", { name: "Set up the district" }).click();
  await expect(page.getByRole("heading", { name: "Harbor City Public Schools is set up" })).toBeVisible();
  // The token was used up: the page is closed now.
  await page.goto(`/setup?token=${token}`);
  await expect(page.getByRole("form", { name: "Set up the district" })).toHaveCount(0);
  await expect(page.getByText(/already set up/).first()).toBeVisible();

  // 2. The administrator signs in and, as the district's rule asks, turns on two-factor sign-in.
  await signInAs(page, ADMIN.email, ADMIN.password);
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await enrolTwoFactor(page, ADMIN.password);

  // 3. Readiness before any file: the catalog, the roster and the rest are missing.
  await page.goto("/admin/readiness");
  await expect(page.getByText("No schools yet: the roster creates them, with staff and students.")).toBeVisible();
  await expect(page.getByText(/^No online courses in the catalog/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // Nothing loaded yet: the overview says where the schools come from, and the summary's figures say
  // there is no one behind them (they read "Hidden to protect students' privacy").
  await page.goto("/admin");
  await expect(page.getByRole("link", { name: "Load the roster on Imports" })).toBeVisible();
  await page.goto("/reports/district");
  const cards = page.getByRole("list", { name: "Key figures" });
  await expect(cards.getByText("No students in this cohort").first()).toBeVisible();
  await expect(cards.getByText("Hidden to protect students’ privacy")).toHaveCount(0);
  // The equity and quality pages say the same: no records, no table of "—" under a privacy note.
  for (const path of ["/reports/equity", "/reports/equity?figure=advancedPlacement", "/reports/quality"]) {
    await page.goto(path);
    await expect(page.getByTestId("no-records"), path).toContainText("Nothing here is hidden.");
    await expect(page.getByRole("table"), path).toHaveCount(0);
    await expect(page.getByText("“—”: hidden to protect students’ privacy"), path).toHaveCount(0);
  }

  // 4. The district's own files, on the Imports page.
  await importFile(page, "catalog", "harbor-catalog.csv", fs.readFileSync(file("catalog.csv")));
  await importFile(page, "oneroster", "harbor-roster.zip", rosterZip());
  for (const f of ["students.csv", "status-events.csv", "transcript.csv", "roll.csv"]) await importFile(page, "students", f, fs.readFileSync(file(f)));
  await importFile(page, "progress", "apex-progress.csv", fs.readFileSync(file("progress.csv")), { createEnrollments: true });

  // A roll-shaped file is told by its header: a roll, never a students file "unchanged".
  await page.goto("/imports");
  await page.getByLabel("What is the file?").selectOption("students");
  await page
    .getByLabel("File (.zip or .csv)")
    .setInputFiles({ name: "oct1.csv", mimeType: "text/csv", buffer: Buffer.from("sis_id,school_year,school_code,grade,enrolled_oct1\r\n9001,2024-25,04440505,12,Y\r\n") });
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible({ timeout: 30_000 });
  // Columns: would create, would update, would delete, unchanged, skipped.
  await expect(page.getByRole("row", { name: /^School-year records/ }).getByRole("cell")).toHaveText(["0", "0", "0", "1", "0"]);
  await expect(page.getByRole("row", { name: /^Students/ }).getByRole("cell")).toHaveText(["0", "0", "0", "0", "0"]);

  // 5. Staff: a school administrator added by hand; the rostered counselor gets a set-password link.
  await page.goto("/users");
  await page.getByText("Add a user", { exact: true }).click();
  const add = page.getByRole("form", { name: "Add a user" });
  await add.getByLabel("Email").fill("principal.bay@harbor.example");
  await add.getByLabel("Name").fill("Dana Whitfield");
  await add.getByLabel("Role").selectOption("SCHOOL_ADMIN");
  await add.getByLabel("School").selectOption({ label: 'Bay "East" Academy, Grades 9-12' });
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(add.getByRole("status")).toContainText("User added");
  const grace = page.getByRole("row", { name: /Grace O'Neil/ });
  await expect(grace.getByText("No password — set one or issue a link")).toBeVisible();
  await grace.getByRole("link", { name: "Grace O'Neil", exact: true }).click();
  await page.getByRole("button", { name: "Issue a set-password link" }).click();
  const linkBox = page.getByRole("textbox", { name: "Set-password link", exact: true });
  await expect(linkBox).toBeVisible();
  const link = await linkBox.inputValue();
  const theirs = await browser.newContext({ baseURL: ORIGIN });
  try {
    const p = await theirs.newPage();
    await p.goto(link);
    await p.getByLabel("New password", { exact: true }).fill(COUNSELOR.password);
    await p.getByLabel("New password again").fill(COUNSELOR.password);
    await p.getByRole("button", { name: "Set password" }).click();
    await expect(p.getByRole("status")).toContainText("Your password is set");
    await signInAs(p, COUNSELOR.email, COUNSELOR.password);
    await p.waitForURL(/\/today/);
    await p.goto("/caseload");
    // Her caseload: the Harbor High student still enrolled (the extract named her counselor).
    await expect(p.getByRole("link", { name: /García, Sofia/ })).toBeVisible();
    await expect(p.getByRole("link", { name: /Carter, Jamal/ })).toHaveCount(0);
  } finally {
    await theirs.close();
  }

  // 6. The figures (e2e/fixtures/new-district/README.md), as JSON and on the pages.
  const json = async (url: string) => {
    const r = await page.request.get(url);
    expect(r.status(), url).toBe(200);
    return r.json();
  };
  const grad = await json("/api/reports/graduation?cohort=2025");
  expect(grad.fourYear.figure).toMatchObject({ numerator: 9, denominator: 14, rate: 64.3 });
  expect(grad.fiveYear.figure).toMatchObject({ numerator: 10, denominator: 14, rate: 71.4 });
  const harbor = await json("/api/reports/graduation?cohort=2025&school=04440505");
  expect(harbor.fourYear.figure).toMatchObject({ numerator: 4, denominator: 7, rate: 57.1 });
  expect(harbor.fiveYear.figure).toMatchObject({ numerator: 5, denominator: 7, rate: 71.4 });
  const dropout = await json("/api/reports/dropout?year=2023-24");
  // 1 dropout of 7 is within one student of none: the policy shows it coded, never as 1
  // (lib/reports/disclosure.ts, DEFINITIONS.md "Suppression").
  expect(dropout.figure).toMatchObject({ numerator: null, denominator: 7, rate: null, coded: { op: "≤", bound: 14.3 } });
  expect(dropout.figure.note).toContain('Bay "East" Academy');
  const bay = await json("/api/reports/dropout?year=2023-24&school=04440510");
  expect(bay.figure.note).toBe("No October 1 roll loaded for 2023-24");
  const completers = await json("/api/reports/completers?year=2024-25");
  expect(completers.completers).toBe(6);
  expect(completers.byYearEnd).toMatchObject({ numerator: 3, denominator: 6, rate: 50 });

  await page.goto("/reports/district?year=2023");
  await expect(page.getByText('No October 1 roll for: Bay "East" Academy, Grades 9-12').first()).toBeVisible();
  await expect(page.getByText("≤ 14.3%").first()).toBeVisible();
  await page.goto("/reports/district?year=2024");
  await expect(page.getByText("64.3%").first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // At a phone's width the school picker, holding these long names, fits the page (it pushed it 24 px sideways).
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/reports?year=2024", "/reports/quality?year=2024", "/reports/equity?year=2024"]) {
    await page.goto(path);
    await expect(page.getByLabel("School", { exact: true })).toBeVisible();
    const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(w.scroll, `${path}: scrollWidth ${w.scroll} > ${w.inner}`).toBeLessThanOrEqual(w.inner);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // 7. Readiness after the files: the catalog and the roster are in.
  await page.goto("/admin/readiness");
  await expect(page.getByText("2 online courses in the catalog.")).toBeVisible();
  await expect(page.getByText("2 schools, 2 with students.")).toBeVisible();
});
