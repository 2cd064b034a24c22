// The server Playwright tests run against: a fresh database seeded with the demo district, and the
// production build (built here only when missing). PostgreSQL when DATABASE_URL is set (a database
// of its own, recreated each run), otherwise a PGlite folder of its own under .data/.
// E2E_EMPTY=1: the same, but migrated only and never seeded — a new district's first start
// (e2e/new-district.spec.ts starts one on a port of its own and reads the setup token it logs).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureSecret, migrateDeploy, npx, run } from "./lib.mjs";

const port = process.env.E2E_PORT ?? "3100";
const dist = process.env.NEXT_DIST_DIR || ".next";
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NEXTAUTH_URL = `http://127.0.0.1:${port}`;
ensureSecret();
const keep = process.env.E2E_KEEP_DB === "1";
const empty = process.env.E2E_EMPTY === "1";

// Database administration (the e2e run's own database, dropped and made afresh): on the typed
// boundary's allow-list (lib/sql/db.ts), which runs the app's statements on the app's database.
if (process.env.DATABASE_URL) {
  const base = new URL(process.env.DATABASE_URL);
  const name = `credittrack_e2e_${port}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  if (!keep) {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  base.pathname = `/${name}`;
  process.env.DATABASE_URL = base.toString();
} else {
  const dir = path.resolve(`.data/e2e-${port}`);
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  process.env.PGLITE_DIR = dir;
}

if (!keep) {
  await migrateDeploy({ quiet: true });
  if (!empty) await run("npm", ["run", "--silent", "seed"]);
}
// Scheduled imports (e2e/landing-folder.spec.ts): the landing folder a spec may set on Settings is
// this fresh folder (IMPORT_LANDING_ROOT confines it), looked at every 2 s with 300 ms between the
// two looks at a file's size. The spec computes the same path from E2E_PORT.
const landing = path.join(os.tmpdir(), `ct-e2e-landing-${port}`);
fs.rmSync(landing, { recursive: true, force: true });
fs.mkdirSync(landing, { recursive: true });
process.env.IMPORT_LANDING_ROOT = landing;
process.env.IMPORT_LANDING_INTERVAL_SECONDS ??= "2";
process.env.IMPORT_LANDING_SETTLE_MS ??= "300";
// The demo users sign in once per run (e2e/auth.setup.ts) and specs reuse those sessions: on a busy
// machine a run can outlast the default 60-minute idle timeout of a user no spec has used lately.
process.env.SESSION_IDLE_MINUTES ??= "480";

if (!fs.existsSync(path.join(dist, "BUILD_ID"))) await npx(["next", "build"]);
await run("node", ["scripts/serve.mjs", "-p", port, "-H", "127.0.0.1"]);
