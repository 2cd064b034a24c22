import { defineConfig } from "@playwright/test";
import { chromiumPath } from "./e2e/chromium";
import { portFromEnv } from "./e2e/ports";

// E2E against the production build in Debian's Chromium (never a Playwright browser download).
// E2E_PORT and NEXT_DIST_DIR let parallel runs keep out of each other's way. Without E2E_PORT the
// server takes a free port (the demo, or anything else, may hold 3100), and so do the servers
// two specs start of their own (new-district, crash); the runner picks them once and the workers
// read them from the environment (e2e/ports.ts).
const port = portFromEnv("E2E_PORT", "E2E_PORT_AUTO");
portFromEnv("E2E_NEW_DISTRICT_PORT");
// The second host of e2e/two-hosts.spec.ts (a second production server on the run's database).
portFromEnv("E2E_SECOND_HOST_PORT");
portFromEnv("E2E_CRASH_PORT");
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
  // Each demo user signs in once (e2e/auth.setup.ts) and the specs reuse that session through
  // storageState (e2e/fixtures.ts authFile); a spec that ends or changes a session uses its own user.
  // A spec that sets a district-wide rule every other spec meets (the program quality spec's
  // credit-recovery minimum, which would refuse their same-day completions) runs after them all.
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: /program-quality\.spec\.ts$/ },
    { name: "after", dependencies: ["chromium"], testMatch: /program-quality\.spec\.ts$/ },
  ],
  // An automatically chosen port's database is thrown away at the end (E2E_PORT keeps it to look at).
  globalTeardown: "./e2e/global-teardown.ts",
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
