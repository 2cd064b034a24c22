// The production server: Next in worker processes (node:cluster) sharing one port, with the
// server's Node flags. Used by `npm start`, `npm run demo`, the e2e server and bench/load staging.
// - Each worker is a small custom server around Next's request handler (./serve/worker.mjs): it
//   sets X-Forwarded-For/-Proto/-Host itself (TRUSTED_PROXIES, ./serve/request.mjs) before Next
//   sees a request; `next start` kept a client's X-Forwarded-For, which sign-in throttling keys on.
// - Workers: WEB_CONCURRENCY, or by default one per CPU core on a PostgreSQL server and exactly
//   one on the embedded database (PGlite: one process may open its data folder at a time).
//   Measured with `npm run load` on the 2-core machine: a single process saturated at ~25 requests/s.
// - A worker that dies is replaced (unless the workers keep dying within seconds of starting:
//   then the server stops, so a broken configuration fails loudly instead of looping).
// - SIGINT/SIGTERM stop the workers and then the primary: each worker drains for
//   SERVE_DRAIN_SECONDS (0; /api/health says "draining" meanwhile), stops accepting and finishes
//   its requests; one still running SERVE_STOP_GRACE_SECONDS (10) after that is killed. A worker whose primary is gone exits too (the primary
//   owns the listening socket, so an orphaned worker could serve nobody).
// - While no district administrator exists, the start-up log prints a new one-time setup token and
//   the /setup link (./serve/setup-token.mjs).
// Arguments as `next start`'s: -p PORT, -H HOST, --keepAliveTimeout MS, [folder].
import cluster from "node:cluster";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseServeArgs, trustedProxies } from "./serve/request.mjs";
import { drainMs, listeningOrigin, startPrimary, stopGraceMs } from "./serve/primary.mjs";
import { setupTokenLines, startupSetupToken } from "./serve/setup-token.mjs";
import { checkConnectionBudget } from "../lib/sql/budget.mjs";
import { WORKER_FLAGS } from "./serve/flags.mjs";

if (cluster.isWorker) {
  process.on("disconnect", () => process.exit(1));
  const { startWorker } = await import("./serve/worker.mjs");
  await startWorker(process.argv.slice(2));
} else {
  const args = process.argv.slice(2);
  let graceMs;
  try {
    parseServeArgs(args);
    trustedProxies();
    // The workers drain first (SERVE_DRAIN_SECONDS), then get the grace to finish.
    graceMs = drainMs() + stopGraceMs();
    if ((process.env.DATABASE_POOLER ?? "").trim().toLowerCase() === "transaction" && !process.env.DATABASE_DIRECT_URL) {
      throw new Error(
        "DATABASE_POOLER=transaction needs DATABASE_DIRECT_URL: a direct connection to PostgreSQL, past the pooler, for migrations, jobs and locks (README: Several hosts and a pooler).",
      );
    }
  } catch (e) {
    console.error(`serve.mjs: ${e.message}`);
    process.exit(2);
  }
  const embedded = !process.env.DATABASE_URL;
  // A fresh install (no district administrator yet): a new one-time setup token, printed once the
  // server listens, so only whoever reads this log can open /setup.
  let setup = null;
  try {
    setup = await startupSetupToken();
  } catch (e) {
    console.error(e.name === "DatabaseInUseError" ? e.message : `serve.mjs: could not check whether the district is set up: ${e.message}`);
    process.exit(1);
  }
  const workers = embedded ? 1 : Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());
  if (!embedded) {
    // The connection budget (lib/sql/budget.mjs): checked against the server before any worker
    // starts; the pool size it chooses is inherited by the workers through DATABASE_POOL.
    try {
      // The server's limits are read past any pooler (DATABASE_DIRECT_URL: lib/dbconfig.ts directUrl).
      const budget = await checkConnectionBudget(process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL, { workers, jobs: process.env.JOBS !== "off" });
      process.env.DATABASE_POOL = String(budget.pool);
      console.log(`Database connections: ${budget.line}`);
    } catch (e) {
      console.error(`serve.mjs: ${e.message}`);
      process.exit(1);
    }
  }
  startPrimary({
    exec: fileURLToPath(import.meta.url),
    args,
    execArgv: [...process.execArgv, ...WORKER_FLAGS],
    workers,
    graceMs,
    describe: embedded ? "embedded database" : "PostgreSQL",
  });
  // After startPrimary, so the lines follow its "Listening on …".
  if (setup) {
    cluster.once("listening", (_worker, address) => {
      const origin = process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : listeningOrigin(address);
      for (const line of setupTokenLines(setup.token, origin)) console.log(line);
    });
  }
}
