// The stage the bench and the load test run on: the district-scale data (or, with `--scale city`,
// the city-scale data: prisma/seed/scale.ts) on PostgreSQL and the production build serving it on loopback.
// - DATABASE_URL set: that database, seeded at the scale asked for when it holds fewer students
//   than that scale's floor (STAGE_FLOOR); one holding more than 1.5 × the scale's size is refused
//   (a city-scale database is never benched as the district, nor wiped); unset: a throwaway
//   PostgreSQL 15 cluster under /tmp (./pg.ts), seeded here.
// - The build in NEXT_DIST_DIR (default .next) is made when missing, or always with `rebuild`.
import fs from "node:fs";
import path from "node:path";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { closeDb, db } from "@/lib/db";
import { SCALES } from "../../prisma/seed/scale";
import { startThrowawayCluster } from "./pg";

export type Stage = { baseURL: string; server: ChildProcess; stop: () => Promise<void>; scale: StageScale; students: number };
export type StageScale = "district" | "city";

/** Students the seed writes at a scale (ten cohorts a school: prisma/seed/scale.ts, the one home of the sizes). */
const seeded = (scale: StageScale) => SCALES[scale].schools.reduce((n, s) => n + 5 * s.pastCohort + 5 * s.currentCohort, 0);
/** A stage database with fewer students than the floor (5/6 of the scale's) is not that scale. */
const STAGE_FLOOR = (scale: StageScale) => ({ size: seeded(scale), floor: Math.round((seeded(scale) * 5) / 6) });

/** `--scale district|city` from a script's arguments (default district). */
export function stageScaleArg(argv: string[]): StageScale {
  const i = argv.findIndex((a) => a === "--scale" || a.startsWith("--scale="));
  const v = i < 0 ? "district" : argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
  if (v !== "district" && v !== "city") throw new Error(`--scale must be district or city (got "${v}")`);
  return v;
}

export async function stageDistrict(opts: { port: number; rebuild?: boolean; scale?: StageScale }): Promise<Stage> {
  const scale = opts.scale ?? "district";
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
    let students = await db().student.count();
    const { floor, size } = STAGE_FLOOR(scale);
    // Never wipe more than the bench ever did: a database larger than the scale asked for (a city
    // database asked for as the district, or a district's own data) is refused, not seeded again.
    if (students > size * 1.5)
      throw new Error(
        `the database holds ${students} students, more than the ${scale} scale (${size}): ${scale === "district" ? "run with --scale city, or " : ""}point DATABASE_URL at a database of its own`,
      );
    // Seeded (--reset) only below 50,000 students, as the bench always did; a database between
    // that and the city's floor is refused too when the city is asked for.
    if (students >= 50_000 && students < floor)
      throw new Error(`the database holds ${students} students, fewer than the ${scale} scale (${size}): point DATABASE_URL at a database of its own (it is seeded when empty)`);
    if (students < floor) {
      console.log(`Seeding the ${scale}-scale data (${students} students now)…`);
      const t = Date.now();
      execFileSync("npm", ["run", "--silent", "seed", "--", "--reset", "--scale", scale], { stdio: "inherit" });
      console.log(`Seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      students = await db().student.count();
    }
    const dist = process.env.NEXT_DIST_DIR || ".next";
    if (opts.rebuild || !fs.existsSync(path.join(dist, "BUILD_ID"))) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
    process.env.NEXTAUTH_SECRET ??= "stage-secret-stage-secret-stage-secret";
    const env = { ...process.env, NEXTAUTH_URL: baseURL };
    server = spawn("node", ["scripts/serve.mjs", "-p", String(opts.port), "-H", "127.0.0.1"], { env, stdio: "ignore", detached: true });
    await waitFor(`${baseURL}/signin`);
    return { baseURL, server, stop, scale, students };
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
