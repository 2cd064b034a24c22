import { defineConfig } from "@playwright/test";
import { chromiumPath } from "./e2e/chromium";

// E2E against the production build in Debian's Chromium (never a Playwright browser download).
// E2E_PORT and NEXT_DIST_DIR let parallel runs keep out of each other's way.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Refuse to seed over a database that is not on this machine.
if (process.env.DATABASE_URL && !/@(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(process.env.DATABASE_URL)) {
  throw new Error("E2E tests recreate their database: DATABASE_URL must point at a local server.");
}

export default defineConfig({
  testDir: "e2e",
  // One output folder per port, so parallel runs do not wipe each other's artefacts.
  outputDir: `test-results/${port}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/signin`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { ...(process.env as Record<string, string>), E2E_PORT: String(port) },
  },
});
