// `npm run bench`: budgets from the issues, measured on the district-scale data on PostgreSQL.
// - DATABASE_URL set: that database (seeded with `npm run seed -- --scale district` here when it
//   holds fewer than 50,000 students);
// - unset: a throwaway PostgreSQL 15 cluster under /tmp (like .ci/run), seeded at district scale.
// Starts the production build on port BENCH_PORT (default 3200), runs every scripts/bench/<area>.ts,
// prints the table and writes bench-results/latest.json. `--only <area>` runs one area.
import fs from "node:fs";
import path from "node:path";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { closeDb, db } from "@/lib/db";
import { makeContext, printTable, type BenchRow } from "./harness";
import { startThrowawayCluster } from "./pg";

const argv = process.argv.slice(2);
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : null;
const port = Number(process.env.BENCH_PORT ?? 3200);
const baseURL = `http://127.0.0.1:${port}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";

const running: { stopCluster?: () => void; server?: ChildProcess } = {};

async function main() {
  if (!process.env.DATABASE_URL) {
    const cluster = startThrowawayCluster();
    running.stopCluster = cluster.stop;
    process.env.DATABASE_URL = cluster.url;
  }
  const env = { ...process.env };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"], env });
  const students = await db().student.count();
  if (students < 50_000) {
    console.log(`Seeding the district-scale data (${students} students now)…`);
    const t = Date.now();
    execFileSync("npm", ["run", "--silent", "seed", "--", "--reset", "--scale", "district"], { stdio: "inherit", env });
    console.log(`Seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const dist = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(dist, "BUILD_ID")) || argv.includes("--build")) {
    execFileSync("npx", ["next", "build"], { stdio: "inherit", env });
  }
  env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  env.NEXTAUTH_URL = baseURL;
  process.env.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET;
  running.server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: "ignore", detached: true });
  await waitFor(`${baseURL}/signin`);

  const rows: BenchRow[] = [];
  const ctx = makeContext(baseURL, db(), rows);
  const dir = import.meta.dirname;
  const areas = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !["index.ts", "harness.ts", "pg.ts"].includes(f) && !f.endsWith(".test.ts"))
    .map((f) => f.replace(/\.ts$/, ""))
    .filter((a) => !only || a === only)
    .sort();
  for (const area of areas) {
    console.log(`\n--- ${area}`);
    const mod = (await import(path.join(dir, `${area}.ts`))) as { default: (c: typeof ctx) => Promise<void> };
    try {
      await mod.default(ctx);
    } catch (e) {
      rows.push({ area, name: "ERROR", note: (e as Error).message });
    }
  }
  console.log("\n=== Bench results (PostgreSQL, district-scale data; HTTP = loopback round trip to the production server)");
  printTable(rows);
  fs.mkdirSync("bench-results", { recursive: true });
  fs.writeFileSync("bench-results/latest.json", JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
}

async function waitFor(url: string) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not start at ${url}`);
}

try {
  await main();
} finally {
  const pid = running.server?.pid;
  if (pid) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await closeDb();
  running.stopCluster?.();
}
