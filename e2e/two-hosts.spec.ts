import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, signIn, useSession, DEMO_LOGINS } from "./fixtures";

// Issue 19: the web tier on several hosts behind a load balancer. Host B is a second production
// server (`node scripts/serve.mjs`, its own processes and port, its own memory) on the run's
// database, beside the run's own server, host A. Cookies do not tell ports apart, so one browser
// is "behind a balancer" that sends each request to either host:
// - sign in on A, write on B, read the write on A; sign out on A, and the session is dead on B too
//   (sessions, sign-in throttling and idempotency keys live in PostgreSQL: README "Several hosts");
// - a file uploaded on B, which runs no jobs (JOBS=off), is imported by A's job runner and B shows
//   its report (imports are queued in PostgreSQL: lib/imports/queue.ts);
// - B's health check (GET /api/health) is ok, then after SIGTERM says "draining" (503, and every
//   response closes its connection) while B still serves for SERVE_DRAIN_SECONDS (10 here, room
//   for a busy machine); then B closes its port and exits 0, while A answers on.
// PostgreSQL only: an embedded database folder is one process's, so there is no second host.

const MURPHY = DEMO_LOGINS.find((l) => l.email.startsWith("counselor.murphy"))!;
const PORT_B = Number(process.env.E2E_SECOND_HOST_PORT);
const B = `http://127.0.0.1:${PORT_B}`;

let server: ChildProcess | undefined;
let log = "";
let exited: Promise<number | null> | undefined;

/** A student of Murphy's no other spec writes to (the first by name is focus-after-actions'). */
async function studentHref(page: Page): Promise<string> {
  await page.goto("/caseload?sort=name");
  return (await page.getByRole("table").locator("tbody th[scope=row] a").nth(2).getAttribute("href"))!;
}

if (process.env.DATABASE_URL) {
  test.describe("two hosts on one database", () => {
    test.describe.configure({ mode: "serial" });

    test.beforeAll(async () => {
      test.setTimeout(180_000);
      // The run's database (scripts/e2e-server.mjs names it for its port) and the run's secret.
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/credittrack_e2e_${process.env.E2E_PORT}`;
      const secret = process.env.NEXTAUTH_SECRET ?? fs.readFileSync(path.resolve(".data/auth-secret"), "utf8").trim();
      server = spawn("node", ["scripts/serve.mjs", "-p", String(PORT_B), "-H", "127.0.0.1"], {
        env: {
          ...process.env,
          DATABASE_URL: url.toString(),
          NEXTAUTH_SECRET: secret,
          NEXTAUTH_URL: B,
          WEB_CONCURRENCY: "1",
          JOBS: "off",
          SERVE_DRAIN_SECONDS: "10",
          SESSION_IDLE_MINUTES: process.env.SESSION_IDLE_MINUTES ?? "480",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      server.stdout!.on("data", (b: Buffer) => (log += b.toString()));
      server.stderr!.on("data", (b: Buffer) => (log += b.toString()));
      exited = new Promise((r) => server!.once("exit", (code) => r(code)));
      const deadline = Date.now() + 150_000;
      for (;;) {
        const ok = await fetch(`${B}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (server.exitCode !== null) throw new Error(`host B stopped:\n${log}`);
        if (Date.now() > deadline) throw new Error(`host B did not become healthy:\n${log}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    });

    test.afterAll(async () => {
      if (server && server.exitCode === null) {
        server.kill("SIGKILL");
        await exited;
      }
    });

    test("sign in on A, write on B, read it on A; sign out on A and the session is dead on B", async ({ page, context, playwright }) => {
      await signIn(page, MURPHY.email);
      const href = await studentHref(page);
      const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;

      // The same browser on host B: signed in there too, and a write there.
      await page.goto(`${B}${href}`);
      const note = page.getByRole("form", { name: "Add a note" });
      const text = `Seen on host B ${Date.now()}`;
      await note.getByLabel("Note", { exact: true }).fill(text);
      await note.getByRole("button", { name: "Add note" }).click();
      await expect(note.getByRole("status")).toHaveText("Note added.");

      // Read back on host A.
      await page.goto(href);
      await expect(page.getByText(text)).toBeVisible();

      // Sign out on A: a copy of the cookie taken before opens nothing on B.
      const copy = await playwright.request.newContext({ baseURL: B, extraHTTPHeaders: { cookie: `${cookie.name}=${cookie.value}` } });
      try {
        expect((await copy.get("/api/exports/students")).status()).toBe(200);
        await page.getByRole("button", { name: "Sign out" }).click();
        await page.waitForURL(/\/signin/);
        expect((await copy.get("/api/exports/students")).status()).toBe(401);
        const caseload = await copy.get("/caseload", { maxRedirects: 0 });
        expect(caseload.headers()["location"] ?? "").toMatch(/\/signin/);
      } finally {
        await copy.dispose();
      }
      await page.goto(`${B}/caseload`);
      await expect(page).toHaveURL(/\/signin/);
    });

    test("a file uploaded on B, which runs no jobs, is imported by A's job runner; B reports its preview", async ({ page }) => {
      test.setTimeout(90_000);
      await useSession(page, "district.admin@demo.credittrack.test");
      const name = `two-hosts-catalog-${Date.now()}.csv`;
      await page.goto(`${B}/imports`);
      await page.getByLabel("What is the file?").selectOption("catalog");
      await page.getByLabel("File (.zip or .csv)").setInputFiles({ name, mimeType: "text/csv", buffer: fs.readFileSync("lib/imports/fixtures/catalog/catalog.csv") });
      await page.getByRole("button", { name: "Preview (dry run)" }).click();
      // B (JOBS=off) only stored the file and reads the run's progress; A's runner took it.
      await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole("table", { name: "What the import would change" })).toBeVisible();
      // The run is one record, the same on either host.
      await page.goto("/imports");
      await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("preview only");
    });

    test("B's health check is ok, says draining after SIGTERM while B still serves, then B closes and exits 0", async ({ playwright, baseURL }) => {
      test.setTimeout(90_000);
      const api = await playwright.request.newContext();
      try {
        const ok = await api.get(`${B}/api/health`);
        expect(ok.status()).toBe(200);
        expect(ok.headers()["cache-control"]).toContain("no-store");
        expect(await ok.json()).toMatchObject({ status: "ok", database: "reachable", migrations: { current: true, pending: 0, unfinished: 0 } });
        expect((await api.head(`${B}/api/health`)).status()).toBe(200); // a balancer's HEAD probe

        server!.kill("SIGTERM");
        let draining = await api.get(`${B}/api/health`);
        for (let i = 0; draining.status() === 200 && i < 20; i++) {
          await new Promise((r) => setTimeout(r, 100));
          draining = await api.get(`${B}/api/health`);
        }
        expect(draining.status()).toBe(503);
        expect(await draining.json()).toMatchObject({ status: "draining" });
        expect(draining.headers()["connection"]).toBe("close");
        // Still serving while it drains.
        expect((await api.get(`${B}/signin`)).status()).toBe(200);

        // Then the port closes and the server exits 0; host A answers on.
        expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r("still running"), 30_000))])).toBe(0);
        await expect(api.get(`${B}/signin`)).rejects.toThrow(/ECONNREFUSED/);
        expect((await api.get(`${baseURL}/api/health`)).status()).toBe(200);
      } finally {
        await api.dispose();
      }
    });
  });
}
