// `npm run bench`: budgets from the issues, measured on the district-scale data on PostgreSQL
// (./stage.ts: DATABASE_URL, or a throwaway cluster seeded here). The production server listens on
// BENCH_PORT (default 3200); every scripts/bench/<area>.ts runs against it; the table is printed and
// written to bench-results/latest.json (./results.ts: the areas run replace their rows, the others'
// are kept). `--only <area>` runs one area; `--build` rebuilds first; `--scale city` stages the
// 300,000-student city (issue 19) and writes bench-results/city.json.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { WORKER_FLAGS } from "../serve/flags.mjs";
import { makeContext, printTable, type BenchRow } from "./harness";
import { writeResults } from "./results";
import { stageDistrict, stageScaleArg } from "./stage";

// The in-process rows time the server's code as its workers run it: with their Node flags (a
// larger young generation: the city's district views ran ~8% faster with them). Started again
// with the flags when they are missing.
const missing = WORKER_FLAGS.filter((f) => !process.execArgv.includes(f));
if (missing.length > 0) {
  const again = spawnSync(process.execPath, [...process.execArgv, ...missing, process.argv[1], ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(again.status ?? 1);
}

const argv = process.argv.slice(2);
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : null;
const NOT_AREAS = ["index.ts", "harness.ts", "pg.ts", "results.ts", "stage.ts"];

const scale = stageScaleArg(argv);
const stage = await stageDistrict({ port: Number(process.env.BENCH_PORT ?? 3200), rebuild: argv.includes("--build"), scale });
try {
  const rows: BenchRow[] = [];
  const ctx = makeContext(stage.baseURL, db(), rows, scale);
  const dir = import.meta.dirname;
  const areas = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !NOT_AREAS.includes(f) && !f.endsWith(".test.ts"))
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
  console.log(`\n=== Bench results (PostgreSQL, ${scale}-scale data: ${stage.students.toLocaleString("en-US")} students; HTTP = loopback round trip to the production server)`);
  printTable(rows);
  const file = scale === "city" ? "bench-results/city.json" : "bench-results/latest.json";
  writeResults(file, { scale, students: stage.students, areas, rows });
} finally {
  await stage.stop();
}
