import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { checkConnectionBudget } from "./budget.mjs";

// The start-up check against a real PostgreSQL server (CI's throwaway cluster, max_connections
// 200): it reads the server's limits, and the server refuses to start on a budget that does not
// fit, before any worker opens a connection. Only with DATABASE_URL.
const url = process.env.DATABASE_URL;

describe.runIf(!!url)("the connection budget against the server", () => {
  it("reads max_connections and the reserved connections", async () => {
    const b = await checkConnectionBudget(url!, { workers: 2, jobs: true }, {});
    const max = Number(/max_connections (\d+)/.exec(b.line)![1]);
    const reserved = Number(/− (\d+) reserved/.exec(b.line)![1]);
    expect(max).toBeGreaterThan(0);
    expect(reserved).toBeGreaterThanOrEqual(0);
    expect(b.limit).toBe(max - reserved - 10);
    expect(b.pool).toBe(Math.min(10, Math.floor(b.limit / 2) - 2));
  });

  it("npm start refuses a DATABASE_POOL that does not fit, with the figures", async () => {
    const run = promisify(execFile)("node", ["scripts/serve.mjs", "-p", "0"], {
      env: { ...process.env, DATABASE_URL: url, DATABASE_POOL: "100000", WEB_CONCURRENCY: "2" },
      timeout: 30_000,
    });
    const failure = await run.then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/connection budget does not fit: 1 host × 2 workers × \(100000 pooled \+ 2 jobs\) = 200004 connections of \d+/);
  });
});
