// `npm run seed [-- --reset] [-- --if-empty] [-- --scale district]`: argv in, seed, counts out.
// Everything else lives in seed.ts; this file only parses flags and closes the database.
import { closeDb } from "@/lib/db";
import { seedDemo, seedDistrict } from "./seed";
import { printDemoLogins } from "./demo-logins";

function parseArgs(argv: string[]) {
  const flags = { reset: false, ifEmpty: false, scale: "demo" as "demo" | "district" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--reset") flags.reset = true;
    else if (a === "--if-empty") flags.ifEmpty = true;
    else if (a === "--scale" || a.startsWith("--scale=")) {
      const v = a.includes("=") ? a.split("=")[1] : argv[++i];
      if (v !== "demo" && v !== "district") throw new Error(`--scale must be "demo" or "district" (got "${v}")`);
      flags.scale = v;
    } else throw new Error(`Unknown flag "${a}". Flags: --reset, --if-empty, --scale demo|district`);
  }
  return flags;
}

async function main() {
  const flags = parseArgs(process.argv.slice(2));
  const run = flags.scale === "district" ? seedDistrict : seedDemo;
  const summary = await run({ reset: flags.reset, ifEmpty: flags.ifEmpty, log: (l) => console.log(l) });
  if (summary.skipped) return;
  console.log(`Seeded in ${summary.seconds.toFixed(1)} s (as of ${summary.asOf}):`);
  for (const [table, n] of Object.entries(summary.counts)) if (n > 0) console.log(`  ${table.padEnd(22)} ${n.toLocaleString("en-US")}`);
  console.log("");
  printDemoLogins();
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
