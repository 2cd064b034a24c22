import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { stopGraceMs } from "./primary.mjs";
import { tempDir } from "@/lib/test/temp-dir";

// The production server's primary (scripts/serve/primary.mjs) with stand-in workers: a plain
// http.Server on a shared port, one that exits on SIGTERM and one that ignores it (as a worker
// stuck in a request did, keeping the port after `npm start` was stopped).

const dir = tempDir("serve-primary-");
const started: number[] = []; // every process of a run, killed at the end should a test fail midway
afterAll(() => {
  for (const pid of started) if (isAlive(pid)) process.kill(pid, "SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

const primaryModule = path.resolve(import.meta.dirname, "primary.mjs");
const harness = path.join(dir, "harness.mjs");
fs.writeFileSync(
  harness,
  `import cluster from "node:cluster";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { startPrimary } from ${JSON.stringify(primaryModule)};
const [port, mode] = process.argv.slice(2);
if (cluster.isWorker) {
  const server = http.createServer((_req, res) => res.end(String(process.pid)));
  if (mode === "stubborn") process.on("SIGTERM", () => {});
  else process.on("SIGTERM", () => server.close(() => process.exit(143)));
  server.listen(Number(port), "127.0.0.1");
} else {
  startPrimary({ exec: fileURLToPath(import.meta.url), args: [port, mode], workers: 2, graceMs: mode === "stubborn" ? 1500 : 5000 });
}
`,
);

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function run(mode: "polite" | "stubborn") {
  const port = await freePort();
  const child = spawn(process.execPath, [harness, String(port), mode], { stdio: ["ignore", "pipe", "pipe"] });
  started.push(child.pid!);
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; at: number }>((r) => child.on("exit", (code) => r({ code, at: Date.now() })));
  const pids = new Set<number>();
  for (let i = 0; i < 100 && pids.size < 2; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: "close" } });
      pids.add(Number(await res.text()));
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  expect(pids.size, output).toBeGreaterThan(0);
  started.push(...pids);
  const sentAt = Date.now();
  child.kill("SIGTERM");
  const { code, at } = await exited;
  const portFree = await fetch(`http://127.0.0.1:${port}/`).then(
    () => false,
    () => true,
  );
  return { code, seconds: (at - sentAt) / 1000, workersAlive: [...pids].filter(isAlive), portFree, output };
}

describe("stopping the production server", () => {
  it("SIGTERM: workers that finish promptly stop, then the primary (exit 0)", async () => {
    // (A grace of 5 s here: on a loaded machine the workers' exit once took 1.51 s, past the
    // stubborn case's 1.5 s grace, while nothing was killed.)
    const r = await run("polite");
    expect(r.code, r.output).toBe(0);
    expect(r.seconds).toBeLessThan(5);
    expect(r.output).not.toMatch(/killing/);
    expect(r.workersAlive).toEqual([]);
    expect(r.portFree).toBe(true);
  });

  it("SIGTERM: a worker that ignores it is killed after the grace period, and the port is free", async () => {
    const r = await run("stubborn");
    expect(r.code, r.output).toBe(1);
    expect(r.seconds).toBeGreaterThanOrEqual(1.4);
    expect(r.seconds).toBeLessThan(5);
    expect(r.workersAlive).toEqual([]);
    expect(r.portFree).toBe(true);
    expect(r.output).toMatch(/still running 1\.5 s after SIGTERM; killing/);
  });

  it("the grace period is SERVE_STOP_GRACE_SECONDS, 10 s by default", () => {
    expect(stopGraceMs(undefined)).toBe(10_000);
    expect(stopGraceMs("2.5")).toBe(2_500);
    expect(() => stopGraceMs("soon")).toThrow(/SERVE_STOP_GRACE_SECONDS/);
  });
});
