import { execFileSync } from "node:child_process";

// A TCP port nothing listens on now, found by binding port 0 in a child process: Playwright loads
// its config synchronously, in the runner and again in each worker, so the runner picks once and
// hands the number to the workers (and the web server) through the environment.
const PROBE = `const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})`;

export function freePort(): number {
  return Number(execFileSync(process.execPath, ["-e", PROBE], { encoding: "utf8" }));
}

/**
 * The port in `name` when it is set; otherwise a free one, written to `name` (and `auto` to "1")
 * so that every later reader of the environment — workers, the web server — gets the same one.
 */
export function portFromEnv(name: string, auto?: string): number {
  if (!process.env[name]) {
    process.env[name] = String(freePort());
    if (auto) process.env[auto] = "1";
  }
  return Number(process.env[name]);
}
