import { defineConfig } from "vitest/config";
import path from "node:path";

// Unit tests (`*.test.ts`) sit beside their source in lib/; integration tests (`*.int.test.ts`)
// use a real database: a fresh PostgreSQL database per file when DATABASE_URL is set, an
// in-memory PGlite otherwise (lib/test/db.ts).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "lib/test/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    // On PostgreSQL: one migrated template per run, copied by each integration-test file.
    globalSetup: ["lib/test/global-setup.ts"],
    // Removes the temporary folders each test file made (lib/test/temp-dir.ts).
    setupFiles: ["lib/test/setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
    // Tests write their "today" in the default district zone (lib/time.ts), whatever the shell says.
    env: { DISTRICT_TIME_ZONE: "America/New_York" },
  },
});
