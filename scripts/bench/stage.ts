// The stage the bench and the load test run on: the district-scale data on PostgreSQL and the
// production build serving it on loopback.
// - DATABASE_URL set: that database (seeded at district scale when it holds < 50,000 students);
//   unset: a throwaway PostgreSQL 15 cluster under /tmp (./pg.ts), seeded here.
// - The build in NEXT_DIST_DIR (default .next) is made when missing, or always with `rebuild`.
import fs from "node:fs";
import path from "node:path";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { closeDb, db } from "@/lib/db";
import { startThrowawayCluster } from "./pg";

export type Stage = { baseURL: string; server: ChildProcess; stop: () => Promise<void> };

export async function stageDistrict(opts: { port: number; rebuild?: boolean }): Promise<Stage> {
  const baseURL = `http://127.0.0.1:${opts.port}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  let stopCluster: (() => void) | undefined;
  let server: ChildProcess | undefined;
  const stop = async () => {
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await closeDb();
    stopCluster?.();
  };
  try {
    if (!process.env.DATABASE_URL) {
      const cluster = startThrowawayCluster();
      stopCluster = cluster.stop;
      process.env.DATABASE_URL = cluster.url;
    }
    execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });
    const students = await db().student.count();
    if (students < 50_000) {
      console.log(`Seeding the district-scale data (${students} students now)…`);
      const t = Date.now();
      execFileSync("npm", ["run", "--silent", "seed", "--", "--reset", "--scale", "district"], { stdio: "inherit" });
      console.log(`Seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    const dist = process.env.NEXT_DIST_DIR || ".next";
    if (opts.rebuild || !fs.existsSync(path.join(dist, "BUILD_ID"))) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
    process.env.NEXTAUTH_SECRET ??= "stage-secret-stage-secret-stage-secret";
    const env = { ...process.env, NEXTAUTH_URL: baseURL };
    server = spawn("node", ["scripts/serve.mjs", "-p", String(opts.port), "-H", "127.0.0.1"], { env, stdio: "ignore", detached: true });
    await waitFor(`${baseURL}/signin`);
    return { baseURL, server, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function waitFor(url: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not start at ${url}`);
}
