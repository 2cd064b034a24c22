// The primary process of the production server (scripts/serve.mjs): forks the workers, replaces a
// worker that dies, and stops them all on SIGINT/SIGTERM.
import cluster from "node:cluster";

/** How long the workers get to finish their requests after SIGINT/SIGTERM before they are killed. */
export function stopGraceMs(raw = process.env.SERVE_STOP_GRACE_SECONDS) {
  const s = raw === undefined || raw.trim() === "" ? 10 : Number(raw);
  if (!Number.isFinite(s) || s < 0) throw new Error(`SERVE_STOP_GRACE_SECONDS must be a number of seconds ≥ 0, not "${raw}"`);
  return s * 1000;
}

/**
 * How long a worker keeps serving after SIGINT/SIGTERM before it stops accepting (SERVE_DRAIN_SECONDS,
 * default 0): meanwhile /api/health answers 503 "draining" and every response closes its connection,
 * so a load balancer polling it takes this host out before its port closes. Set it to the balancer's
 * check interval × its unhealthy threshold.
 */
export function drainMs(raw = process.env.SERVE_DRAIN_SECONDS) {
  const s = raw === undefined || raw.trim() === "" ? 0 : Number(raw);
  if (!Number.isFinite(s) || s < 0) throw new Error(`SERVE_DRAIN_SECONDS must be a number of seconds ≥ 0, not "${raw}"`);
  return s * 1000;
}

/** The origin a listening address is reached at (a wildcard address reads as localhost). */
export function listeningOrigin(address) {
  const host = address.address && address.address !== "::" && address.address !== "0.0.0.0" ? address.address : "localhost";
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
}

/**
 * - Forks `workers` processes running `exec` (with `args` and `execArgv`).
 * - A worker that dies is replaced, unless workers keep dying within seconds of starting: then the
 *   server stops, so a broken configuration fails loudly instead of looping.
 * - SIGINT/SIGTERM are passed to the workers, which finish their requests in flight and exit; a
 *   worker still alive after `graceMs` (one stuck in a request or in a busy loop, which once kept
 *   holding the port after `npm start` was stopped) is sent SIGKILL, and the primary exits with 1.
 */
export function startPrimary({ exec, args = [], execArgv = process.execArgv, workers, graceMs = stopGraceMs(), describe = "" }) {
  cluster.setupPrimary({ exec, args, execArgv });

  let stopping = false;
  const quickDeaths = [];
  const alive = () => Object.values(cluster.workers ?? {}).filter(Boolean);
  function fork() {
    const worker = cluster.fork();
    worker.startedAt = Date.now();
    return worker;
  }

  function stop(signal, code) {
    if (stopping) return;
    stopping = true;
    let exitCode = code;
    const workersNow = alive();
    if (workersNow.length === 0) process.exit(exitCode);
    cluster.on("exit", () => {
      if (alive().length === 0) process.exit(exitCode);
    });
    for (const w of workersNow) w.process.kill(signal);
    setTimeout(() => {
      const stuck = alive();
      if (stuck.length === 0) return;
      console.error(`Server worker${stuck.length === 1 ? "" : "s"} ${stuck.map((w) => w.process.pid).join(", ")} still running ${graceMs / 1000} s after ${signal}; killing.`);
      exitCode = 1;
      for (const w of stuck) w.process.kill("SIGKILL");
      // The exit events end the primary; should one never come, do not hang around either.
      setTimeout(() => process.exit(exitCode), 2_000);
    }, graceMs);
  }

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    if (now - worker.startedAt < 10_000) quickDeaths.push(now);
    if (quickDeaths.filter((t) => now - t < 60_000).length >= 3) {
      console.error(`Server workers keep exiting right after start (last: ${signal ?? `exit ${code}`}); stopping.`);
      stop("SIGTERM", 1);
      return;
    }
    console.warn(`Server worker ${worker.process.pid} exited (${signal ?? `exit ${code}`}); starting another.`);
    fork();
  });

  cluster.once("listening", (_worker, address) => {
    console.log(`Listening on ${listeningOrigin(address)}`);
  });

  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(signal, 0));

  for (let i = 0; i < workers; i++) fork();
  console.log(`CreditTrack server: ${workers} worker${workers === 1 ? "" : "s"}${describe ? ` (${describe})` : ""}`);
}
