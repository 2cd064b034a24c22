import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

// Runs once after the whole run. A port chosen by playwright.config.ts (no E2E_PORT given) is a
// different one each run, so its database (~90 MB of PGlite, or credittrack_e2e_<port> on
// PostgreSQL — scripts/e2e-server.mjs), landing folder and saved sessions would pile up: removed
// here. With E2E_PORT given they stay, for a look after a failure, and the next run replaces them.
export default async function globalTeardown() {
  const port = process.env.E2E_PORT;
  if (process.env.E2E_PORT_AUTO !== "1" || !port || process.env.E2E_KEEP_DB === "1") return;
  fs.rmSync(path.resolve("playwright/.auth", port), { recursive: true, force: true }); // e2e/fixtures.ts authDir
  fs.rmSync(path.join(os.tmpdir(), `ct-e2e-landing-${port}`), { recursive: true, force: true });
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS credittrack_e2e_${Number(port)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  } else {
    fs.rmSync(path.resolve(`.data/e2e-${port}`), { recursive: true, force: true });
    fs.rmSync(path.resolve(`.data/e2e-${port}.lock`), { force: true });
  }
}
