// The production server: `next start` in worker processes (node:cluster) sharing one port, with
// the server's Node flags. Used by `npm start`, `npm run demo`, the e2e server and bench/load staging.
// - Workers: WEB_CONCURRENCY, or by default one per CPU core on a PostgreSQL server and exactly
//   one on the embedded database (PGlite: one process may open its data folder at a time).
//   Measured with `npm run load` on the 2-core machine: a single process saturated at ~25 requests/s.
// - A worker that dies is replaced (unless the workers keep dying within seconds of starting:
//   then the server stops, so a broken configuration fails loudly instead of looping).
// - SIGINT/SIGTERM stop the workers and then the primary; a worker whose primary is gone exits too
//   (the primary owns the listening socket, so an orphaned worker could serve nobody).
// Arguments are `next start`'s (e.g. -p 3000 -H 127.0.0.1).
import cluster from "node:cluster";
import os from "node:os";
import { createRequire } from "node:module";

/**
 * Node flags of each worker: a larger young generation (64 MB semi-spaces instead of 16) so the
 * many short-lived objects of concurrent page renders die in fewer, cheaper scavenges. Measured
 * with `npm run load` (200 counselors, a click every ~20 s): p95 1,154 ms → 323 ms.
 */
const WORKER_FLAGS = ["--max-semi-space-size=64"];

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

if (cluster.isWorker) {
  process.on("disconnect", () => process.exit(1));
  process.argv = [process.argv[0], nextBin, "start", ...process.argv.slice(2)];
  await import(nextBin);
} else {
  startPrimary();
}

function startPrimary() {
  const embedded = !process.env.DATABASE_URL;
  const workers = embedded ? 1 : Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());

  cluster.setupPrimary({ args: process.argv.slice(2), execArgv: [...process.execArgv, ...WORKER_FLAGS] });

  let stopping = false;
  const quickDeaths = [];
  function fork() {
    const worker = cluster.fork();
    worker.startedAt = Date.now();
    return worker;
  }

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const now = Date.now();
    if (now - worker.startedAt < 10_000) quickDeaths.push(now);
    if (quickDeaths.filter((t) => now - t < 60_000).length >= 3) {
      console.error(`Server workers keep exiting right after start (last: ${signal ?? `exit ${code}`}); stopping.`);
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      process.exit(1);
    }
    console.warn(`Server worker ${worker.process.pid} exited (${signal ?? `exit ${code}`}); starting another.`);
    fork();
  });

  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const alive = Object.values(cluster.workers ?? {});
      if (alive.length === 0) process.exit(0);
      for (const w of alive) w?.process.kill(signal);
    });
  }

  for (let i = 0; i < workers; i++) fork();
  console.log(`CreditTrack server: ${workers} worker${workers === 1 ? "" : "s"} (${embedded ? "embedded database" : "PostgreSQL"})`);
}
